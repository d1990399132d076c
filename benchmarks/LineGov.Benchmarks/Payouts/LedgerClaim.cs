using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using LineGov.Eligibility;
using LineGov.Payouts;
using LineGov.Payouts.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace LineGov.Benchmarks.Payouts;

/// <summary>
/// Household claims per second through <see cref="PayoutLedger.TryClaimAsync(HouseholdClaim, CancellationToken)"/> —
/// each one a durable transaction (insert-if-absent + audit line) — on SQLite (a file, WAL, synchronous=FULL) and on
/// PostgreSQL (a local server with its durable defaults: fsync on, synchronous_commit on), with 1 and 8 concurrent
/// writers. 15 % of the claims are a second member of an already-claimed household (answered "already applied").
/// One operation = one claim (OperationsPerInvoke), so claims/s = 1 s ÷ Mean. Baseline: SQLite, 1 writer.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LedgerClaim
{
    public const int ClaimsPerIteration = 2_000;

    private LedgerStore _store = null!;
    private PayoutLedger _ledger = null!;
    private string? _folder;
    private int _iteration;

    [Params("sqlite", "postgresql")]
    public string Store { get; set; } = "sqlite";

    [Params(1, 8)]
    public int Writers { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        string connection;
        if (Store == "sqlite")
        {
            _folder = Path.Combine(Path.GetTempPath(), "linegov-bench-ledger-" + Guid.NewGuid().ToString("N")[..8]);
            connection = Path.Combine(_folder, "ledger.db");
        }
        else
        {
            PostgresServer.Durable = true;
            connection = PostgresServer.CreateDatabaseAsync().GetAwaiter().GetResult();
        }

        _store = LedgerStore.Open(connection);
        _ledger = new PayoutLedger(_store);
        _store.MigrateAsync().GetAwaiter().GetResult();
    }

    [IterationSetup]
    public void NextIteration() => _iteration++;

    [Benchmark(OperationsPerInvoke = ClaimsPerIteration, Description = "claim (durable transaction)")]
    public async Task<int> Claim()
    {
        var iteration = _iteration;
        var next = -1;
        var won = 0;
        var workers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            var mine = 0;
            int i;
            while ((i = Interlocked.Increment(ref next)) < ClaimsPerIteration)
            {
                // Every 7th claim (about 15 %) is a second member of the household claimed just before it.
                var household = i % 7 == 6 ? i - 1 : i;
                var result = await _ledger.TryClaimAsync(new HouseholdClaim(
                    "bench",
                    $"{iteration:D3}-{household:D6}",
                    $"app-{iteration}-{i}",
                    ApplicationChannel.Line,
                    DateTimeOffset.UnixEpoch));
                if (result.IsFirstClaim)
                {
                    mine++;
                }
            }

            Interlocked.Add(ref won, mine);
        })).ToArray();
        await Task.WhenAll(workers);
        return won;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
