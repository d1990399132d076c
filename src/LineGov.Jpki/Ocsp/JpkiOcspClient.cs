using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace LineGov.Jpki;

/// <summary>
/// Asks OCSP responders (RFC 6960, with the RFC 5019 lightweight profile and RFC 8954 nonces) whether a certificate is
/// revoked, and checks every answer: the responder's signature and authority, the CertID, the times and the nonce.
/// A bad, slow or missing responder is never an exception: the answer is <see cref="JpkiRevocationState.Unknown"/>
/// with the reason in <see cref="JpkiRevocationStatus.Detail"/>, after at most <see cref="JpkiOcspClientOptions.TotalTimeout"/>.
/// Thread-safe; create once (register it with <c>AddLineGovJpkiOcsp</c>) and reuse.
/// </summary>
/// <remarks>
/// <para>Good and revoked answers are cached until their nextUpdate; concurrent checks of one certificate share one
/// HTTP exchange, and a caller that cancels does not cancel it for the others.</para>
/// <para>Requests are POSTed with a fresh nonce by default. GET (cacheable by intermediaries) is used only when
/// <see cref="JpkiOcspClientOptions.UseHttpGet"/> is on, which requires nonces off.</para>
/// </remarks>
/// <example>
/// <code>
/// var status = await ocsp.CheckAsync(certificate, issuerCa, timeProvider.GetUtcNow(), cancellationToken);
/// if (status.State == JpkiRevocationState.Unknown) { logger.LogWarning("OCSP: {Detail}", status.Detail); }
/// </code>
/// </example>
public class JpkiOcspClient : IJpkiRevocationChecker
{
    /// <summary>The name of the <see cref="HttpClient"/> <c>AddLineGovJpkiOcsp</c> registers with <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "LineGov.Jpki.Ocsp";

    private const string RequestMediaType = "application/ocsp-request";
    private const string ResponseMediaType = "application/ocsp-response";
    private const string SourceWithoutResponder = "ocsp";

    /// <summary>Circuit breakers are per responder host; past this many hosts, the rest share one.</summary>
    private const int MaxPipelines = 64;

    private readonly HttpClient _httpClient;
    private readonly JpkiOcspClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly OcspResponseCache _cache;
    private readonly Dictionary<string, InFlight> _inFlight = new(StringComparer.Ordinal);
    private readonly Lock _inFlightLock = new();
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<ResiliencePipeline<HttpResponseMessage>> _overflowPipeline;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The HTTP client, from <see cref="IHttpClientFactory"/>; it is not disposed by this client.</param>
    /// <param name="options">The settings (copied); <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for freshness and the cache, and the timers of timeouts; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="logger">Receives outcome codes and responder URIs, never certificate contents.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid; the message lists every problem.</exception>
    public JpkiOcspClient(
        HttpClient httpClient,
        JpkiOcspClientOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<JpkiOcspClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        var copy = (options ?? new JpkiOcspClientOptions()).Clone();
        var errors = JpkiOcspClientOptionsValidator.Errors(copy);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid OCSP client options: " + string.Join(" ", errors), nameof(options));
        }

