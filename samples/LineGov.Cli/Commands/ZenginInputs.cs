using System.Globalization;
using System.Text;
using System.Text.Json;
using LineGov.Cli.Infrastructure;
using LineGov.Payouts.Zengin;

namespace LineGov.Cli.Commands;

/// <summary>One reason a transfers or requester file was rejected: where (file, line, column) and why, never the value.</summary>
internal sealed record ZenginProblem(string Source, long? Line, string? Field, string Reason)
{
    public override string ToString()
    {
        var where = Line is { } line ? string.Create(CultureInfo.InvariantCulture, $"{Source} line {line}") : Source;
        return Field is null ? $"{where}: {Reason}" : $"{where}, {Field}: {Reason}";
    }
}

/// <summary>The rows of a transfers CSV that could be turned into transfers, and the line each came from.</summary>
internal sealed class ZenginTransferRows
{
    public List<ZenginTransfer> Transfers { get; } = [];

    /// <summary>The CSV line of <see cref="Transfers"/>[i].</summary>
    public List<long> Lines { get; } = [];

    /// <summary>(line, column) already reported: the writer's own check of a placeholder value is not repeated.</summary>
    public HashSet<(long Line, string Column)> Reported { get; } = [];

    public List<ZenginProblem> Problems { get; } = [];
}

/// <summary>Reads the transfers CSV and the requester JSON of <c>linegov zengin write</c>.</summary>
internal static class ZenginInputs
{
    public static readonly string[] Columns =
        ["bank_code", "branch_code", "account_type", "account_number", "account_name", "amount", "customer_code1", "customer_code2"];

    private const int RequiredColumns = 6;

    /// <summary>
    /// Reads every row; a row that cannot be read is listed (line, column, reason) and, where one field only is at fault,
    /// still handed to the writer's check with a placeholder so that its other fields are checked too.
    /// </summary>
    public static async Task<ZenginTransferRows> ReadTransfersAsync(string path, string source, CancellationToken cancellationToken)
    {
        var rows = new ZenginTransferRows();
        int[]? map = null;
        var width = 0;

        // Strict UTF-8: a Shift_JIS file (Excel's plain "CSV") must be refused, not read as replacement characters.
        using var reader = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        try
        {
            await foreach (var record in EligibilityCsv.ReadAsync(reader, source, cancellationToken))
            {
                if (map is null)
                {
                    map = ReadHeader(record, source, rows.Problems);
                    width = record.Fields.Count;
                    if (map is null)
                    {
                        return rows;
                    }

                    continue;
                }

                ReadRow(record, map, width, source, rows);
            }
        }
        catch (DecoderFallbackException e)
        {
            throw new InputException($"{source} is not UTF-8 text; save it as 'CSV UTF-8' (Excel: CSV UTF-8 (コンマ区切り)).", e);
        }
        catch (InputException e) when (map is not null)
        {
            // An unclosed quote swallows the rest of the file: a rejected file, not a usage error.
            rows.Problems.Add(new ZenginProblem(source, null, null, e.Message.StartsWith(source, StringComparison.Ordinal) ? e.Message[source.Length..].TrimStart(':', ' ') : e.Message));
            return rows;
        }

        if (map is null)
        {
            rows.Problems.Add(new ZenginProblem(source, null, null, $"the file is empty; it needs a header line ({string.Join(',', Columns)}) and one line per transfer"));
        }
        else if (rows.Lines.Count == 0 && rows.Problems.Count == 0)
        {
            rows.Problems.Add(new ZenginProblem(source, null, null, "there are no transfers after the header line"));
        }

        return rows;
    }

    /// <summary>The index of each of <see cref="Columns"/> in the file (-1 when an optional column is absent), or null when the header is unusable.</summary>
    private static int[]? ReadHeader(CsvRecord header, string source, List<ZenginProblem> problems)
    {
        var map = Enumerable.Repeat(-1, Columns.Length).ToArray();
        var ok = true;
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().ToLowerInvariant();
            var index = Array.IndexOf(Columns, name);
            if (index < 0)
            {
                // The value is not repeated: a file without a header line has a resident's data here.
                problems.Add(new ZenginProblem(source, header.LineNumber, null, string.Create(CultureInfo.InvariantCulture, $"column {i + 1} of the header line is not one of {string.Join(',', Columns)}")));
                ok = false;
            }
            else if (map[index] >= 0)
            {
                problems.Add(new ZenginProblem(source, header.LineNumber, Columns[index], "appears twice in the header line"));
                ok = false;
            }
            else
            {
                map[index] = i;
            }
        }

