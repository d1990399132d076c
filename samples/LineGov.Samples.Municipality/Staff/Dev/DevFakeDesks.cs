using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LineGov.Eligibility;
using LineGov.Payouts;
using LineGov.Payouts.Points;
using LineGov.Payouts.Zengin;

namespace LineGov.Samples.Municipality.Staff.Dev;

/// <summary>
/// In-memory stand-ins for <see cref="IApplicationDesk"/> and <see cref="IPayoutDesk"/>, so the staff pages can be run
/// and looked at before (or without) the core: about 240 made-up applications with masked names, a real
/// <see cref="PayoutLedger"/> on a temporary SQLite file, points through <see cref="FakePointsProvider"/> and small
/// Zengin files in a temporary folder. Used only when <c>Municipality:Staff:DevFakes</c> is true; never in production.
/// </summary>
internal sealed class DevFakeDesks : IApplicationDesk, IPayoutDesk, IAsyncDisposable
{
    private const string ProgramId = "touma-bukka-2026";
    private const long Amount = 30_000;

    private static readonly string[] FamilyNames = ["山田", "佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "中村", "小林", "加藤"];
    private static readonly string[] ReviewReasons = [EligibilityReasonCodes.AmbiguousMatch, EligibilityReasonCodes.AlternateCharacterName, EligibilityReasonCodes.NotFoundInRegister];

    private readonly TimeProvider _time;
    private readonly string _folder;
    private readonly SqliteLedgerStore _store;
    private readonly PayoutLedger _ledger;
    private readonly FakePointsProvider _points = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<FakeApplication> _applications = [];
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);
    private bool _seeded;
    private int _runs;
    private int _disposed;

    public DevFakeDesks(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _folder = Path.Combine(Path.GetTempPath(), "linegov-staff-devfakes-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _store = new SqliteLedgerStore(Path.Combine(_folder, "ledger.db"));
        _ledger = new PayoutLedger(_store, _time);
    }

    public async Task<ApplyResponse> ApplyAtCounterAsync(CounterApplication application, string staffId, CancellationToken cancellationToken = default)
    {
        await SeedAsync(cancellationToken);
        var id = "C" + Guid.NewGuid().ToString("N")[..11].ToUpperInvariant();
        var now = _time.GetUtcNow();
        if (!application.Address.Contains("当麻", StringComparison.Ordinal))
        {
            Add(new FakeApplication(id, null, Mask(application.FamilyName), "counter", now) { Status = "ineligible", Reasons = [EligibilityReasonCodes.OutsideResidencyArea] });
            return new ApplyResponse(id, "ineligible", "当麻町に住民登録のある世帯が対象のため、今回はお受けできません。ご不明な点は窓口でお尋ねください。");
        }

        // The same four facts, the same (made-up) household: enough to show the duplicate answer at the counter.
        var facts = $"{application.FamilyName}\n{application.GivenName}\n{application.DateOfBirth:yyyy-MM-dd}\n{application.Gender}";
        var household = "H" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(facts)))[..8];
        var claim = await _ledger.TryClaimAsync(new HouseholdClaim(ProgramId, household, id, ApplicationChannel.Counter, now), cancellationToken);
        if (!claim.IsFirstClaim)
        {
            Add(new FakeApplication(id, household, Mask(application.FamilyName), "counter", now) { Status = "already-applied", Reasons = [EligibilityReasonCodes.HouseholdAlreadyApplied] });
            var via = claim.Claim.Channel.DisplayName;
            return new ApplyResponse(id, "already-applied", $"{StaffText.ToJst(claim.Claim.ClaimedAt):M月d日}に{via}で同じ世帯から申請済みです。支給をお待ちください。", claim.Claim.ClaimedAt, via);
        }

