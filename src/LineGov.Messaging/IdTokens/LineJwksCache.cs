using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace LineGov.Messaging;

/// <summary>
/// LINE's ES256 signing keys (a JWKS), fetched once, reused for <c>JwksCacheDuration</c>, and fetched again early only
/// when a token names an unknown <c>kid</c>, at most once per <c>JwksRefreshInterval</c>. Concurrent fetches are shared.
/// </summary>
internal sealed partial class LineJwksCache
{
    private const int MaxJwksBytes = 256 * 1024;
    private const string EndpointName = "GET /oauth2/v2.1/certs";

    private readonly HttpClient _httpClient;
    private readonly LineIdTokenVerifierOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private Task<Snapshot>? _flight;
    private long _lastAttemptUtcTicks;

    public LineJwksCache(HttpClient httpClient, LineIdTokenVerifierOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The key named <paramref name="kid"/>, or <see langword="null"/> when LINE does not publish it.</summary>
    /// <exception cref="LineApiException">No key set could be fetched at all.</exception>
    public async ValueTask<SecurityKey?> FindAsync(string kid, CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var now = _timeProvider.GetUtcNow();
        if (snapshot is null || now >= snapshot.FetchedAt + _options.JwksCacheDuration)
        {
            snapshot = await FetchOrStaleAsync(snapshot, cancellationToken).ConfigureAwait(false);
        }

        if (snapshot.Keys.TryGetValue(kid, out var key))
        {
            return key;
        }

        // An unknown kid: LINE may have rotated its keys, or the token is forged. Fetch again, but not more often
        // than the refresh interval, whoever asks.
        if (now.UtcTicks - Volatile.Read(ref _lastAttemptUtcTicks) < _options.JwksRefreshInterval.Ticks)
        {
            return null;
        }

        snapshot = await FetchOrStaleAsync(snapshot, cancellationToken).ConfigureAwait(false);
        return snapshot.Keys.GetValueOrDefault(kid);
    }

    private async ValueTask<Snapshot> FetchOrStaleAsync(Snapshot? stale, CancellationToken cancellationToken)
    {
        try
        {
            return await JoinOrStart().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (LineApiException) when (stale is not null)
        {
            // LINE's keys rarely change: keep verifying with the last good set until a fetch succeeds.
            return stale;
        }
    }

    private Task<Snapshot> JoinOrStart()
    {
        TaskCompletionSource<Snapshot> completion;
        lock (_gate)
        {
            if (_flight is { } flight)
            {
                return flight;
            }

            completion = new TaskCompletionSource<Snapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
            _flight = completion.Task;
            Volatile.Write(ref _lastAttemptUtcTicks, _timeProvider.GetUtcNow().UtcTicks);
        }

        _ = RunAsync(completion);
        return completion.Task;
    }

    private async Task RunAsync(TaskCompletionSource<Snapshot> completion)
    {
        try
        {
            Snapshot snapshot;
            using (var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider))
            {
                try
                {
                    snapshot = await FetchAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
                {
                    throw new LineApiException("LINE's key set (JWKS) did not arrive in time.", e);
                }
            }

            lock (_gate)
            {
                _snapshot = snapshot;
                _flight = null;
            }

            LogFetched(_logger, snapshot.Keys.Count);
            completion.SetResult(snapshot);
        }
#pragma warning disable CA1031 // Every waiter must be released with the failure, whatever it was.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var failure = e as LineApiException ?? new LineApiException("LINE's key set (JWKS) could not be fetched.", e);
            lock (_gate)
            {
                _flight = null;
            }

            LogFetchFailed(_logger, failure.StatusCode == default ? null : (int)failure.StatusCode);
            completion.SetException(failure);
        }
    }

    private async Task<Snapshot> FetchAsync(CancellationToken cancellationToken)
    {
        var fetchedAt = _timeProvider.GetUtcNow();
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.GetAsync(_options.JwksUri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new LineApiException("LINE's key set (JWKS) could not be reached.", e);
        }

        using (response)
        {
            var requestId = response.Headers.TryGetValues(LineEndpoints.RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
            if (!response.IsSuccessStatusCode)
            {
                throw new LineApiException(response.StatusCode, "LINE's key set (JWKS) could not be fetched.", [], requestId, EndpointName);
            }

            byte[] body;
            try
            {
                body = await BoundedContent.ReadAsync(response.Content, MaxJwksBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new LineApiException(response.StatusCode, "LINE's key set (JWKS) could not be read.", [], requestId, EndpointName, e);
            }

            JsonWebKeySet set;
            try
            {
                set = new JsonWebKeySet(System.Text.Encoding.UTF8.GetString(body));
            }
            catch (ArgumentException e)
            {
                throw new LineApiException(response.StatusCode, "LINE's key set (JWKS) is not valid JSON.", [], requestId, EndpointName, e);
            }

            var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
            foreach (var key in set.Keys)
            {
                // ES256 signing keys only: an RSA or symmetric key here must never verify an ID token.
                if (string.Equals(key.Kty, JsonWebAlgorithmsKeyTypes.EllipticCurve, StringComparison.Ordinal)
                    && string.Equals(key.Crv, JsonWebKeyECTypes.P256, StringComparison.Ordinal)
                    && (string.IsNullOrEmpty(key.Use) || string.Equals(key.Use, JsonWebKeyUseNames.Sig, StringComparison.Ordinal))
                    && (string.IsNullOrEmpty(key.Alg) || string.Equals(key.Alg, SecurityAlgorithms.EcdsaSha256, StringComparison.Ordinal))
                    && !string.IsNullOrEmpty(key.Kid))
                {
                    keys[key.Kid] = key;
                }
            }

            return new Snapshot(keys, fetchedAt);
        }
    }

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "LINE ID-token key set fetched: {KeyCount} ES256 keys")]
    private static partial void LogFetched(ILogger logger, int keyCount);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "LINE ID-token key set could not be fetched (HTTP status {Status})")]
    private static partial void LogFetchFailed(ILogger logger, int? status);

    private sealed record Snapshot(Dictionary<string, SecurityKey> Keys, DateTimeOffset FetchedAt);
}
