using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace LineGov.Payouts.Points;

/// <summary>
/// The safety pipeline of the points HttpClient (Polly.Core wired into a DelegatingHandler): a total timeout, then
/// retries of transient failures — 5xx, 408, 429 (waiting as long as its <c>Retry-After</c> says, up to
/// <see cref="PointsProviderOptions.MaxRetryAfter"/>), attempt timeouts, connection errors — each attempt under its own
/// timeout.
/// </summary>
/// <remarks>
/// <para>
/// Every retry resends the very same request, so the <c>Idempotency-Key</c> header is the same on every attempt: if an
/// attempt's answer was lost after the provider granted, the retry gets the first grant back instead of a second one.
/// A POST without an <c>Idempotency-Key</c> is never retried, since nothing would stop it from granting twice.
/// </para>
/// <para>
/// 4xx answers other than 408 and 429 (rejections, 401/403, 409) are never retried: asking again cannot change them.
/// Response bodies are read inside the attempt, so a body that stalls counts against the attempt timeout.
/// </para>
/// </remarks>
public sealed partial class PointsResilienceHandler : DelegatingHandler
{
    /// <summary>The idempotency header of the reference protocol.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The largest response body read (1 MiB): the protocol's bodies are a few hundred bytes.</summary>
    internal const long MaxResponseBodyBytes = 1 << 20;

    private readonly ResiliencePipeline<HttpResponseMessage> _retrying;
    private readonly ResiliencePipeline<HttpResponseMessage> _once;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">Timeouts and retries (the base address and API key are not used here).</param>
    /// <param name="timeProvider">The clock for delays and timeouts; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where retries are logged (status and delay only, never keys or bodies).</param>
    /// <exception cref="ArgumentException">The timeouts or retry settings are invalid.</exception>
    public PointsResilienceHandler(PointsProviderOptions options, TimeProvider? timeProvider = null, ILogger<PointsResilienceHandler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate().Where(e => !e.StartsWith("BaseAddress", StringComparison.Ordinal) && !e.StartsWith("ApiKey", StringComparison.Ordinal)).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid points provider options: " + string.Join(" ", errors), nameof(options));
        }

        timeProvider ??= TimeProvider.System;
        ILogger log = logger ?? (ILogger)NullLogger.Instance;
        var maxRetryAfter = options.MaxRetryAfter;

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }.AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult(RetryAfterOf(args.Outcome.Result, timeProvider, maxRetryAfter)),
                OnRetry = args =>
                {
                    LogRetry(log, args.AttemptNumber + 1, args.Outcome.Result is { } r ? (int)r.StatusCode : 0,
                        args.Outcome.Exception?.GetType().Name, args.RetryDelay);

                    // The failed attempt's response is dropped: free its connection.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        _retrying = builder.AddTimeout(options.AttemptTimeout).Build();
        _once = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddTimeout(options.TotalTimeout)
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pipeline = IsRetrySafe(request) ? _retrying : _once;
        return await pipeline.ExecuteAsync(
            static async (state, token) =>
            {
                var response = await state.Handler.SendInnerAsync(state.Request, token).ConfigureAwait(false);
                try
                {
                    await response.Content.LoadIntoBufferAsync(MaxResponseBodyBytes, token).ConfigureAwait(false);
                }
                catch
                {
                    response.Dispose();
                    throw;
                }

                return response;
            },
            (Handler: this, Request: request),
            cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    /// <summary>GET, HEAD and PUT/DELETE are safe to repeat; a POST only with an idempotency key.</summary>
    internal static bool IsRetrySafe(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Put ||
        request.Method == HttpMethod.Delete || request.Headers.Contains(IdempotencyKeyHeader);

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: not null } => false,
        { Result: { } response } => (int)response.StatusCode >= 500 ||
            response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };

    /// <summary>The wait a 429 or 503 asks for (delta seconds or an HTTP date), capped; null to use the backoff.</summary>
    internal static TimeSpan? RetryAfterOf(HttpResponseMessage? response, TimeProvider timeProvider, TimeSpan max)
    {
        if (response is null || response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) ||
            response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - timeProvider.GetUtcNow() : TimeSpan.Zero);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
    }

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Points provider attempt {Attempt} failed (HTTP status {Status}, {Exception}); retrying in {Delay} with the same idempotency key")]
    private static partial void LogRetry(ILogger logger, int attempt, int status, string? exception, TimeSpan delay);
}
