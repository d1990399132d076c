namespace LineGov.Eligibility;

/// <summary>How a verified name matched a registered one. Ordered from the strongest evidence to the weakest.</summary>
public enum NameMatchQuality
{
    /// <summary>The names differ.</summary>
    None = 0,

    /// <summary>The same characters after normalization (width, spaces, NFC).</summary>
    Exact = 1,

    /// <summary>The same after folding kanji variants (髙/高, 﨑/崎, 邊/辺 …): a match, but not character for character.</summary>
    VariantFolded = 2,

    /// <summary>
    /// The same except at positions JPKI flagged as alternate characters (代替文字), which match any character: a match
    /// on weaker evidence, for staff to confirm where the program asks for it.
    /// </summary>
    AlternateCharacter = 3,
}
