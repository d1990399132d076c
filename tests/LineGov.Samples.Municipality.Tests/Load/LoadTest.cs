using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using LineGov.Messaging.Testing;
using LineGov.Payouts;
using LineGov.Samples.Municipality.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LineGov.Samples.Municipality.Tests.Load;

/// <summary>
/// 1,000 applications at once against the host on loopback, through the JSON API the LIFF page calls: 800 households,
/// 200 same-household duplicates (another member, or the same resident from a second phone). The challenge and the
/// card's RSA signature are made before the clock starts (the phone's work, not the server's); the timed part is the
/// <c>POST /api/applications</c> call — ID token and signature verification, revocation, the register match, the
/// eligibility rules, the household claim, the application record and the LINE notice. HTTP connections are opened
/// before the clock starts too, so the figures are the service's, not the kernel's listen backlog.
/// No error, no household claimed twice, no household paid twice; p50 / p99 written to the output and to
/// TestResults/load-&lt;store&gt;.txt. Then 500 applications of other households at a steady 100 a second (open loop), for
/// the service's latency when it is not handed 1,000 requests in one instant.
/// </summary>
public abstract class LoadTest(TestStore store, ITestOutputHelper output)
{
    private const int Households = 800;
    private const int Duplicates = 200;
    private const int Applications = Households + Duplicates;
    private const int SteadyApplications = 500;
    private const int SteadyPerSecond = 100;

    [SampleFact]
    [Trait("Category", "Load")]
    public async Task A_thousand_concurrent_applications_get_an_answer_each_and_no_household_is_claimed_or_paid_twice()
    {
        await using var host = await TestHost.StartAsync(store);
        var simulator = host.App.Simulator;
        var plan = Plan(simulator);
        using var http = host.NewClient(allowRedirects: false);
        var api = new ApplicationApi(http);

        // Not timed: the phones' work (challenge, card signature, ID token) and the connections.
        var prepare = Stopwatch.StartNew();
        var requests = new ApplyRequest[Applications];
        await Parallel.ForEachAsync(Enumerable.Range(0, Applications), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            requests[i] = await api.PrepareAsync(plan[i].Resident.ResidentId, simulator.IdTokenFor(plan[i].User), ct));
        prepare.Stop();
        await Task.WhenAll(Enumerable.Range(0, Applications).Select(async _ =>
        {
            using var warm = await http.GetAsync(new Uri("/", UriKind.Relative));
        }));

        // Timed: every application at once.
        var errors = new ConcurrentBag<string>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, Applications).Select(async i =>
        {
            await start.Task;
            try
            {
                return await api.ApplyAsync(requests[i]);
            }
            catch (HttpRequestException e)
            {
                errors.Add(e.Message);
                return (StatusCode: -1, Answer: (ApplyResponse?)null, Elapsed: TimeSpan.Zero);
            }
        }).ToArray();
        var wall = Stopwatch.StartNew();
        start.SetResult();
        var results = await Task.WhenAll(calls);
        wall.Stop();

        errors.ShouldBeEmpty();

        // No error: every call answered 200 with one of the four answers.
        results.Where(r => r.StatusCode != 200 || r.Answer is null || !Statuses.Answers.Contains(r.Answer.Status))
            .Select(r => $"{r.StatusCode} {r.Answer?.Status}").ShouldBeEmpty("applications that got no answer");
        var answers = results.Select(r => r.Answer!).ToArray();

