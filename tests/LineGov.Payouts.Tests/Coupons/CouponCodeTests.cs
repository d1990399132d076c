using LineGov.Payouts.Coupons;

namespace LineGov.Payouts.Tests.Coupons;

public class CouponCodeTests
{
    private static readonly CouponCode Sample = CouponCode.Generate();

    [Fact]
    public void Display_form_is_four_groups_of_four_and_the_check_character()
    {
        Sample.ToDisplayString().ShouldMatch("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]$");
        Sample.ToCompactString().Length.ShouldBe(17);
        Sample.Length.ShouldBe(16);
    }

    [Fact]
    public void Longer_codes_end_with_a_short_group_then_the_check_character()
    {
        var code = CouponCode.Generate(18);

        code.ToDisplayString().ShouldMatch("^([0-9A-Z]{4}-){4}[0-9A-Z]{2}-[0-9A-Z]$");
        CouponCode.Parse(code.ToDisplayString()).ShouldBe(code);
    }

    [Fact]
    public void Display_and_compact_forms_parse_back_to_the_same_code()
    {
        CouponCode.Parse(Sample.ToDisplayString()).ShouldBe(Sample);
        CouponCode.Parse(Sample.ToCompactString()).ShouldBe(Sample);
    }

    [Fact]
    public void Lower_case_spaces_hyphens_and_full_width_are_forgiven()
    {
        var display = Sample.ToDisplayString();
        var spaced = "  " + display.ToLowerInvariant().Replace("-", " - ", StringComparison.Ordinal) + " ";
        var fullWidth = new string(display.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '！') : c).ToArray());

        CouponCode.Parse(spaced).ShouldBe(Sample);
        CouponCode.Parse(fullWidth).ShouldBe(Sample);
        CouponCode.Parse(display.Replace("-", "ー", StringComparison.Ordinal)).ShouldBe(Sample);
    }

    [Theory]
    [InlineData('0', 'O')]
    [InlineData('0', 'o')]
    [InlineData('1', 'I')]
    [InlineData('1', 'i')]
    [InlineData('1', 'L')]
    [InlineData('1', 'l')]
    public void Look_alikes_read_as_the_digit(char digit, char lookAlike)
    {
        var code = CodeContaining(digit);
        var typed = code.ToDisplayString().Replace(digit, lookAlike);

        CouponCode.Parse(typed).ShouldBe(code);
    }

    [Theory]
    [InlineData("", CouponFormatError.Empty)]
    [InlineData("  - -  ", CouponFormatError.Empty)]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TU", CouponFormatError.InvalidCharacter)]
    [InlineData("ABCD-EFGH-JKMN-PQR!-T", CouponFormatError.InvalidCharacter)]
    [InlineData("ABCD-EFGH-JKMN-PQR-S", CouponFormatError.WrongLength)]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABC", CouponFormatError.WrongLength)]
    public void Malformed_text_gets_a_typed_error(string text, CouponFormatError expected)
    {
        CouponCode.TryParse(text, out var code, out var error).ShouldBeFalse();
        error.ShouldBe(expected);
        code.IsDefault.ShouldBeTrue();
        var ex = Should.Throw<CouponFormatException>(() => CouponCode.Parse(text));
        ex.Error.ShouldBe(expected);
    }

    [Fact]
    public void Wrong_check_character_throws_without_the_code_in_the_message()
    {
        var compact = Sample.ToCompactString();
        var wrong = compact[..^1] + (compact[^1] == '0' ? '1' : '0');

        var ex = Should.Throw<CouponFormatException>(() => CouponCode.Parse(wrong));

        ex.Error.ShouldBe(CouponFormatError.WrongCheckCharacter);
        ex.Message.ShouldNotContain(compact[..8]);
        CouponCode.TryParse(wrong, out _).ShouldBeFalse();
        CouponCode.TryParse(null, out _).ShouldBeFalse();
    }

    [Fact]
    public void ToString_never_shows_the_code()
    {
        var text = Sample.ToString();

        text.ShouldNotContain(Sample.ToCompactString()[..4]);
        text.ShouldNotContain(Sample.ToDisplayString()[5..9]);
        $"{Sample}".ShouldBe(text);
        default(CouponCode).ToString().ShouldBe("CouponCode(none)");
    }

    [Fact]
    public void Default_code_has_no_display_form()
    {
        Should.Throw<InvalidOperationException>(() => default(CouponCode).ToDisplayString());
        default(CouponCode).Length.ShouldBe(0);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(33)]
    public void Lengths_below_80_bits_or_above_the_maximum_are_refused(int length) =>
        Should.Throw<ArgumentOutOfRangeException>(() => CouponCode.Generate(length));

    [Fact]
    public void Ten_thousand_codes_are_distinct_and_use_every_symbol_at_every_position()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var counts = new int[17, 32];
        for (var i = 0; i < 10_000; i++)
        {
            var compact = CouponCode.Generate().ToCompactString();
            seen.Add(compact).ShouldBeTrue();
            for (var p = 0; p < compact.Length; p++)
            {
                counts[p, CouponAlphabet.ValueOf(compact[p])]++;
            }
        }

        // 10,000 / 32 ≈ 312 per cell; a cell below 200 or above 450 would be a biased generator (p < 1e-12 otherwise).
        for (var p = 0; p < 17; p++)
        {
            for (var s = 0; s < 32; s++)
            {
                counts[p, s].ShouldBeInRange(200, 450, $"position {p}, symbol {CouponAlphabet.Symbols[s]}");
            }
        }
    }

    private static CouponCode CodeContaining(char c)
    {
        while (true)
        {
            var code = CouponCode.Generate();
            if (code.ToCompactString().Contains(c, StringComparison.Ordinal))
            {
                return code;
            }
        }
    }
}
