using LineGov.Eligibility;
using LineGov.Payouts.Tests.Infrastructure;

namespace LineGov.Payouts.Tests.Ledger;

/// <summary>The behaviour every ledger store must have; run once per store by the derived classes.</summary>
public abstract class LedgerStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(9));
    private readonly List<LedgerStore> _stores = [];

    private protected ManualTimeProvider Clock { get; } = new(Start);

    private protected PayoutLedger Ledger { get; private set; } = null!;

    /// <summary>A connection string or path of a fresh, empty database.</summary>
    private protected string Database { get; private set; } = string.Empty;

    protected abstract Task<string> CreateDatabaseAsync();

    private protected LedgerStore OpenStore()
    {
        var store = LedgerStore.Open(Database);
        _stores.Add(store);
        return store;
    }

    /// <summary>Runs SQL directly against the database (outside the library).</summary>
    private protected abstract Task ExecuteRawAsync(string sql);

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        Ledger = new PayoutLedger(OpenStore(), Clock);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    private static HouseholdClaim Candidate(string beneficiary, string application, ApplicationChannel? channel = null, string? applicant = null) =>
        new("P1", beneficiary, application, channel ?? ApplicationChannel.Line, Start.AddMinutes(-1), applicant);

    private static LedgerRequest Request(string key, string actor = "staff-1", string? reason = null) => new(key, actor, reason);

    private async Task ApproveAsync(int households, long amount = 30_000)
    {
        for (var i = 0; i < households; i++)
        {
            var id = $"H{i:D6}";
            (await Ledger.TryClaimAsync(Candidate(id, "A" + id))).IsFirstClaim.ShouldBeTrue();
            (await Ledger.ApproveAsync("P1", id, amount, Request("approve:" + id))).Outcome.ShouldBe(LedgerOutcome.Applied);
        }
    }

    [LedgerFact]
    public async Task The_first_claim_wins_and_the_answer_holds_across_store_instances()
    {
        var first = await Ledger.TryClaimAsync(Candidate("H1", "app-1", ApplicationChannel.Counter, "R1"));
        first.IsFirstClaim.ShouldBeTrue();

        var again = await Ledger.TryClaimAsync(Candidate("H1", "app-1", ApplicationChannel.Counter, "R1"));
        again.IsFirstClaim.ShouldBeTrue("the same application asking again is idempotent");

        // Another process (a second store over the same database) asks for another member of the household.
        var other = new PayoutLedger(OpenStore(), Clock);
        var second = await other.TryClaimAsync(Candidate("H1", "app-2", ApplicationChannel.Line, "R2"));
        second.IsFirstClaim.ShouldBeFalse();
        second.Claim.ApplicationId.ShouldBe("app-1");
        second.Claim.Channel.ShouldBe(ApplicationChannel.Counter);
        second.Claim.ClaimedAt.ShouldBe(Start.AddMinutes(-1));
        second.Claim.ApplicantId.ShouldBe("R1");

        (await other.FindAsync("P1", "H1"))!.ApplicationId.ShouldBe("app-1");
        (await other.FindAsync("P1", "H2")).ShouldBeNull();
        (await other.FindAsync("P2", "H1")).ShouldBeNull("claims are per program");
    }

    [LedgerFact]
    public async Task The_same_application_id_from_another_applicant_does_not_hold_the_claim()
    {
        (await Ledger.TryClaimAsync(Candidate("H1", "app-1", applicant: "R1"))).IsFirstClaim.ShouldBeTrue();
        (await Ledger.TryClaimAsync(Candidate("H1", "app-1", applicant: "R9"))).IsFirstClaim.ShouldBeFalse();
    }

    [LedgerFact]
    public async Task Fifty_parallel_claims_for_one_household_from_two_stores_have_exactly_one_winner()
    {
        var ledgers = new[] { Ledger, new PayoutLedger(OpenStore(), Clock) };
        await ledgers[1].Store.MigrateAsync();
        // An async gate, not a Barrier: 50 blocked pool threads would starve the thread pool for tens of seconds.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await ledgers[i % 2].TryClaimAsync(Candidate("H1", $"app-{i}"));
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(tasks);

        results.Count(r => r.IsFirstClaim).ShouldBe(1);
        var winner = results.Single(r => r.IsFirstClaim).Claim.ApplicationId;
        results.ShouldAllBe(r => r.Claim.ApplicationId == winner, "the others are told who claimed first");
        (await Ledger.GetSummaryAsync("P1")).Total.ShouldBe(1);
    }

    [LedgerFact]
    public async Task The_state_machine_moves_forward_only_and_every_move_is_audited()
    {
        await Ledger.TryClaimAsync(Candidate("H1", "app-1"));
        (await Ledger.SettleAsync("P1", "H1", Request("s0"))).Outcome.ShouldBe(LedgerOutcome.InvalidState);
        (await Ledger.SettleAsync("P1", "nobody", Request("s1"))).Outcome.ShouldBe(LedgerOutcome.NotFound);

        Clock.Advance(TimeSpan.FromHours(1));
        var approved = await Ledger.ApproveAsync("P1", "H1", 30_000, Request("a1", "reviewer-7", "所得要件を確認"));
        approved.Outcome.ShouldBe(LedgerOutcome.Applied);
        approved.IsRepeat.ShouldBeFalse();
        approved.Entry!.State.ShouldBe(PayoutState.Approved);
        approved.Entry.Amount.ShouldBe(30_000);
        approved.Entry.Version.ShouldBe(2);

        (await Ledger.ApproveAsync("P1", "H1", 30_000, Request("a2"))).Outcome.ShouldBe(LedgerOutcome.InvalidState);

        var channel = new RecordingChannel();
        Clock.Advance(TimeSpan.FromHours(1));
        var summary = await new PayoutRunner(Ledger, channel, new PayoutRunOptions { WorkerId = "w1" }).RunAsync("run-1", "P1");
        summary.Issued.ShouldBe(1);
        summary.IsComplete.ShouldBeTrue();
        var issued = await Ledger.GetEntryAsync("P1", "H1");
        issued!.State.ShouldBe(PayoutState.Issued);
        issued.PayoutChannel.ShouldBe("recording");
        issued.Reference.ShouldBe("tx-P1:H1:1");
        issued.RunId.ShouldBe("run-1");

        Clock.Advance(TimeSpan.FromDays(1));
        (await Ledger.SettleAsync("P1", "H1", Request("settle-1", "bank-import"))).Entry!.State.ShouldBe(PayoutState.Settled);
        (await Ledger.ReverseAsync("P1", "H1", Request("reverse-1", "staff-2", "組戻し"))).Entry!.State.ShouldBe(PayoutState.Reversed);
        (await Ledger.SettleAsync("P1", "H1", Request("settle-2"))).Outcome.ShouldBe(LedgerOutcome.InvalidState);

        var trail = await Ledger.GetAuditTrailAsync("P1", "H1");
        trail.Select(t => t.ToState).ShouldBe([PayoutState.Received, PayoutState.Approved, PayoutState.Issued, PayoutState.Settled, PayoutState.Reversed]);
        trail[0].FromState.ShouldBeNull();
        trail[1].FromState.ShouldBe(PayoutState.Received);
        trail[1].Actor.ShouldBe("reviewer-7");
        trail[1].Reason.ShouldBe("所得要件を確認");
        trail[1].At.ShouldBe(Start.AddHours(1));
        trail[2].Actor.ShouldBe("payout-run:w1");
        trail[2].At.ShouldBe(Start.AddHours(2));
        trail[3].At.ShouldBe(Start.AddHours(2).AddDays(1));
        trail.Select(t => t.Sequence).ShouldBeInOrder(SortDirection.Ascending);
    }

    [LedgerFact]
    public async Task A_repeated_request_changes_nothing_and_returns_the_first_outcome()
    {
        await Ledger.TryClaimAsync(Candidate("H1", "app-1"));
        var first = await Ledger.ApproveAsync("P1", "H1", 30_000, Request("approve-H1"));
        var repeat = await Ledger.ApproveAsync("P1", "H1", 30_000, Request("approve-H1"));

        repeat.Outcome.ShouldBe(LedgerOutcome.Applied);
        repeat.IsRepeat.ShouldBeTrue();
        repeat.Entry!.Version.ShouldBe(first.Entry!.Version);
        (await Ledger.GetAuditTrailAsync("P1", "H1")).Count.ShouldBe(2);

        await Should.ThrowAsync<LedgerIdempotencyConflictException>(() => Ledger.ApproveAsync("P1", "H1", 50_000, Request("approve-H1")));
        await Should.ThrowAsync<LedgerIdempotencyConflictException>(() => Ledger.RejectAsync("P1", "H1", Request("approve-H1")));
        (await Ledger.GetEntryAsync("P1", "H1"))!.Amount.ShouldBe(30_000);
    }

    [LedgerFact]
    public async Task Parallel_repeats_of_one_request_apply_it_once()
    {
        await Ledger.TryClaimAsync(Candidate("H1", "app-1"));
        var other = new PayoutLedger(OpenStore(), Clock);
        await other.Store.MigrateAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await (i % 2 == 0 ? Ledger : other).ApproveAsync("P1", "H1", 30_000, Request("approve-H1"));
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(tasks);

        results.ShouldAllBe(r => r.Outcome == LedgerOutcome.Applied);
        results.Count(r => !r.IsRepeat).ShouldBe(1);
        (await Ledger.GetAuditTrailAsync("P1", "H1")).Count(t => t.ToState == PayoutState.Approved).ShouldBe(1);
    }

    [LedgerFact]
    public async Task The_audit_trail_is_append_only_in_the_database_itself()
    {
        await Ledger.TryClaimAsync(Candidate("H1", "app-1"));
        await Should.ThrowAsync<Exception>(() => ExecuteRawAsync("UPDATE payout_audit SET actor = 'someone else'"));
        await Should.ThrowAsync<Exception>(() => ExecuteRawAsync("DELETE FROM payout_audit"));
        (await Ledger.GetAuditTrailAsync("P1", "H1")).Single().Actor.ShouldBe("resident");
    }

    [LedgerFact]
    public async Task Migrations_are_versioned_and_idempotent_and_a_newer_schema_is_refused()
    {
        await Ledger.Store.MigrateAsync();
        (await Ledger.Store.GetSchemaVersionAsync()).ShouldBe(LedgerStore.CurrentSchemaVersion);

        // A second, fresh store instance migrates again: nothing changes.
        var again = OpenStore();
        await again.MigrateAsync();
        (await again.GetSchemaVersionAsync()).ShouldBe(LedgerStore.CurrentSchemaVersion);

        await ExecuteRawAsync("UPDATE linegov_schema SET version = 99 WHERE component = 'payouts'");
        var newer = OpenStore();
        var error = await Should.ThrowAsync<LedgerSchemaException>(() => newer.MigrateAsync());
        error.Message.ShouldContain("99");
    }

    [LedgerFact]
    public async Task A_database_at_version_1_is_migrated_to_the_current_version_keeping_its_claims()
    {
        // Build a version-1 database by hand (what an older library left behind).
        await ExecuteRawAsync("CREATE TABLE linegov_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL, applied_at BIGINT NOT NULL)");
        foreach (var statement in Ledger.Store.MigrationScript(1))
        {
            await ExecuteRawAsync(statement);
        }

        await ExecuteRawAsync("INSERT INTO linegov_schema VALUES ('payouts', 1, 0)");
        await ExecuteRawAsync(
            "INSERT INTO payout_entries (program_id, beneficiary_id, application_id, application_channel, received_at, state, attempt, version, updated_at) " +
            "VALUES ('P1', 'H1', 'app-old', 'mail', 0, 'received', 1, 1, 0)");

        var store = OpenStore();
        await store.MigrateAsync();
        (await store.GetSchemaVersionAsync()).ShouldBe(LedgerStore.CurrentSchemaVersion);
        var ledger = new PayoutLedger(store, Clock);
        (await ledger.TryClaimAsync(Candidate("H1", "app-new"))).Claim.ApplicationId.ShouldBe("app-old");
        await ledger.ApproveAsync("P1", "H1", 10_000, Request("a"));
        (await new PayoutRunner(ledger, new RecordingChannel(), new PayoutRunOptions { WorkerId = "w" }).RunAsync("r", "P1")).Issued.ShouldBe(1);
    }

    [LedgerFact]
    public async Task A_run_issues_every_approved_entry_once_in_batches_and_reports_progress()
    {
        await ApproveAsync(250);
        await Ledger.TryClaimAsync(Candidate("H-not-approved", "A-x"));
        var channel = new RecordingChannel();
        var reports = new List<PayoutRunProgress>();
        var progress = new SynchronousProgress<PayoutRunProgress>(reports.Add);

        var summary = await new PayoutRunner(Ledger, channel, new PayoutRunOptions { BatchSize = 100, WorkerId = "w1" }).RunAsync("run-1", "P1", progress);

        summary.Batches.ShouldBe(3);
        summary.Issued.ShouldBe(250);
        summary.IsComplete.ShouldBeTrue();
        channel.Payments.ShouldBe(250);
        reports.Select(r => r.BatchNumber).ShouldBe([1L, 2L, 3L]);
        reports[^1].TotalIssued.ShouldBe(250);
        var totals = await Ledger.GetSummaryAsync("P1");
        totals.CountOf(PayoutState.Issued).ShouldBe(250);
        totals.CountOf(PayoutState.Received).ShouldBe(1);
        totals.Amounts[PayoutState.Issued].ShouldBe(250 * 30_000L);

        // Running it again (or another run) finds nothing to do.
        (await new PayoutRunner(Ledger, channel, new PayoutRunOptions { WorkerId = "w1" }).RunAsync("run-1", "P1")).Issued.ShouldBe(0);
        (await new PayoutRunner(Ledger, channel, new PayoutRunOptions { WorkerId = "w2" }).RunAsync("run-2", "P1")).Issued.ShouldBe(0);
        channel.Payments.ShouldBe(250);
    }

    [LedgerFact]
    public async Task A_channel_outage_and_a_lost_answer_are_retried_with_the_same_keys_and_pay_once()
    {
        await ApproveAsync(30);
        var channel = new RecordingChannel { FailNextCalls = 2, LoseNextAnswers = 1 };
        var summary = await new PayoutRunner(Ledger, channel, new PayoutRunOptions { BatchSize = 10, WorkerId = "w1", RetryDelay = TimeSpan.Zero })
            .RunAsync("run-1", "P1");

        summary.Issued.ShouldBe(30);
        channel.Payments.ShouldBe(30);
        channel.CallsFor("P1:H000000:1").ShouldBe(2, "the batch whose answer was lost was offered again with the same key");
    }

    [LedgerFact]
    public async Task A_channel_that_keeps_failing_stops_the_run_and_a_later_run_resumes_it()
    {
        await ApproveAsync(5);
        var channel = new RecordingChannel { FailNextCalls = 100 };
        var runner = new PayoutRunner(Ledger, channel, new PayoutRunOptions { WorkerId = "w1", RetryDelay = TimeSpan.Zero, MaxAttemptsPerBatch = 3 });
        await Should.ThrowAsync<PayoutRunException>(() => runner.RunAsync("run-1", "P1"));
        (await Ledger.GetSummaryAsync("P1")).CountOf(PayoutState.Approved).ShouldBe(5);

        channel.FailNextCalls = 0;
        (await runner.RunAsync("run-1", "P1")).Issued.ShouldBe(5);
        channel.Payments.ShouldBe(5);
    }

    [LedgerFact]
    public async Task A_refused_payout_fails_and_is_issued_again_only_after_a_deliberate_reissue()
    {
        await ApproveAsync(3);
        var channel = new RecordingChannel();
        channel.Refuse.Add("H000001");
        var options = new PayoutRunOptions { WorkerId = "w1" };
        var first = await new PayoutRunner(Ledger, channel, options).RunAsync("run-1", "P1");
        first.Issued.ShouldBe(2);
        first.Failed.ShouldBe(1);
        var failed = await Ledger.GetEntryAsync("P1", "H000001");
        failed!.State.ShouldBe(PayoutState.Failed);
        failed.FailureReason.ShouldBe("account closed");

        (await new PayoutRunner(Ledger, channel, options).RunAsync("run-2", "P1")).Issued.ShouldBe(0, "runs never retry a failed payout by themselves");

        channel.Refuse.Clear();
        var reissued = await Ledger.ReissueAsync("P1", "H000001", Request("reissue-1", "staff-3", "口座情報を訂正"));
        reissued.Entry!.State.ShouldBe(PayoutState.Approved);
        reissued.Entry.Attempt.ShouldBe(2);
        reissued.Entry.FailureReason.ShouldBeNull();
        (await new PayoutRunner(Ledger, channel, options).RunAsync("run-3", "P1")).Issued.ShouldBe(1);
        channel.Paid.Keys.ShouldContain("P1:H000001:2");
        channel.Paid.Keys.ShouldNotContain("P1:H000001:1");
    }

    [LedgerFact]
    public async Task A_run_id_cannot_be_resumed_for_another_program_or_channel()
    {
        await ApproveAsync(1);
        await new PayoutRunner(Ledger, new RecordingChannel(), new PayoutRunOptions { WorkerId = "w" }).RunAsync("run-1", "P1");
        await Should.ThrowAsync<PayoutRunException>(() => new PayoutRunner(Ledger, new RecordingChannel(), new PayoutRunOptions { WorkerId = "w" }).RunAsync("run-1", "P2"));
    }

    [LedgerFact]
    public async Task A_batch_left_by_a_crashed_worker_is_offered_again_unchanged_to_the_same_worker_or_after_its_lease()
    {
        await ApproveAsync(15);
        var store = Ledger.Store;
        await store.StartRunAsync("run-1", "P1", "recording", "test", Clock.GetUtcNow(), default);
        var taken = await store.ClaimBatchAsync("run-1", "P1", "w1", 10, Clock.GetUtcNow(), Clock.GetUtcNow().AddMinutes(5), default);
        taken!.BatchNumber.ShouldBe(1);

        // w1 "crashes" here. Another worker gets the other entries, not w1's batch, while the lease holds.
        var other = await store.ClaimBatchAsync("run-1", "P1", "w2", 10, Clock.GetUtcNow(), Clock.GetUtcNow().AddMinutes(5), default);
        other!.BatchNumber.ShouldBe(2);
        other.Items.Count.ShouldBe(5);
        other.Items.Select(i => i.BeneficiaryId).ShouldNotContain(taken.Items[0].BeneficiaryId);

        // w1 restarted gets its own batch back at once, same number, same items, same keys.
        var resumed = await store.ClaimBatchAsync("run-1", "P1", "w1", 10, Clock.GetUtcNow(), Clock.GetUtcNow().AddMinutes(5), default);
        resumed!.BatchNumber.ShouldBe(1);
        resumed.Items.Select(i => i.IdempotencyKey).ShouldBe(taken.Items.Select(i => i.IdempotencyKey));

        // w2 crashed too; after its lease runs out, w3 takes its batch.
        (await store.ClaimBatchAsync("run-1", "P1", "w3", 10, Clock.GetUtcNow(), Clock.GetUtcNow().AddMinutes(5), default)).ShouldBeNull();
        Clock.Advance(TimeSpan.FromMinutes(6));
        var stolen = await store.ClaimBatchAsync("run-1", "P1", "w3", 10, Clock.GetUtcNow(), Clock.GetUtcNow().AddMinutes(5), default);
        stolen!.BatchNumber.ShouldBeOneOf(1L, 2L);
    }

    [LedgerFact]
    public async Task Four_workers_on_one_run_issue_every_payout_exactly_once()
    {
        await ApproveAsync(400, 5_000);
        var channel = new RecordingChannel { Delay = TimeSpan.FromMilliseconds(5) };
        var ledgers = Enumerable.Range(0, 4).Select(_ => new PayoutLedger(OpenStore(), Clock)).ToArray();
        var summaries = await Task.WhenAll(ledgers.Select((ledger, i) => Task.Run(() =>
            new PayoutRunner(ledger, channel, new PayoutRunOptions { BatchSize = 20, WorkerId = $"w{i}" }).RunAsync("run-1", "P1"))));

        summaries.Sum(s => s.Issued).ShouldBe(400);
        channel.Payments.ShouldBe(400);
        channel.Paid.Keys.ShouldAllBe(k => channel.CallsFor(k) == 1, "no batch was offered to two workers");
        (await Ledger.GetSummaryAsync("P1")).CountOf(PayoutState.Issued).ShouldBe(400);
    }

    [LedgerFact]
    public async Task Reconciliation_settles_and_fails_by_beneficiary_or_reference_and_a_second_import_changes_nothing()
    {
        await ApproveAsync(4);
        await Ledger.TryClaimAsync(Candidate("H-received", "A-r"));
        await new PayoutRunner(Ledger, new RecordingChannel(), new PayoutRunOptions { WorkerId = "w" }).RunAsync("run-1", "P1");
        ReconciliationLine[] lines =
        [
            new(2, "H000000", null, ReconciliationOutcome.Paid),
            new(3, null, "tx-P1:H000001:1", ReconciliationOutcome.Paid),
            new(4, "H000002", null, ReconciliationOutcome.Failed, "E03 口座なし"),
            new(5, "H-unknown", null, ReconciliationOutcome.Paid),
            new(6, null, "tx-unknown", ReconciliationOutcome.Paid),
            new(7, "H-received", null, ReconciliationOutcome.Paid),
        ];

        var report = await Ledger.ReconcileAsync("P1", lines, "bank-import");
        report.Settled.ShouldBe(2);
        report.Failed.ShouldBe(1);
        report.Repeated.ShouldBe(0);
        report.Issues.Select(i => i.LineNumber).ShouldBe([5L, 6L, 7L]);
        (await Ledger.GetEntryAsync("P1", "H000001"))!.State.ShouldBe(PayoutState.Settled);
        var failed = await Ledger.GetEntryAsync("P1", "H000002");
        failed!.State.ShouldBe(PayoutState.Failed);
        failed.FailureReason.ShouldBe("E03 口座なし");

        var again = await Ledger.ReconcileAsync("P1", lines, "bank-import");
        again.Settled.ShouldBe(0);
        again.Failed.ShouldBe(0);
        again.Repeated.ShouldBe(3);
        (await Ledger.GetAuditTrailAsync("P1", "H000000")).Count(t => t.ToState == PayoutState.Settled).ShouldBe(1);

        var contradiction = await Ledger.ReconcileAsync("P1", [new(2, "H000000", null, ReconciliationOutcome.Failed, "E01")], "bank-import");
        contradiction.Issues.Single().Reason.ShouldContain("contradicts");
        (await Ledger.GetEntryAsync("P1", "H000000"))!.State.ShouldBe(PayoutState.Settled);
    }

    [LedgerFact]
    public async Task Listing_pages_through_a_program_in_beneficiary_order()
    {
        await ApproveAsync(7);
        var first = await Ledger.ListAsync("P1", PayoutState.Approved, limit: 3);
        var second = await Ledger.ListAsync("P1", PayoutState.Approved, first[^1].BeneficiaryId, limit: 3);
        var third = await Ledger.ListAsync("P1", PayoutState.Approved, second[^1].BeneficiaryId, limit: 3);
        first.Concat(second).Concat(third).Select(e => e.BeneficiaryId).ShouldBe(Enumerable.Range(0, 7).Select(i => $"H{i:D6}"));
        (await Ledger.ListAsync("P1", PayoutState.Settled)).ShouldBeEmpty();
        first[0].ToString().ShouldNotContain("H000000");
    }

    [LedgerFact]
    public async Task An_approved_entry_in_a_runs_batch_cannot_be_rejected()
    {
        await ApproveAsync(2);
        var store = Ledger.Store;
        await store.StartRunAsync("run-1", "P1", "recording", "test", Clock.GetUtcNow(), default);
        (await store.ClaimBatchAsync("run-1", "P1", "w1", 1, Clock.GetUtcNow(), Clock.GetUtcNow().AddMinutes(5), default))!.Items.Single().BeneficiaryId.ShouldBe("H000000");

        (await Ledger.RejectAsync("P1", "H000000", Request("reject-0"))).Outcome.ShouldBe(LedgerOutcome.InvalidState, "the channel may be paying it");
        (await Ledger.RejectAsync("P1", "H000001", Request("reject-1"))).Outcome.ShouldBe(LedgerOutcome.Applied, "not taken by a run yet");
    }

    [LedgerFact]
    public async Task A_refused_request_is_remembered_and_its_repeat_is_refused_even_after_the_state_changed()
    {
        await ApproveAsync(1);
        var channel = new RecordingChannel();
        await new PayoutRunner(Ledger, channel, new PayoutRunOptions { WorkerId = "w" }).RunAsync("run-1", "P1");
        (await Ledger.ReissueAsync("P1", "H000000", Request("reissue-K"))).Outcome.ShouldBe(LedgerOutcome.InvalidState);
        await Ledger.FailAsync("P1", "H000000", "E03", Request("fail-1"));

        var repeat = await Ledger.ReissueAsync("P1", "H000000", Request("reissue-K"));
        repeat.Outcome.ShouldBe(LedgerOutcome.InvalidState);
        repeat.IsRepeat.ShouldBeTrue();
        (await Ledger.GetEntryAsync("P1", "H000000"))!.State.ShouldBe(PayoutState.Failed);
        (await Ledger.ReissueAsync("P1", "H000000", Request("reissue-L"))).Outcome.ShouldBe(LedgerOutcome.Applied);
    }

    [LedgerFact]
    public async Task A_result_of_an_earlier_attempt_never_settles_or_fails_the_reissued_payout()
    {
        await ApproveAsync(1);
        var channel = new RecordingChannel();
        var options = new PayoutRunOptions { WorkerId = "w" };
        await new PayoutRunner(Ledger, channel, options).RunAsync("run-1", "P1");
        ReconciliationLine[] firstList = [new(2, "H000000", null, ReconciliationOutcome.Failed, "E03")];
        (await Ledger.ReconcileAsync("P1", firstList, "bank")).Failed.ShouldBe(1);
        await Ledger.ReissueAsync("P1", "H000000", Request("reissue"));
        await new PayoutRunner(Ledger, channel, options).RunAsync("run-2", "P1");

        var stale = await Ledger.ReconcileAsync("P1", firstList, "bank");
        stale.Failed.ShouldBe(0);
        stale.Issues.Single().Reason.ShouldContain("re-issued");
        (await Ledger.ReconcileAsync("P1", [new(2, null, "tx-P1:H000000:1", ReconciliationOutcome.Paid)], "bank")).Issues.ShouldHaveSingleItem("the first attempt's reference matches no current payout");
        (await Ledger.ReconcileAsync("P1", [new(2, "H000000", "tx-P1:H000000:1", ReconciliationOutcome.Paid)], "bank")).Issues.Single().Reason.ShouldContain("reference");
        (await Ledger.ReconcileAsync("P1", [new(2, "H000000", null, ReconciliationOutcome.Paid, attempt: 1)], "bank")).Issues.ShouldHaveSingleItem();
        (await Ledger.GetEntryAsync("P1", "H000000"))!.State.ShouldBe(PayoutState.Issued);

        (await Ledger.ReconcileAsync("P1", [new(2, "H000000", null, ReconciliationOutcome.Paid, attempt: 2)], "bank")).Settled.ShouldBe(1);
    }

    [LedgerFact]
    public async Task A_run_refuses_to_start_while_another_run_of_the_program_has_unfinished_batches()
    {
        await ApproveAsync(3);
        var store = Ledger.Store;
        await store.StartRunAsync("run-1", "P1", "recording", "test", Clock.GetUtcNow(), default);
        await store.ClaimBatchAsync("run-1", "P1", "w1", 2, Clock.GetUtcNow(), Clock.GetUtcNow().AddMinutes(5), default);

        var refused = await Should.ThrowAsync<PayoutRunException>(() => new PayoutRunner(Ledger, new RecordingChannel(), new PayoutRunOptions { WorkerId = "w2" }).RunAsync("run-2", "P1"));
        refused.Message.ShouldContain("run-1");
        (await new PayoutRunner(Ledger, new RecordingChannel(), new PayoutRunOptions { WorkerId = "w1" }).RunAsync("run-1", "P1")).Issued.ShouldBe(3);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
