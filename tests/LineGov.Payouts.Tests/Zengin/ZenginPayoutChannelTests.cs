using LineGov.Payouts.Zengin;
using static LineGov.Payouts.Tests.Zengin.ZenginTestData;

namespace LineGov.Payouts.Tests.Zengin;

public sealed class ZenginPayoutChannelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("linegov-zengin-channel-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class Accounts : IZenginPayoutAccountResolver
    {
        public Dictionary<string, ZenginPayoutAccount> ByBeneficiary { get; } = new(StringComparer.Ordinal);

        public ValueTask<ZenginPayoutAccount?> ResolveAsync(PayoutInstruction instruction, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(ByBeneficiary.GetValueOrDefault(instruction.BeneficiaryId));
        }
    }

    private static Accounts ThreeAccounts()
    {
        var accounts = new Accounts();
        accounts.ByBeneficiary["H1"] = new("0001", "001", ZenginAccountType.Ordinary, "1111111", "トウマ　タロウ");
        accounts.ByBeneficiary["H2"] = new("0005", "123", ZenginAccountType.Savings, "2222222", "いかうし はなこ");
        accounts.ByBeneficiary["H3"] = new("0009", "456", ZenginAccountType.Current, "3333333", "ｶﾞｯｺｳ ｼﾞﾛｳ");
        return accounts;
    }

    private ZenginPayoutChannel Channel(IZenginPayoutAccountResolver accounts, string? folder = null) =>
        new(Header(), folder ?? _folder, accounts, new ZenginWriterOptions { UseCrLf = true });

    private static PayoutBatch Batch(string runId, long number, params string[] beneficiaries) =>
        new(runId, number, [.. beneficiaries.Select((b, i) => new PayoutInstruction("tohma-2026", b, 10_000 * (i + 1), 1))]);

    [Fact]
    public async Task A_batch_becomes_one_file_named_after_the_run_and_batch_with_a_reference_per_record()
    {
        var channel = Channel(ThreeAccounts());
        channel.Name.ShouldBe("zengin");

        var results = await channel.IssueAsync(Batch("run-1", 7, "H1", "H2", "H3"));

        results.Select(r => r.Succeeded).ShouldAllBe(s => s);
        results.Select(r => r.Reference).ShouldBe(["run-1-000007.zengin#2", "run-1-000007.zengin#3", "run-1-000007.zengin#4"]);
        Directory.GetFiles(_folder).Select(Path.GetFileName).ShouldBe(["run-1-000007.zengin"]);

        var file = await new ZenginReader().ReadFileAsync(Path.Combine(_folder, "run-1-000007.zengin"));
        file.HasLineBreaks.ShouldBeTrue();
        file.Header.TransferDate.ShouldBe("0325");
        file.Trailer.ShouldBe(new ZenginTrailer(3, 60_000));
        file.Transfers[1].AccountName.ShouldBe("ｲｶｳｼ ﾊﾅｺ");
        file.Transfers[1].AccountType.ShouldBe(ZenginAccountType.Savings);
        file.Transfers[2].Amount.ShouldBe(30_000);

        // 顧客コード1 is 10 digits of the key's hash: no beneficiary id in the file.
        var key = PayoutInstruction.CreateIdempotencyKey("tohma-2026", "H1", 1);
        file.Transfers[0].CustomerCode1.ShouldBe(ZenginPayoutChannel.CustomerCodeFor(key));
        file.Transfers[0].CustomerCode1!.Length.ShouldBe(10);
        file.Transfers[0].CustomerCode1!.ShouldAllBe(c => char.IsAsciiDigit(c));
        file.Transfers[0].CustomerCode2.ShouldBeNull();
    }

    [Fact]
    public async Task Issuing_the_same_batch_again_gives_identical_bytes_and_the_same_references()
    {
        var first = await Channel(ThreeAccounts()).IssueAsync(Batch("run-1", 1, "H1", "H2", "H3"));
        var path = Path.Combine(_folder, "run-1-000001.zengin");
        var bytes = await File.ReadAllBytesAsync(path);

        // Another process after a crash: a new channel, the same batch.
        var again = await Channel(ThreeAccounts()).IssueAsync(Batch("run-1", 1, "H1", "H2", "H3"));
        (await File.ReadAllBytesAsync(path)).ShouldBe(bytes);
        again.Select(r => (r.IdempotencyKey, r.Reference)).ShouldBe(first.Select(r => (r.IdempotencyKey, r.Reference)));

        // Written from scratch elsewhere: the same bytes (the content depends on nothing but the inputs).
        var elsewhere = Path.Combine(_folder, "elsewhere");
        await Channel(ThreeAccounts(), elsewhere).IssueAsync(Batch("run-1", 1, "H1", "H2", "H3"));
        (await File.ReadAllBytesAsync(Path.Combine(elsewhere, "run-1-000001.zengin"))).ShouldBe(bytes);
        Directory.GetFiles(_folder).Length.ShouldBe(1, "no temporary file is left behind");
    }

    [Fact]
    public async Task A_batch_re_offered_with_only_the_unrecorded_instructions_keeps_the_file_and_its_references()
    {
        var first = await Channel(ThreeAccounts()).IssueAsync(Batch("run-1", 1, "H1", "H2", "H3"));
        var path = Path.Combine(_folder, "run-1-000001.zengin");
        var bytes = await File.ReadAllBytesAsync(path);

        // The ledger recorded H1 before the crash: the run offers H2 and H3 again (same amounts, same keys).
        var subset = new PayoutBatch("run-1", 1, [.. Batch("run-1", 1, "H1", "H2", "H3").Items.Skip(1)]);
        var again = await Channel(ThreeAccounts()).IssueAsync(subset);

        (await File.ReadAllBytesAsync(path)).ShouldBe(bytes, "H1 must stay in the file");
        again.Select(r => r.Reference).ShouldBe(first.Skip(1).Select(r => r.Reference));
    }

    [Fact]
    public async Task A_re_offered_batch_answers_from_its_file_even_if_the_accounts_changed_or_vanished_since()
    {
        var first = await Channel(ThreeAccounts()).IssueAsync(Batch("run-1", 1, "H1", "H2", "H3"));
        var path = Path.Combine(_folder, "run-1-000001.zengin");
        var bytes = await File.ReadAllBytesAsync(path);

        // After the crash H1 moved banks, H2's account was removed and H3's became invalid: the file is what the bank
        // pays, so the three are still issued by it — not failed, and not written a second time.
        var changed = new Accounts();
        changed.ByBeneficiary["H1"] = new("0005", "999", ZenginAccountType.Ordinary, "9999999", "トウマ　タロウ");
        changed.ByBeneficiary["H3"] = new("12", "456", ZenginAccountType.Current, "3333333", "ｶﾞｯｺｳ ｼﾞﾛｳ");
        var again = await Channel(changed).IssueAsync(Batch("run-1", 1, "H1", "H2", "H3"));

        again.ShouldAllBe(r => r.Succeeded);
        again.Select(r => r.Reference).ShouldBe(first.Select(r => r.Reference));
        (await File.ReadAllBytesAsync(path)).ShouldBe(bytes, "no second record for any payout");
    }

    [Fact]
    public async Task An_invalid_or_missing_account_fails_that_instruction_only_and_the_others_are_written()
    {
        var accounts = ThreeAccounts();
        accounts.ByBeneficiary["H2"] = new("0005", "12", ZenginAccountType.Ordinary, "22222X2", "花子");

        var results = await Channel(accounts).IssueAsync(Batch("run-2", 1, "H1", "H2", "H3", "H4"));

        var byKey = results.ToDictionary(r => r.IdempotencyKey.Split(':')[1]);
        byKey["H1"].Reference.ShouldBe("run-2-000001.zengin#2");
        byKey["H3"].Reference.ShouldBe("run-2-000001.zengin#3");
        byKey["H2"].Succeeded.ShouldBeFalse();
        byKey["H2"].FailureReason.ShouldNotBeNull();
        byKey["H2"].FailureReason!.ShouldContain("BranchCode must be exactly 3 digits");
        byKey["H2"].FailureReason!.ShouldContain("AccountNumber must be exactly 7 digits");
        byKey["H2"].FailureReason!.ShouldContain("AccountName contains a character");
        byKey["H2"].FailureReason!.ShouldNotContain("22222X2");
        byKey["H4"].Succeeded.ShouldBeFalse();
        byKey["H4"].FailureReason.ShouldBe("the beneficiary has no bank account on record");

        var file = await new ZenginReader().ReadFileAsync(Path.Combine(_folder, "run-2-000001.zengin"));
        file.Trailer.ShouldBe(new ZenginTrailer(2, 10_000 + 30_000));
    }

    [Fact]
    public async Task A_batch_without_any_valid_instruction_writes_no_file()
    {
        var results = await Channel(new Accounts()).IssueAsync(Batch("run-3", 1, "H1", "H2"));

        results.Count.ShouldBe(2);
        results.ShouldAllBe(r => !r.Succeeded);
        Directory.GetFiles(_folder).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_invalid_requester_template_throws_instead_of_failing_beneficiaries()
    {
        var channel = new ZenginPayoutChannel(Header(requesterCode: "12"), _folder, ThreeAccounts());

        var e = await Should.ThrowAsync<ZenginValidationException>(() => channel.IssueAsync(Batch("run-4", 1, "H1")).AsTask());

        e.Errors.ShouldHaveSingleItem().Field.ShouldBe("RequesterCode");
        Directory.GetFiles(_folder).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_cancelled_issue_throws_and_writes_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => Channel(ThreeAccounts()).IssueAsync(Batch("run-5", 1, "H1", "H2"), cancellation.Token).AsTask());

        Directory.GetFileSystemEntries(_folder).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("run-1", 1, "run-1-000001.zengin")]
    [InlineData("2026.12_A", 123456, "2026.12_A-123456.zengin")]
    [InlineData("a/b", 2, "a_b-")]
    [InlineData("../../etc/passwd", 1, "_._.._etc_passwd-")]
    [InlineData(".hidden", 1, "_hidden-")]
    public void File_names_are_deterministic_and_safe(string runId, long batch, string expectedStart)
    {
        var name = ZenginPayoutChannel.FileNameFor(runId, batch);

        name.ShouldStartWith(expectedStart);
        name.ShouldEndWith(".zengin");
        name.ShouldBe(ZenginPayoutChannel.FileNameFor(runId, batch));
        name.IndexOfAny(['/', '\\', ':']).ShouldBe(-1);
        name.ShouldNotStartWith(".");
    }

    [Fact]
    public void Run_ids_that_sanitize_alike_get_different_files()
    {
        ZenginPayoutChannel.FileNameFor("a/b", 1).ShouldNotBe(ZenginPayoutChannel.FileNameFor("a_b", 1));
        ZenginPayoutChannel.FileNameFor("a/b", 1).ShouldNotBe(ZenginPayoutChannel.FileNameFor("a:b", 1));
        ZenginPayoutChannel.FileNameFor(new string('r', 100), 1).Length.ShouldBeLessThan(100);
    }

    [Fact]
    public async Task Different_batches_issued_concurrently_each_get_their_file()
    {
        var channel = Channel(ThreeAccounts());

        // An async gate, not a Barrier: pool threads blocked on a barrier starve a 2-core machine.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(1, 4).Select(n => Task.Run(async () =>
        {
            await start.Task;
            return await channel.IssueAsync(Batch("run-6", n, "H1", "H2", "H3"));
        })).ToArray();
        start.SetResult();

        var results = await Task.WhenAll(tasks);

        results.SelectMany(r => r).ShouldAllBe(r => r.Succeeded);
        Directory.GetFiles(_folder).Length.ShouldBe(4);
    }

    [Fact]
    public void ToString_shows_no_account_data()
    {
        var account = new ZenginPayoutAccount("0001", "001", ZenginAccountType.Ordinary, "1234567", "ヤマダ");
        account.ToString().ShouldNotContain("1234567");
        account.ToString().ShouldNotContain("ヤマダ");
    }
}
