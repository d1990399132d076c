using LineGov.Payouts.Coupons;

namespace LineGov.Payouts.Tests.Coupons;

public class CouponCheckTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void Alphabet_is_Crockford_base32_without_look_alikes()
    {
        CouponAlphabet.Symbols.ShouldBe(Alphabet);
        CouponAlphabet.Symbols.Distinct().Count().ShouldBe(32);
        foreach (var c in "ILOU")
        {
            CouponAlphabet.Symbols.ShouldNotContain(c);
        }
    }

    [Fact]
    public void Each_step_is_a_bijection_in_the_symbol_and_in_the_interim()
    {
        for (var fixedValue = 0; fixedValue < 32; fixedValue++)
        {
            Enumerable.Range(0, 32).Select(s => CouponCheck.Step(fixedValue, s)).Distinct().Count().ShouldBe(32);
            Enumerable.Range(0, 32).Select(i => CouponCheck.Step(i, fixedValue)).Distinct().Count().ShouldBe(32);
            Enumerable.Range(0, 32).Select(i => CouponCheck.Step(i, fixedValue)).ShouldAllBe(v => v >= 0 && v < 32);
        }
    }

    [Fact]
    public void No_interim_value_lets_two_different_adjacent_symbols_swap_unnoticed()
    {
        // Exhaustive over every interim value before the pair and every ordered pair: 32 × 32 × 31 cases.
        for (var interim = 0; interim < 32; interim++)
        {
            for (var x = 0; x < 32; x++)
            {
                for (var y = 0; y < 32; y++)
                {
                    if (x != y)
                    {
                        CouponCheck.Step(CouponCheck.Step(interim, x), y)
                            .ShouldNotBe(CouponCheck.Step(CouponCheck.Step(interim, y), x), $"interim {interim}, {x} {y}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Every_single_substitution_is_caught_at_every_position_of_many_codes()
    {
        for (var n = 0; n < 300; n++)
        {
            var code = CouponCode.Generate(n % 2 == 0 ? 16 : 25).ToCompactString();
            CouponCheck.IsValid(code).ShouldBeTrue();
            var chars = code.ToCharArray();
            for (var position = 0; position < chars.Length; position++)
            {
                var original = chars[position];
                foreach (var replacement in Alphabet)
                {
                    if (replacement == original)
                    {
                        continue;
                    }

                    chars[position] = replacement;
                    CouponCheck.IsValid(chars).ShouldBeFalse($"substitution at {position}");
                    chars[position] = original;
                }
            }
        }
    }

    [Fact]
    public void Every_adjacent_transposition_is_caught_including_with_the_check_character()
    {
        var swaps = 0;
        for (var n = 0; n < 2000; n++)
        {
            var chars = CouponCode.Generate().ToCompactString().ToCharArray();
            for (var position = 0; position + 1 < chars.Length; position++)
            {
                if (chars[position] == chars[position + 1])
                {
                    continue;
                }

                (chars[position], chars[position + 1]) = (chars[position + 1], chars[position]);
                CouponCheck.IsValid(chars).ShouldBeFalse($"swap at {position}");
                (chars[position], chars[position + 1]) = (chars[position + 1], chars[position]);
                swaps++;
            }
        }

        swaps.ShouldBeGreaterThan(30_000);
    }

    [Fact]
    public void Every_symbol_pair_swapped_before_a_fixed_check_character_is_caught()
    {
        // All 32 × 31 ordered pairs at the end of a fixed prefix, the check character computed for the original.
        const string prefix = "0123456789ABCD";
        foreach (var x in Alphabet)
        {
            foreach (var y in Alphabet.Where(y => y != x))
            {
                var data = $"{prefix}{x}{y}";
                var code = data + Alphabet[CouponCheck.Compute(data)];
                CouponCheck.IsValid(code).ShouldBeTrue();
                CouponCheck.IsValid($"{prefix}{y}{x}{code[^1]}").ShouldBeFalse($"{x}{y}");
            }
        }
    }

    [Fact]
    public void A_caught_error_surfaces_as_a_wrong_check_character_when_parsing()
    {
        var code = CouponCode.Generate().ToCompactString();
        var wrong = (code[0] == 'A' ? 'B' : 'A') + code[1..];

        CouponCode.TryParse(wrong, out _, out var error).ShouldBeFalse();
        error.ShouldBe(CouponFormatError.WrongCheckCharacter);
    }
}
