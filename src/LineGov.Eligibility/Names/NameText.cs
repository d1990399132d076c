using System.Buffers;
using System.Globalization;
using System.Text;

namespace LineGov.Eligibility;

/// <summary>
/// The scalar-level normalization behind <see cref="JapaneseNames"/>. Works on Unicode scalar values (a surrogate pair
/// such as 𠮷 is one value) so that positions mean the same thing as JPKI's alternate-character positions, and writes into
/// caller-provided buffers so that <see cref="JapaneseNames.Match"/> can run in the register's hot loop without allocating.
/// </summary>
internal static class NameText
{
    /// <summary>
    /// NFC can turn one UTF-16 unit into at most three scalars (Unicode's bound for NFC expansion), and a surrogate pair
    /// (two units) is one scalar: three scalars per unit is always enough.
    /// </summary>
    internal const int MaxScalarsPerChar = 3;

    /// <summary>What to do to each scalar once it is normalized.</summary>
    internal enum Then
    {
        /// <summary>Nothing more.</summary>
        Nothing,

        /// <summary>Fold kanji variants.</summary>
        FoldVariants,

        /// <summary>Make hiragana katakana.</summary>
        Katakana,
    }

    /// <summary>U+FFFD: what a lone surrogate becomes; it never equals anything in a match.</summary>
    internal const int Replacement = 0xFFFD;

    // ｡ … ﾟ (U+FF61–U+FF9F) → full width. The sound marks become the combining U+3099 / U+309A so that NFC composes
    // them with the kana before them (ｶﾞ → ガ), exactly as NFKC would; a mark with nothing to compose with stays a mark.
    private static readonly int[] HalfwidthKatakana =
    [
        0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, // ｡｢｣､･ｦ
        0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3, // ｧｨｩｪｫｬｭｮｯ
        0x30FC, // ｰ
        0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, // ｱｲｳｴｵ
        0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, // ｶｷｸｹｺ
        0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, // ｻｼｽｾｿ
        0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, // ﾀﾁﾂﾃﾄ
        0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, // ﾅﾆﾇﾈﾉ
        0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, // ﾊﾋﾌﾍﾎ
        0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, // ﾏﾐﾑﾒﾓ
        0x30E4, 0x30E6, 0x30E8, // ﾔﾕﾖ
        0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, // ﾗﾘﾙﾚﾛ
        0x30EF, 0x30F3, // ﾜﾝ
        0x3099, 0x309A, // ﾞﾟ
    ];

    /// <summary>
    /// Normalizes <paramref name="text"/> into <paramref name="output"/> (at least <see cref="MaxScalarsPerChar"/> ×
    /// its length): width made uniform, spaces and variation selectors removed, NFC, then <paramref name="then"/>.
    /// When <paramref name="outputFlags"/> is not empty, <paramref name="sourceFlags"/> (one <c>0</c>/<c>1</c> per scalar
    /// of <paramref name="text"/>, as JPKI gives them) is carried through: an output scalar is flagged when any input
    /// scalar it came from was; a flagged input that is removed (a space) leaves no trace.
    /// </summary>
    /// <returns>The number of scalars written, and whether the result differs from the input.</returns>
    internal static (int Count, bool Changed) Normalize(
        ReadOnlySpan<char> text, Then then, Span<int> output, ReadOnlySpan<char> sourceFlags = default, Span<bool> outputFlags = default)
    {
        var track = !outputFlags.IsEmpty;
        var count = 0;
        var changed = false;
        var needsNfc = false;
        var sourceIndex = 0;
        for (var i = 0; i < text.Length; sourceIndex++)
        {
            // A lone surrogate decodes as U+FFFD (one unit), as string.EnumerateRunes and JPKI's flag count see it.
            if (Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed) != OperationStatus.Done)
            {
                changed = true;
            }

            i += consumed;
            var value = rune.Value;
            if (IsRemoved(value))
            {
                changed = true;
                continue;
            }

            if (value is >= 0xFF01 and <= 0xFF5E)
            {
                value -= 0xFEE0;
                changed = true;
            }
            else if (value is >= 0xFF61 and <= 0xFF9F)
            {
                value = HalfwidthKatakana[value - 0xFF61];
                changed = true;
            }

            output[count] = value;
            if (track)
            {
                outputFlags[count] = sourceIndex < sourceFlags.Length && sourceFlags[sourceIndex] == '1';
            }

            count++;
            needsNfc |= !IsNfcQuickSafe(value);
        }

        if (needsNfc)
        {
            var before = count;
            count = ComposeNfc(output, count, outputFlags, track, out var nfcChanged);
            changed |= nfcChanged || count != before;
        }

        if (then != Then.Nothing)
        {
            for (var i = 0; i < count; i++)
            {
                var mapped = then == Then.FoldVariants ? KanjiVariants.Fold(output[i]) : ToKatakana(output[i]);
                changed |= mapped != output[i];
                output[i] = mapped;
            }
        }

