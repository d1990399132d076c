using System.Text;

namespace LineGov.Eligibility.Tests.Names;

public sealed class NormalizeTests
{
    public static TheoryData<string, string> Rules => new()
    {
        // Spaces of every kind, the 氏/名 separator included.
        { "山田　太郎", "山田太郎" },
        { "山田 太郎", "山田太郎" },
        { "山田\t太郎\r\n", "山田太郎" },
        { "山田\u00A0太郎", "山田太郎" },
        { "山田\u2002\u2009\u202F太郎", "山田太郎" },
        { "\uFEFF山田\u200B太郎", "山田太郎" },
        // Full-width ASCII → ASCII.
        { "ＳＭＩＴＨ　ＪＯＨＮ", "SMITHJOHN" },
        { "ｓｍｉｔｈ－１２３", "smith-123" },
        // Half-width katakana → full width, sound marks composed.
        { "ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダタロウ" },
        { "ﾊﾟｸ ｼﾞｭﾝ", "パクジュン" },
        { "ｳﾞｨｸﾄﾙ", "ヴィクトル" },
        { "ｯｬｰ", "ッャー" },
        // A sound mark with nothing to compose with stays the combining mark (as NFKC would).
        { "ｱﾞ", "ア\u3099" },
        // NFC: combining sequences composed.
        { "カ\u3099ク", "ガク" },
        { "Jose\u0301", "José" },
        { "김 민준", "김민준" },
        { "\u1100\u1175\u11B7", "김" }, // conjoining jamo composed
        // Ideographic variation selectors removed: the register may keep IVS for 異体字.
        { "辻\U000E0100本", "辻本" },
        { "葛\U000E0101西", "葛西" },
        { "邉\U000E0108田", "邉田" },
        { "渡\uFE00辺", "渡辺" },
        // Surrogate pairs pass through whole.
        { "𠮷田　花子", "𠮷田花子" },
        { "𩸽 𠮷", "𩸽𠮷" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Normalize_applies_the_rule(string input, string expected) =>
        JapaneseNames.Normalize(input).ShouldBe(expected);

    [Fact]
    public void Compatibility_ideographs_with_a_canonical_decomposition_become_the_unified_ideograph()
    {
        // 神 U+FA19 ≡ 神 U+795E, 福 U+FA1B ≡ 福 U+798F, 侮 U+FA30 ≡ 侮 U+4FAE: canonically the same character.
        JapaneseNames.Normalize("\uFA19田").ShouldBe("\u795E田");
        JapaneseNames.Normalize("\uFA1B島").ShouldBe("\u798F島");
        JapaneseNames.Normalize("\uFA30").ShouldBe("\u4FAE");
        JapaneseNames.Normalize("\U0002F800").ShouldBe("\u4E3D");
    }

    [Fact]
    public void Unified_ideographs_in_the_compatibility_block_survive_normalization()
    {
        // 﨑 U+FA11 has no decomposition (not even NFKC changes it): it stays for Fold to handle.
        JapaneseNames.Normalize("山\uFA11").ShouldBe("山\uFA11");
        JapaneseNames.Normalize("\uFA0E\uFA0F\uFA11\uFA13\uFA14\uFA1F\uFA21\uFA23\uFA24\uFA27\uFA28\uFA29")
            .ShouldBe("\uFA0E\uFA0F\uFA11\uFA13\uFA14\uFA1F\uFA21\uFA23\uFA24\uFA27\uFA28\uFA29");
    }

    [Fact]
    public void Every_Unicode_white_space_character_is_removed()
    {
        for (var value = 0; value <= 0xFFFF; value++)
        {
            if (value is >= 0xD800 and <= 0xDFFF || !Rune.IsWhiteSpace(new Rune(value)))
            {
                continue;
            }

            JapaneseNames.Normalize($"山{(char)value}田").ShouldBe("山田", $"U+{value:X4}");
        }
    }

    [Fact]
    public void Characters_taken_past_NFC_as_they_are_really_are_unchanged_by_NFC()
    {
        // The fast path skips the framework's NFC for these; that is only right if NFC would leave them alone.
        for (var value = 0; value <= 0x3FFFF; value++)
        {
            if (value is >= 0xD800 and <= 0xDFFF || !NameText.IsNfcQuickSafe(value))
            {
                continue;
            }

            var text = char.ConvertFromUtf32(value);
            text.IsNormalized(NormalizationForm.FormC).ShouldBeTrue($"U+{value:X4}");
        }
    }

    [Fact]
    public void Full_width_katakana_is_not_made_half_width_and_kanji_numerals_are_kept()
    {
        JapaneseNames.Normalize("タロウ").ShouldBe("タロウ");
        JapaneseNames.Normalize("一郎").ShouldBe("一郎");
    }

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character_instead_of_throwing()
    {
        JapaneseNames.Normalize("山\uD842田").ShouldBe("山\uFFFD田");
        JapaneseNames.Normalize("\uDFB7").ShouldBe("\uFFFD");
    }

    [Fact]
    public void A_name_already_normalized_is_returned_as_the_same_instance()
    {
        var name = "𠮷田花子";
        JapaneseNames.Normalize(name).ShouldBeSameAs(name);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Normalize_is_idempotent(string input, string expected)
    {
        _ = expected;
        var once = JapaneseNames.Normalize(input);
        JapaneseNames.Normalize(once).ShouldBe(once);
    }

    [Fact]
    public void Long_names_beyond_the_stack_buffers_are_normalized_too()
    {
        var longName = string.Concat(Enumerable.Repeat("ﾀﾞ　𠮷", 200));
        JapaneseNames.Normalize(longName).ShouldBe(string.Concat(Enumerable.Repeat("ダ𠮷", 200)));
    }

    [Fact]
    public void Null_is_an_argument_error()
    {
        Should.Throw<ArgumentNullException>(() => JapaneseNames.Normalize(null!));
        Should.Throw<ArgumentNullException>(() => JapaneseNames.Fold(null!));
        Should.Throw<ArgumentNullException>(() => JapaneseNames.NormalizeKana(null!));
    }
}