        _httpClient = httpClient;
        _options = copy;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _cache = new OcspResponseCache(copy.MaxCacheEntries);
        _overflowPipeline = new Lazy<ResiliencePipeline<HttpResponseMessage>>(() => CreateDefaultResiliencePipeline(_options, _timeProvider));
    }

    /// <summary>
    /// Builds the default resilience pipeline from <paramref name="options"/>, outermost first: a total timeout
    /// (<see cref="JpkiOcspClientOptions.TotalTimeout"/>), retries with jittered exponential backoff on connection errors,
    /// attempt timeouts, HTTP 5xx and 408 (never on another 4xx or an oversized response), a circuit breaker, and the
    /// attempt timeout. Use it to wrap your own strategies around the default.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> CreateDefaultResiliencePipeline(JpkiOcspClientOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = JpkiOcspClientOptionsValidator.Errors(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid OCSP client options: " + string.Join(" ", errors), nameof(options));
        }

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider ?? TimeProvider.System };
        builder.AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = static args =>
                {
                    // The failed attempt's response is dropped: free its connection.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = options.CircuitBreakerBreakDuration,
        });
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <inheritdoc />
    public virtual ValueTask<JpkiRevocationStatus> CheckAsync(JpkiRevocationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CheckAsync(request.Certificate, request.Issuer, request.ValidationTime, cancellationToken);
    }

    /// <summary>Asks the certificate's OCSP responder (or <see cref="JpkiOcspClientOptions.ResponderUri"/>) about <paramref name="certificate"/>.</summary>
    /// <param name="certificate">The certificate whose status is asked.</param>
    /// <param name="issuer">Its issuer: the CA whose key signs the responses or certifies the delegated responder.</param>
    /// <param name="validationTime">
    /// The instant the validation is made for; a delegated responder certificate must be valid then (callers that check
    /// one certificate concurrently share the first caller's exchange, and so its instant).
    /// </param>
    /// <param name="cancellationToken">Cancels this caller's wait (not an exchange other callers share).</param>
    /// <returns>
    /// Good or revoked with thisUpdate and nextUpdate, or unknown with the reason; the source is <c>ocsp:&lt;responder URI&gt;</c>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> or <paramref name="issuer"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async ValueTask<JpkiRevocationStatus> CheckAsync(
        JpkiCertificate certificate,
        JpkiCertificate issuer,
        DateTimeOffset validationTime,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        cancellationToken.ThrowIfCancellationRequested();

        var responder = ResolveResponder(certificate);
        if (responder is null)
        {
            return CannotStart(
                SourceWithoutResponder,
                OcspOutcome.NoResponderUri,
                "The certificate names no http or https OCSP responder and no ResponderUri is configured.");
        }

        var source = "ocsp:" + responder.AbsoluteUri;
        var certId = OcspCertId.TryCreate(certificate, issuer, _options.CertIdHashAlgorithm);
        if (certId is null)
        {
            return CannotStart(source, OcspOutcome.IssuerKeyUnreadable, "The issuer's public key or the certificate's serial number cannot be read into an OCSP request.");
        }

        if (_cache.TryGet(certId.CacheKey, _timeProvider.GetUtcNow(), out var cached))
        {
            OcspDiagnostics.RecordCacheHit();
            OcspDiagnostics.RecordCheck(cached.State, OcspOutcome.CacheHit);
            OcspLog.CacheHit(_logger, cached.State);
            return cached;
        }

        InFlight? flight;
        var starts = false;
        lock (_inFlightLock)
        {
            if (!_inFlight.TryGetValue(certId.CacheKey, out flight))
            {
                // An exchange that just finished has cached its answer before leaving the table.
                if (_cache.TryGet(certId.CacheKey, _timeProvider.GetUtcNow(), out cached))
                {
                    flight = null;
                }
                else
                {
                    flight = new InFlight(new CancellationTokenSource(_options.TotalTimeout, _timeProvider));
                    _inFlight.Add(certId.CacheKey, flight);
                    starts = true;
                }
            }

            if (flight is not null)
            {
                flight.Waiters++;
            }
        }

        if (flight is null)
        {
            OcspDiagnostics.RecordCacheHit();
            OcspDiagnostics.RecordCheck(cached.State, OcspOutcome.CacheHit);
            OcspLog.CacheHit(_logger, cached.State);
            return cached;
        }

        if (starts)
        {
            // The exchange belongs to every waiter, not to the first: run it outside the caller's context.
            _ = Task.Run(() => RunAsync(flight, certId, responder, source, issuer, validationTime), CancellationToken.None);
        }

        try
        {
            var status = await flight.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            OcspDiagnostics.RecordCheck(status.State, flight.Outcome);
            return status;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Leave(certId.CacheKey, flight);
            throw;
        }
    }

    /// <summary>Classifies an attempt's outcome for retry and circuit breaking.</summary>
    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        HttpRequestException e => e.HttpRequestError != HttpRequestError.ConfigurationLimitExceeded,
        TimeoutRejectedException => true,
        IOException => true,
        null => outcome.Result is { } response && ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout),
        _ => false,
    };

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream(content.Headers.ContentLength is { } length ? (int)length : 4096);
            var chunk = new byte[8192];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static HttpRequestException TooLarge(int maxBytes) =>
        new(HttpRequestError.ConfigurationLimitExceeded, $"The OCSP response is larger than {maxBytes} bytes.");

    private Uri? ResolveResponder(JpkiCertificate certificate)
    {
        if (_options.ResponderUri is { } configured)
        {
            return configured;
        }

        foreach (var uri in certificate.OcspResponderUris)
        {
            if (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            {
                return uri;
            }
        }

        return null;
    }

    private JpkiRevocationStatus CannotStart(string source, OcspOutcome outcome, string detail)
    {
        var outcomeCode = outcome.Code();
        OcspLog.CannotStart(_logger, outcomeCode);
        OcspDiagnostics.RecordCheck(JpkiRevocationState.Unknown, outcome);
        return JpkiRevocationStatus.Unknown(source, detail);
    }

    /// <summary>A waiter gives up: when it was the last, the shared exchange is abandoned and cancelled.</summary>
    private void Leave(string key, InFlight flight)
    {
        var cancel = false;
        lock (_inFlightLock)
        {
            flight.Waiters--;
            if (flight.Waiters == 0 && !flight.Completion.Task.IsCompleted)
            {
                cancel = true;
                if (_inFlight.TryGetValue(key, out var current) && ReferenceEquals(current, flight))
                {
                    _inFlight.Remove(key);
                }
            }
        }

        if (cancel)
        {
            try
            {
                flight.Deadline.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The exchange finished meanwhile.
            }
        }
    }

    private async Task RunAsync(InFlight flight, OcspCertId certId, Uri responder, string source, JpkiCertificate issuer, DateTimeOffset validationTime)
    {
        JpkiRevocationStatus status;
        try
        {
            (status, flight.Outcome) = await FetchAsync(certId, responder, source, issuer, validationTime, flight.Deadline.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Waiters must always be released: whatever failed (a throwing logger, a listener), the answer is unknown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            status = JpkiRevocationStatus.Unknown(source, $"The OCSP check failed ({e.GetType().Name}).");
            flight.Outcome = OcspOutcome.Unreachable;
        }
        finally
        {
            lock (_inFlightLock)
            {
                if (_inFlight.TryGetValue(certId.CacheKey, out var current) && ReferenceEquals(current, flight))
                {
                    _inFlight.Remove(certId.CacheKey);
                }
            }

            flight.Deadline.Dispose();
        }

        flight.Completion.TrySetResult(status);
    }

    /// <summary>One exchange with the responder and the verdict on its answer. Never throws.</summary>
    private async Task<(JpkiRevocationStatus Status, OcspOutcome Outcome)> FetchAsync(
        OcspCertId certId,
        Uri responder,
        string source,
        JpkiCertificate issuer,
        DateTimeOffset validationTime,
        CancellationToken deadline)
    {
        using var activity = JpkiDiagnostics.ActivitySource.StartActivity("jpki.ocsp.request");
        var started = _timeProvider.GetTimestamp();
        var nonce = _options.UseNonce ? RandomNumberGenerator.GetBytes(OcspRequestEncoder.NonceLength) : null;
        var request = OcspRequestEncoder.Encode(certId, nonce);
        // RFC 5019 §5: GET for small requests, so caches can serve them; never with a nonce (see UseHttpGet), and never
        // on a URI with a query, which the request cannot be appended to.
        var useGet = _options.UseHttpGet && nonce is null && request.Length <= OcspRequestEncoder.MaxGetRequestLength && string.IsNullOrEmpty(responder.Query);
        var method = useGet ? "GET" : "POST";
        OcspVerification verification;
        try
        {
            var pipeline = PipelineFor(responder);
            using var response = await pipeline.ExecuteAsync(
                static (state, token) => state.Client.SendOnceAsync(state.Responder, state.Request, state.UseGet, token),
                (Client: this, Responder: responder, Request: request, UseGet: useGet),
                deadline).ConfigureAwait(false);

            if (!response.IsSuccessStatusCode)
            {
                verification = OcspVerification.Unknown(source, OcspOutcome.HttpError, $"The OCSP responder answered HTTP {(int)response.StatusCode}.");
            }
            else
            {
                var body = await response.Content.ReadAsByteArrayAsync(deadline).ConfigureAwait(false);
                verification = OcspResponseVerifier.Verify(
                    body,
                    new OcspExpectation(certId, nonce, _options.RequireNonce),
                    issuer,
                    _timeProvider.GetUtcNow(),
                    validationTime,
                    _options,
                    source);
            }
        }
        catch (Exception e) when (e is TimeoutRejectedException or OperationCanceledException)
        {
            // The deadline, the pipeline's timeouts and HttpClient.Timeout all end here; the callers' own tokens never
            // reach this exchange.
            verification = OcspVerification.Unknown(source, OcspOutcome.Timeout, $"The OCSP responder did not answer in time (total timeout {_options.TotalTimeout.TotalSeconds:0.###} s).");
        }
        catch (BrokenCircuitException)
        {
            verification = OcspVerification.Unknown(source, OcspOutcome.CircuitOpen, "The OCSP responder failed repeatedly; requests to it are paused (circuit open).");
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            verification = OcspVerification.Unknown(source, OcspOutcome.ResponseTooLarge, $"The OCSP response is larger than {_options.MaxResponseBytes} bytes.");
        }
        catch (HttpRequestException e)
        {
            verification = OcspVerification.Unknown(source, OcspOutcome.Unreachable, $"The OCSP responder cannot be reached ({e.HttpRequestError}).");
        }
        catch (IOException)
        {
            verification = OcspVerification.Unknown(source, OcspOutcome.Unreachable, "The connection to the OCSP responder failed while reading its answer.");
        }
#pragma warning disable CA1031 // A replaced pipeline or handler may throw anything; a revocation check answers unknown, never crashes.
        catch (Exception e)
#pragma warning restore CA1031
        {
            verification = OcspVerification.Unknown(source, OcspOutcome.Unreachable, $"The OCSP exchange failed ({e.GetType().Name}).");
        }

        var status = verification.Status;
        var elapsed = _timeProvider.GetElapsedTime(started);
        var outcomeCode = verification.Outcome.Code();
        var responderText = responder.AbsoluteUri;
        OcspDiagnostics.RecordRequest(status.State, verification.Outcome, method, elapsed);
        activity?.SetTag("jpki.ocsp.outcome", outcomeCode);
        activity?.SetTag("http.request.method", method);
        if (verification.DelegatedWithoutNoCheck)
        {
            OcspLog.DelegatedWithoutNoCheck(_logger, responderText);
        }

        if (status.State == JpkiRevocationState.Unknown)
        {
            OcspLog.NoAnswer(_logger, responderText, outcomeCode);
        }
        else
        {
            OcspLog.Answered(_logger, responderText, method, status.State, outcomeCode, (long)elapsed.TotalMilliseconds);
            Remember(certId, status);
        }

        return (status, verification.Outcome);
    }

    /// <summary>Caches a good or revoked answer until its nextUpdate (capped); one without nextUpdate is not cached.</summary>
    private void Remember(OcspCertId certId, JpkiRevocationStatus status)
    {
        if (!_cache.Enabled || status.NextUpdate is not { } nextUpdate)
        {
            return;
        }

        var now = _timeProvider.GetUtcNow();
        var cap = now + _options.MaxCacheDuration;
        var expiresAt = nextUpdate < cap ? nextUpdate : cap;
        if (expiresAt > now)
        {
            _cache.Set(certId.CacheKey, status, expiresAt);
        }
    }

    private ResiliencePipeline<HttpResponseMessage> PipelineFor(Uri responder)
    {
        if (_options.ResiliencePipeline is { } configured)
        {
            return configured;
        }

        var key = responder.GetLeftPart(UriPartial.Authority);
        if (_pipelines.TryGetValue(key, out var pipeline))
        {
            return pipeline;
        }

        if (_pipelines.Count >= MaxPipelines)
        {
            return _overflowPipeline.Value;
        }

        return _pipelines.GetOrAdd(key, static (_, client) => CreateDefaultResiliencePipeline(client._options, client._timeProvider), this);
    }

    /// <summary>One attempt: send, and for a success read the body (bounded) within the attempt's timeout.</summary>
    private async ValueTask<HttpResponseMessage> SendOnceAsync(Uri responder, byte[] request, bool useGet, CancellationToken cancellationToken)
    {
        using var message = useGet
            ? new HttpRequestMessage(HttpMethod.Get, OcspRequestEncoder.GetUri(responder, request))
            : new HttpRequestMessage(HttpMethod.Post, responder) { Content = new ByteArrayContent(request) };
        if (message.Content is { } content)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(RequestMediaType);
        }

        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ResponseMediaType));
        var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return response;
        }

        try
        {
            var body = await ReadBoundedAsync(response.Content, _options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            var contentType = response.Content.Headers.ContentType;
            response.Content.Dispose();
            response.Content = new ByteArrayContent(body);
            response.Content.Headers.ContentType = contentType;
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>One shared exchange: its result, its deadline, and how many callers wait for it.</summary>
    private sealed class InFlight(CancellationTokenSource deadline)
    {
        public TaskCompletionSource<JpkiRevocationStatus> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource Deadline { get; } = deadline;

        public OcspOutcome Outcome { get; set; }

        public int Waiters { get; set; }
    }
}
