using System.Net;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace LineGov.Messaging;

/// <summary>
/// The safety pipeline of the LINE HttpClient (Polly wired into a DelegatingHandler, since
/// Microsoft.Extensions.Http.Resilience is not used):
/// <list type="bullet">
/// <item>push, multicast, narrowcast and broadcast get an <c>X-Line-Retry-Key</c> on the first attempt (unless the
/// caller set one) and keep it on every retry, so LINE delivers at most once;</item>
/// <item>retries happen only on 5xx, timeouts, connection errors and the rate-limit 429 — never on the monthly-quota 429
/// (<c>"You have reached your monthly limit."</c>) nor any other 4xx; a 409 goes back to the client, which reads it as
/// "already accepted";</item>
/// <item>each attempt waits for a client-side rate-limit permit of its endpoint group.</item>
/// </list>
/// </summary>
public sealed class LineResilienceHandler : DelegatingHandler
{
    /// <summary>Responses that are the monthly-quota 429 (never retried); marked without touching their headers.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpResponseMessage, object> MonthlyQuotaResponses = new();

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ResiliencePipeline _attempt;
    private readonly LineRateLimiters? _limiter;

    /// <summary>Creates the handler.</summary>
    public LineResilienceHandler(LineResilienceOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new LineResilienceOptions();
        var errors = options.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid LINE resilience options: " + string.Join(" ", errors), nameof(options));
        }

        timeProvider ??= TimeProvider.System;
        _limiter = options.EnableRateLimiting ? options.CreateLimiter() : null;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
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

        _pipeline = builder.Build();

        // The attempt timeout covers the exchange, not the wait for a rate-limit permit.
        _attempt = new ResiliencePipelineBuilder { TimeProvider = timeProvider }.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (LineEndpoints.TakesRetryKey(path) && !request.Headers.Contains(LineEndpoints.RetryKeyHeader))
        {
            // Generated once, before the first attempt: every retry resends this very request, header included.
            request.Headers.TryAddWithoutValidation(LineEndpoints.RetryKeyHeader, Guid.NewGuid().ToString("D"));
        }

        var group = request.Options.TryGetValue(LineEndpoints.Group, out var declared) ? declared : GroupOf(path);
        return await _pipeline.ExecuteAsync(
            static async (state, token) => await state.Handler.AttemptAsync(state.Request, state.Group, token).ConfigureAwait(false),
            (Handler: this, Request: request, Group: group),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _limiter?.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<HttpResponseMessage> AttemptAsync(HttpRequestMessage request, LineRateLimitGroup group, CancellationToken cancellationToken)
    {
        if (_limiter is not null)
        {
            using var lease = await _limiter.AcquireAsync(group, cancellationToken).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                throw new LineApiException($"The client-side rate limit queue of {group} is full; try again later.");
            }
        }

        return await _attempt.ExecuteAsync(
            static async (state, token) =>
            {
                var response = await state.Handler.SendInnerAsync(state.Request, token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    // Tell the monthly quota (final) from a rate limit (retry): only the body says which.
                    await response.Content.LoadIntoBufferAsync(token).ConfigureAwait(false);
                    var body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                    if (IsMonthlyQuota(body))
                    {
                        MonthlyQuotaResponses.AddOrUpdate(response, MonthlyQuotaResponses);
                    }
                }

                return response;
            },
            (Handler: this, Request: request),
            cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: not null } => false,
        { Result: { } response } => (int)response.StatusCode >= 500 ||
            response.StatusCode == HttpStatusCode.RequestTimeout ||
            (response.StatusCode == HttpStatusCode.TooManyRequests && !MonthlyQuotaResponses.TryGetValue(response, out _)),
        _ => false,
    };

    private static bool IsMonthlyQuota(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("message", out var message) &&
                message.ValueKind == JsonValueKind.String &&
                message.GetString() == LineApiException.MonthlyQuotaMessage;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The rate-limit group of a path, when the client did not say.</summary>
    internal static LineRateLimitGroup GroupOf(string path) => path switch
    {
        _ when path.EndsWith("/v2/bot/message/multicast", StringComparison.Ordinal) => LineRateLimitGroup.Multicast,
        _ when path.EndsWith("/v2/bot/message/narrowcast", StringComparison.Ordinal) => LineRateLimitGroup.Narrowcast,
        _ when path.EndsWith("/v2/bot/message/broadcast", StringComparison.Ordinal) => LineRateLimitGroup.Broadcast,
        _ when path.Contains("/v2/bot/audienceGroup", StringComparison.Ordinal) => LineRateLimitGroup.Audience,
        _ when path.Contains("/v2/bot/membership", StringComparison.Ordinal) => LineRateLimitGroup.Membership,
        _ => LineRateLimitGroup.Default,
    };
}
