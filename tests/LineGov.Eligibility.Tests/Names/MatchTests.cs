using LineGov.Jpki;

namespace LineGov.Eligibility.Tests.Names;

public sealed class MatchTests
{
    /// <summary>Fictitious people: the name in the certificate, the name in the register, the expected quality, the folded positions.</summary>
    public static TheoryData<string, string, NameMatchQuality, int[]> NamePairs => new()
    {
        { "山田　太郎", "山田太郎", NameMatchQuality.Exact, [] },
        { "山田　太郎", "山田 太郎", NameMatchQuality.Exact, [] },
        { "山田　太郎", "山田　太郎", NameMatchQuality.Exact, [] },
        { "ＳＭＩＴＨ　ＪＯＨＮ", "SMITH JOHN", NameMatchQuality.Exact, [] },
        { "グエン　ヴァン　アン", "ｸﾞｴﾝ ｳﾞｧﾝ ｱﾝ", NameMatchQuality.Exact, [] },
        { "神田　一子", "\uFA19田一子", NameMatchQuality.Exact, [] }, // canonically equal (NFC)
        { "辻　春美", "辻\U000E0100春美", NameMatchQuality.Exact, [] }, // IVS in the register
        { "高橋　一郎", "髙橋一郎", NameMatchQuality.VariantFolded, [0] },
        { "山崎　花子", "山﨑花子", NameMatchQuality.VariantFolded, [1] },
        { "山崎　花子", "山嵜花子", NameMatchQuality.VariantFolded, [1] },
        { "渡辺　美咲", "渡邊美咲", NameMatchQuality.VariantFolded, [1] },
        { "渡邉　美咲", "渡邊美咲", NameMatchQuality.VariantFolded, [1] },
        { "斎藤　健", "齋藤健", NameMatchQuality.VariantFolded, [0] },
        { "斉藤　健", "齊藤健", NameMatchQuality.VariantFolded, [0] },
        { "斉藤　健", "斎藤健", NameMatchQuality.None, [] }, // 斉 and 斎 are different characters, not variants
        { "吉田　龍之介", "𠮷田竜之介", NameMatchQuality.VariantFolded, [0, 2] },
        { "廣瀬　桜子", "広瀨櫻子", NameMatchQuality.VariantFolded, [0, 1, 2] },
        { "濱田　恵", "浜田惠", NameMatchQuality.VariantFolded, [0, 2] },
        { "島　真一", "嶋眞一", NameMatchQuality.VariantFolded, [0, 1] },
        { "國井　實", "国井実", NameMatchQuality.VariantFolded, [0, 2] },
        { "沢口　萬里", "澤口万里", NameMatchQuality.VariantFolded, [0, 2] },
        { "冨田　壽子", "富田寿子", NameMatchQuality.VariantFolded, [0, 2] },
        { "山田　太郎", "山田次郎", NameMatchQuality.None, [] },
        { "山田　太郎", "山田太", NameMatchQuality.None, [] },
        { "山田　太郎", "山田太郎太", NameMatchQuality.None, [] },
        { "山崎　花子", "山埼花子", NameMatchQuality.None, [] },
        { "島田　花子", "鳥田花子", NameMatchQuality.None, [] },
        { "田中　太郎", "中田太郎", NameMatchQuality.None, [] },
        { "ヤマダ　タロウ", "やまだたろう", NameMatchQuality.None, [] }, // a name is not its reading
    };

    [Theory]
    [MemberData(nameof(NamePairs))]
    public void Names_without_alternate_characters_match_as_expected(string verified, string registered, NameMatchQuality quality, int[] folded)
    {
        var match = JapaneseNames.Match(new JpkiName(verified), registered);
        match.Quality.ShouldBe(quality);
        match.IsMatch.ShouldBe(quality != NameMatchQuality.None);
        match.FoldedPositions.ShouldBe(folded);
        match.AlternateCharacterPositions.ShouldBeEmpty();
    }

    [Fact]
    public void A_flagged_position_matches_a_character_outside_the_table_and_says_where()
    {
        // 𩸽 (U+29E3D) is outside JIS level 1/2 + 補助漢字: J-LIS writes a stand-in and flags it; the register holds 𩸽.
        var verified = new JpkiName("魚田　花子", "10000");
        var match = JapaneseNames.Match(verified, "𩸽田花子");
        match.Quality.ShouldBe(NameMatchQuality.AlternateCharacter);
        match.IsMatch.ShouldBeTrue();
        match.AlternateCharacterPositions.ShouldBe([0]);
        match.FoldedPositions.ShouldBeEmpty();
    }

