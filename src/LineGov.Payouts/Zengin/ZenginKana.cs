using System.Text;

namespace LineGov.Payouts.Zengin;

/// <summary>
/// Converts names to the characters a Zengin record may contain: digits, <c>A</c>–<c>Z</c>, half-width katakana
/// (<c>ｦ</c>, <c>ｱ</c>–<c>ﾝ</c>, <c>ﾞ</c>, <c>ﾟ</c>), space and the symbols <c>( ) - . / ¥ ,</c>.
/// </summary>
/// <remarks>
/// Full-width and half-width katakana and hiragana become half-width katakana, with 濁点 and 半濁点 as separate
/// characters (ガ → ｶﾞ, パ → ﾊﾟ, ヴ → ｳﾞ); small kana become full size (ャ → ﾔ, ッ → ﾂ, ァ → ｱ), as banks register
/// names; the long-vowel mark and dashes become <c>-</c>; ・ becomes <c>.</c>; full-width ASCII becomes ASCII and
/// letters are upper-cased. Anything else (kanji, 「」, @…) is an error that names the field and the position, never
/// the value.
/// <code>
/// ZenginKana.ToZengin("ヤマダ　タロウ", "AccountName");   // "ﾔﾏﾀﾞ ﾀﾛｳ"
/// ZenginKana.ToZengin("ｷｯﾌﾟ・ﾁｬｰﾙｽﾞ", "AccountName");   // "ｷﾂﾌﾟ.ﾁﾔ-ﾙｽﾞ"
/// </code>
/// </remarks>
public static class ZenginKana
{
    // U+30A1 ァ … U+30FA ヺ, one entry per code point.
    private static readonly string[] KatakanaToHalfWidth =
        ("ｱ ｱ ｲ ｲ ｳ ｳ ｴ ｴ ｵ ｵ ｶ ｶﾞ ｷ ｷﾞ ｸ ｸﾞ ｹ ｹﾞ ｺ ｺﾞ ｻ ｻﾞ ｼ ｼﾞ ｽ ｽﾞ ｾ ｾﾞ ｿ ｿﾞ ﾀ ﾀﾞ ﾁ ﾁﾞ ﾂ ﾂ ﾂﾞ ﾃ ﾃﾞ ﾄ ﾄﾞ "
        + "ﾅ ﾆ ﾇ ﾈ ﾉ ﾊ ﾊﾞ ﾊﾟ ﾋ ﾋﾞ ﾋﾟ ﾌ ﾌﾞ ﾌﾟ ﾍ ﾍﾞ ﾍﾟ ﾎ ﾎﾞ ﾎﾟ ﾏ ﾐ ﾑ ﾒ ﾓ ﾔ ﾔ ﾕ ﾕ ﾖ ﾖ ﾗ ﾘ ﾙ ﾚ ﾛ ﾜ ﾜ ｲ ｴ ｦ ﾝ ｳﾞ ｶ ｹ "
        + "ﾜﾞ ｲﾞ ｴﾞ ｦﾞ").Split(' ');

    /// <summary>
    /// Converts <paramref name="value"/> to Zengin characters, or throws.
    /// </summary>
    /// <param name="value">A name in any kana or width.</param>
    /// <param name="field">The field name for the error message (such as <c>AccountName</c>).</param>
    /// <returns>The converted text, not truncated.</returns>
    /// <exception cref="ZenginFormatException">A character has no Zengin form; the message names the field and position.</exception>
    public static string ToZengin(string value, string field)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(field);
        return TryToZengin(value, out var result, out var position)
            ? result
            : throw new ZenginFormatException(field, $"the character at position {position + 1} cannot be written in a Zengin record");
    }

    /// <summary>Converts <paramref name="value"/> to Zengin characters.</summary>
    /// <param name="value">A name in any kana or width.</param>
    /// <param name="result">The converted text, or <see langword="null"/> when a character has no Zengin form.</param>
    /// <returns>Whether every character could be converted.</returns>
    public static bool TryToZengin(string value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? result)
        => TryToZengin(value, out result, out _);

    /// <summary>Whether <paramref name="c"/> may appear in a Zengin record as it is.</summary>
    /// <param name="c">A character.</param>
    /// <returns><see langword="true"/> for digits, A–Z, half-width katakana, space and <c>( ) - . / ¥ ,</c>.</returns>
    public static bool IsAllowed(char c) =>
        c is (>= '0' and <= '9') or (>= 'A' and <= 'Z') or ' ' or '(' or ')' or '-' or '.' or '/' or '¥' or ','
            or '\uFF66' or (>= '\uFF71' and <= '\uFF9F');

    private static bool TryToZengin(string value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? result, out int position)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 4);
        for (position = 0; position < value.Length; position++)
        {
            var c = value[position];
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0); // full-width ASCII
            }

            if (c is >= 'a' and <= 'z')
            {
                c = (char)(c - 32);
            }
            else if (c is >= '\u3041' and <= '\u3096')
            {
                c = (char)(c + 0x60); // hiragana → katakana
            }

            switch (c)
            {
                case '\u3000':
                    sb.Append(' ');
                    continue;
                case '\\' or '\uFFE5':
                    sb.Append('¥');
                    continue;
                case '\u30FC' or '\uFF70' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212':
                    sb.Append('-');
                    continue;
                case '\u30FB' or '\uFF65':
                    sb.Append('.');
                    continue;
                case '\u3099' or '\u309B':
                    sb.Append('\uFF9E');
                    continue;
                case '\u309A' or '\u309C':
                    sb.Append('\uFF9F');
                    continue;
                case >= '\uFF67' and <= '\uFF6B':
                    sb.Append((char)('\uFF71' + (c - '\uFF67'))); // ｧ-ｫ → ｱ-ｵ
                    continue;
                case >= '\uFF6C' and <= '\uFF6E':
                    sb.Append((char)('\uFF94' + (c - '\uFF6C'))); // ｬｭｮ → ﾔﾕﾖ
                    continue;
                case '\uFF6F':
                    sb.Append('\uFF82'); // ｯ → ﾂ
                    continue;
                case >= '\u30A1' and <= '\u30FA':
                    sb.Append(KatakanaToHalfWidth[c - '\u30A1']);
                    continue;
                default:
                    break;
            }

            if (!IsAllowed(c))
            {
                result = null;
                return false;
            }

            sb.Append(c);
        }

        result = sb.ToString();
        return true;
    }
}
