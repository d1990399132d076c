namespace LineGov.Messaging;

/// <summary>
/// Gives the channel access token for each request. Implementations cache and refresh as their token kind needs
/// (long-lived, v2.1 from a JWT assertion, stateless); they must be thread-safe, and concurrent callers of a refresh
/// share one request. Tokens are secrets: never log them.
/// </summary>
public interface ILineChannelAccessTokenProvider
{
    /// <summary>A token valid now.</summary>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken = default);

    /// <summary>Tells the provider LINE refused <paramref name="token"/> (401), so the next call gets a fresh one.</summary>
    void Invalidate(string token);
}

/// <summary>A long-lived channel access token issued in the LINE Developers console.</summary>
public sealed class StaticLineChannelAccessTokenProvider : ILineChannelAccessTokenProvider
{
    private readonly string _token;

    /// <summary>Creates the provider.</summary>
    public StaticLineChannelAccessTokenProvider(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token;
    }

    /// <inheritdoc />
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_token);
    }

    /// <inheritdoc />
    public void Invalidate(string token)
    {
        // A long-lived token cannot be renewed here; the next request fails the same way and says so.
    }

    /// <summary>Returns a redacted description: the token is a secret.</summary>
    public override string ToString() => "StaticLineChannelAccessTokenProvider { (token redacted) }";
}
