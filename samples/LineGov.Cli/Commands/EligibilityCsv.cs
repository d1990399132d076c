using System.Text;

namespace LineGov.Cli.Commands;

/// <summary>One CSV record and the 1-based line it starts on.</summary>
internal sealed record CsvRecord(long LineNumber, IReadOnlyList<string> Fields);

/// <summary>
/// A small RFC 4180 reader and writer (quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF) for the
/// applications and issued-keys files of <c>linegov eligibility evaluate</c>. Rows are streamed, never all held.
/// </summary>
internal static class EligibilityCsv
{
    /// <summary>The longest field read; anything longer is not an application.</summary>
    public const int MaxFieldLength = 4096;

    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader, string what, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var line = 1L;
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var recordLine = 1L;
        var any = false;
        var buffer = new char[8192];
        var first = true;
        int read;
        char? pending = null;
        while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (first)
                {
                    first = false;
                    if (c == '\uFEFF')
                    {
                        continue;
                    }
                }

                if (pending == '"')
                {
                    pending = null;
                    if (c == '"')
                    {
                        field.Append('"');
                        continue;
                    }

                    inQuotes = false;
                }

                if (inQuotes)
                {
                    if (c == '"')
                    {
                        pending = '"';
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }

                        Append(field, c, what, recordLine);
                    }

                    continue;
                }

                switch (c)
                {
                    case '"' when field.Length == 0:
                        inQuotes = true;
                        any = true;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        any = true;
                        break;
                    case '\r':
                        break;
                    case '\n':
                        if (any || field.Length > 0)
                        {
                            fields.Add(field.ToString());
                            yield return new CsvRecord(recordLine, [.. fields]);
                        }

                        fields.Clear();
                        field.Clear();
                        any = false;
                        line++;
                        recordLine = line;
                        break;
                    default:
                        Append(field, c, what, recordLine);
                        any = true;
                        break;
                }
            }
        }

        if (inQuotes && pending is null)
        {
            throw new Infrastructure.InputException($"{what}: a quoted field that starts on line {recordLine} is never closed.");
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, [.. fields]);
        }
    }

    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Quote));

    private static string Quote(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return string.Empty;
        }

        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    private static void Append(StringBuilder field, char c, string what, long line)
    {
        if (field.Length >= MaxFieldLength)
        {
            throw new Infrastructure.InputException($"{what}: line {line} has a field longer than {MaxFieldLength} characters; is it the right file?");
        }

        field.Append(c);
    }
}
