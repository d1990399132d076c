namespace LineGov.Messaging;

/// <summary>Settings of LineGov.Messaging when registered with <c>AddLineGovMessaging</c>; bindable from configuration.</summary>
public sealed class LineMessagingOptions
{
    /// <summary>A long-lived channel access token; leave empty when you register an <see cref="ILineChannelAccessTokenProvider"/>. A secret: keep it out of logs and source.</summary>
    public string? ChannelAccessToken { get; set; }

    /// <summary>The Messaging API host. Default: https://api.line.me/ (point it at the emulator in tests).</summary>
    public Uri ApiBaseUri { get; set; } = new("https://api.line.me/");

    /// <summary>The host for content, rich-menu images and audience files. Default: https://api-data.line.me/.</summary>
    public Uri DataApiBaseUri { get; set; } = new("https://api-data.line.me/");

    /// <summary>Retries, timeouts and client-side rate limits.</summary>
    public LineResilienceOptions Resilience { get; } = new();
}
