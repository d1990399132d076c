using System.Text;
using LineGov.Payouts.Zengin;

namespace LineGov.Payouts.Tests.Zengin;

public class ZenginKanaTests
{
    [Theory]
    [InlineData("ヤマダ　タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ")]
    [InlineData("やまだ たろう", "ﾔﾏﾀﾞ ﾀﾛｳ")]
    [InlineData("ガギグゲゴ", "ｶﾞｷﾞｸﾞｹﾞｺﾞ")]
    [InlineData("パピプペポ", "ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ")]
    [InlineData("ァィゥェォッャュョヮ", "ｱｲｳｴｵﾂﾔﾕﾖﾜ")]
    [InlineData("ｧｨｩｪｫｯｬｭｮ", "ｱｲｳｴｵﾂﾔﾕﾖ")]
    [InlineData("キャッシュ", "ｷﾔﾂｼﾕ")]
    [InlineData("チャーリー", "ﾁﾔ-ﾘ-")]
    [InlineData("ｷｯﾌﾟ･ﾁｬｰﾙｽﾞ", "ｷﾂﾌﾟ.ﾁﾔ-ﾙｽﾞ")]
    [InlineData("ヴァイオリン", "ｳﾞｱｲｵﾘﾝ")]
    [InlineData("ヰヱヲンヵヶ", "ｲｴｦﾝｶｹ")]
    [InlineData("カ\u3099ハ\u309A", "ｶﾞﾊﾟ")]
    [InlineData("ＡＢＣ　ｄｅｆ１２３", "ABC DEF123")]
    [InlineData("abc", "ABC")]
    [InlineData("カ）ヤマダショウジ", "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ")]
    [InlineData("（ｶ）．／－，", "(ｶ)./-,")]
    [InlineData("￥\\¥", "¥¥¥")]
    [InlineData("ジエ－ピ－モルガン", "ｼﾞｴ-ﾋﾟ-ﾓﾙｶﾞﾝ")]
    public void Names_convert_to_half_width_Zengin_characters(string input, string expected) =>
        ZenginKana.ToZengin(input, "AccountName").ShouldBe(expected);

    [Theory]
    [InlineData("山田")]
    [InlineData("TARO@EXAMPLE")]
    [InlineData("「ヤマダ」")]
    [InlineData("ﾔﾏﾀﾞ!")]
    [InlineData("ｰ\u00E9")]
    public void Characters_without_a_Zengin_form_are_an_error_naming_the_field_not_the_value(string input)
    {
        var ex = Should.Throw<ZenginFormatException>(() => ZenginKana.ToZengin(input, "AccountName"));

        ex.Field.ShouldBe("AccountName");
        ex.Message.ShouldNotContain(input);
        ZenginKana.TryToZengin(input, out var result).ShouldBeFalse();
        result.ShouldBeNull();
    }

    [Fact]
    public void Every_full_width_katakana_converts_to_allowed_characters()
    {
        for (var c = '\u30A1'; c <= '\u30FA'; c++)
        {
            var converted = ZenginKana.ToZengin(c.ToString(), "AccountName");
            converted.Length.ShouldBeInRange(1, 2);
            converted.All(ZenginKana.IsAllowed).ShouldBeTrue($"U+{(int)c:X4}");
        }
    }

    [Fact]
    public void Every_hiragana_converts_like_its_katakana()
    {
        for (var c = '\u3041'; c <= '\u3096'; c++)
        {
            ZenginKana.ToZengin(c.ToString(), "f").ShouldBe(ZenginKana.ToZengin(((char)(c + 0x60)).ToString(), "f"));
        }
    }

    [Fact]
    public void Allowed_characters_encode_to_the_same_bytes_as_Shift_JIS_code_page_932()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var sjis = Encoding.GetEncoding(932);
        for (var c = '\0'; c < '\uFFFF'; c++)
        {
            if (!ZenginKana.IsAllowed(c) || c == '¥')
            {
                continue;
            }

            var expected = sjis.GetBytes(c.ToString());
            expected.Length.ShouldBe(1);
            ZenginEncoding.Encode(c).ShouldBe(expected[0], $"U+{(int)c:X4}");
            ZenginEncoding.Decode(expected[0]).ShouldBe(c);
        }
    }

    [Theory]
    [InlineData('ｱ', 0xB1)]
    [InlineData('ﾝ', 0xDD)]
    [InlineData('ﾞ', 0xDE)]
    [InlineData('ﾟ', 0xDF)]
    [InlineData('ｦ', 0xA6)]
    [InlineData('¥', 0x5C)]
    [InlineData('A', 0x41)]
    [InlineData(' ', 0x20)]
    public void Golden_bytes_of_the_JIS_X_0201_table(char c, int b)
    {
        ZenginEncoding.Encode(c).ShouldBe((byte)b);
        ZenginEncoding.Decode((byte)b).ShouldBe(c);
    }

    [Fact]
    public void Allowed_set_has_exactly_the_Zengin_characters()
    {
        var allowed = Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(ZenginKana.IsAllowed).ToArray();
        // 10 digits + 26 letters + space + ( ) - . / ¥ , (7) + ｦ + ｱ..ﾝ (45) + ﾞ ﾟ
        allowed.Length.ShouldBe(10 + 26 + 1 + 7 + 1 + 45 + 2);
    }
}
