using System.Globalization;
using System.Net;
using LineGov.Messaging.Testing;
using Xunit.Abstractions;
using static LineGov.Messaging.Tests.Emulator.EmulatorTestKit;

namespace LineGov.Messaging.Tests.Emulator;

/// <summary>
/// Seeded fault injection is reproducible whatever the arrival order, and the emulator is fast enough for the fan-out
/// benchmark: 100,000 recipients in 200 multicasts, 5 % injected 500s and 1 % timeouts, exactly once with retry keys.
/// </summary>
public sealed class FaultAndThroughputTests(ITestOutputHelper output)
{
    private const int Batches = 200;
    private const int BatchSize = 500;

    private static string KeyFor(int batch) => string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{batch:x12}");

    private static List<string> Bodies() =>
        [.. Enumerable.Range(0, Batches).Select(b => Multicast(UserIds(b * BatchSize, BatchSize), "給付金の振込予定日のお知らせ"))];

    /// <summary>The client side of the benchmark: retry 5xx, 429 and timeouts with the same key; 409 is success.</summary>
    private static async Task<int> SendWithRetriesAsync(HttpClient http, string body, string? key)
    {
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            try
            {
                using var response = await http.PostJsonAsync("v2/bot/message/multicast", body, key);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict)
                {
                    return attempt;
                }

                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    throw new InvalidOperationException($"Not retryable: {(int)response.StatusCode}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // A timeout or a dropped connection: the request may or may not have been processed. Retry.
            }
        }

