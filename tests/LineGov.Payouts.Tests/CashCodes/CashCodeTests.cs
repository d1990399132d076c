using LineGov.Payouts.CashCodes;

namespace LineGov.Payouts.Tests.CashCodes;

public class CashCodeTests
{
    [Fact]
    public void Every_single_digit_error_and_adjacent_swap_is_caught_on_many_codes()
    {
        for (var n = 0; n < 500; n++)
        {
            var chars = CashCode.Generate(12 + (n % 5)).ToCompactString().ToCharArray();
            DammCheck.IsValid(chars).ShouldBeTrue();
            for (var p = 0; p < chars.Length; p++)
            {
                var original = chars[p];
                for (var d = '0'; d <= '9'; d++)
                {
                    if (d != original)
                    {
                        chars[p] = d;
                        DammCheck.IsValid(chars).ShouldBeFalse();
                    }
                }

                chars[p] = original;
                if (p + 1 < chars.Length && chars[p] != chars[p + 1])
                {
                    (chars[p], chars[p + 1]) = (chars[p + 1], chars[p]);
                    DammCheck.IsValid(chars).ShouldBeFalse();
                    (chars[p], chars[p + 1]) = (chars[p + 1], chars[p]);
                }
            }
        }
    }

    [Fact]
    public void The_swap_Luhn_misses_is_caught()
    {
        const string data = "12345678909";
        var code = data + (char)('0' + DammCheck.Compute(data));

        DammCheck.IsValid(code).ShouldBeTrue();
        DammCheck.IsValid("12345678990" + code[^1]).ShouldBeFalse();
    }

    [Fact]
    public void Spaces_hyphens_and_full_width_digits_are_forgiven()
    {
        var code = CashCode.Generate();
        var display = code.ToDisplayString();
        var fullWidth = new string(code.ToCompactString().Select(c => (char)(c - '0' + '０')).ToArray());

        display.ShouldMatch("^[0-9]{4}( [0-9]{4}){3}$");
        CashCode.Parse(display).ShouldBe(code);
        CashCode.Parse(display.Replace(' ', '-')).ShouldBe(code);
        CashCode.Parse(fullWidth).ShouldBe(code);
    }

    [Theory]
    [InlineData("", CashCodeFormatError.Empty)]
    [InlineData("1234 5678 90A2", CashCodeFormatError.InvalidCharacter)]
    [InlineData("1234 5678 901", CashCodeFormatError.WrongLength)]
    [InlineData("1234 5678 9012 3456 7", CashCodeFormatError.WrongLength)]
    public void Malformed_text_gets_a_typed_error(string text, CashCodeFormatError expected)
    {
        CashCode.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldBe(expected);
        Should.Throw<CashCodeFormatException>(() => CashCode.Parse(text)).Error.ShouldBe(expected);
    }

    [Fact]
    public void A_wrong_check_digit_is_reported_without_the_code()
    {
        var compact = CashCode.Generate().ToCompactString();
        var wrong = compact[..^1] + (compact[^1] == '0' ? '1' : '0');

        var ex = Should.Throw<CashCodeFormatException>(() => CashCode.Parse(wrong));

        ex.Error.ShouldBe(CashCodeFormatError.WrongCheckDigit);
        ex.Message.ShouldNotContain(compact[..6]);
    }

    [Fact]
    public void ToString_never_shows_the_code()
    {
        var code = CashCode.Generate();

        code.ToString().ShouldNotContain(code.ToCompactString()[..4]);
        code.ToString().ShouldBe("CashCode(16 digits, hidden)");
    }

    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    public void Lengths_outside_12_to_16_are_refused(int digits) =>
        Should.Throw<ArgumentOutOfRangeException>(() => CashCode.Generate(digits));

    [Fact]
    public void Ten_thousand_codes_are_distinct_and_use_every_digit_at_every_position()
    {
        var seen = new HashSet<CashCode>();
        var counts = new int[16, 10];
        for (var i = 0; i < 10_000; i++)
        {
            var code = CashCode.Generate();
            seen.Add(code).ShouldBeTrue();
            var compact = code.ToCompactString();
            for (var p = 0; p < compact.Length; p++)
            {
                counts[p, compact[p] - '0']++;
            }
        }

        // 1,000 expected per cell; 800..1,200 is more than six standard deviations either side.
        for (var p = 0; p < 16; p++)
        {
            for (var d = 0; d < 10; d++)
            {
                counts[p, d].ShouldBeInRange(800, 1200, $"position {p}, digit {d}");
            }
        }
    }
}
