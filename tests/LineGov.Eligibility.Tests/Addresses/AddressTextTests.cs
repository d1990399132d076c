namespace LineGov.Eligibility.Tests.Addresses;

/// <summary>The text steps, rule by rule: the normalized text, the canonical form used to compare names, and the 番地 block.</summary>
public sealed class AddressTextTests
{
    [Theory]
    [InlineData("１２３ＡＢＣａｂｃ", "123ABCabc")]
    [InlineData("ﾄｳﾏﾁｮｳ", "トウマチョウ")]
    [InlineData("ｶﾞｰﾃﾞﾝ", "ガーデン")]
    [InlineData("当麻町　３条 東", "当麻町3条東")]
    [InlineData("11\t-\n1", "11-1")]
    [InlineData("1‐2", "1-2")]
    [InlineData("1‑2", "1-2")]
    [InlineData("1−2", "1-2")]
    [InlineData("1–2", "1-2")]
    [InlineData("1—2", "1-2")]
    [InlineData("1―2", "1-2")]
    [InlineData("1－2", "1-2")]
    [InlineData("1ｰ2", "1-2")]
    [InlineData("1ー2", "1-2")]
    [InlineData("二ー三", "二-三")]
    [InlineData("コーポ", "コーポ")]
    [InlineData("ガーデン1ー2", "ガーデン1-2")]
    [InlineData("a\u0000b\u001Fc\u007F", "abc")]
    [InlineData("2丁目 11 1", "2丁目11-1")]
    [InlineData("11-1　101", "11-1-101")]
    [InlineData("か\u3099", "が")]
    public void Normalize_unifies_widths_dashes_and_removes_spaces_and_controls(string input, string expected) =>
        AddressText.Normalize(input).ShouldBe(expected);

    [Fact]
    public void Normalize_replaces_lone_surrogates_instead_of_throwing()
    {
        AddressText.Normalize("北\uD800海\uDC00道").ShouldBe("北\uFFFD海\uFFFD道");
        AddressText.Normalize("𠮷野家").ShouldBe("𠮷野家");
    }

    [Theory]
    [InlineData("一", "1")]
    [InlineData("十", "10")]
    [InlineData("十一", "11")]
    [InlineData("二十", "20")]
    [InlineData("二十三", "23")]
    [InlineData("百五", "105")]
    [InlineData("三百二十一", "321")]
    [InlineData("千", "1000")]
    [InlineData("二千二十四", "2024")]
    [InlineData("二〇二四", "2024")]
    [InlineData("〇", "0")]
    [InlineData("〇一", "1")]
    public void Kanji_numerals_read_as_numbers(string run, string expected) =>
        AddressText.KanjiNumber(run).ShouldBe(expected);

    [Theory]
    [InlineData("三条東二丁目", "3条東2丁目")]
    [InlineData("3条東2丁目", "3条東2丁目")]
    [InlineData("03条東02丁目", "3条東2丁目")]
    [InlineData("北一条西十二丁目", "北1条西12丁目")]
    [InlineData("霞ヶ関", "霞ケ関")]
    [InlineData("霞ケ関", "霞ケ関")]
    [InlineData("霞が関", "霞ケ関")]
    [InlineData("霞ガ関", "霞ケ関")]
    [InlineData("霞个関", "霞ケ関")]
    [InlineData("霞ヵ関", "霞ケ関")]
    [InlineData("丸の内", "丸ノ内")]
    [InlineData("丸ノ内", "丸ノ内")]
    [InlineData("一之江", "1ノ江")]
    [InlineData("舊澤濱邊龍廣櫻驛學縣", "旧沢浜辺竜広桜駅学県")]
    [InlineData("﨑髙嶋", "崎高島")]
    [InlineData("fビレッジ", "Fビレッジ")]
    public void Canonical_form_folds_what_addresses_write_differently(string input, string expected) =>
        AddressText.Canonical(input).ShouldBe(expected);

    [Fact]
    public void Canonical_form_keeps_a_kanji_number_and_a_digit_number_apart()
    {
        AddressText.Canonical("布部一1番地").ShouldBe("布部1\u00011番地");
        AddressText.Canonical("一1").ShouldBe("1\u00011");
        AddressText.Canonical("1一").ShouldBe("1\u00011");
    }

    [Fact]
    public void Canonical_form_maps_each_character_back_to_the_end_of_what_it_came_from()
    {
        var ends = new List<int>();

        var canonical = AddressText.Canonical("北二十三条", ends);

        canonical.ShouldBe("北23条");
        ends.ShouldBe([1, 4, 4, 5]);
    }

    [Theory]
    [InlineData("11-1", "11-1")]
    [InlineData("11番地1", "11-1")]
    [InlineData("11番地の1", "11-1")]
    [InlineData("11番地-1", "11-1")]
    [InlineData("11番1号", "11-1")]
    [InlineData("11の1", "11-1")]
    [InlineData("11ノ1", "11-1")]
    [InlineData("二十三番地", "23")]
    [InlineData("二十三番地四", "23-4")]
    [InlineData("1丁目2番3号", "1-2-3")]
    [InlineData("一丁目二番三号", "1-2-3")]
    [InlineData("1-2-3", "1-2-3")]
    [InlineData("-11-1", "11-1")]
    [InlineData("011番地", "11")]
    [InlineData("11番地1コーポ当麻101号室", "11-1コーポ当麻101号室")]
    [InlineData("5-3号棟", "5-3号棟")]
    [InlineData("1-A棟", "1-A棟")]
    [InlineData("三井ビル", "三井ビル")]
    [InlineData("五番町1", "五番町1")]
    [InlineData("字伊香牛123", "字伊香牛123")]
    [InlineData("", "")]
    public void Rest_writes_its_banchi_block_as_numbers_joined_by_hyphens(string rest, string expected) =>
        AddressText.CanonicalRest(rest).ShouldBe(expected);

    [Fact]
    public void Old_character_table_is_a_real_table() =>
        OldCharacters.Count.ShouldBeGreaterThan(250);
}
