using System.Diagnostics;
using System.Security.Cryptography;
using LineGov.Payouts;
using LineGov.Payouts.Testing;
using LineGov.Payouts.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit.Abstractions;

namespace LineGov.Cli.Tests.Payouts;

/// <summary>
/// The crash-safety acceptance test of issue 6: <c>linegov payouts run</c> in a child process over 10,000 approved
/// households, killed with SIGKILL at random points several times, then resumed to the end. The points provider (a
/// fake on loopback in this process, with injected 500s and lost answers) must have granted every household exactly
/// once, and the ledger must show all 10,000 issued.
/// </summary>
public abstract class PayoutCrashContract(ITestOutputHelper output)
{
    private const int Households = 10_000;
    private const string ApiKey = "crash-test-key";

    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task ExecuteRawAsync(string database, string sql);

    [LedgerFact]
    public async Task A_payout_run_killed_at_random_points_issues_every_household_exactly_once()
    {
        var database = await CreateDatabaseAsync();
        await SeedApprovedAsync(database);
        await using var points = await FakePointsServer.StartAsync(new FakePointsServerOptions
        {
            ApiKey = ApiKey,
            ServerErrorRate = 0.02,
            LostAnswerRate = 0.01,
            Seed = 6,
        });

        // Kill points are chosen by payment progress, not by time: a slow machine's start-up cannot make them miss.
        var kills = 0;
        var grantsAtKill = new List<int>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var before = points.Ledger.GrantCount;
            var target = before + RandomNumberGenerator.GetInt32(10, 1_500);
            using var child = StartRun(database, points.BaseAddress);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!child.Process.HasExited && points.Ledger.GrantCount < target && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }

            if (child.Process.HasExited)
            {
                break;
            }

