using System.CommandLine;
using System.Globalization;
using LineGov.Cli.Infrastructure;
using LineGov.Payouts;
using LineGov.Payouts.Coupons;
using LineGov.Payouts.Points;
using LineGov.Payouts.Zengin;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov payouts run</c>: pays a program's approved claims through one channel, resumably.</summary>
internal static partial class PayoutsCommand
{
    /// <summary>The environment variable holding the points provider's API key (never a command-line option: it would show in ps and shell history).</summary>
    internal const string PointsApiKeyVariable = "LINEGOV_POINTS_API_KEY";

    /// <summary>The environment variable holding the coupon secret key (Base64, at least 32 bytes).</summary>
    internal const string CouponSecretVariable = "LINEGOV_COUPON_SECRET";

    private const string RunPath = "linegov payouts run";

    private static Command CreateRun(CliContext context)
    {
        var db = DbOption();
        var program = ProgramOption();
        var channel = new Option<string>("--channel")
        {
            Description = "How to pay: points (a regional e-money provider over HTTP; --points-url, API key in " + PointsApiKeyVariable + "), " +
                "coupon (digital coupons in an SQLite file; --coupons, secret in " + CouponSecretVariable + ", codes to --codes-out) or " +
                "zengin (a 全銀 総合振込 file per batch for the bank; --requester, --accounts, --date, --out-dir).",
            HelpName = "points|coupon|zengin",
            Required = true,
        };
        channel.AcceptOnlyFromAmong("points", "coupon", "zengin");
        var run = new Option<string>("--run")
        {
            Description = "The run's id. Running again with the same id resumes it after a crash or Ctrl+C: what was issued is not issued again, and approved claims added since are paid too. Default: the program id. A run refuses to start while another run of the program has unfinished batches (resume that one).",
            HelpName = "id",
        };
        var worker = new Option<string>("--worker")
        {
            Description = "This worker's id. A worker restarted with the same id takes its unfinished batch back at once; never run two processes with the same id at the same time. Default: <machine name>:<process id>, so a restarted process waits for the old lease (5 minutes) before it takes that batch.",
            HelpName = "id",
        };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Payouts per batch (and per Zengin file). Default: 100.",
            HelpName = "n",
            DefaultValueFactory = _ => 100,
        };
        var pointsUrl = new Option<string>("--points-url")
        {
            Description = "points: the provider's base URL (the reference protocol: POST {url}/v1/grants with an Idempotency-Key).",
            HelpName = "url",
        };
        var coupons = new Option<string>("--coupons")
        {
            Description = "coupon: the SQLite file of the coupon book (created if missing).",
            HelpName = "path",
        };
        var codesOut = new Option<string>("--codes-out")
        {
            Description = "coupon: a CSV file the issued codes are appended to (coupon_id,beneficiary_id,code,face_value,expires_at) for printing or sending. Keep it safe: the codes are money.",
            HelpName = "csv",
        };
        var zengin = ZenginRunOptions.Create();

        var command = new Command(
            "run",
            "Pay a program's approved claims exactly once through one channel, in batches. Each batch is recorded in the ledger " +
            "before and after the channel acts, with an idempotency key per payout, so a run that crashed or was stopped is " +
            "simply run again with the same --run: nothing is paid twice and nothing is left out. Failed payouts are not retried " +
            "by a run; re-issue them deliberately.\n" +
            "Exit codes: 0 = every approved claim was issued (some may have failed at the channel; they are counted), 2 = usage or input error, or the channel kept failing (run again to resume).")
        {
            db,
            program,
            channel,
            run,
            worker,
            batchSize,
            pointsUrl,
            coupons,
            codesOut,
        };
        zengin.AddTo(command);

