using System.Globalization;
using System.Text;

namespace LineGov.PublicApi.Tests;

/// <summary>A unified diff of two texts, line by line, for failure messages.</summary>
internal static class LineDiff
{
    /// <summary>
    /// Renders the changes from <paramref name="expected"/> to <paramref name="actual"/> as unified-diff hunks with
    /// <paramref name="context"/> lines around them. A hunk header names the type its first change is in (the
    /// nearest unindented line at or above it), the way <c>git diff</c> names the enclosing function.
    /// </summary>
    public static string Unified(string expected, string actual, string expectedLabel, string actualLabel, int context = 3)
    {
        var a = Lines(expected);
        var b = Lines(actual);
        var edits = Edits(a, b);

        var text = new StringBuilder();
        text.Append("--- ").Append(expectedLabel).Append('\n');
        text.Append("+++ ").Append(actualLabel).Append('\n');

        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == ' ')
            {
                i++;
                continue;
            }

            // Grow a hunk from this change until a run of more than 2 * context unchanged lines.
            var start = Math.Max(0, i - context);
            var end = i;
            while (end < edits.Count)
            {
                var run = 0;
                while (end + run < edits.Count && edits[end + run].Kind == ' ')
                {
                    run++;
                }

                if (end + run >= edits.Count || run > 2 * context)
                {
                    end = Math.Min(edits.Count, end + Math.Min(run, context));
                    break;
                }

                end += run;
                while (end < edits.Count && edits[end].Kind != ' ')
                {
                    end++;
                }
            }

            var hunk = edits.GetRange(start, end - start);
            var oldStart = hunk[0].OldIndex;
            var newStart = hunk[0].NewIndex;
            var oldCount = hunk.Count(e => e.Kind != '+');
            var newCount = hunk.Count(e => e.Kind != '-');
            text.Append(CultureInfo.InvariantCulture, $"@@ -{oldStart + 1},{oldCount} +{newStart + 1},{newCount} @@");
            var change = hunk.First(e => e.Kind != ' ');
            if ((change.Kind == '+' ? EnclosingHeader(b, change.NewIndex) : EnclosingHeader(a, change.OldIndex)) is { } header)
            {
                text.Append(' ').Append(header);
            }

            text.Append('\n');
            foreach (var edit in hunk)
            {
                text.Append(edit.Kind).Append(edit.Line).Append('\n');
            }

            i = end;
        }

        return text.ToString();
    }

    private static string[] Lines(string text)
    {
        var normalized = text.ReplaceLineEndings("\n");
        if (normalized.EndsWith('\n'))
        {
            normalized = normalized[..^1];
        }

        return normalized.Length == 0 ? [] : normalized.Split('\n');
    }

    private static string? EnclosingHeader(string[] lines, int index)
    {
        for (var i = Math.Min(index, lines.Length - 1); i >= 0; i--)
        {
            var line = lines[i];
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && !line.StartsWith("//", StringComparison.Ordinal))
            {
                return line.Length > 80 ? line[..77] + "..." : line;
            }
        }

        return null;
    }

    private readonly record struct Edit(char Kind, string Line, int OldIndex, int NewIndex);

    // Longest common subsequence after trimming the common prefix and suffix: snapshots differ in a few lines.
    private static List<Edit> Edits(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var n = a.Length - prefix - suffix;
        var m = b.Length - prefix - suffix;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var edits = new List<Edit>(a.Length + b.Length);
        for (var k = 0; k < prefix; k++)
        {
            edits.Add(new Edit(' ', a[k], k, k));
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[prefix + x] == b[prefix + y])
            {
                edits.Add(new Edit(' ', a[prefix + x], prefix + x, prefix + y));
                x++;
                y++;
            }
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                edits.Add(new Edit('-', a[prefix + x], prefix + x, prefix + y));
                x++;
            }
            else
            {
                edits.Add(new Edit('+', b[prefix + y], prefix + x, prefix + y));
                y++;
            }
        }

        for (var k = 0; k < suffix; k++)
        {
            edits.Add(new Edit(' ', a[prefix + n + k], prefix + n + k, prefix + m + k));
        }

        return edits;
    }
}
