namespace LineGov.Eligibility.Tests.Names;

public sealed class NormalizeKanaTests
{
    [Theory]
    [InlineData("やまだ　たろう", "ヤマダタロウ")]
    [InlineData("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダタロウ")]
    [InlineData("ヤマダ　タロウ", "ヤマダタロウ")]
    [InlineData("ぱく じゅん", "パクジュン")]
    [InlineData("き\u3099んじ", "ギンジ")] // combining sound mark composed first
    [InlineData("ちょっと", "チョット")] // small kana stay small
    [InlineData("ぁぃぅぇぉゃゅょっゎゕゖ", "ァィゥェォャュョッヮヵヶ")]
    [InlineData("ゔぃくとる", "ヴィクトル")] // ゔ → ヴ
    [InlineData("ヴィクトル", "ヴィクトル")] // ヴ kept, not ブ
    [InlineData("ゐゑ", "ヰヱ")] // kept distinct from イエ
    [InlineData("ヰヱ", "ヰヱ")]
    [InlineData("すゞき", "スヾキ")] // iteration marks follow
    [InlineData("ｽｽﾞｷ　ｲﾁﾛｰ", "スズキイチロー")]
    [InlineData("ＳＭＩＴＨ　じょん", "SMITHジョン")]
    public void NormalizeKana_makes_readings_uniform(string input, string expected) =>
        JapaneseNames.NormalizeKana(input).ShouldBe(expected);

    [Fact]
    public void Kanji_in_a_reading_field_pass_through() =>
        JapaneseNames.NormalizeKana("山田たろう").ShouldBe("山田タロウ");

    [Fact]
    public void NormalizeKana_is_idempotent()
    {
        foreach (var reading in new[] { "やまだ　ﾀﾛｳ", "ゐゑゔ", "ぱく じゅん" })
        {
            var once = JapaneseNames.NormalizeKana(reading);
            JapaneseNames.NormalizeKana(once).ShouldBe(once);
        }
    }
}