        command.SetGuardedAction(context, RunPath, async (parseResult, cancellationToken) =>
        {
            var programId = parseResult.GetValue(program)!;
            var runId = parseResult.GetValue(run) ?? programId;
            var size = parseResult.GetValue(batchSize);
            if (size is < 1 or > 100_000)
            {
                throw new UsageException("--batch-size must be from 1 to 100000.");
            }

            await using var resources = new RunResources();
            var payoutChannel = parseResult.GetValue(channel) switch
            {
                "points" => CreatePointsChannel(parseResult.GetValue(pointsUrl), resources),
                "coupon" => CreateCouponChannel(parseResult.GetValue(coupons), parseResult.GetValue(codesOut), context),
                _ => await zengin.CreateChannelAsync(parseResult, cancellationToken),
            };

            await using var store = OpenStore(parseResult.GetValue(db)!);
            var ledger = new PayoutLedger(store, context.TimeProvider);
            var waiting = (await Guard(() => ledger.GetSummaryAsync(programId, cancellationToken))).CountOf(PayoutState.Approved);
            var options = new PayoutRunOptions
            {
                BatchSize = size,
                WorkerId = parseResult.GetValue(worker),
                RetryDelay = TimeSpan.FromSeconds(1),
            };
            var runner = new PayoutRunner(ledger, payoutChannel, options);
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {runId}: {waiting:N0} approved claims waiting, channel {payoutChannel.Name}, worker {options.WorkerId ?? "(this process)"}"));
            var summary = await WithProgressAsync(context, waiting, progress => Guard(() => runner.RunAsync(runId, programId, progress, cancellationToken)));
            context.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"run {runId}: {summary.Issued:N0} issued, {summary.Failed:N0} failed in {summary.Batches:N0} batches{(summary.IsComplete ? "; complete" : "; other workers still have batches")}"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static PointsPayoutChannel CreatePointsChannel(string? urlText, RunResources resources)
    {
        if (string.IsNullOrWhiteSpace(urlText))
        {
            throw new UsageException("--channel points needs --points-url.");
        }

        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new UsageException("--points-url must be an absolute http or https URL.");
        }

        var apiKey = Environment.GetEnvironmentVariable(PointsApiKeyVariable);
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new UsageException($"--channel points needs the provider's API key in the environment variable {PointsApiKeyVariable}.");
        }

        var services = new ServiceCollection();
        services.AddLineGovPoints(o =>
        {
            o.BaseAddress = url;
            o.ApiKey = apiKey;
        });
        var provider = services.BuildServiceProvider();
        resources.Add(provider);
        return provider.GetRequiredService<PointsPayoutChannel>();
    }

    private static CouponPayoutChannel CreateCouponChannel(string? couponsPath, string? codesOut, CliContext context)
    {
        if (string.IsNullOrWhiteSpace(couponsPath))
        {
            throw new UsageException("--channel coupon needs --coupons (the coupon book's SQLite file).");
        }

        var secret = Environment.GetEnvironmentVariable(CouponSecretVariable);
        if (string.IsNullOrEmpty(secret))
        {
            throw new UsageException($"--channel coupon needs the coupon secret key (Base64, at least 32 bytes) in the environment variable {CouponSecretVariable}.");
        }

        var book = new CouponBook(new SqliteCouponStore(couponsPath), new CouponBookOptions { SecretKey = secret }, context.TimeProvider);
        return new CouponPayoutChannel(book, codesOut is null ? null : new CsvCouponDelivery(codesOut));
    }

    private static async Task<PayoutRunSummary> WithProgressAsync(CliContext context, long waiting, Func<IProgress<PayoutRunProgress>, Task<PayoutRunSummary>> work)
    {
        if (!ReferenceEquals(context.Error, Console.Error) || Console.IsErrorRedirected)
        {
            // No terminal: a line per batch on stderr (a log, a CI job, a test).
            return await work(new Progress<PayoutRunProgress>(p => context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"batch {p.BatchNumber}: {p.BatchIssued} issued, {p.BatchFailed} failed (this run: {p.TotalIssued:N0} issued, {p.TotalFailed:N0} failed)"))));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("payouts", autoStart: true, maxValue: Math.Max(1, waiting));
                var summary = await work(new Progress<PayoutRunProgress>(p =>
                {
                    task.Value = p.TotalIssued + p.TotalFailed;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"payouts: {p.TotalIssued:N0} issued, {p.TotalFailed:N0} failed");
                }));
                task.Value = task.MaxValue;
                task.StopTask();
                return summary;
            });
    }

    /// <summary>Appends issued coupon codes to a CSV file (at-least-once: a re-offered batch appends the same coupon again).</summary>
    private sealed class CsvCouponDelivery(string path) : ICouponDelivery
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        public async ValueTask DeliverAsync(CouponIssueResult issued, CancellationToken cancellationToken = default)
        {
            var coupon = issued.Coupon;
            await _gate.WaitAsync(cancellationToken);
            try
            {
                var header = !File.Exists(path);
                await using var writer = new StreamWriter(path, append: true);
                if (header)
                {
                    await writer.WriteLineAsync("coupon_id,beneficiary_id,code,face_value,expires_at");
                }

                await writer.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{coupon.Id},{coupon.BeneficiaryId},{issued.Code.ToDisplayString()},{coupon.FaceValue},{coupon.ExpiresAt:O}"));
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Service providers built for one run, disposed with it.</summary>
    private sealed class RunResources : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _items = [];

        public void Add(IAsyncDisposable item) => _items.Add(item);

        public async ValueTask DisposeAsync()
        {
            foreach (var item in _items)
            {
                await item.DisposeAsync();
            }
        }
    }
}

/// <summary>
/// The Zengin options of <c>payouts run</c>: the requester (依頼人), the beneficiaries' bank accounts, the transfer date
/// and where the files go (one 全銀 総合振込 file per batch, named after the run and batch).
/// </summary>
internal sealed class ZenginRunOptions
{
    private readonly Option<string> _requester = new("--requester")
    {
        Description = "zengin: the requester (依頼人) JSON, as for 'linegov zengin write': code, name, bank_code, bank_name, branch_code, branch_name, account_type, account_number.",
        HelpName = "json",
    };

