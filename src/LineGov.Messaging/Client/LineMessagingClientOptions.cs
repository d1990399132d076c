namespace LineGov.Messaging;

/// <summary>Where <see cref="LineMessagingClient"/> sends requests. Point both at the emulator in tests.</summary>
public sealed class LineMessagingClientOptions
{
    /// <summary>The default of <see cref="ApiBaseUri"/>.</summary>
    public static readonly Uri DefaultApiBaseUri = new("https://api.line.me/");

    /// <summary>The default of <see cref="DataApiBaseUri"/>.</summary>
    public static readonly Uri DefaultDataApiBaseUri = new("https://api-data.line.me/");

    /// <summary>Base of the Messaging API (<c>https://api.line.me/</c>). Absolute; a path prefix is kept.</summary>
    public Uri ApiBaseUri { get; set; } = DefaultApiBaseUri;

    /// <summary>Base of content, rich menu image and audience file endpoints (<c>https://api-data.line.me/</c>).</summary>
    public Uri DataApiBaseUri { get; set; } = DefaultDataApiBaseUri;
}