    [Fact]
    public void The_same_stand_in_without_its_flag_does_not_match()
    {
        JapaneseNames.Match(new JpkiName("魚田　花子"), "𩸽田花子").ShouldBeSameAs(NameMatch.None);
    }

    [Fact]
    public void Flag_positions_after_the_separator_are_mapped_into_the_normalized_name()
    {
        // FullName scalars: 佐0 藤1 　2 花3 子4; the flag on 花 (4th scalar) is position 2 once the separator is gone.
        var verified = new JpkiName("佐藤　花子", "00010");
        var match = JapaneseNames.Match(verified, "佐藤𦻙子");
        match.Quality.ShouldBe(NameMatchQuality.AlternateCharacter);
        match.AlternateCharacterPositions.ShouldBe([2]);
    }

    [Fact]
    public void Flag_positions_count_surrogate_pairs_as_one_character()
    {
        // 𠮷0 田1 　2 𩸽3 子4 (scalars), the flag on 子; normalized 𠮷田𩸽子, position 3 — not a UTF-16 index.
        var verified = new JpkiName("𠮷田　𩸽子", "00001");
        verified.IsAlternateCharacter(4).ShouldBeTrue();
        var match = JapaneseNames.Match(verified, "𠮷田𩸽孑");
        match.Quality.ShouldBe(NameMatchQuality.AlternateCharacter);
        match.AlternateCharacterPositions.ShouldBe([3]);
    }

    [Fact]
    public void A_flagged_position_stands_for_exactly_one_character_surrogate_pairs_included()
    {
        var verified = new JpkiName("魚田　花子", "10000");
        JapaneseNames.Match(verified, "𩸽𩸽田花子").IsMatch.ShouldBeFalse(); // one more character
        JapaneseNames.Match(verified, "田花子").IsMatch.ShouldBeFalse(); // one fewer
        JapaneseNames.Match(verified, "𩸽田花子").IsMatch.ShouldBeTrue(); // a surrogate pair is one character
    }

    [Fact]
    public void Alternate_characters_and_folded_variants_are_both_reported()
    {
        var verified = new JpkiName("高橋　魚子", "00010");
        var match = JapaneseNames.Match(verified, "髙橋𩸽子");
        match.Quality.ShouldBe(NameMatchQuality.AlternateCharacter);
        match.FoldedPositions.ShouldBe([0]);
        match.AlternateCharacterPositions.ShouldBe([2]);
    }

    [Fact]
    public void A_flagged_position_that_happens_to_be_equal_is_still_reported()
    {
        // The certificate says its character is a stand-in: equality there is not evidence, so it is never silent.
        var match = JapaneseNames.Match(new JpkiName("高田　一郎", "10000"), "高田一郎");
        match.Quality.ShouldBe(NameMatchQuality.AlternateCharacter);
        match.AlternateCharacterPositions.ShouldBe([0]);
    }

    [Fact]
    public void A_flagged_half_width_sound_mark_follows_its_kana_through_composition()
    {
        // ｶ0 ﾞ1 ﾝ2: the flag on ﾞ lands on ガ, position 0.
        var match = JapaneseNames.Match(new JpkiName("ｶﾞﾝ", "010"), "ダン");
        match.Quality.ShouldBe(NameMatchQuality.AlternateCharacter);
        match.AlternateCharacterPositions.ShouldBe([0]);
    }

    [Fact]
    public void A_registered_character_with_an_ideographic_variation_selector_counts_as_one_character()
    {
        var match = JapaneseNames.Match(new JpkiName("辻　花子", "1000"), "辻\U000E0101花子");
        match.Quality.ShouldBe(NameMatchQuality.AlternateCharacter);
        match.AlternateCharacterPositions.ShouldBe([0]);
        JapaneseNames.Match(new JpkiName("辻　花子"), "辻\U000E0101花子").ShouldBeSameAs(NameMatch.Exact);
    }

    [Fact]
    public void A_flag_on_the_separator_disappears_with_it()
    {
        JapaneseNames.Match(new JpkiName("山田　太郎", "00100"), "山田太郎").ShouldBeSameAs(NameMatch.Exact);
    }

    [Fact]
    public void Unflagged_positions_must_still_agree_when_other_positions_are_flagged()
    {
        var verified = new JpkiName("魚田　花子", "10000");
        JapaneseNames.Match(verified, "𩸽田花美").ShouldBeSameAs(NameMatch.None);
        JapaneseNames.Match(verified, "𩸽畑花子").ShouldBeSameAs(NameMatch.None);
    }

