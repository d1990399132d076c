using System.Text;

namespace LineGov.Eligibility.Tests.Names;

public sealed class FoldTests
{
    /// <summary>Groups every folding must join (the well-known surname and given-name variants).</summary>
    public static TheoryData<string> WellKnownGroups => new()
    {
        "髙高", "﨑崎嵜", "邊邉辺", "齋斎", "齊斉", "澤沢", "濱浜濵", "廣広", "櫻桜", "德徳", "嶋嶌島", "國国",
        "𠮷吉", "槗橋", "冨富", "眞真", "惠恵", "龍竜", "瀨瀬", "籠篭", "鄕郷", "藏蔵", "實実", "壽寿", "榮栄",
        "彌弥", "條条", "淺浅", "靜静", "會会", "萬万", "與与", "栁柳", "舘館", "𡈽土", "峯峰", "淵渕",
        "禰祢", "巖巌", "檜桧", "槇槙", "遙遥", "凜凛", "堯尭", "亙亘", "惡悪", "圓円", "戀恋", "聲声", "鐵鉄銕",
    };

    [Theory]
    [MemberData(nameof(WellKnownGroups))]
    public void Every_member_of_a_group_folds_to_the_same_character(string group)
    {
        var members = group.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var folded = members.Select(JapaneseNames.Fold).Distinct().ToArray();
        folded.Length.ShouldBe(1);
    }

    [Theory]
    [InlineData("髙橋　一郎", "高橋一郎")]
    [InlineData("山﨑　花子", "山崎花子")]
    [InlineData("渡邊　美咲", "渡辺美咲")]
    [InlineData("齋藤　ｹﾝ", "斎藤ケン")]
    [InlineData("𠮷田　龍之介", "吉田竜之介")]
    [InlineData("濱田　櫻", "浜田桜")]
    [InlineData("神田\uFA19子", "神田神子")] // NFC first, then folding
    [InlineData("辻\U000E0100本", "辻本")] // IVS stripped
    public void Fold_normalizes_then_folds_every_variant(string input, string expected) =>
        JapaneseNames.Fold(input).ShouldBe(expected);

    [Theory]
    [InlineData("崎", "埼")] // 埼玉 is not 崎
    [InlineData("島", "鳥")]
    [InlineData("岩", "巌")] // 岩 is a different character from 巌/巖
    [InlineData("沢", "択")]
    [InlineData("斉", "済")]
    [InlineData("藤", "籐")]
    public void Characters_that_merely_look_alike_are_not_folded(string a, string b) =>
        JapaneseNames.Fold(a).ShouldNotBe(JapaneseNames.Fold(b));

    [Fact]
    public void Fold_is_idempotent_over_every_table_character_and_sample_names()
    {
        var everything = new StringBuilder();
        foreach (var group in KanjiVariants.Groups)
        {
            foreach (var member in group)
            {
                everything.Append(char.ConvertFromUtf32(member));
            }
        }

        var samples = new[] { everything.ToString(), "髙橋　一郎", "ﾀﾞ　𠮷﨑", "神\uFA19\U000E0100", "Ｊｏｓｅ\u0301" };
        foreach (var sample in samples)
        {
            var once = JapaneseNames.Fold(sample);
            JapaneseNames.Fold(once).ShouldBe(once);
        }
    }

    [Fact]
    public void A_name_without_variants_folds_to_the_same_instance()
    {
        var name = "山田花子";
        JapaneseNames.Fold(name).ShouldBeSameAs(name);
    }

    [Fact]
    public void Fold_keeps_surrogate_pairs_whole_and_folds_them()
    {
        JapaneseNames.Fold("𠮷").ShouldBe("吉");
        JapaneseNames.Fold("𩸽").ShouldBe("𩸽");
    }
}