        // No household claimed twice: at most one received per household; duplicates told at once.
        var receivedByHousehold = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var household in Enumerable.Range(0, Applications).GroupBy(i => plan[i].Resident.HouseholdId, StringComparer.Ordinal))
        {
            var received = household.Where(i => answers[i].Status == Statuses.Received).ToList();
            received.Count.ShouldBeLessThanOrEqualTo(1, $"household #{household.First()}");
            if (received.Count == 1)
            {
                receivedByHousehold[household.Key] = answers[received[0]].ApplicationId;
                household.Where(i => i != received[0]).Select(i => answers[i].Status).ShouldAllBe(s => s != Statuses.Received);
            }
        }

        var alreadyApplied = answers.Count(a => a.Status == Statuses.AlreadyApplied);
        alreadyApplied.ShouldBeGreaterThanOrEqualTo(Duplicates * 8 / 10);
        if (host.Ledger is { } ledger)
        {
            var entries = await ledger.ListAsync(TestHost.ProgramId, limit: 10_000);
            entries.GroupBy(e => e.BeneficiaryId, StringComparer.Ordinal).ShouldAllBe(g => g.Count() == 1);
            foreach (var (householdId, applicationId) in receivedByHousehold)
            {
                entries.Single(e => e.BeneficiaryId == householdId).ApplicationId.ShouldBe(applicationId);
            }
        }

        // No household paid twice.
        var receivedIds = receivedByHousehold.Values.ToHashSet(StringComparer.Ordinal);
        (await host.Applications.ApproveAsync(receivedIds, "approver")).ShouldBe(receivedIds.Count);
        var run = await host.Payouts.RunPointsAsync("approver");
        run.Failed.ShouldBe(0);
        run.Issued.ShouldBe(receivedIds.Count);
        (await host.Payouts.RunPointsAsync("approver")).Issued.ShouldBe(0);
        var summary = await host.Payouts.SummaryAsync();
        (summary.CountOf(PayoutState.Issued) + summary.CountOf(PayoutState.Settled)).ShouldBe(receivedIds.Count);
        host.Points?.GrantCountsByMember().Values.ShouldAllBe(count => count == 1);

        // Then a steady stream on other households: one application every 10 ms (100 a second), sent on schedule
        // whatever the answers (open loop), so that the latency is the service's rather than a queue's.
        var claimedHouseholds = plan.Select(p => p.Resident.HouseholdId).ToHashSet(StringComparer.Ordinal);
        var steady = simulator.Residents
            .Where(r => !claimedHouseholds.Contains(r.HouseholdId))
            .GroupBy(r => r.HouseholdId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Take(SteadyApplications)
            .Select((g, i) => (Resident: g.First(), User: LineEmulatorUser.UserIdFor(6_000_000 + i)))
            .ToArray();
        steady.Length.ShouldBe(SteadyApplications);
        var steadyRequests = new ApplyRequest[steady.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, steady.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            steadyRequests[i] = await api.PrepareAsync(steady[i].Resident.ResidentId, simulator.IdTokenFor(steady[i].User), ct));
        var clock = Stopwatch.StartNew();
        var steadyCalls = new Task<(int StatusCode, ApplyResponse? Answer, TimeSpan Elapsed)>[steady.Length];
        for (var i = 0; i < steady.Length; i++)
        {
            var due = TimeSpan.FromMilliseconds(i * 1000.0 / SteadyPerSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            steadyCalls[i] = api.ApplyAsync(steadyRequests[i]);
        }

        var steadyResults = await Task.WhenAll(steadyCalls);
        steadyResults.ShouldAllBe(r => r.StatusCode == 200 && r.Answer != null && r.Answer.Status == Statuses.Received);

        var report = Report(results.Select(r => r.Elapsed).ToArray(), wall.Elapsed, prepare.Elapsed, answers, receivedIds.Count)
            + SteadyReport(steadyResults.Select(r => r.Elapsed).ToArray());
        output.WriteLine(report);
        var path = Path.Combine(Artifacts.Root, $"load-{store.ToString().ToLowerInvariant()}.txt");
        report += "command: dotnet test tests/LineGov.Samples.Municipality.Tests --filter Category=Load" + Environment.NewLine;
        await File.WriteAllTextAsync(path, report);
        output.WriteLine($"written: {path}");
    }

    private string Report(TimeSpan[] latencies, TimeSpan wall, TimeSpan prepare, ApplyResponse[] answers, int paid)
    {
        var ms = latencies.Select(l => l.TotalMilliseconds).Order().ToArray();
        double Percentile(double p) => ms[Math.Clamp((int)Math.Ceiling(p / 100 * ms.Length) - 1, 0, ms.Length - 1)];
        var counts = string.Join(", ", answers.GroupBy(a => a.Status, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"LineGov municipal sample, load test ({store}), {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Applications} concurrent POST /api/applications ({Households} households, {Duplicates} same-household duplicates), host on loopback, fixed clock");
        text.AppendLine(CultureInfo.InvariantCulture, $"answers: {counts}; paid once: {paid} households");
        text.AppendLine(CultureInfo.InvariantCulture, $"latency of POST /api/applications: p50 {Percentile(50):F1} ms, p90 {Percentile(90):F1} ms, p99 {Percentile(99):F1} ms, max {ms[^1]:F1} ms");
        text.AppendLine(CultureInfo.InvariantCulture, $"all {Applications} answered in {wall.TotalMilliseconds:F0} ms ({Applications / wall.TotalSeconds:F0} applications/s); not timed: challenges and card signatures {prepare.TotalMilliseconds:F0} ms");
        return text.ToString();
    }

    private static string SteadyReport(TimeSpan[] latencies)
    {
        var ms = latencies.Select(l => l.TotalMilliseconds).Order().ToArray();
        double Percentile(double p) => ms[Math.Clamp((int)Math.Ceiling(p / 100 * ms.Length) - 1, 0, ms.Length - 1)];
        return string.Create(
            CultureInfo.InvariantCulture,
            $"steady: {ms.Length} applications of other households at {SteadyPerSecond}/s (open loop): p50 {Percentile(50):F1} ms, p90 {Percentile(90):F1} ms, p99 {Percentile(99):F1} ms, max {ms[^1]:F1} ms{Environment.NewLine}");
    }

    private static List<(SimulatedResident Resident, string User)> Plan(MunicipalitySimulator simulator)
    {
        var random = new Random(20261202);
        var households = simulator.Residents.GroupBy(r => r.HouseholdId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToArray();
        households.Length.ShouldBeGreaterThanOrEqualTo(Households, "the simulator must list the residents of the whole town");
        random.Shuffle(households);
        var applying = households.Take(Households).ToArray();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var plan = new List<(SimulatedResident Resident, string User)>(Applications);
        foreach (var members in applying)
        {
            Add(members[random.Next(members.Length)]);
        }

        for (var d = 0; d < Duplicates; d++)
        {
            var members = applying[random.Next(applying.Length)];
            var others = members.Where(m => !used.Contains(m.ResidentId)).ToArray();
            Add(others.Length > 0 ? others[random.Next(others.Length)] : members[random.Next(members.Length)]); // else: the same resident from a second phone
        }

        var shuffled = plan.ToArray();
        random.Shuffle(shuffled);
        return [.. shuffled];

        void Add(SimulatedResident resident)
        {
            used.Add(resident.ResidentId);
            plan.Add((resident, LineEmulatorUser.UserIdFor(5_000_000 + plan.Count)));
        }
    }
}

/// <summary>The load test on SQLite.</summary>
public sealed class LoadSqliteTests(ITestOutputHelper output) : LoadTest(TestStore.Sqlite, output);

/// <summary>The load test on PostgreSQL (skipped outside CI when PostgreSQL is not installed).</summary>
public sealed class LoadPostgresTests(ITestOutputHelper output) : LoadTest(TestStore.Postgres, output);