        throw new InvalidOperationException("Gave up.");
    }

    private static LineEmulatorOptions BenchmarkOptions(int seed, TimeSpan timeoutDelay) => new()
    {
        Seed = seed,
        Faults =
        {
            ServerErrorProbability = 0.05,
            TimeoutProbability = 0.01,
            TimeoutMode = LineEmulatorTimeoutMode.ProcessedThenLost,
            TimeoutDelay = timeoutDelay,
        },
    };

    [Fact]
    public async Task Two_hundred_multicasts_of_500_in_parallel_deliver_100000_quickly()
    {
        await using var line = await LineEmulator.StartAsync(new() { Seed = 3 });
        using var http = line.Client();
        var bodies = Bodies();
        var started = TimeProvider.System.GetTimestamp();

        var responses = await Task.WhenAll(bodies.Select(b => http.PostJsonAsync("v2/bot/message/multicast", b, NewKey())));

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        output.WriteLine($"200 × 500 multicast: {elapsed.TotalMilliseconds:0} ms");
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        line.GetInboxStatistics().ShouldBe(new LineEmulatorInboxStatistics(100_000, 100_000, 0, 0));
        line.QuotaConsumption.ShouldBe(100_000);
        // Typically a few hundred milliseconds; the bound leaves room for a loaded CI machine.
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task With_5_percent_500s_and_1_percent_timeouts_retry_keys_deliver_exactly_once()
    {
        // Timed-out requests are held 3 s; the client gives up after 1 s and retries with the same key.
        await using var line = await LineEmulator.StartAsync(BenchmarkOptions(seed: 2025, TimeSpan.FromSeconds(3)));
        using var http = line.Client(timeout: TimeSpan.FromSeconds(1));
        var bodies = Bodies();

        var attempts = await Task.WhenAll(bodies.Select((b, i) => SendWithRetriesAsync(http, b, KeyFor(i))));

        var log = line.Requests;
        output.WriteLine($"{log.Count} requests: {log.Count(r => r.Fault == LineEmulatorFault.ServerError)} × 500, " +
            $"{log.Count(r => r.Fault == LineEmulatorFault.TimeoutProcessedThenLost)} timeouts, {log.Count(r => r.StatusCode == 409)} × 409");
        log.Count(r => r.Fault == LineEmulatorFault.ServerError).ShouldBeGreaterThan(0);
        log.Count(r => r.Fault == LineEmulatorFault.TimeoutProcessedThenLost).ShouldBeGreaterThan(0);
        log.Count(r => r.StatusCode == 409).ShouldBeGreaterThan(0);
        attempts.Sum().ShouldBeGreaterThan(Batches);
        line.GetInboxStatistics().ShouldBe(new LineEmulatorInboxStatistics(100_000, 100_000, 0, 0));
    }

    [Fact]
    public async Task Without_retry_keys_the_same_faults_show_as_duplicates()
    {
        // Timed-out requests are processed and their connection dropped at once: only injected faults cause retries.
        await using var line = await LineEmulator.StartAsync(BenchmarkOptions(seed: 2025, TimeSpan.Zero));
        using var http = line.Client();
        var bodies = Bodies();

        await Task.WhenAll(bodies.Select(b => SendWithRetriesAsync(http, b, key: null)));

        var lost = line.Requests.Count(r => r.Fault == LineEmulatorFault.TimeoutProcessedThenLost);
        lost.ShouldBeGreaterThan(0);
        var statistics = line.GetInboxStatistics();
        statistics.Recipients.ShouldBe(100_000);
        statistics.DuplicateDeliveries.ShouldBe(lost * BatchSize);
        line.Deliveries.Where(d => d.IsDuplicate).Select(d => d.UserId).Distinct().Count().ShouldBe(statistics.RecipientsWithDuplicates);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_faults_whatever_the_arrival_order()
    {
        var sequential = await FaultsPerKeyAsync(seed: 7, parallel: false);
        var parallel = await FaultsPerKeyAsync(seed: 7, parallel: true);
        var otherSeed = await FaultsPerKeyAsync(seed: 8, parallel: true);

        parallel.ShouldBe(sequential);
        otherSeed.ShouldNotBe(sequential);
        sequential.Values.Distinct().Count().ShouldBeGreaterThan(3);
    }

    private static async Task<SortedDictionary<string, string>> FaultsPerKeyAsync(int seed, bool parallel)
    {
        await using var line = await LineEmulator.StartAsync(new()
        {
            Seed = seed,
            Faults = { ServerErrorProbability = 0.2, TimeoutProbability = 0.2, TimeoutDelay = TimeSpan.Zero },
        });
        using var http = line.Client();

        // Each key is tried three times: a retry draws again, as the n-th attempt of that key.
        async Task SendAsync(int i)
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                try
                {
                    using var response = await http.PostJsonAsync("v2/bot/message/push", Push(LineEmulatorUser.UserIdFor(i)), KeyFor(i));
                }
                catch (HttpRequestException)
                {
                    // Dropped by an injected timeout.
                }
            }
        }

        if (parallel)
        {
            await Task.WhenAll(Enumerable.Range(0, 60).Select(SendAsync));
        }
        else
        {
            for (var i = 0; i < 60; i++)
            {
                await SendAsync(i);
            }
        }

        var perKey = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in line.Requests.GroupBy(r => r.RetryKey!))
        {
            perKey[group.Key] = string.Join(",", group.OrderBy(r => r.Sequence).Select(r => r.Fault));
        }

        return perKey;
    }

    [Fact]
    public async Task Faults_can_be_limited_to_some_operations()
    {
        await using var line = await LineEmulator.StartAsync(new() { Faults = { ServerErrorProbability = 1, Operations = ["multicast"] } });
        using var http = line.Client();

        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostJsonAsync("v2/bot/message/multicast", Multicast([Alice]))).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task Reset_clears_the_inbox_log_keys_and_quota()
    {
        await using var line = await LineEmulator.StartAsync(new() { MonthlyQuota = 1 });
        using var http = line.Client();
        var key = NewKey();
        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key)).StatusCode.ShouldBe(HttpStatusCode.OK);

        line.Reset();

        line.InboxOf(Alice).ShouldBeEmpty();
        line.Requests.ShouldBeEmpty();
        line.QuotaConsumption.ShouldBe(0);
        (await http.PostJsonAsync("v2/bot/message/push", Push(Alice), key)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_request_log_keeps_the_newest_entries_up_to_its_capacity()
    {
        await using var line = await LineEmulator.StartAsync(new() { RequestLogCapacity = 3 });
        using var http = line.Client();

        for (var i = 0; i < 5; i++)
        {
            (await http.GetAsync("v2/bot/info")).Dispose();
        }

        line.Requests.Select(r => r.Sequence).ShouldBe([3L, 4L, 5L]);
    }

    [Fact]
    public async Task Token_values_in_queries_stay_out_of_the_request_log()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client(token: null);

        (await http.GetAsync("oauth2/v2.1/verify?access_token=secret-token")).Dispose();

        line.Requests.Single().Path.ShouldBe("/oauth2/v2.1/verify?…");
    }

    [Fact]
    public async Task Inconsistent_options_are_refused_at_start()
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => LineEmulator.StartAsync(new() { Faults = { ServerErrorProbability = 0.8, TimeoutProbability = 0.3 } }));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => LineEmulator.StartAsync(new() { RetryKeyTtl = TimeSpan.Zero }));
        await Should.ThrowAsync<ArgumentException>(() => LineEmulator.StartAsync(new() { ChannelSecret = "" }));
    }
}
