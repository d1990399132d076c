using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LineGov.Eligibility;
using LineGov.Payouts;
using LineGov.Payouts.Points;
using LineGov.Payouts.Zengin;

namespace LineGov.Samples.Municipality.Infrastructure;

/// <summary>
/// Payout runs over the ledger: points through the fake e-money provider, or 全銀 総合振込 files into
/// <c>&lt;DataFolder&gt;/zengin</c>; then a LINE notice to the applicant of each household paid in the run.
/// </summary>
internal sealed class PayoutDesk(
    BenefitProgram program,
    PayoutLedger ledger,
    ApplicationStore store,
    FakePointsProvider points,
    ZenginFiles zengin,
    LineNotifier notifier,
    ILogger<PayoutDesk> logger) : IPayoutDesk
{
    // One run at a time from this desk: two clicks must not race for the same approved households.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Task<PayoutRunView> RunPointsAsync(string staffId, CancellationToken cancellationToken = default) =>
        RunAsync(new PointsPayoutChannel(points), staffId, isPoints: true, cancellationToken);

    public Task<PayoutRunView> RunZenginAsync(string staffId, CancellationToken cancellationToken = default) =>
        RunAsync(zengin.CreateChannel(), staffId, isPoints: false, cancellationToken);

    public string? ZenginFile(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name != Path.GetFileName(name) || !name.EndsWith(ZenginPayoutChannel.FileExtension, StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(zengin.OutputDirectory, name);
        return File.Exists(path) ? path : null;
    }

    public Task<LedgerSummary> SummaryAsync(CancellationToken cancellationToken = default) => ledger.GetSummaryAsync(program.Id, cancellationToken);

    private async Task<PayoutRunView> RunAsync(IPayoutChannel channel, string staffId, bool isPoints, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // One run per program and channel, resumed by every click: a run cut short (a failing channel, a crash)
            // is finished by the next click instead of leaving its batches behind. Past the gate the work is not tied
            // to the request: closing the tab must not stop a run half-way.
            return await RunUnderGateAsync(channel, staffId, isPoints, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<PayoutRunView> RunUnderGateAsync(IPayoutChannel channel, string staffId, bool isPoints, CancellationToken cancellationToken)
    {
        var runId = string.Create(CultureInfo.InvariantCulture, $"{program.Id}-{channel.Name}");
        var runner = new PayoutRunner(ledger, channel, new PayoutRunOptions { Actor = staffId, WorkerId = "municipality-sample", BatchSize = 500 });
        var summary = await runner.RunAsync(runId, program.Id, cancellationToken: cancellationToken);
        logger.LogInformation("Payout run {RunId} by {Staff}: {Issued} issued, {Failed} failed", runId, staffId, summary.Issued, summary.Failed);

        var files = new List<string>();
        await foreach (var entry in IssuedInAsync(runId, cancellationToken))
        {
            // Every issued entry whose applicant was not told yet (this click's, and any an interrupted click left).
            var holder = await store.FindAsync(entry.ApplicationId, cancellationToken);
            if (holder is { Status: "paid" })
            {
                continue;
            }

            if (entry.Reference is { } reference && !isPoints)
            {
                var file = Path.GetFileName(reference.Split('#')[0]);
                if (!files.Contains(file, StringComparer.Ordinal))
                {
                    files.Add(file);
                }
            }

            if (holder?.LineUserId is { } user)
            {
                await notifier.SendAsync(user, ResidentMessages.Paid(program, entry.Amount ?? 0, isPoints), $"paid:{entry.IdempotencyKey}", cancellationToken);
            }

            await store.MarkPaidAsync(entry.BeneficiaryId, cancellationToken);
        }

        if (!isPoints && files.Count == 0)
        {
            files.AddRange(Directory.EnumerateFiles(zengin.OutputDirectory, $"{runId}*{ZenginPayoutChannel.FileExtension}").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));
        }

        return new PayoutRunView(runId, channel.Name, summary.Issued, summary.Failed, files);
    }

    private async IAsyncEnumerable<LedgerEntry> IssuedInAsync(string runId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var page = await ledger.ListAsync(program.Id, PayoutState.Issued, after, 500, cancellationToken);
            foreach (var entry in page.Where(e => e.RunId == runId))
            {
                yield return entry;
            }

            if (page.Count < 500)
            {
                yield break;
            }

            after = page[^1].BeneficiaryId;
        }
    }
}

/// <summary>
/// Fictitious bank accounts of the generated households (a real deployment reads them from the application or the
/// municipality's payee records): banks and branches of the sample Zengin data (0200, 0402), account numbers derived
/// from the household id, the holder's name in kana from the register's family name.
/// </summary>
internal sealed class SampleAccounts(GeneratedTown town, DateOnly referenceDate) : IZenginPayoutAccountResolver
{
    private static readonly (string Bank, string BankName, string Branch, string BranchName)[] Branches =
    [
        ("0200", "ﾜｲｽﾞ", "001", "ﾎﾝﾃﾝ"),
        ("0200", "ﾜｲｽﾞ", "100", "ﾋｶﾘ"),
        ("0200", "ﾜｲｽﾞ", "101", "ｺﾏﾁ"),
        ("0200", "ﾜｲｽﾞ", "102", "ｶﾓﾒ"),
        ("0402", "ｼﾞｴ-ﾋﾟ-ﾓﾙｶﾞﾝ", "001", "ﾄｳｷﾖｳ"),
    ];

    private static readonly Dictionary<string, string> Kana = new(StringComparer.Ordinal)
    {
        ["佐藤"] = "ｻﾄｳ", ["鈴木"] = "ｽｽﾞｷ", ["高橋"] = "ﾀｶﾊｼ", ["田中"] = "ﾀﾅｶ", ["伊藤"] = "ｲﾄｳ", ["渡辺"] = "ﾜﾀﾅﾍﾞ", ["山本"] = "ﾔﾏﾓﾄ", ["中村"] = "ﾅｶﾑﾗ",
        ["小林"] = "ｺﾊﾞﾔｼ", ["加藤"] = "ｶﾄｳ", ["吉田"] = "ﾖｼﾀﾞ", ["山田"] = "ﾔﾏﾀﾞ", ["佐々木"] = "ｻｻｷ", ["山口"] = "ﾔﾏｸﾞﾁ", ["松本"] = "ﾏﾂﾓﾄ", ["井上"] = "ｲﾉｳｴ",
        ["木村"] = "ｷﾑﾗ", ["林"] = "ﾊﾔｼ", ["斎藤"] = "ｻｲﾄｳ", ["清水"] = "ｼﾐｽﾞ", ["山崎"] = "ﾔﾏｻﾞｷ", ["森"] = "ﾓﾘ", ["池田"] = "ｲｹﾀﾞ", ["橋本"] = "ﾊｼﾓﾄ",
        ["阿部"] = "ｱﾍﾞ", ["石川"] = "ｲｼｶﾜ", ["山下"] = "ﾔﾏｼﾀ", ["中島"] = "ﾅｶｼﾞﾏ", ["石井"] = "ｲｼｲ", ["小川"] = "ｵｶﾞﾜ", ["前田"] = "ﾏｴﾀﾞ", ["岡田"] = "ｵｶﾀﾞ",
    };

    public ValueTask<ZenginPayoutAccount?> ResolveAsync(PayoutInstruction instruction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(instruction.BeneficiaryId));
        var branch = Branches[hash[0] % Branches.Length];
        var number = (BitConverter.ToUInt32(hash, 1) % 9_000_000 + 1_000_000).ToString(CultureInfo.InvariantCulture);
        var head = town.Register.HouseholdMembers(instruction.BeneficiaryId, referenceDate).FirstOrDefault(r => r.IsHeadOfHousehold);
        var family = head?.Name.Split(' ')[0];
        var name = family is not null && Kana.TryGetValue(family, out var kana) ? $"{kana} ｾﾀｲﾇｼ" : "ﾄｳﾏﾁﾖｳ ｼﾞﾕｳﾐﾝ";
        return ValueTask.FromResult<ZenginPayoutAccount?>(new ZenginPayoutAccount(branch.Bank, branch.Branch, ZenginAccountType.Ordinary, number, name, branch.BankName, branch.BranchName));
    }
}

/// <summary>Where Zengin files go, and the channel that writes them (the transfer date is set per run: three days on).</summary>
internal sealed class ZenginFiles(string outputDirectory, IZenginPayoutAccountResolver accounts, TimeProvider clock)
{
    public string OutputDirectory { get; } = outputDirectory;

    public ZenginPayoutChannel CreateChannel()
    {
        var transferDate = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).AddDays(3).ToString("MMdd", CultureInfo.InvariantCulture);

        // A fictitious requester (依頼人): 当麻町's own code and account come from its bank.
        var requester = new ZenginHeader("1234567890", "ﾄｳﾏﾁﾖｳ", transferDate, "0200", "001", "1234567", "ﾜｲｽﾞ", "ﾎﾝﾃﾝ");
        return new ZenginPayoutChannel(requester, OutputDirectory, accounts, new ZenginWriterOptions { UseCrLf = true });
    }
}
