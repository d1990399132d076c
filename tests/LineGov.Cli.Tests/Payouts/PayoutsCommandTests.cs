using LineGov.Eligibility;
using LineGov.Payouts;
using LineGov.Payouts.Testing;
using Microsoft.Data.Sqlite;

namespace LineGov.Cli.Tests.Payouts;

/// <summary><c>linegov payouts run | status | reconcile</c> in-process, on SQLite files.</summary>
public sealed class PayoutsCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "linegov-payouts-cli-" + Guid.NewGuid().ToString("N")[..12]);

    public PayoutsCommandTests() => Directory.CreateDirectory(_folder);

    private string Db => Path.Combine(_folder, "ledger.db");

    private async Task SeedAsync(int households)
    {
        await using var store = new SqliteLedgerStore(Db);
        var ledger = new PayoutLedger(store);
        for (var i = 0; i < households; i++)
        {
            await ledger.TryClaimAsync("touma", $"H{i}", $"app-{i}", ApplicationChannel.Line);
            await ledger.ApproveAsync("touma", $"H{i}", 20_000, new LedgerRequest($"approve-{i}", "staff"));
        }
    }

    [Fact]
    public async Task Status_shows_every_state_with_counts_and_amounts()
    {
        await SeedAsync(3);
        var run = await Cli.RunAsync("payouts", "status", "--db", Db, "--program", "touma");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("program touma: 3 claims");
        run.Stdout.ShouldContain("approved");
        run.Stdout.ShouldContain("60,000 yen");
        run.Stdout.ShouldContain("settled");
    }

    [Fact]
    public async Task A_points_run_pays_each_household_once_and_a_second_run_pays_nothing()
    {
        await SeedAsync(25);
        await using var points = await FakePointsServer.StartAsync(new FakePointsServerOptions { ApiKey = "k" });
        Environment.SetEnvironmentVariable("LINEGOV_POINTS_API_KEY", "k");
        try
        {
            string[] args = ["payouts", "run", "--db", Db, "--program", "touma", "--channel", "points", "--points-url", points.BaseAddress.ToString(), "--run", "r1", "--batch-size", "10"];
            var first = await Cli.RunAsync(args);
            first.ExitCode.ShouldBe(0, first.ToString());
            first.Stdout.ShouldContain("run r1: 25 issued, 0 failed in 3 batches; complete");
            first.Stderr.ShouldContain("batch 3: 5 issued");

            var second = await Cli.RunAsync(args);
            second.Stdout.ShouldContain("run r1: 0 issued");
            points.Ledger.GrantCount.ShouldBe(25);

            // The bank/provider result list: two paid, one failed, one unknown.
            var results = Path.Combine(_folder, "results.csv");
            await File.WriteAllTextAsync(results, "beneficiary_id,result,reason\nH0,paid,\nH1,paid,\nH2,failed,E03\nH-x,paid,\n");
            var reconcile = await Cli.RunAsync("payouts", "reconcile", "--db", Db, "--program", "touma", "--results", results);
            reconcile.ExitCode.ShouldBe(1, reconcile.ToString());
            reconcile.Stdout.ShouldContain("settled 2, failed 1, already applied 0, not applied 1");
            reconcile.Stderr.ShouldContain("line 5: no payout");

            var again = await Cli.RunAsync("payouts", "reconcile", "--db", Db, "--program", "touma", "--results", results);
            again.Stdout.ShouldContain("settled 0, failed 0, already applied 3");

            var status = await Cli.RunAsync("payouts", "status", "--db", Db, "--program", "touma");
            status.Stdout.ShouldContain("settled            2");
        }
        finally
        {
            Environment.SetEnvironmentVariable("LINEGOV_POINTS_API_KEY", null);
        }
    }

    [Fact]
    public async Task A_coupon_run_writes_each_code_once_to_the_codes_file()
    {
        await SeedAsync(4);
        Environment.SetEnvironmentVariable("LINEGOV_COUPON_SECRET", Convert.ToBase64String(new byte[32]));
        try
        {
            var codes = Path.Combine(_folder, "codes.csv");
            string[] args = ["payouts", "run", "--db", Db, "--program", "touma", "--channel", "coupon", "--coupons", Path.Combine(_folder, "coupons.db"), "--codes-out", codes, "--run", "c1"];
            (await Cli.RunAsync(args)).ExitCode.ShouldBe(0);
            (await Cli.RunAsync(args)).ExitCode.ShouldBe(0);
            var lines = await File.ReadAllLinesAsync(codes);
            lines[0].ShouldBe("coupon_id,beneficiary_id,code,face_value,expires_at");
            lines.Length.ShouldBe(5);
            lines.Skip(1).Select(l => l.Split(',')[2]).Distinct().Count().ShouldBe(4);
        }
        finally
        {
            Environment.SetEnvironmentVariable("LINEGOV_COUPON_SECRET", null);
        }
    }

    [Fact]
    public async Task A_zengin_run_writes_one_bank_file_per_batch_and_fails_households_without_an_account()
    {
        await SeedAsync(5);
        var accounts = Path.Combine(_folder, "accounts.csv");
        await File.WriteAllTextAsync(
            accounts,
            "beneficiary_id,bank_code,branch_code,account_type,account_number,account_name\n" +
            "H0,0001,001,1,1234567,ヤマダ タロウ\nH1,0005,123,1,7654321,すずき　はなこ\nH2,0009,456,2,0000001,ｻﾄｳ ｼﾞﾛｳ\nH3,0010,789,1,12345678,タナカ\n");
        var outDir = Path.Combine(_folder, "out");
        string[] args =
        [
            "payouts", "run", "--db", Db, "--program", "touma", "--channel", "zengin", "--run", "z1", "--batch-size", "3",
            "--requester", Path.Combine(AppContext.BaseDirectory, "examples", "zengin-requester.json"), "--accounts", accounts,
            "--date", "0325", "--out-dir", outDir,
        ];

        var run = await Cli.RunAsync(args);
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("3 issued, 2 failed in 2 batches");
        var files = Directory.GetFiles(outDir).Select(Path.GetFileName).Order().ToArray();
        files.ShouldBe(["z1-000001.zengin"], "batch 2 (H3, H4) had no valid transfer, so no file");

        var first = await Cli.RunAsync("zengin", "read", Path.Combine(outDir, files[0]!), "--json");
        first.ExitCode.ShouldBe(0, first.ToString());
        first.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(6, "header, three transfers, trailer, end");

        var ledger = new PayoutLedger(new SqliteLedgerStore(Db));
        await using (ledger.Store)
        {
            (await ledger.GetEntryAsync("touma", "H3"))!.FailureReason.ShouldNotBeNull("an 8-digit account number fails that payout only");
            (await ledger.GetEntryAsync("touma", "H4"))!.State.ShouldBe(PayoutState.Failed, "no account line");
            (await ledger.GetEntryAsync("touma", "H0"))!.Reference.ShouldBe("z1-000001.zengin#2");
        }

        var bytes = await File.ReadAllBytesAsync(Path.Combine(outDir, files[0]!));
        (await Cli.RunAsync(args)).Stdout.ShouldContain("0 issued");
        (await File.ReadAllBytesAsync(Path.Combine(outDir, files[0]!))).ShouldBe(bytes);
    }

    [Theory]
    [InlineData("--channel", "points")]
    [InlineData("--channel", "points", "--points-url", "ftp://example.jp/")]
    [InlineData("--channel", "coupon")]
    [InlineData("--channel", "cash", "--points-url", "http://127.0.0.1:1/")]
    [InlineData("--channel", "points", "--points-url", "http://127.0.0.1:1/", "--batch-size", "0")]
    public async Task Usage_errors_are_one_line_and_exit_2(params string[] extra)
    {
        var run = await Cli.RunAsync(["payouts", "run", "--db", Db, "--program", "touma", .. extra]);
        run.ShouldBeOneLineError();
        File.Exists(Db).ShouldBeFalse("nothing is created on a usage error");
    }

    [Fact]
    public async Task A_malformed_result_list_imports_nothing()
    {
        await SeedAsync(1);
        var results = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(results, "beneficiary_id,result\nH0,maybe\n");
        var run = await Cli.RunAsync("payouts", "reconcile", "--db", Db, "--program", "touma", "--results", results);
        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("line 2: result must be paid or failed");
    }

    [Fact]
    public async Task A_ledger_from_a_newer_version_is_a_one_line_error()
    {
        await SeedAsync(1);
        await using (var connection = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE linegov_schema SET version = 42";
            await command.ExecuteNonQueryAsync();
        }

        var run = await Cli.RunAsync("payouts", "status", "--db", Db, "--program", "touma");
        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("schema version 42");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
