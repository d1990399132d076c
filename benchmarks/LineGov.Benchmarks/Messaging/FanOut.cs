using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using LineGov.Messaging;
using LineGov.Messaging.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LineGov.Benchmarks.Messaging;

/// <summary>
/// One notice to 100,000 followers: 200 multicasts of 500 through the DI-registered client (retry keys, retries, the
/// client-side limiter at LINE's ceiling of 2,000 requests/s) into the in-process emulator (also at 2,000/s).
/// Baseline: the same fan-out with no faults — the time the 200 successful requests need at the ceiling (in theory
/// 200 ÷ 2,000/s = 100 ms). Measured row: 5 % of attempts answered 500 and 1 % timing out after LINE processed them
/// (the answer is lost; the retry gets 409 "already accepted"). After every iteration each recipient must have
/// exactly one delivery, or the run fails.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 30)]
public class FanOut
{
    public const int Recipients = 100_000;

    /// <summary>
    /// Batches in flight. In process, client and emulator share this machine's cores, so an exchange's latency is its CPU
    /// time times the requests in flight: 8 keeps both cores busy; more only lengthens each exchange past the short
    /// attempt timeout below and turns good answers into (harmless, 409-confirmed) retries.
    /// </summary>
    public const int Concurrency = 8;

    /// <summary>
    /// How long an attempt may take before it is given up and retried with the same key. Short, because the whole run
    /// takes a few hundred milliseconds: with the production default (10 s) the one lost answer would be the run time.
    /// </summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(50);

    private static readonly Message[] Notice = [new TextMessage("【〇〇町】臨時給付金のお知らせです。申請はメニューの「給付金」から行ってください。")];

    private LineEmulator _line = null!;
    private ServiceProvider _services = null!;
    private LineMessagingClient _client = null!;
    private IReadOnlyList<string> _userIds = null!;
    private LineFanOutResult? _last;
    private long _iterations;
    private long _attempts;
    private long _serverErrors;
    private long _timeouts;
    private long _alreadyAccepted;

    [GlobalSetup(Target = nameof(NoFaults))]
    public void SetupNoFaults() => Setup(serverErrors: 0, timeouts: 0);

    [GlobalSetup(Target = nameof(FivePercent500sOnePercentTimeouts))]
    public void SetupFaults() => Setup(serverErrors: 0.05, timeouts: 0.01);

    [IterationSetup]
    public void Reset()
    {
        _line.Reset();
        _last = null;
    }

    [Benchmark(Baseline = true, Description = "no faults (the successful requests at the ceiling)")]
    public Task<LineFanOutResult> NoFaults() => RunAsync();

    [Benchmark(Description = "5% 500s + 1% timeouts, retried with keys")]
    public Task<LineFanOutResult> FivePercent500sOnePercentTimeouts() => RunAsync();

    [IterationCleanup]
    public void Check()
    {
        var stats = _line.GetInboxStatistics();
        if (_last is not { IsComplete: true } || stats.TotalDeliveries != Recipients || stats.Recipients != Recipients || stats.DuplicateDeliveries != 0)
        {
            throw new InvalidOperationException(
                $"Not exactly once: complete={_last?.IsComplete}, deliveries={stats.TotalDeliveries}, recipients={stats.Recipients}, duplicates={stats.DuplicateDeliveries}.");
        }

        var multicasts = _line.Requests.Where(r => r.Operation == "multicast").ToList();
        _iterations++;
        _attempts += multicasts.Count;
        _serverErrors += multicasts.Count(r => r.Fault == LineEmulatorFault.ServerError);
        _timeouts += multicasts.Count(r => r.Fault == LineEmulatorFault.TimeoutProcessedThenLost);
        _alreadyAccepted += _last.Batches.Count(b => b.Outcome == LineFanOutBatchOutcome.AlreadyAccepted);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Shown in the BenchmarkDotNet log: the faults really happened, and nothing was delivered twice.
        Console.WriteLine(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"// FanOut exactly-once check: {_iterations} iterations × {Recipients:N0} recipients, every one delivered exactly once; {_attempts} multicast attempts, {_serverErrors} answered 500, {_timeouts} timed out after processing, {_alreadyAccepted} batches confirmed by 409 (already accepted)."));
        _services.Dispose();
        _line.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async Task<LineFanOutResult> RunAsync()
    {
        // A new fan-out id per iteration: new retry keys, so the emulator draws new faults.
        _last = await LineFanOut.MulticastAsync(_client, _userIds, Notice, new LineFanOutOptions { MaxConcurrency = Concurrency }).ConfigureAwait(false);
        return _last;
    }

    private void Setup(double serverErrors, double timeouts)
    {
        _line = LineEmulator.StartAsync(new LineEmulatorOptions
        {
            Faults =
            {
                ServerErrorProbability = serverErrors,
                TimeoutProbability = timeouts,
                TimeoutMode = LineEmulatorTimeoutMode.ProcessedThenLost,
                TimeoutDelay = TimeSpan.FromSeconds(2),
            },
            RateLimits = { Multicast = LineEmulatorRateLimit.PerSecond(2000) },
            RequestLogCapacity = 10_000,
        }).GetAwaiter().GetResult();

        var services = new ServiceCollection();
        services.AddLineGovMessaging(o =>
        {
            o.ChannelAccessToken = "benchmark";
            o.ApiBaseUri = _line.ApiBaseUri;
            o.DataApiBaseUri = _line.DataApiBaseUri;
            o.Resilience.RateLimits[LineRateLimitGroup.Multicast] = LineRateLimit.PerSecond(2000);
            o.Resilience.AttemptTimeout = AttemptTimeout;
            o.Resilience.RetryDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxRetryAttempts = 6;
        });
        _services = services.BuildServiceProvider();
        _client = _services.GetRequiredService<LineMessagingClient>();
        _userIds = [.. Enumerable.Range(0, Recipients).Select(i => LineEmulatorUser.UserIdFor(i))];

        // Warm the connection pool and JIT outside the measurement.
        var watch = Stopwatch.StartNew();
        RunAsync().GetAwaiter().GetResult();
        Check();
        _iterations = _attempts = _serverErrors = _timeouts = _alreadyAccepted = 0;
        Console.WriteLine(FormattableString.Invariant($"// FanOut first run: {watch.ElapsedMilliseconds} ms"));
    }
}
