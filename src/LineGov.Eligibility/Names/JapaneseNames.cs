using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>
/// Japanese personal names (氏名, 氏名カナ): normalization, kanji-variant folding, and matching a JPKI name (with its
/// alternate-character flags) against the name in the residents register.
/// </summary>
/// <remarks>
/// Everything counts Unicode scalar values, as JPKI's flags do: 𠮷 (U+20BB7, a surrogate pair) is one character and one
/// position. Input is never rejected: a lone surrogate becomes U+FFFD, which <see cref="Match"/> never accepts as equal.
/// </remarks>
public static class JapaneseNames
{
    /// <summary>Names up to this many UTF-16 units are matched in stack buffers.</summary>
    private const int StackChars = 32;

    /// <summary>
    /// The name as compared: NFC, full-width alphanumerics and half-width katakana made uniform, every kind of space
    /// removed (the family / given split is not compared).
    /// </summary>
    /// <remarks>
    /// Full-width ASCII (U+FF01–U+FF5E) becomes ASCII; half-width katakana becomes full-width, its sound marks composed
    /// (ｶﾞ → ガ); every space (U+0020, U+3000 between 氏 and 名, tabs, NBSP, zero-width spaces, a BOM) and every variation
    /// selector (IVS U+E0100–U+E01EF, U+FE00–U+FE0F) is removed. NFC, not NFKC: compatibility ideographs with a canonical
    /// decomposition (神 U+FA19 → 神 U+795E) become their unified ideograph, because Unicode declares them the same
    /// character and any NFC step on the way would do so anyway; the twelve unified ideographs of that block (﨑 U+FA11 …)
    /// have no decomposition and stay, for <see cref="Fold"/>. Returns the same instance when nothing changes.
    /// </remarks>
    /// <example><c>Normalize("髙橋　ｼﾞﾛｳ")</c> is <c>"髙橋ジロウ"</c>.</example>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return NameText.Normalize(name, NameText.Then.Nothing);
    }

    /// <summary>
    /// <see cref="Normalize"/> then every kanji variant folded to one representative (髙 → 高, 﨑 → 崎, 邊 → 辺 …): two names
    /// that fold to the same string are the same name written with different variants. The key of name lookups.
    /// </summary>
    /// <remarks>
    /// The table (about 400 variants, docs/data/kanji-variants.md) maps every member of a group straight to the group's
    /// representative, so <c>Fold(Fold(x)) == Fold(x)</c> and folding never depends on the order of characters.
    /// </remarks>
    public static string Fold(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return NameText.Normalize(name, NameText.Then.FoldVariants);
    }

    /// <summary>A reading (フリガナ) as compared: full-width katakana, hiragana made katakana, spaces removed.</summary>
    /// <remarks>
    /// <see cref="Normalize"/>, then ぁ…ゖ → ァ…ヶ and ゝゞ → ヽヾ. Small kana stay small (ッ is not ツ), ヴ stays ヴ (ゔ → ヴ),
    /// and ゐゑ become ヰヱ rather than イエ: this is normalization of how a reading is written, not a judgement that two
    /// readings sound alike.
    /// </remarks>
    /// <example><c>NormalizeKana("やまだ　ﾀﾛｳ")</c> is <c>"ヤマダタロウ"</c>.</example>
    public static string NormalizeKana(string kana)
    {
        ArgumentNullException.ThrowIfNull(kana);
        return NameText.Normalize(kana, NameText.Then.Katakana);
    }

    /// <summary>
    /// Compares a JPKI name with a registered name: exact, variant-folded, or matching except at the positions JPKI
    /// flagged as alternate characters — never a silent match.
    /// </summary>
    /// <remarks>
    /// Both names are <see cref="Normalize">normalized</see> and must have the same number of characters. Position by
    /// position: equal characters agree; a position JPKI flagged (代替文字) agrees with any one character and is reported in
    /// <see cref="NameMatch.AlternateCharacterPositions"/> — even when the characters happen to be equal, because the
    /// certificate says its character there is a stand-in; characters that fold to the same representative agree and are
    /// reported in <see cref="NameMatch.FoldedPositions"/>; anything else is no match. Positions index the normalized
    /// verified name (so the U+3000 between 氏 and 名 is not counted). Two names that normalize to nothing do not match.
    /// Does not allocate unless the result carries positions.
    /// </remarks>
    /// <param name="verified">The name from the signature certificate, with its alternate-character flags.</param>
    /// <param name="registered">The name in the residents register.</param>
    public static NameMatch Match(JpkiName verified, string registered)
    {
        ArgumentNullException.ThrowIfNull(verified);
        ArgumentNullException.ThrowIfNull(registered);
        var verifiedText = verified.FullName.AsSpan();
        var registeredText = registered.AsSpan();
        var verifiedCapacity = verifiedText.Length * NameText.MaxScalarsPerChar;
        var registeredCapacity = registeredText.Length * NameText.MaxScalarsPerChar;
        const int StackScalars = StackChars * NameText.MaxScalarsPerChar;
        // Sized to the names (stack memory is zeroed, so a fixed large buffer would cost more than the match).
        Span<int> left = verifiedCapacity <= StackScalars ? stackalloc int[verifiedCapacity] : new int[verifiedCapacity];
        Span<bool> leftFlags = verifiedCapacity <= StackScalars ? stackalloc bool[verifiedCapacity] : new bool[verifiedCapacity];
        Span<int> right = registeredCapacity <= StackScalars ? stackalloc int[registeredCapacity] : new int[registeredCapacity];

        var (length, _) = NameText.Normalize(verifiedText, NameText.Then.Nothing, left, verified.AlternateCharacterFlags, leftFlags);
        var (registeredLength, _) = NameText.Normalize(registeredText, NameText.Then.Nothing, right);
        if (length != registeredLength || length == 0)
        {
            return NameMatch.None;
        }

        var folded = 0;
        var alternate = 0;
        for (var i = 0; i < length; i++)
        {
            switch (Compare(left[i], leftFlags[i], right[i]))
            {
                case Agreement.Different:
                    return NameMatch.None;
                case Agreement.Folded:
                    folded++;
                    break;
                case Agreement.Alternate:
                    alternate++;
                    break;
            }
        }

        if (folded == 0 && alternate == 0)
        {
            return NameMatch.Exact;
        }

        var foldedPositions = new int[folded];
        var alternatePositions = new int[alternate];
        folded = 0;
        alternate = 0;
        for (var i = 0; i < length; i++)
        {
            switch (Compare(left[i], leftFlags[i], right[i]))
            {
                case Agreement.Folded:
                    foldedPositions[folded++] = i;
                    break;
                case Agreement.Alternate:
                    alternatePositions[alternate++] = i;
                    break;
            }
        }

        var quality = alternate > 0 ? NameMatchQuality.AlternateCharacter : NameMatchQuality.VariantFolded;
        return new NameMatch(quality, foldedPositions, alternatePositions);
    }

    private static Agreement Compare(int verified, bool flagged, int registered)
    {
        if (flagged)
        {
            return Agreement.Alternate;
        }

        if (verified == NameText.Replacement || registered == NameText.Replacement)
        {
            return Agreement.Different;
        }

        if (verified == registered)
        {
            return Agreement.Same;
        }

        return KanjiVariants.Fold(verified) == KanjiVariants.Fold(registered) ? Agreement.Folded : Agreement.Different;
    }

    private enum Agreement
    {
        Same,
        Folded,
        Alternate,
        Different,
    }
}
