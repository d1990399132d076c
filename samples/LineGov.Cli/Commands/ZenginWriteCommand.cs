using System.CommandLine;
using System.Globalization;
using LineGov.Cli.Infrastructure;
using LineGov.Payouts.Zengin;

namespace LineGov.Cli.Commands;

/// <summary>
/// <c>linegov zengin write --transfers &lt;csv&gt; --requester &lt;json&gt; --date &lt;MMDD&gt; --out &lt;file&gt; [--crlf] [--banks &lt;dir&gt;]</c>:
/// a 総合振込 file from a CSV, or every bad row listed and nothing written.
/// </summary>
internal static class ZenginWriteCommand
{
    private const string CommandPath = "linegov zengin write";

    public static Command Create(CliContext context)
    {
        var transfersOption = new Option<string>("--transfers")
        {
            Description = "The transfers, a CSV file in UTF-8 with a header line: " + string.Join(',', ZenginInputs.Columns) +
                " (one line per payee; account_name in any kana, full or half width; account_type 1 普通, 2 当座, 4 貯蓄, 9 その他; " +
                "amount in yen; the two customer codes may be empty).",
            HelpName = "csv",
            Required = true,
        };
        var requesterOption = new Option<string>("--requester")
        {
            Description = "Who pays (依頼人): a JSON file with code (依頼人コード, the 10 digits your bank gave you), name, bank_code, " +
                "bank_name, branch_code, branch_name, account_type and account_number of the paying account.",
            HelpName = "json",
            Required = true,
        };
        var dateOption = new Option<string>("--date")
        {
            Description = "The transfer date (振込指定日) as MMDD, for example 0325 for 25 March.",
            HelpName = "MMDD",
            Required = true,
        };
        var outOption = new Option<string>("--out")
        {
            Description = "The file to write (replaced if it exists). It is written to a temporary file first and renamed, so it is never half-written.",
            HelpName = "file",
            Required = true,
        };
        var crlfOption = new Option<bool>("--crlf")
        {
            Description = "End each 120-byte record with CRLF (122 bytes a record). Ask your bank which it wants; without it the records follow each other with no line breaks.",
        };
        var banksOption = new Option<string>("--banks")
        {
            Description = "A folder with the bank master in the zengin-code layout (banks.json and branches/<bank code>.json): bank and branch " +
                "codes are then checked against it and empty bank and branch names filled from it. Without it only the form of the codes is checked.",
            HelpName = "dir",
        };

        var command = new Command(
            "write",
            "Write a 全銀 総合振込 (Zengin bulk transfer) file from a CSV of transfers, ready for the bank. Names are converted " +
            "to the half-width katakana the bank takes (ヤマダ　タロウ → ﾔﾏﾀﾞ ﾀﾛｳ; small kana become full size) and cut to their " +
            "field's width; codes, account numbers and amounts are never cut. Every row is checked before anything is written: " +
            "when any row is wrong, every wrong row is listed (line, column, reason) and no file is written.\n" +
            "Exit codes: 0 = written (the number of transfers and the total are printed), 1 = rejected (every problem is listed " +
            "on stderr; nothing was written), 2 = usage or input error (a missing option, a file that cannot be read, a date " +
            "that is not MMDD).")
        {
            transfersOption,
            requesterOption,
            dateOption,
            outOption,
            crlfOption,
            banksOption,
        };

        command.SetGuardedAction(context, CommandPath, async (parseResult, cancellationToken) =>
        {
            var transfersPath = parseResult.GetRequiredValue(transfersOption);
            var requesterPath = parseResult.GetRequiredValue(requesterOption);
            var date = ZenginInputs.ParseTransferDate(parseResult.GetRequiredValue(dateOption));
            var outPath = parseResult.GetRequiredValue(outOption);
            var banksPath = parseResult.GetValue(banksOption);
            EnsureFile(transfersPath, "the transfers (--transfers)");
            EnsureOutput(outPath);

            var header = await ZenginInputs.ReadRequesterAsync(requesterPath, date, cancellationToken);
            var options = new ZenginWriterOptions
            {
                UseCrLf = parseResult.GetValue(crlfOption),
                BankMaster = banksPath is null ? null : await LoadBanksAsync(banksPath, cancellationToken),
            };

            var transfersSource = Path.GetFileName(transfersPath);
            var rows = await ZenginInputs.ReadTransfersAsync(transfersPath, transfersSource, cancellationToken);
            var writer = new ZenginWriter(options);
            var problems = new List<ZenginProblem>();
            IReadOnlyList<ZenginRecordError> errors;
            try
            {
                errors = await writer.ValidateAsync(header, rows.Transfers, cancellationToken);
            }
            catch (ZenginFormatException e)
            {
                // A branch file of the master is read when a row first needs it.
                throw new InputException($"the bank master '{banksPath}' cannot be read: {e.Message}", e);
            }

            problems.AddRange(errors.Where(e => e.RecordNumber == 1)
                .Select(e => new ZenginProblem(Path.GetFileName(requesterPath), null, ZenginInputs.RequesterFieldOf(e.Field), e.Reason)));
            problems.AddRange(rows.Problems);
            foreach (var error in errors.Where(e => e.RecordNumber >= 2 && e.RecordNumber - 2 < rows.Transfers.Count))
            {
                var line = rows.Lines[error.RecordNumber - 2];
                var column = ZenginInputs.ColumnOf(error.Field);
                if (!rows.Reported.Contains((line, column)))
                {
                    problems.Add(new ZenginProblem(transfersSource, line, column, Explain(error, rows.Transfers[error.RecordNumber - 2])));
                }
            }

            // The trailer: too many transfers or too large a total for one file.
            problems.AddRange(errors.Where(e => e.RecordNumber >= 2 + rows.Transfers.Count)
                .Select(e => new ZenginProblem(transfersSource, null, null, e.Reason)));

            if (problems.Count > 0)
            {
                // File problems first, then the rows in line order: what a clerk fixes top to bottom.
                var ordered = problems.OrderBy(p => p.Line.HasValue).ThenBy(p => p.Line).ToList();
                var badRows = ordered.Where(p => p.Line.HasValue && p.Source == transfersSource).Select(p => p.Line).Distinct().Count();
                context.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{CommandPath}: rejected, nothing was written: {ordered.Count} problem(s){(badRows > 0 ? $", {badRows} bad row(s) in {transfersSource}" : string.Empty)}:"));
                foreach (var problem in ordered)
                {
                    context.Error.WriteLine($"  {problem}");
                }

                return ExitCodes.Invalid;
            }

            ZenginTrailer trailer;
            try
            {
                trailer = await writer.WriteFileAsync(outPath, header, rows.Transfers, cancellationToken);
            }
            catch (ZenginValidationException e)
            {
                // Validated just above; only a bank master changed on disk in between could get here.
                throw new InputException($"the file was not written: {e.Errors.Count} invalid field(s), run again to see them.", e);
            }

            var records = trailer.Count + 3;
            var recordLength = options.UseCrLf ? 122 : 120;
            context.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"wrote {outPath}: {trailer.Count:N0} transfers, total {trailer.TotalAmount:N0} yen ({records:N0} records of {recordLength} bytes, {(long)records * recordLength:N0} bytes{(options.UseCrLf ? ", CRLF" : string.Empty)}), transfer date {date[..2]}-{date[2..]}"));
            return ExitCodes.Success;
        });

        return command;
    }

    /// <summary>The writer's reason, with a hint when a spreadsheet probably dropped leading zeros (the value is not printed).</summary>
    private static string Explain(ZenginRecordError error, ZenginTransfer transfer)
    {
        var value = error.Field switch
        {
            "BankCode" => transfer.BankCode,
            "BranchCode" => transfer.BranchCode,
            "AccountNumber" => transfer.AccountNumber,
            _ => null,
        };
        return value is { Length: > 0 } && value.All(char.IsAsciiDigit) && error.Reason.StartsWith("must be exactly", StringComparison.Ordinal)
            && int.Parse(error.Reason.AsSpan("must be exactly ".Length, 1), CultureInfo.InvariantCulture) > value.Length
            ? error.Reason + " (too few: a spreadsheet may have dropped leading zeros; format the column as text)"
            : error.Reason;
    }

    internal static async Task<ZenginBankMaster> LoadBanksAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new InputException($"the bank master folder (--banks) '{folder}' does not exist.");
        }

        if (!File.Exists(Path.Combine(folder, "banks.json")))
        {
            throw new InputException($"the bank master folder (--banks) '{folder}' has no banks.json (the zengin-code layout: banks.json and branches/<bank code>.json).");
        }

        try
        {
            return await ZenginBankMaster.LoadAsync(folder, cancellationToken);
        }
        catch (ZenginFormatException e)
        {
            throw new InputException($"the bank master '{folder}' cannot be read: {e.Message}", e);
        }
    }

    private static void EnsureFile(string path, string what)
    {
        if (Directory.Exists(path))
        {
            throw new InputException($"{what} '{path}' is a folder, not a file.");
        }

        if (!File.Exists(path))
        {
            throw new InputException($"{what} '{path}' does not exist.");
        }
    }

    private static void EnsureOutput(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"--out '{path}' is a folder; give the file to write.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder))
        {
            throw new InputException($"the folder of --out '{path}' does not exist.");
        }
    }
}