        Add(new FakeApplication(id, household, Mask(application.FamilyName), "counter", now) { Status = "received" });
        return new ApplyResponse(id, "received", "申請を受け付けました。審査のあと、支給についてお知らせします。");
    }

    public async Task<IReadOnlyList<ApplicationView>> ReviewQueueAsync(CancellationToken cancellationToken = default)
    {
        await SeedAsync(cancellationToken);
        lock (_applications)
        {
            return [.. _applications.Where(a => a.Status is "received" or "needs-review").OrderBy(a => a.ReceivedAt).Select(a => a.View())];
        }
    }

    public async Task<int> ApproveAsync(IReadOnlyCollection<string> applicationIds, string staffId, CancellationToken cancellationToken = default)
    {
        await SeedAsync(cancellationToken);
        var approved = 0;
        foreach (var id in applicationIds)
        {
            FakeApplication? application;
            lock (_applications)
            {
                application = _applications.Find(a => a.Id == id && a.Status is "received" or "needs-review");
            }

            if (application is null)
            {
                continue;
            }

            // A needs-review application gets its household once staff have found it (here: made up).
            var household = application.HouseholdId ?? "R" + id;
            await _ledger.TryClaimAsync(new HouseholdClaim(ProgramId, household, id, ToChannel(application.Channel), application.ReceivedAt), cancellationToken);
            var result = await _ledger.ApproveAsync(ProgramId, household, Amount, new LedgerRequest("approve:" + id, staffId), cancellationToken);
            if (result.Succeeded)
            {
                lock (_applications)
                {
                    application.HouseholdId = household;
                    application.Status = "approved";
                    application.Amount = Amount;
                }

                approved++;
            }
        }

        return approved;
    }

    public async Task<IReadOnlyList<ApplicationView>> AllAsync(CancellationToken cancellationToken = default)
    {
        await SeedAsync(cancellationToken);
        lock (_applications)
        {
            return [.. _applications.Select(a => a.View())];
        }
    }

    public Task<PayoutRunView> RunPointsAsync(string staffId, CancellationToken cancellationToken = default) =>
        RunAsync("points", new PointsPayoutChannel(_points), staffId, [], cancellationToken);

    public Task<PayoutRunView> RunZenginAsync(string staffId, CancellationToken cancellationToken = default)
    {
        var written = new List<string>();
        return RunAsync("zengin", new FakeZenginChannel(_folder, _time, written), staffId, written, cancellationToken);
    }

    public string? ZenginFile(string name) => _files.TryGetValue(name, out var path) ? path : null;

    public async Task<LedgerSummary> SummaryAsync(CancellationToken cancellationToken = default)
    {
        await SeedAsync(cancellationToken);
        return await _ledger.GetSummaryAsync(ProgramId, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _store.DisposeAsync();
        _gate.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private async Task<PayoutRunView> RunAsync(string channelName, IPayoutChannel channel, string staffId, List<string> written, CancellationToken cancellationToken)
    {
        await SeedAsync(cancellationToken);
        var runId = $"dev-{channelName}-{Interlocked.Increment(ref _runs)}";
        var runner = new PayoutRunner(_ledger, channel, new PayoutRunOptions { Actor = staffId, WorkerId = "dev", BatchSize = 100 });
        var summary = await runner.RunAsync(runId, ProgramId, cancellationToken: cancellationToken);
        var issued = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in await _ledger.ListAsync(ProgramId, PayoutState.Issued, limit: 10_000, cancellationToken: cancellationToken))
        {
            issued.Add(entry.BeneficiaryId);
        }

        lock (_applications)
        {
            foreach (var application in _applications.Where(a => a.Status == "approved" && a.HouseholdId is not null && issued.Contains(a.HouseholdId)))
            {
                application.Status = "paid";
            }
        }

        foreach (var path in written)
        {
            _files[Path.GetFileName(path)] = path;
        }

        return new PayoutRunView(runId, channelName, summary.Issued, summary.Failed, [.. written.Select(Path.GetFileName).OfType<string>()]);
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _seeded))
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_seeded)
            {
                return;
            }

            await _store.MigrateAsync(cancellationToken);
            var random = new Random(20261123);
            var now = _time.GetUtcNow();
            for (var i = 0; i < 240; i++)
            {
                var id = "A" + (100000 + i).ToString(CultureInfo.InvariantCulture);
                var day = random.Next(0, 12);
                var hour = random.NextDouble() < 0.7 ? random.Next(8, 22) : random.Next(0, 24);
                var receivedAt = now.AddDays(-day).AddHours(hour - StaffText.ToJst(now).Hour).AddMinutes(random.Next(0, 60));
                if (receivedAt > now)
                {
                    receivedAt = now.AddMinutes(-random.Next(1, 120));
                }

                var channel = random.NextDouble() < 0.8 ? "line" : "counter";
                var household = "H" + (10000 + i).ToString(CultureInfo.InvariantCulture);
                var application = new FakeApplication(id, household, Mask(FamilyNames[random.Next(FamilyNames.Length)]), channel, receivedAt);
                var roll = random.NextDouble();
                if (roll < 0.15)
                {
                    application.HouseholdId = null;
                    application.Status = "needs-review";
                    application.Reasons = [ReviewReasons[random.Next(ReviewReasons.Length)]];
                }
                else if (roll < 0.22)
                {
                    application.Status = "ineligible";
                    application.Reasons = [EligibilityReasonCodes.NotResidentOnReferenceDate];
                }
                else
                {
                    await _ledger.TryClaimAsync(new HouseholdClaim(ProgramId, household, id, ToChannel(channel), receivedAt), cancellationToken);
                }

                _applications.Add(application);
            }

            Volatile.Write(ref _seeded, true);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Add(FakeApplication application)
    {
        lock (_applications)
        {
            _applications.Add(application);
        }
    }

    private static ApplicationChannel ToChannel(string channel) => channel == "counter" ? ApplicationChannel.Counter : ApplicationChannel.Line;

    private static string Mask(string familyName) => familyName + " ＊＊";

    private sealed class FakeApplication(string id, string? householdId, string maskedName, string channel, DateTimeOffset receivedAt)
    {
        public string Id { get; } = id;

        public string? HouseholdId { get; set; } = householdId;

        public string Status { get; set; } = "received";

        public IReadOnlyList<string> Reasons { get; set; } = [];

        public long? Amount { get; set; }

        public DateTimeOffset ReceivedAt { get; } = receivedAt;

        public string Channel { get; } = channel;

        public ApplicationView View() => new(Id, HouseholdId, maskedName, Channel, Status, Reasons, ReceivedAt, Amount);
    }

    /// <summary>Writes one 全銀 file per batch with made-up accounts (the real core takes them from the resident's registration).</summary>
    private sealed class FakeZenginChannel(string folder, TimeProvider time, List<string> written) : IPayoutChannel
    {
        public string Name => "zengin";

        public async ValueTask<IReadOnlyList<PayoutIssueResult>> IssueAsync(PayoutBatch batch, CancellationToken cancellationToken = default)
        {
            var path = Path.Combine(folder, $"zengin-{batch.RunId}-{batch.BatchNumber:0000}.txt");
            var header = new ZenginHeader("0000012345", "トウマチョウ", StaffText.ToJst(time.GetUtcNow()).ToString("MMdd", CultureInfo.InvariantCulture), "0001", "001", "1234567");
            var transfers = batch.Items.Select((item, i) => new ZenginTransfer("0005", "123", (1000000 + i).ToString(CultureInfo.InvariantCulture), "ﾃｽﾄ ｼﾞﾕｳﾐﾝ", item.Amount));
            await new ZenginWriter(new ZenginWriterOptions { UseCrLf = true }).WriteFileAsync(path, header, transfers, cancellationToken);
            lock (written)
            {
                if (!written.Contains(path))
                {
                    written.Add(path);
                }
            }

            return [.. batch.Items.Select((item, i) => PayoutIssueResult.Issued(item.IdempotencyKey, $"{Path.GetFileName(path)}#{i + 1}"))];
        }
    }
}
