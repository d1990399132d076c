using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace LineGov.Jpki;

/// <summary>
/// The resilience pipeline of the CRL HttpClient (Microsoft.Extensions.Http.Resilience is not used: Polly is wired in
/// here): retries with jittered backoff on connection errors, timeouts, 5xx and 408, and a per-attempt timeout long
/// enough for a large CRL. Replace it by configuring the named client (<c>LineGov.Jpki.Crl</c>) yourself.
/// </summary>
internal sealed class CrlResilienceHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public CrlResilienceHandler(TimeProvider timeProvider, TimeSpan? retryDelay = null)
    {
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                MaxRetryAttempts = 3,
                Delay = retryDelay ?? TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = static args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddTimeout(TimeSpan.FromMinutes(2))
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(
            static async (state, token) => await state.Handler.SendCoreAsync(state.Request, token).ConfigureAwait(false),
            (Handler: this, Request: request),
            cancellationToken).ConfigureAwait(false);

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
        _ => false,
    };
}
