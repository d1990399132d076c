using System.CommandLine;
using System.Globalization;
using LineGov.Cli.Infrastructure;
using LineGov.Payouts;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov payouts run | status | reconcile</c>: the exactly-once payout ledger of LineGov.Payouts.</summary>
internal static partial class PayoutsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "payouts",
            "Pay approved benefit claims exactly once from the LineGov payout ledger (an SQLite file, or a PostgreSQL " +
            "database shared by several workers): run a payout through a channel, show where a program stands, import the " +
            "bank's or provider's result list.")
        {
            CreateRun(context),
            CreateStatus(context),
            CreateReconcile(context),
        };
        return command;
    }

    private static Option<string> DbOption() => new("--db")
    {
        Description = "The ledger: an SQLite file path (created if missing), or a PostgreSQL connection string such as " +
            "\"Host=db.example.lg.jp;Database=payouts;Username=app\" (put the password in the PGPASSWORD environment variable, not on the command line).",
        HelpName = "path|connection",
        Required = true,
    };

    private static Option<string> ProgramOption() => new("--program")
    {
        Description = "The benefit program's id, as the ledger records it (for example touma-2026-bukka).",
        HelpName = "id",
        Required = true,
    };

    private static Command CreateStatus(CliContext context)
    {
        const string Path = "linegov payouts status";
        var db = DbOption();
        var program = ProgramOption();
        var command = new Command(
            "status",
            "Show how many claims of a program are received, approved, issued, settled, failed, reversed or rejected, with their amounts.\n" +
            "Exit codes: 0 = shown, 2 = usage error or the ledger cannot be opened.")
        {
            db,
            program,
        };
        command.SetGuardedAction(context, Path, async (parseResult, cancellationToken) =>
        {
            await using var store = OpenStore(parseResult.GetValue(db)!);
            var ledger = new PayoutLedger(store, context.TimeProvider);
            var programId = parseResult.GetValue(program)!;
            var summary = await Guard(() => ledger.GetSummaryAsync(programId, cancellationToken));
            context.Out.WriteLine($"program {programId}: {summary.Total.ToString("N0", CultureInfo.InvariantCulture)} claims");
            foreach (var state in Enum.GetValues<PayoutState>())
            {
                context.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {state.ToString().ToLowerInvariant(),-9} {summary.CountOf(state),10:N0}  {summary.Amounts.GetValueOrDefault(state),16:N0} yen"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateReconcile(CliContext context)
    {
        const string Path = "linegov payouts reconcile";
        var db = DbOption();
        var program = ProgramOption();
        var file = new Option<string>("--results")
        {
            Description = "The result list, CSV with a header line and the columns beneficiary_id or reference (at least one), " +
                "result (paid or failed) and, optionally, reason and attempt (which issue of the payout the line is about; needed for a re-issued payout named by beneficiary_id). A paid line settles its issued payout; a failed line marks it failed " +
                "(re-issue it deliberately later). Importing the same list twice changes nothing.",
            HelpName = "csv",
            Required = true,
        };
        var actor = new Option<string>("--actor")
        {
            Description = "Who imports, for the audit trail. Default: reconcile.",
            HelpName = "name",
            DefaultValueFactory = _ => "reconcile",
        };
        var command = new Command(
            "reconcile",
            "Import the bank's or the points provider's result list and move payouts to settled or failed.\n" +
            "Exit codes: 0 = every line applied (or already applied), 1 = some lines could not be applied (each is listed), 2 = usage or input error.")
        {
            db,
            program,
            file,
            actor,
        };
        command.SetGuardedAction(context, Path, async (parseResult, cancellationToken) =>
        {
            var lines = await ReadResultsAsync(parseResult.GetValue(file)!, cancellationToken);
            await using var store = OpenStore(parseResult.GetValue(db)!);
            var ledger = new PayoutLedger(store, context.TimeProvider);
            var report = await Guard(() => ledger.ReconcileAsync(parseResult.GetValue(program)!, lines, parseResult.GetValue(actor)!, cancellationToken));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"settled {report.Settled}, failed {report.Failed}, already applied {report.Repeated}, not applied {report.Issues.Count}"));
            foreach (var issue in report.Issues)
            {
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path}: line {issue.LineNumber}: {issue.Reason}"));
            }

            return report.Issues.Count == 0 ? ExitCodes.Success : ExitCodes.Invalid;
        });
        return command;
    }

    private static async Task<List<ReconciliationLine>> ReadResultsAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"the result list '{path}' does not exist.");
        }

        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var lines = new List<ReconciliationLine>();
        var errors = new List<string>();
        int beneficiary = -1, reference = -1, result = -1, reason = -1, attempt = -1;
        var header = true;
        await foreach (var record in EligibilityCsv.ReadAsync(reader, "the result list", cancellationToken))
        {
            if (header)
            {
                header = false;
                var names = record.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
                beneficiary = names.IndexOf("beneficiary_id");
                reference = names.IndexOf("reference");
                result = names.IndexOf("result");
                reason = names.IndexOf("reason");
                attempt = names.IndexOf("attempt");
                if (result < 0 || (beneficiary < 0 && reference < 0))
                {
                    throw new InputException("the result list needs a header with the columns result and beneficiary_id or reference.");
                }

                continue;
            }

            string Field(int index) => index >= 0 && index < record.Fields.Count ? record.Fields[index].Trim() : string.Empty;
            var outcome = Field(result).ToLowerInvariant() switch
            {
                "paid" or "settled" or "ok" or "済" => (ReconciliationOutcome?)ReconciliationOutcome.Paid,
                "failed" or "ng" or "不能" => ReconciliationOutcome.Failed,
                _ => null,
            };
            if (outcome is null)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"line {record.LineNumber}: result must be paid or failed"));
                continue;
            }

            if (Field(beneficiary).Length == 0 && Field(reference).Length == 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"line {record.LineNumber}: neither beneficiary_id nor reference is given"));
                continue;
            }

            int? attemptNumber = null;
            if (Field(attempt).Length > 0)
            {
                if (!int.TryParse(Field(attempt), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"line {record.LineNumber}: attempt must be a whole number from 1"));
                    continue;
                }

                attemptNumber = parsed;
            }

            lines.Add(new ReconciliationLine(record.LineNumber, Field(beneficiary), Field(reference), outcome.Value, Field(reason), attemptNumber));
        }

        if (errors.Count > 0)
        {
            throw new InputException("the result list has errors, nothing was imported: " + string.Join("; ", errors.Take(20)) + (errors.Count > 20 ? $"; and {errors.Count - 20} more" : string.Empty));
        }

        return lines;
    }

    internal static LedgerStore OpenStore(string connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new UsageException("--db must name an SQLite file or a PostgreSQL connection string.");
        }

        try
        {
            return LedgerStore.Open(connection);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--db is not a usable connection string: {e.Message}", e);
        }
    }

    /// <summary>Turns ledger failures into one-line input errors (exit 2) instead of stack traces.</summary>
    internal static async Task<T> Guard<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (LedgerStoreException e)
        {
            throw new InputException($"the ledger cannot be used: {e.Message}", e);
        }
        catch (PayoutRunException e)
        {
            throw new InputException(e.Message, e);
        }
    }
}