        var missing = Columns.Take(RequiredColumns).Where((_, i) => map[i] < 0).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new ZenginProblem(source, header.LineNumber, null, $"the header line lacks the column(s) {string.Join(',', missing)}; expected {string.Join(',', Columns)}"));
            ok = false;
        }

        return ok ? map : null;
    }

    private static void ReadRow(CsvRecord record, int[] map, int width, string source, ZenginTransferRows rows)
    {
        var line = record.LineNumber;
        if (record.Fields.Count != width)
        {
            rows.Problems.Add(new ZenginProblem(source, line, null, string.Create(CultureInfo.InvariantCulture, $"has {record.Fields.Count} fields; the header line has {width} (a comma inside a name must be quoted: \"...\")")));
            return;
        }

        string Field(int column) => map[column] < 0 ? string.Empty : record.Fields[map[column]].Trim();

        var type = ParseAccountType(Field(2));
        if (type is null)
        {
            rows.Problems.Add(new ZenginProblem(source, line, Columns[2], "must be 1 (普通), 2 (当座), 4 (貯蓄) or 9 (その他)"));
            rows.Reported.Add((line, Columns[2]));
        }

        var amountText = Field(5);
        var amount = 1L;
        if (amountText.Length == 0 || !long.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out amount))
        {
            rows.Problems.Add(new ZenginProblem(source, line, Columns[5], "must be a whole number of yen, digits only (no commas, no 円)"));
            rows.Reported.Add((line, Columns[5]));
            amount = 1;
        }

        var code1 = Field(6);
        var code2 = Field(7);
        rows.Transfers.Add(new ZenginTransfer(
            BankCode: Field(0),
            BranchCode: Field(1),
            AccountNumber: Field(3),
            AccountName: Field(4),
            Amount: amount,
            AccountType: type ?? ZenginAccountType.Ordinary,
            CustomerCode1: code1.Length == 0 ? null : code1,
            CustomerCode2: code2.Length == 0 ? null : code2));
        rows.Lines.Add(line);
    }

    internal static ZenginAccountType? ParseAccountType(string value) => value switch
    {
        "1" or "普通" => ZenginAccountType.Ordinary,
        "2" or "当座" => ZenginAccountType.Current,
        "4" or "貯蓄" => ZenginAccountType.Savings,
        "9" or "その他" => ZenginAccountType.Other,
        _ => null,
    };

    /// <summary>The CSV column of a writer field.</summary>
    public static string ColumnOf(string field) => field switch
    {
        "BankCode" => "bank_code",
        "BankName" => "bank_name (from the bank master)",
        "BranchCode" => "branch_code",
        "BranchName" => "branch_name (from the bank master)",
        "AccountType" => "account_type",
        "AccountNumber" => "account_number",
        "AccountName" => "account_name",
        "Amount" => "amount",
        "CustomerCode1" => "customer_code1",
        "CustomerCode2" => "customer_code2",
        _ => field,
    };

    /// <summary>The requester JSON field of a header field.</summary>
    public static string RequesterFieldOf(string field) => field switch
    {
        "RequesterCode" => "code",
        "RequesterName" => "name",
        "TransferDate" => "--date",
        "BankCode" => "bank_code",
        "BankName" => "bank_name",
        "BranchCode" => "branch_code",
        "BranchName" => "branch_name",
        "AccountType" => "account_type",
        "AccountNumber" => "account_number",
        _ => field,
    };

    /// <summary>Reads the requester (依頼人) JSON; a file that is not the expected shape is an input error naming the field.</summary>
    public static async Task<ZenginHeader> ReadRequesterAsync(string path, string transferDate, CancellationToken cancellationToken)
    {
        var what = $"the requester '{path}'";
        var bytes = await Inputs.ReadFileAsync(path, "the requester (--requester)", 1 << 20, cancellationToken);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InputException($"{what} is not valid JSON (line {e.LineNumber + 1}).", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InputException($"{what} must be one JSON object with code, name, bank_code, bank_name, branch_code, branch_name, account_type, account_number.");
            }

            string[] known = ["code", "name", "bank_code", "bank_name", "branch_code", "branch_name", "account_type", "account_number"];
            foreach (var property in root.EnumerateObject())
            {
                if (!known.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw new InputException($"{what} has an unknown field '{property.Name}'; the fields are {string.Join(", ", known)}.");
                }
            }

            string? Text(string name, bool required)
            {
                if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    return required ? throw new InputException($"{what} has no '{name}'.") : null;
                }

                return value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : throw new InputException($"{what}: '{name}' must be a string in quotes (so that leading zeros stay), for example \"0001\".");
            }

            var type = ZenginAccountType.Ordinary;
            if (root.TryGetProperty("account_type", out var typeValue) && typeValue.ValueKind != JsonValueKind.Null)
            {
                var typeText = typeValue.ValueKind switch
                {
                    JsonValueKind.String => typeValue.GetString()!.Trim(),
                    JsonValueKind.Number => typeValue.GetRawText(),
                    _ => string.Empty,
                };
                type = ParseAccountType(typeText)
                    ?? throw new InputException($"{what}: 'account_type' must be 1 (普通), 2 (当座), 4 (貯蓄) or 9 (その他).");
            }

            return new ZenginHeader(
                RequesterCode: Text("code", required: true)!.Trim(),
                RequesterName: Text("name", required: true)!,
                TransferDate: transferDate,
                BankCode: Text("bank_code", required: true)!.Trim(),
                BranchCode: Text("branch_code", required: true)!.Trim(),
                AccountNumber: Text("account_number", required: true)!.Trim(),
                BankName: Text("bank_name", required: false),
                BranchName: Text("branch_name", required: false),
                AccountType: type);
        }
    }

    /// <summary>A real month and day written as MMDD (29 February allowed: the year is not part of the format).</summary>
    public static string ParseTransferDate(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 4 && trimmed.All(char.IsAsciiDigit))
        {
            var month = int.Parse(trimmed.AsSpan(0, 2), CultureInfo.InvariantCulture);
            var day = int.Parse(trimmed.AsSpan(2, 2), CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2024, month))
            {
                return trimmed;
            }
        }

        throw new UsageException($"--date '{value}' is not a day of the year written as MMDD (振込指定日), for example 0325 for 25 March.");
    }
}
