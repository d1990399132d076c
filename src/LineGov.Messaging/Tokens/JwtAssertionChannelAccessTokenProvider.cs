using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LineGov.Messaging;

/// <summary>
/// Channel access tokens v2.1: issues a token from a JWT assertion signed RS256 with your Assertion Signing Key
/// (<c>POST /oauth2/v2.1/token</c>), caches it, and replaces it shortly before it expires. Thread-safe; concurrent
/// callers share one request. Tokens and keys are never logged.
/// </summary>
/// <example>
/// <code>
/// var provider = new JwtAssertionChannelAccessTokenProvider(httpClient, new JwtAssertionChannelAccessTokenOptions
/// {
///     ChannelId = "1234567890",
///     KeyId = "sDTOzw5wIfWxxxxzcmeQA",
///     PrivateKeyJwk = privateJwkJson,
/// });
/// var token = await provider.GetTokenAsync(cancellationToken);
/// </code>
/// </example>
public sealed class JwtAssertionChannelAccessTokenProvider : ILineChannelAccessTokenProvider, IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> the DI registration uses.</summary>
    public const string HttpClientName = "LineGov.Messaging.ChannelAccessToken";

    private const string EndpointName = "POST /oauth2/v2.1/token";

    private readonly HttpClient _httpClient;
    private readonly JwtAssertionChannelAccessTokenOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly LineAssertionSigner _signer;
    private readonly Uri _endpoint;
    private readonly ChannelAccessTokenCache _cache;

    /// <summary>Creates the provider.</summary>
    /// <param name="httpClient">The client to reach LINE with (from <see cref="IHttpClientFactory"/> or your own).</param>
    /// <param name="options">The channel and its Assertion Signing Key; validated here.</param>
    /// <param name="timeProvider">The clock. Default <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Where to log issuance and failures (never the token).</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="ArgumentException">The private key cannot be read.</exception>
    public JwtAssertionChannelAccessTokenProvider(
        HttpClient httpClient,
        JwtAssertionChannelAccessTokenOptions options,
        TimeProvider? timeProvider = null,
        ILogger<JwtAssertionChannelAccessTokenProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        TokenOptionChecks.ThrowIfInvalid(new JwtAssertionChannelAccessTokenOptionsValidator(), options);
        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _signer = LineAssertionSigner.Create(options.ChannelId, options.KeyId, options.PrivateKeyJwk, options.PrivateKeyPem);
        _endpoint = TokenOptionChecks.Endpoint(options.BaseAddress, "oauth2/v2.1/token");
        _cache = new ChannelAccessTokenCache(
            IssueAsync,
            _timeProvider,
            options.RefreshBefore,
            options.RequestTimeout,
            options.RetryAfterFailure,
            (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <inheritdoc />
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken = default) => _cache.GetTokenAsync(cancellationToken);

    /// <inheritdoc />
    public void Invalidate(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        _cache.Invalidate(token);
    }

    /// <summary>Releases the private key.</summary>
    public void Dispose() => _signer.Dispose();

    /// <summary>Returns a redacted description: tokens and keys are secrets.</summary>
    public override string ToString() => "JwtAssertionChannelAccessTokenProvider { (token and key redacted) }";

    private Task<IssuedChannelAccessToken> IssueAsync(CancellationToken cancellationToken)
    {
        var assertion = _signer.Create(_timeProvider.GetUtcNow(), _options.AssertionLifetime, _options.TokenLifetime);
        KeyValuePair<string, string>[] form =
        [
            new("grant_type", "client_credentials"),
            new("client_assertion_type", ChannelAccessTokenEndpoint.ClientAssertionType),
            new("client_assertion", assertion),
        ];
        return ChannelAccessTokenEndpoint.IssueAsync(_httpClient, _endpoint, EndpointName, form, _timeProvider, cancellationToken);
    }
}