    [Fact]
    public void A_name_with_a_differing_unflagged_character_never_matches()
    {
        // Random fictitious names; one unflagged character is replaced by one that does not fold to it. Other positions
        // are flagged at random, folded at random, or left alone: the result must always be None.
        var pool = "山田川中村木林森本上下大小石井高橋佐藤鈴伊渡辺崎島吉子郎美花一二三太健恵真龍竜沢澤浜濱髙﨑邊邉𠮷𩸽𡈽たろうアイカ"
            .EnumerateRunes().Select(r => r.Value).ToArray();
        var random = new Random(20250427);
        for (var iteration = 0; iteration < 2000; iteration++)
        {
            var length = random.Next(1, 7);
            var name = new int[length];
            for (var i = 0; i < length; i++)
            {
                name[i] = pool[random.Next(pool.Length)];
            }

            var changed = random.Next(length);
            var flags = new char[length];
            var registered = new int[length];
            for (var i = 0; i < length; i++)
            {
                flags[i] = i != changed && random.Next(4) == 0 ? '1' : '0';
                registered[i] = flags[i] == '1' ? pool[random.Next(pool.Length)] : VariantOf(name[i], random);
            }

            int replacement;
            do
            {
                replacement = pool[random.Next(pool.Length)];
            }
            while (KanjiVariants.Fold(replacement) == KanjiVariants.Fold(name[changed]));
            registered[changed] = replacement;

            var verified = new JpkiName(ToText(name), new string(flags));
            JapaneseNames.Match(verified, ToText(registered)).Quality.ShouldBe(NameMatchQuality.None);

            // And the same names with that one character restored do match.
            registered[changed] = name[changed];
            JapaneseNames.Match(verified, ToText(registered)).IsMatch.ShouldBeTrue();
        }
    }

    [Fact]
    public void Lone_surrogates_never_match_even_each_other()
    {
        JapaneseNames.Match(new JpkiName("山\uD842"), "山\uD842").IsMatch.ShouldBeFalse();
        JapaneseNames.Match(new JpkiName("山田"), "山\uDC00").IsMatch.ShouldBeFalse();
    }

    [Fact]
    public void Names_that_normalize_to_nothing_do_not_match()
    {
        JapaneseNames.Match(new JpkiName("　"), " ").ShouldBeSameAs(NameMatch.None);
        JapaneseNames.Match(new JpkiName(string.Empty), string.Empty).ShouldBeSameAs(NameMatch.None);
    }

    [Fact]
    public void Long_names_beyond_the_stack_buffers_match()
    {
        var family = string.Concat(Enumerable.Repeat("髙", 60));
        var given = string.Concat(Enumerable.Repeat("子", 60));
        var match = JapaneseNames.Match(new JpkiName(family + "　" + given), family.Replace('髙', '高') + given);
        match.Quality.ShouldBe(NameMatchQuality.VariantFolded);
        match.FoldedPositions.Count.ShouldBe(60);
    }

    [Fact]
    public void Exact_and_failed_matches_do_not_allocate()
    {
        var verified = new JpkiName("𠮷田　花子");
        for (var i = 0; i < 100; i++)
        {
            _ = JapaneseNames.Match(verified, "𠮷田 花子");
            _ = JapaneseNames.Match(verified, "𠮷田花美");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            _ = JapaneseNames.Match(verified, "𠮷田 花子");
            _ = JapaneseNames.Match(verified, "𠮷田花美");
            _ = JapaneseNames.Match(verified, "𠮷田花");
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    [Fact]
    public void The_result_never_prints_the_name()
    {
        var match = JapaneseNames.Match(new JpkiName("高橋　一郎"), "髙橋一郎");
        match.ToString().ShouldNotContain("橋");
        match.ToString().ShouldNotContain("一郎");
    }

    [Fact]
    public void Null_arguments_are_argument_errors()
    {
        Should.Throw<ArgumentNullException>(() => JapaneseNames.Match(null!, "山田"));
        Should.Throw<ArgumentNullException>(() => JapaneseNames.Match(new JpkiName("山田"), null!));
    }

    private static int VariantOf(int scalar, Random random)
    {
        var representative = KanjiVariants.Fold(scalar);
        var group = KanjiVariants.Groups.FirstOrDefault(g => g[0] == representative);
        return group is null ? scalar : group[random.Next(group.Length)];
    }

    private static string ToText(int[] scalars) => string.Concat(scalars.Select(char.ConvertFromUtf32));
}
