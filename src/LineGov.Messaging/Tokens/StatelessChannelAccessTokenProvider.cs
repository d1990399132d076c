using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LineGov.Messaging;

/// <summary>
/// Stateless channel access tokens (<c>POST /oauth2/v3/token</c>): valid 15 minutes, no limit on how many are issued,
/// cannot be revoked. Issued with the channel secret or a JWT assertion, cached, and replaced shortly before expiry.
/// Thread-safe; concurrent callers share one request. Tokens and secrets are never logged.
/// </summary>
public sealed class StatelessChannelAccessTokenProvider : ILineChannelAccessTokenProvider, IDisposable
{
    private const string EndpointName = "POST /oauth2/v3/token";

    /// <summary>The <c>token_exp</c> put in an assertion: a stateless token lives 15 minutes.</summary>
    private static readonly TimeSpan StatelessLifetime = TimeSpan.FromMinutes(15);

    private readonly HttpClient _httpClient;
    private readonly StatelessChannelAccessTokenOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly LineAssertionSigner? _signer;
    private readonly Uri _endpoint;
    private readonly ChannelAccessTokenCache _cache;

    /// <summary>Creates the provider.</summary>
    /// <param name="httpClient">The client to reach LINE with.</param>
    /// <param name="options">The channel and its credentials; validated here.</param>
    /// <param name="timeProvider">The clock. Default <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Where to log issuance and failures (never the token).</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="ArgumentException">The private key cannot be read.</exception>
    public StatelessChannelAccessTokenProvider(
        HttpClient httpClient,
        StatelessChannelAccessTokenOptions options,
        TimeProvider? timeProvider = null,
        ILogger<StatelessChannelAccessTokenProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        TokenOptionChecks.ThrowIfInvalid(new StatelessChannelAccessTokenOptionsValidator(), options);
        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _signer = options.UsesAssertion
            ? LineAssertionSigner.Create(options.ChannelId, options.KeyId, options.PrivateKeyJwk, options.PrivateKeyPem)
            : null;
        _endpoint = TokenOptionChecks.Endpoint(options.BaseAddress, "oauth2/v3/token");
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

    /// <summary>Releases the private key, if any.</summary>
    public void Dispose() => _signer?.Dispose();

    /// <summary>Returns a redacted description: tokens and secrets are secrets.</summary>
    public override string ToString() => "StatelessChannelAccessTokenProvider { (token and credentials redacted) }";

    private Task<IssuedChannelAccessToken> IssueAsync(CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] form = _signer is null
            ?
            [
                new("grant_type", "client_credentials"),
                new("client_id", _options.ChannelId),
                new("client_secret", _options.ChannelSecret!),
            ]
            :
            [
                new("grant_type", "client_credentials"),
                new("client_assertion_type", ChannelAccessTokenEndpoint.ClientAssertionType),
                new("client_assertion", _signer.Create(_timeProvider.GetUtcNow(), _options.AssertionLifetime, StatelessLifetime)),
            ];
        return ChannelAccessTokenEndpoint.IssueAsync(_httpClient, _endpoint, EndpointName, form, _timeProvider, cancellationToken);
    }
}