    private readonly Option<string> _accounts = new("--accounts")
    {
        Description = "zengin: the beneficiaries' bank accounts, CSV with a header line and the columns beneficiary_id, bank_code, branch_code, account_type (1 普通, 2 当座, 4 貯蓄, 9 その他), account_number, account_name (any kana or width). A payout whose beneficiary has no line fails (\"no bank account on record\").",
        HelpName = "csv",
    };

    private readonly Option<string> _date = new("--date")
    {
        Description = "zengin: the transfer date (振込指定日) as MMDD, for example 0325.",
        HelpName = "MMDD",
    };

    private readonly Option<string> _outDir = new("--out-dir")
    {
        Description = "zengin: the folder the files are written to (<run>-<batch>.zengin; created if missing). A batch offered again after a crash rewrites its own file with the same bytes.",
        HelpName = "dir",
    };

    private readonly Option<string> _banks = new("--banks")
    {
        Description = "zengin: a bank master folder (zengin-code layout) to check bank and branch codes and fill their names.",
        HelpName = "dir",
    };

    private readonly Option<bool> _crlf = new("--crlf")
    {
        Description = "zengin: end each 120-byte record with CRLF (122 bytes), as some banks ask.",
    };

    public static ZenginRunOptions Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(_requester);
        command.Options.Add(_accounts);
        command.Options.Add(_date);
        command.Options.Add(_outDir);
        command.Options.Add(_banks);
        command.Options.Add(_crlf);
    }

    public async Task<IPayoutChannel> CreateChannelAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        string Required(Option<string> option) => parseResult.GetValue(option) is { Length: > 0 } value
            ? value
            : throw new UsageException($"--channel zengin needs {option.Name}.");

        var requesterPath = Required(_requester);
        var accountsPath = Required(_accounts);
        var date = ZenginInputs.ParseTransferDate(Required(_date));
        var outDir = Required(_outDir);
        var header = await ZenginInputs.ReadRequesterAsync(requesterPath, date, cancellationToken);
        var accounts = await ReadAccountsAsync(accountsPath, cancellationToken);
        var options = new ZenginWriterOptions { UseCrLf = parseResult.GetValue(_crlf) };
        if (parseResult.GetValue(_banks) is { Length: > 0 } banks)
        {
            options.BankMaster = await ZenginWriteCommand.LoadBanksAsync(banks, cancellationToken);
        }

        Directory.CreateDirectory(outDir);
        return new ZenginPayoutChannel(header, outDir, new AccountBook(accounts), options);
    }

    private static async Task<Dictionary<string, ZenginPayoutAccount>> ReadAccountsAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"the accounts file (--accounts) '{path}' does not exist.");
        }

        string[] columns = ["beneficiary_id", "bank_code", "branch_code", "account_type", "account_number", "account_name"];
        var accounts = new Dictionary<string, ZenginPayoutAccount>(StringComparer.Ordinal);
        var problems = new List<string>();
        int[]? map = null;
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        await foreach (var record in EligibilityCsv.ReadAsync(reader, "the accounts file", cancellationToken))
        {
            if (map is null)
            {
                var names = record.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
                map = [.. columns.Select(c => names.IndexOf(c))];
                if (map.Any(i => i < 0))
                {
                    throw new InputException($"the accounts file '{path}' needs a header with the columns {string.Join(", ", columns)}.");
                }

                continue;
            }

            string Field(int column) => map[column] < record.Fields.Count ? record.Fields[map[column]].Trim() : string.Empty;
            var type = ZenginInputs.ParseAccountType(Field(3));
            if (Field(0).Length == 0 || type is null)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"line {record.LineNumber}: {(type is null ? "account_type must be 1, 2, 4 or 9" : "beneficiary_id is empty")}"));
                continue;
            }

            if (!accounts.TryAdd(Field(0), new ZenginPayoutAccount(Field(1), Field(2), type.Value, Field(4), Field(5))))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"line {record.LineNumber}: the beneficiary has a second account line"));
            }
        }

        // Account data itself (digits, kana) is checked by the channel per payout: a bad line fails that payout only.
        return problems.Count == 0
            ? accounts
            : throw new InputException($"the accounts file '{path}' has errors, nothing was paid: " + string.Join("; ", problems.Take(20)));
    }

    private sealed class AccountBook(Dictionary<string, ZenginPayoutAccount> accounts) : IZenginPayoutAccountResolver
    {
        public ValueTask<ZenginPayoutAccount?> ResolveAsync(PayoutInstruction instruction, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(accounts.GetValueOrDefault(instruction.BeneficiaryId));
    }
}