            child.Process.Kill(entireProcessTree: true); // SIGKILL on Linux: no cleanup, no finally blocks.
            await child.Process.WaitForExitAsync();
            kills++;
            grantsAtKill.Add(points.Ledger.GrantCount);
            output.WriteLine($"killed at {points.Ledger.GrantCount} grants (target {target})");
        }

        using (var last = StartRun(database, points.BaseAddress))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            await last.Process.WaitForExitAsync(timeout.Token);
            last.Process.ExitCode.ShouldBe(0, last.Stderr);
        }

        kills.ShouldBeGreaterThanOrEqualTo(2, "the run was killed mid-way several times");
        grantsAtKill.ShouldContain(g => g > 0 && g < Households, "at least one kill hit the run while it was paying");

        var perMember = points.Ledger.GrantCountsByMember();
        perMember.Count.ShouldBe(Households, "every household was paid");
        perMember.Values.ShouldAllBe(n => n == 1, "no household was paid twice");
        points.Ledger.GrantCount.ShouldBe(Households);
        points.Ledger.TotalPoints.ShouldBe(Households * 20_000L);
        points.RequestCount.ShouldBeGreaterThan(Households, "retries and re-offered batches happened, and were harmless");

        await using var store = LedgerStore.Open(database);
        var summary = await new PayoutLedger(store).GetSummaryAsync("touma-2026");
        summary.CountOf(PayoutState.Issued).ShouldBe(Households);
        summary.CountOf(PayoutState.Approved).ShouldBe(0);
        output.WriteLine($"{kills} kills; {points.RequestCount} requests for {points.Ledger.GrantCount} grants");
    }

    [LedgerFact]
    public async Task Four_worker_processes_on_one_run_pay_every_household_exactly_once()
    {
        var database = await CreateDatabaseAsync();
        await SeedApprovedAsync(database);
        await using var points = await FakePointsServer.StartAsync(new FakePointsServerOptions { ApiKey = ApiKey, ServerErrorRate = 0.01, LostAnswerRate = 0, Seed = 4 });

        var workers = Enumerable.Range(1, 4).Select(i => StartRun(database, points.BaseAddress, $"worker-{i}", "parallel-run")).ToArray();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            foreach (var worker in workers)
            {
                await worker.Process.WaitForExitAsync(timeout.Token);
                worker.Process.ExitCode.ShouldBe(0, worker.Stderr);
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                if (!worker.Process.HasExited)
                {
                    worker.Process.Kill(entireProcessTree: true);
                }

                worker.Dispose();
            }
        }

        // The provider de-duplicates by key, so grants alone cannot show a batch given to two workers: its answers
        // can. With no lost answers injected, a 200 ("already granted") means a key was sent again after it was granted.
        points.Requests.Count(r => r.Method == "POST" && r.Status == 200).ShouldBe(0, "no batch was issued by two workers");

        var perMember = points.Ledger.GrantCountsByMember();
        perMember.Count.ShouldBe(Households);
        perMember.Values.ShouldAllBe(n => n == 1, "no household was paid twice");
        await using var store = LedgerStore.Open(database);
        (await new PayoutLedger(store).GetSummaryAsync("touma-2026")).CountOf(PayoutState.Issued).ShouldBe(Households);

        // Every worker took part (the batches were shared, not all taken by the first to start).
        var actors = new HashSet<string>();
        var ledger = new PayoutLedger(store);
        for (var i = 0; i < Households; i += 97)
        {
            actors.Add((await ledger.GetAuditTrailAsync("touma-2026", "H" + i))[^1].Actor);
        }

        output.WriteLine($"actors seen: {string.Join(", ", actors.Order())}; {points.RequestCount} requests");
        actors.Count.ShouldBeGreaterThan(1);
    }

    private RunningCli StartRun(string database, Uri pointsUrl, string worker = "crash-worker", string run = "crash-run")
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            Path.Combine(AppContext.BaseDirectory, "linegov.dll"), "payouts", "run",
            "--db", database, "--program", "touma-2026", "--channel", "points", "--points-url", pointsUrl.ToString(),
            "--run", run, "--worker", worker, "--batch-size", "50",
        ])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LINEGOV_POINTS_API_KEY"] = ApiKey;
        return new RunningCli(Process.Start(start) ?? throw new InvalidOperationException("linegov did not start"));
    }

    /// <summary>A child linegov process whose two pipes are drained as it runs, so it never blocks on a full pipe.</summary>
    private sealed class RunningCli : IDisposable
    {
        private readonly System.Text.StringBuilder _stderr = new();

        public RunningCli(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) =>
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Stderr
        {
            get
            {
                lock (_stderr)
                {
                    return _stderr.ToString();
                }
            }
        }

        public void Dispose() => Process.Dispose();
    }

    private async Task SeedApprovedAsync(string database)
    {
        await using (var store = LedgerStore.Open(database))
        {
            await store.MigrateAsync();
        }

        // 10,000 approved entries in one statement (the API would take 20,000 transactions): 20,000 yen each.
        await ExecuteRawAsync(
            database,
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < " + (Households - 1) + ") " +
            "INSERT INTO payout_entries (program_id, beneficiary_id, application_id, application_channel, received_at, state, amount, attempt, version, updated_at) " +
            "SELECT 'touma-2026', 'H' || i, 'app-' || i, 'line', 0, 'approved', 20000, 1, 2, 0 FROM n");
    }
}

public sealed class SqlitePayoutCrashTests(ITestOutputHelper output) : PayoutCrashContract(output), IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "linegov-crash-" + Guid.NewGuid().ToString("N")[..12]);

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(Path.Combine(_folder, "ledger.db"));

    protected override async Task ExecuteRawAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

[Trait("Requires", "postgresql")]
public sealed class PostgresPayoutCrashTests(ITestOutputHelper output) : PayoutCrashContract(output)
{
    protected override Task<string> CreateDatabaseAsync() => PostgresServer.CreateDatabaseAsync();

    protected override async Task ExecuteRawAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
