using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LineGov.Cli.Infrastructure;
using LineGov.Payouts.Zengin;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov zengin read &lt;file&gt; [--json]</c>: what a 総合振込 file holds, record by record.</summary>
internal static class ZenginReadCommand
{
    private const string CommandPath = "linegov zengin read";

    /// <summary>The largest file read: 999,999 transfers of 122 bytes and the other three records.</summary>
    private const long MaxFileLength = (999_999L + 3) * 122 + 1;

    private static readonly JsonWriterOptions JsonLineOptions = new()
    {
        Indented = false,

        // A terminal or a pipe, never HTML: half-width katakana stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliContext context)
    {
        var fileArgument = new Argument<string>("file")
        {
            Description = "The 総合振込 file: 120-byte records, with or without CRLF after each.",
        };
        var jsonOption = new Option<bool>("--json")
        {
            Description = "Print one JSON object per record, one per line (JSON Lines), every field by name, amounts as numbers " +
                "and account numbers in full — for scripts and spreadsheets. Without it a summary for people is printed, " +
                "account numbers masked (****567).",
        };

        var command = new Command(
            "read",
            "Show what a 全銀 総合振込 (Zengin bulk transfer) file holds: who pays and when (the header), every transfer (bank, " +
            "branch, account type, masked account number, name, amount), and the number of transfers and the total, checked " +
            "against the trailer. Use it to check a file before you send it to the bank.\n" +
            "Exit codes: 0 = read, 1 = the file is not a valid 総合振込 file (the record number and the field are printed), " +
            "2 = usage or input error (the file does not exist or cannot be read).")
        {
            fileArgument,
            jsonOption,
        };

        command.SetGuardedAction(context, CommandPath, async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetRequiredValue(fileArgument);
            var bytes = await Inputs.ReadFileAsync(path, "the Zengin file", MaxFileLength, cancellationToken);
            ZenginFile file;
            try
            {
                file = ZenginReader.Parse(bytes);
            }
            catch (ZenginFormatException e)
            {
                context.Error.WriteLine($"{CommandPath}: invalid: '{path}' is not a valid 総合振込 file: {e.Message}");
                return ExitCodes.Invalid;
            }

            if (parseResult.GetValue(jsonOption))
            {
                WriteJsonLines(context.Out, file);
            }
            else
            {
                WriteSummary(context.Out, file, path);
            }

            return ExitCodes.Success;
        });

        return command;
    }

    private static void WriteSummary(TextWriter output, ZenginFile file, string path)
    {
        var h = file.Header;
        var t = file.Trailer;
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine($"総合振込 file {Path.GetFileName(path)} ({(file.HasLineBreaks ? "records end with CRLF" : "120-byte records, no line breaks")})");
        output.WriteLine("Header (record 1)");
        output.WriteLine($"  Requester (依頼人):        {h.RequesterCode} {h.RequesterName}");
        output.WriteLine($"  Transfer date (振込指定日): {h.TransferDate[..2]}-{h.TransferDate[2..]} (MM-DD)");
        output.WriteLine($"  Paying account (仕向口座): {Account(h.BankCode, h.BankName, h.BranchCode, h.BranchName, h.AccountType, h.AccountNumber)}");
        output.WriteLine(string.Create(invariant, $"Transfers: {t.Count:N0}, total {t.TotalAmount:N0} yen (checked against the trailer, record {t.Count + 2})"));
        for (var i = 0; i < file.Transfers.Count; i++)
        {
            var d = file.Transfers[i];
            var codes = string.Join(' ', new[] { d.CustomerCode1, d.CustomerCode2 }.Where(c => c is not null));
            output.WriteLine(string.Create(
                invariant,
                $"  #{i + 2,-7} {Account(d.BankCode, d.BankName, d.BranchCode, d.BranchName, d.AccountType, d.AccountNumber)}  {d.AccountName,-30}  {d.Amount,15:N0} yen{(codes.Length > 0 ? $"  [{codes}]" : string.Empty)}"));
        }
    }

    private static string Account(string bankCode, string? bankName, string branchCode, string? branchName, ZenginAccountType type, string accountNumber) =>
        $"{bankCode} {bankName ?? "-",-15} {branchCode} {branchName ?? "-",-15} {ZenginCommand.Describe(type)} {ZenginCommand.Mask(accountNumber)}";

    private static void WriteJsonLines(TextWriter output, ZenginFile file)
    {
        var buffer = new ArrayBufferWriter<byte>();
        void Line(Action<Utf8JsonWriter> write)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer, JsonLineOptions))
            {
                writer.WriteStartObject();
                write(writer);
                writer.WriteEndObject();
            }

            output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }

        var h = file.Header;
        Line(w =>
        {
            // The requester's field names, so that a header can be turned back into a --requester file.
            w.WriteNumber("record", 1);
            w.WriteString("record_type", "header");
            w.WriteString("kind", "21");
            w.WriteString("code_type", "0");
            w.WriteString("code", h.RequesterCode);
            w.WriteString("name", h.RequesterName);
            w.WriteString("transfer_date", h.TransferDate);
            w.WriteString("bank_code", h.BankCode);
            w.WriteStringOrNull("bank_name", h.BankName);
            w.WriteString("branch_code", h.BranchCode);
            w.WriteStringOrNull("branch_name", h.BranchName);
            w.WriteNumber("account_type", (int)h.AccountType);
            w.WriteString("account_number", h.AccountNumber);
        });

        for (var i = 0; i < file.Transfers.Count; i++)
        {
            var d = file.Transfers[i];
            var record = i + 2;
            Line(w =>
            {
                // The transfers CSV's column names, and the record's other fields.
                w.WriteNumber("record", record);
                w.WriteString("record_type", "data");
                w.WriteString("bank_code", d.BankCode);
                w.WriteStringOrNull("bank_name", d.BankName);
                w.WriteString("branch_code", d.BranchCode);
                w.WriteStringOrNull("branch_name", d.BranchName);
                w.WriteStringOrNull("clearing_house_code", d.ClearingHouseCode);
                w.WriteNumber("account_type", (int)d.AccountType);
                w.WriteString("account_number", d.AccountNumber);
                w.WriteString("account_name", d.AccountName);
                w.WriteNumber("amount", d.Amount);
                w.WriteString("new_code", d.NewCode.ToString());
                w.WriteStringOrNull("customer_code1", d.CustomerCode1);
                w.WriteStringOrNull("customer_code2", d.CustomerCode2);
                w.WriteString("transfer_designation", d.TransferDesignation.ToString().Trim());
                w.WriteString("identification", d.Identification.ToString().Trim());
            });
        }

        var t = file.Trailer;
        Line(w =>
        {
            w.WriteNumber("record", t.Count + 2);
            w.WriteString("record_type", "trailer");
            w.WriteNumber("count", t.Count);
            w.WriteNumber("total_amount", t.TotalAmount);
        });
        Line(w =>
        {
            w.WriteNumber("record", t.Count + 3);
            w.WriteString("record_type", "end");
        });
    }
}
