using System.Globalization;

namespace LineGov.Eligibility.Tests.Programs;

public sealed class CheckDigitTests
{
    [Theory]
    [InlineData("572", CheckDigitScheme.Damm, '4')]
    [InlineData("7992739871", CheckDigitScheme.Luhn, '3')]
    [InlineData("0", CheckDigitScheme.Damm, '0')]
    public void Known_check_digits(string payload, CheckDigitScheme scheme, char expected)
    {
        CheckDigits.Compute(payload, scheme).ShouldBe(expected);
        CheckDigits.IsValid(payload + expected, scheme).ShouldBeTrue();
    }

    [Fact]
    public void Damm_detects_every_single_digit_error_and_every_adjacent_transposition_of_five_digit_numbers()
    {
        var missed = 0;
        for (var n = 0; n < 10_000; n++)
        {
            var payload = n.ToString("D4", CultureInfo.InvariantCulture);
            var number = payload + CheckDigits.Compute(payload, CheckDigitScheme.Damm);
            CheckDigits.IsValid(number, CheckDigitScheme.Damm).ShouldBeTrue();
            missed += Variants(number).Count(v => CheckDigits.IsValid(v, CheckDigitScheme.Damm));
        }

        missed.ShouldBe(0);
    }

    [Fact]
    public void Damm_detects_them_in_random_ten_digit_ticket_numbers()
    {
        var spec = new ProgramKeySpec(ProgramKeyKind.Ticket, 10);
        foreach (var number in TicketNumbers.Generate(spec, 500))
        {
            Variants(number).ShouldAllBe(v => !CheckDigits.IsValid(v, CheckDigitScheme.Damm));
        }
    }

    [Fact]
    public void Luhn_detects_single_digit_errors_but_misses_the_09_transposition_which_is_why_tickets_use_Damm()
    {
        var payload = "12309";
        var number = payload + CheckDigits.Compute(payload, CheckDigitScheme.Luhn);
        Variants(number).Where(v => v.Length == number.Length && Differs(v, number) == 1).ShouldAllBe(v => !CheckDigits.IsValid(v, CheckDigitScheme.Luhn));

        var swapped = "12390" + number[^1];
        CheckDigits.IsValid(swapped, CheckDigitScheme.Luhn).ShouldBeTrue();
        var damm = payload + CheckDigits.Compute(payload, CheckDigitScheme.Damm);
        CheckDigits.IsValid("12390" + damm[^1], CheckDigitScheme.Damm).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("12a4")]
    [InlineData("１２３４")]
    public void Strings_that_are_not_ASCII_digits_are_never_valid(string number) =>
        CheckDigits.IsValid(number, CheckDigitScheme.Damm).ShouldBeFalse();

    [Fact]
    public void Generated_ticket_numbers_are_distinct_valid_and_never_start_with_zero()
    {
        var spec = new ProgramKeySpec(ProgramKeyKind.Ticket, 10);

        var numbers = TicketNumbers.Generate(spec, 2000);

        numbers.Count.ShouldBe(2000);
        numbers.Distinct().Count().ShouldBe(2000);
        numbers.ShouldAllBe(n => n.Length == 10 && n[0] != '0' && spec.Check(n) == KeyFormatCheck.Valid);
    }

    [Fact]
    public void The_generator_refuses_to_fill_more_than_a_tenth_of_the_space()
    {
        var spec = new ProgramKeySpec(ProgramKeyKind.Ticket, 4); // 900 payloads: at most 90 numbers

        TicketNumbers.Generate(spec, 90).Count.ShouldBe(90);
        Should.Throw<ArgumentOutOfRangeException>(() => TicketNumbers.Generate(spec, 91));
    }

    [Theory]
    [InlineData("1234-5678-6", KeyFormatCheck.Valid)]
    [InlineData("１２３４５６７８６", KeyFormatCheck.Valid)]
    [InlineData("1234 5678 6", KeyFormatCheck.Valid)]
    [InlineData("1234－5678ー6", KeyFormatCheck.Valid)]
    [InlineData("123456786", KeyFormatCheck.Valid)]
    [InlineData("123456780", KeyFormatCheck.CheckDigitMismatch)]
    [InlineData("213456786", KeyFormatCheck.CheckDigitMismatch)]
    [InlineData("12345678", KeyFormatCheck.Malformed)]
    [InlineData("12345678X", KeyFormatCheck.Malformed)]
    [InlineData("1234567860", KeyFormatCheck.Malformed)]
    public void Keys_are_checked_after_widths_spaces_and_hyphens_are_folded(string key, KeyFormatCheck expected)
    {
        // 12345678 → Damm check digit 6 (worked by hand through the table).
        CheckDigits.Compute("12345678", CheckDigitScheme.Damm).ShouldBe('6');
        new ProgramKeySpec(ProgramKeyKind.Ticket, 9).Check(key).ShouldBe(expected);
    }

    private static IEnumerable<string> Variants(string number)
    {
        var chars = number.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var original = chars[i];
            for (var d = '0'; d <= '9'; d++)
            {
                if (d != original)
                {
                    chars[i] = d;
                    yield return new string(chars);
                }
            }

            chars[i] = original;
        }

        for (var i = 0; i + 1 < chars.Length; i++)
        {
            if (chars[i] != chars[i + 1])
            {
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                yield return new string(chars);
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
            }
        }
    }

    private static int Differs(string a, string b) => a.Zip(b).Count(p => p.First != p.Second);
}
