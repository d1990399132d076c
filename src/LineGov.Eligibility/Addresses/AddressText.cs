using System.Globalization;
using System.Text;

namespace LineGov.Eligibility;

/// <summary>
/// The text steps of address normalization. Two forms are made: the <em>normalized</em> text (NFKC: full-width ASCII to
/// ASCII, half-width katakana to full-width; controls and spaces removed; dash look-alikes to <c>-</c>), which is what
/// <see cref="NormalizedAddress.Rest"/> is cut from; and the <em>canonical</em> form, used only to compare names with the
/// address data (kanji numerals as digits, 旧字体 as 新字体, ヶ / ケ / が / ガ / 个 / ヵ as one letter, 之 / の / ノ as
/// one, ASCII letters in upper case), which keeps for each of its characters where it ends in the normalized text.
/// </summary>
internal static class AddressText
{
    /// <summary>The one letter every ヶ-like character of a place name becomes in the canonical form.</summary>
    private const char Ke = 'ケ';

    /// <summary>
    /// NFKC, then controls and white space removed and dash look-alikes made <c>-</c>. Never throws: lone surrogates (which
    /// <see cref="string.Normalize(NormalizationForm)"/> rejects) become U+FFFD first.
    /// </summary>
    public static string Normalize(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var sanitized = Sanitize(text);
        string composed;
        try
        {
            composed = sanitized.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Not expected once surrogates are paired; an address that cannot be composed is still compared as it is.
            composed = sanitized;
        }

        var builder = new StringBuilder(composed.Length);
        for (var i = 0; i < composed.Length; i++)
        {
            var c = composed[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '\u200B' || c == '\uFEFF')
            {
                // 11 1 or 2丁目11 101: numbers apart stay apart; any other space is dropped. The whole run is skipped at
                // once: looking ahead from every space of a long run would be quadratic.
                var end = SkipSpaces(composed, i);
                if (builder.Length > 0 && char.IsAsciiDigit(builder[^1]) && end < composed.Length && char.IsAsciiDigit(composed[end]))
                {
                    builder.Append('-');
                }

                i = end - 1;
                continue;
            }

            if (IsDash(c))
            {
                builder.Append('-');
            }
            else if (IsLongVowelMark(c) && builder.Length > 0 && IsDashAfter(builder[^1], NextVisible(composed, i + 1)))
            {
                // 1ー2: a long-vowel mark typed for a hyphen; in a katakana word (コーポ) it stays.
                builder.Append('-');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The canonical form of <paramref name="text"/> (already <see cref="Normalize"/>d). <paramref name="ends"/> receives,
    /// for each canonical character, the index in <paramref name="text"/> just after the characters it came from.
    /// </summary>
    public static string Canonical(ReadOnlySpan<char> text, List<int>? ends = null)
    {
        var builder = new StringBuilder(text.Length);
        var i = 0;
        var previousRun = RunKind.None;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                // 布部一1番地 (a town ending in a kanji numeral, then its 番地): two numbers, not 11. The separator never
                // matches a name, so a name ending in a digit ends there.
                AppendSeparatorAfter(builder, ends, ref previousRun, RunKind.Digits, i);

                // Leading zeros are dropped so 01 and 1 compare equal.
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                var digits = text[start..i].TrimStart('0');
                AppendRun(builder, ends, digits.IsEmpty ? "0" : digits, i);
                continue;
            }

            if (KanjiDigit(c) >= 0 || KanjiMultiplier(c) > 0)
            {
                AppendSeparatorAfter(builder, ends, ref previousRun, RunKind.Kanji, i);
                var start = i;
                while (i < text.Length && (KanjiDigit(text[i]) >= 0 || KanjiMultiplier(text[i]) > 0))
                {
                    i++;
                }

                AppendRun(builder, ends, KanjiNumber(text[start..i]), i);
                continue;
            }

            builder.Append(Fold(c));
            ends?.Add(i + 1);
            previousRun = RunKind.None;
            i++;
        }

        return builder.ToString();
    }

    /// <summary>The character the canonical form puts between a kanji number and a digit number that touch: a control
    /// character, which <see cref="Normalize"/> removes, so it is in no name.</summary>
    internal const char NumberSeparator = '\u0001';

    /// <summary>
    /// The value of a run of kanji numerals as ASCII digits: 二十三 → 23, 百五 → 105, 二〇二四 → 2024 (digits without
    /// 十 / 百 / 千 are read one by one). Runs too long to be a number are mapped digit by digit.
    /// </summary>
    public static string KanjiNumber(ReadOnlySpan<char> run)
    {
        var positional = true;
        foreach (var c in run)
        {
            if (KanjiMultiplier(c) > 0)
            {
                positional = false;
                break;
            }
        }

        if (positional || run.Length > 12)
        {
            var digits = new StringBuilder(run.Length);
            foreach (var c in run)
            {
                var digit = KanjiDigit(c);
                digits.Append(digit >= 0 ? (char)('0' + digit) : c);
            }

            var text = digits.ToString().TrimStart('0');
            return text.Length == 0 ? "0" : text;
        }

        long total = 0;
        long current = -1;
        foreach (var c in run)
        {
            var multiplier = KanjiMultiplier(c);
            if (multiplier > 0)
            {
                total += (current < 0 ? 1 : current) * multiplier;
                current = -1;
            }
            else
            {
                current = current < 0 ? KanjiDigit(c) : (current * 10) + KanjiDigit(c);
            }
        }

        if (current >= 0)
        {
            total += current;
        }

        return total.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Rewrites the 番地 block at the start of <paramref name="rest"/> as <c>1-2-3</c>: numbers (digits or kanji numerals)
    /// joined by 丁目, 番地, 番, の, <c>-</c> and ended by 号. Kanji numerals count only with such a marker after them, so a
    /// building name such as 三井ビル stays as it is. What follows the block is kept.
    /// </summary>
    public static string CanonicalRest(string rest)
    {
        var span = rest.AsSpan();
        var i = 0;

        // A hyphen left before the block (2-11-1 after a town whose 丁目 was written as a hyphen) is not part of it.
        if (span.Length > 1 && span[0] == '-' && IsNumberStart(span[1]))
        {
            i = 1;
        }

        var builder = new StringBuilder(rest.Length);
        var numbers = 0;
        while (i < span.Length)
        {
            if (!TryReadNumber(span, i, out var number, out var afterNumber, out var isKanji))
            {
                break;
            }

            var (marker, afterMarker) = ReadMarker(span, afterNumber);
            if (marker == Marker.None && isKanji && afterNumber < span.Length)
            {
                break;
            }

            if (marker is Marker.Hyphen or Marker.No && !StartsWithNumber(span, afterMarker))
            {
                // 1-A棟 or 3のビル: the separator joins nothing, so it is not the block's.
                builder.Append(numbers > 0 ? "-" : string.Empty).Append(number);
                i = afterNumber;
                numbers++;
                break;
            }

            builder.Append(numbers > 0 ? "-" : string.Empty).Append(number);
            numbers++;
            i = afterMarker;
            if (marker is Marker.None or Marker.Go)
            {
                break;
            }

            if (marker is Marker.Chome or Marker.Banchi or Marker.Ban && !StartsWithNumber(span, i))
            {
                // 11番地の1, 11番地-1: a separator after the marker.
                if (i + 1 < span.Length && span[i] is '-' or 'の' or 'ノ' && StartsWithNumber(span, i + 1))
                {
                    i++;
                    continue;
                }

                break;
            }
        }

        return numbers == 0 ? rest : builder.Append(span[i..]).ToString();
    }

    /// <summary>Whether <paramref name="c"/> is an ASCII digit (the canonical form writes every number with them).</summary>
    public static bool IsDigit(char c) => char.IsAsciiDigit(c);

    private enum Marker
    {
        None,
        Chome,
        Banchi,
        Ban,
        Go,
        Hyphen,
        No,
    }

    private static (Marker Marker, int End) ReadMarker(ReadOnlySpan<char> span, int i)
    {
        if (i >= span.Length)
        {
            return (Marker.None, i);
        }

        var rest = span[i..];
        if (rest.StartsWith("丁目"))
        {
            return (Marker.Chome, i + 2);
        }

        if (rest.StartsWith("番地"))
        {
            return (Marker.Banchi, i + 2);
        }

        if (rest[0] == '番' && !(rest.Length > 1 && rest[1] == '町'))
        {
            // 五番町 is a town's name, not 5番.
            return (Marker.Ban, i + 1);
        }

        if (rest[0] == '号' && !(rest.Length > 1 && rest[1] is '室' or '棟' or '館' or '地'))
        {
            // 101号室 and 3号棟 belong to the building.
            return (Marker.Go, i + 1);
        }

        return rest[0] switch
        {
            '-' => (Marker.Hyphen, i + 1),
            'の' or 'ノ' => (Marker.No, i + 1),
            _ => (Marker.None, i),
        };
    }

    private static bool TryReadNumber(ReadOnlySpan<char> span, int start, out string number, out int end, out bool isKanji)
    {
        end = start;
        isKanji = false;
        number = string.Empty;
        while (end < span.Length && char.IsAsciiDigit(span[end]))
        {
            end++;
        }

        if (end > start)
        {
            var digits = span[start..end].TrimStart('0');
            number = digits.IsEmpty ? "0" : digits.ToString();
            return true;
        }

        while (end < span.Length && (KanjiDigit(span[end]) >= 0 || KanjiMultiplier(span[end]) > 0))
        {
            end++;
        }

        if (end == start)
        {
            return false;
        }

        isKanji = true;
        number = KanjiNumber(span[start..end]);
        return true;
    }

    private static bool StartsWithNumber(ReadOnlySpan<char> span, int i) => i < span.Length && IsNumberStart(span[i]);

    private static bool IsNumberStart(char c) => char.IsAsciiDigit(c) || KanjiDigit(c) >= 0 || KanjiMultiplier(c) > 0;

    private enum RunKind
    {
        None,
        Digits,
        Kanji,
    }

    private static void AppendSeparatorAfter(StringBuilder builder, List<int>? ends, ref RunKind previous, RunKind next, int position)
    {
        if (previous != RunKind.None && previous != next)
        {
            builder.Append(NumberSeparator);
            ends?.Add(position);
        }

        previous = next;
    }

    private static void AppendRun(StringBuilder builder, List<int>? ends, ReadOnlySpan<char> run, int end)
    {
        builder.Append(run);
        if (ends is not null)
        {
            for (var k = 0; k < run.Length; k++)
            {
                ends.Add(end);
            }
        }
    }

    private static char Fold(char c)
    {
        if (char.IsAsciiLetterLower(c))
        {
            return (char)(c - ('a' - 'A'));
        }

        return c switch
        {
            'ヶ' or 'ケ' or 'が' or 'ガ' or '个' or 'ヵ' or 'ゖ' => Ke,
            'の' or '之' => 'ノ',
            _ => OldCharacters.ToNew(c),
        };
    }

    /// <summary>0–9 for 〇 and 一 … 九, otherwise -1.</summary>
    internal static int KanjiDigit(char c) => c switch
    {
        '〇' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    private static int KanjiMultiplier(char c) => c switch
    {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => 0,
    };

    private static bool IsDash(char c) => c is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212'
        or '\u2043' or '\uFE58' or '\uFE63' or '\uFF0D' or '\u2500' or '\u2501';

    private static bool IsLongVowelMark(char c) => c is '\u30FC' or '\uFF70';

    private static bool IsDashAfter(char previous, char next) =>
        char.IsAsciiDigit(previous) || (KanjiDigit(previous) >= 0 && (char.IsAsciiDigit(next) || KanjiDigit(next) >= 0));

    private static char NextVisible(string text, int i)
    {
        i = SkipSpaces(text, i);
        return i < text.Length ? text[i] : '\0';
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && (char.IsWhiteSpace(text[i]) || char.IsControl(text[i]) || text[i] is '\u200B' or '\uFEFF'))
        {
            i++;
        }

        return i;
    }

    private static string Sanitize(string text)
    {
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else
                {
                    clean = false;
                }
            }
            else if (char.IsLowSurrogate(c) || char.IsControl(c))
            {
                clean = false;
            }
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else if (!char.IsControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