        return (count, changed);
    }

    /// <summary>Normalizes a whole string; returns the same instance when nothing changes.</summary>
    internal static string Normalize(string text, Then then)
    {
        var capacity = checked(text.Length * MaxScalarsPerChar);
        Span<int> buffer = capacity <= 256 ? stackalloc int[capacity] : new int[capacity];
        var (count, changed) = Normalize(text, then, buffer);
        return changed ? ToString(buffer[..count]) : text;
    }

    /// <summary>
    /// <c>string.GetHashCode</c> of <c>Normalize(text, then)</c>'s UTF-16 text, computed without creating that string: the
    /// register hashes every applicant's folded name, and on millions of lookups the allocation shows.
    /// </summary>
    internal static int NormalizedHashCode(string text, Then then)
    {
        var capacity = checked(text.Length * MaxScalarsPerChar);
        Span<int> buffer = capacity <= 256 ? stackalloc int[capacity] : new int[capacity];
        var (count, changed) = Normalize(text, then, buffer);
        if (!changed)
        {
            return string.GetHashCode(text.AsSpan());
        }

        Span<char> chars = count <= 256 ? stackalloc char[count * 2] : new char[count * 2];
        var written = 0;
        foreach (var value in buffer[..count])
        {
            written += new Rune(value).EncodeToUtf16(chars[written..]);
        }

        return string.GetHashCode(chars[..written]);
    }

    internal static string ToString(ReadOnlySpan<int> scalars)
    {
        var length = 0;
        foreach (var scalar in scalars)
        {
            length += scalar > 0xFFFF ? 2 : 1;
        }

        Span<char> chars = length <= 512 ? stackalloc char[length] : new char[length];
        var written = 0;
        foreach (var value in scalars)
        {
            written += new Rune(value).EncodeToUtf16(chars[written..]);
        }

        return new string(chars);
    }

    /// <summary>
    /// Every kind of space (Unicode White_Space: tabs and line breaks, U+0020, NBSP, U+1680, U+2000–U+200A, U+2028/9,
    /// U+202F, U+205F, U+3000), the zero-width ones (U+180E, U+200B–U+200D, U+2060, U+FEFF) and variation selectors (the
    /// register may keep IVS for 異体字). Spelled out rather than Rune.IsWhiteSpace: this runs once per character of every
    /// name the register compares, and kanji and kana leave at the first test.
    /// </summary>
    private static bool IsRemoved(int value) => value switch
    {
        >= 0x3001 and < 0xFE00 => false,
        <= 0x20 => value is 0x20 or (>= 0x09 and <= 0x0D),
        < 0x80 => false,
        0x85 or 0xA0 or 0x1680 or 0x180E => true,
        >= 0x2000 and <= 0x200D => true,
        0x2028 or 0x2029 or 0x202F or 0x205F or 0x2060 or 0x3000 or 0xFEFF => true,
        >= 0xFE00 and <= 0xFE0F => true,
        >= 0xE0100 and <= 0xE01EF => true,
        _ => false,
    };

    /// <summary>
    /// Scalars that NFC leaves alone on their own (a mark after them is looked at separately): ASCII and Latin, kana
    /// without the combining sound marks, CJK symbols, unified ideographs (also the twelve unified ones such as 﨑 that
    /// live in the compatibility block), precomposed Hangul syllables. Anything else goes through the framework's NFC.
    /// </summary>
    internal static bool IsNfcQuickSafe(int value) =>
        value < 0x0300
        || value is >= 0x3001 and <= 0x3029 or >= 0x3030 and <= 0x3098 or >= 0x309B and <= 0x30FF
        || value is >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xAC00 and <= 0xD7A3
        || value is 0xFA0E or 0xFA0F or 0xFA11 or 0xFA13 or 0xFA14 or 0xFA1F or 0xFA21 or 0xFA23 or 0xFA24 or >= 0xFA27 and <= 0xFA29
        || value is >= 0x20000 and <= 0x2F7FF or >= 0x30000 and <= 0x3FFFF;

    /// <summary>
    /// NFC piece by piece: a piece is a scalar and the marks (or Hangul vowel/final jamo) after it, which is the most NFC
    /// ever composes or reorders. Pieces of one quick-safe scalar are kept; the rest go through string.Normalize. Keeping
    /// pieces apart is what lets a JPKI flag follow its character through composition.
    /// </summary>
    private static int ComposeNfc(Span<int> buffer, int count, Span<bool> flags, bool track, out bool changed)
    {
        changed = false;
        var input = buffer[..count].ToArray();
        var inputFlags = track ? flags[..count].ToArray() : [];
        var written = 0;
        var start = 0;
        var builder = new StringBuilder();
        while (start < input.Length)
        {
            var end = start + 1;
            while (end < input.Length && ContinuesPiece(input[end]))
            {
                end++;
            }

            if (end - start == 1 && IsNfcQuickSafe(input[start]))
            {
                buffer[written] = input[start];
                if (track)
                {
                    flags[written] = inputFlags[start];
                }

                written++;
                start = end;
                continue;
            }

            builder.Clear();
            var anyFlag = false;
            for (var i = start; i < end; i++)
            {
                builder.Append(new Rune(input[i]).ToString());
                anyFlag |= track && inputFlags[i];
            }

            var piece = builder.ToString();
            var composed = piece.Normalize(NormalizationForm.FormC);
            changed |= !string.Equals(piece, composed, StringComparison.Ordinal);
            var pieceStart = written;
            foreach (var rune in composed.EnumerateRunes())
            {
                buffer[written++] = rune.Value;
            }

            if (track)
            {
                // Same length: one to one (a reordering of marks is immaterial). Otherwise every scalar the piece became
                // carries the flag of any scalar that went into it.
                var sameLength = written - pieceStart == end - start;
                for (var i = pieceStart; i < written; i++)
                {
                    flags[i] = sameLength ? inputFlags[start + (i - pieceStart)] : anyFlag;
                }
            }

            start = end;
        }

        return written;
    }

    private static bool ContinuesPiece(int value)
    {
        if (value is >= 0x1160 and <= 0x11FF or >= 0xD7B0 and <= 0xD7FF)
        {
            return true;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(value);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
    }

    /// <summary>ぁ…ゖ → ァ…ヶ (ゐゑ → ヰヱ, ゔ → ヴ, small kana stay small), ゝゞ → ヽヾ.</summary>
    private static int ToKatakana(int value) => value switch
    {
        >= 0x3041 and <= 0x3096 => value + 0x60,
        0x309D or 0x309E => value + 0x60,
        _ => value,
    };
}
