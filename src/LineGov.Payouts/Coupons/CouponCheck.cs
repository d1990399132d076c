namespace LineGov.Payouts.Coupons;

/// <summary>
/// The check character of a coupon code: a Damm-style check over the 32-symbol alphabet, built on the field GF(2^5).
/// </summary>
/// <remarks>
/// <para>
/// The quasigroup is <c>x ∘ y = α·x ⊕ y</c> with α = the field element 2 (the polynomial <c>x</c>) modulo the
/// irreducible polynomial x^5 + x^2 + 1. For each fixed x or y it is a bijection (α ≠ 0), so every single-symbol
/// substitution changes the final interim value; and <c>(c ∘ x) ∘ y = (c ∘ y) ∘ x</c> only when
/// <c>(α ⊕ 1)·(x ⊕ y) = 0</c>, that is <c>x = y</c> (α ≠ 1), so every adjacent transposition is caught too, also the
/// one between the last data symbol and the check character. Luhn mod N misses one transposition pair; this does not.
/// </para>
/// <para>The check character is the one that brings the interim value to 0: <c>α·interim</c> (in characteristic 2, −v = v).</para>
/// </remarks>
internal static class CouponCheck
{
    /// <summary>The field element α as the multiplier of the interim value.</summary>
    internal const int Alpha = 2;

    /// <summary>x^5 + x^2 + 1, irreducible over GF(2).</summary>
    private const int Modulus = 0b100101;

    /// <summary>α·v in GF(32).</summary>
    internal static int MultiplyByAlpha(int value)
    {
        var shifted = value << 1;
        return (shifted & 0b100000) != 0 ? shifted ^ Modulus : shifted;
    }

    /// <summary>One step of the check: <c>interim ∘ symbol</c>.</summary>
    internal static int Step(int interim, int symbol) => MultiplyByAlpha(interim) ^ symbol;

    /// <summary>The interim value after the given symbol values (0..31).</summary>
    internal static int Interim(ReadOnlySpan<int> symbols)
    {
        var interim = 0;
        foreach (var symbol in symbols)
        {
            interim = Step(interim, symbol);
        }

        return interim;
    }

    /// <summary>The check symbol (0..31) of data symbols given as alphabet characters.</summary>
    internal static int Compute(ReadOnlySpan<char> data)
    {
        var interim = 0;
        foreach (var c in data)
        {
            interim = Step(interim, CouponAlphabet.ValueOf(c));
        }

        return MultiplyByAlpha(interim);
    }

    /// <summary>Whether data symbols followed by their check character (all alphabet characters) check out.</summary>
    internal static bool IsValid(ReadOnlySpan<char> dataAndCheck)
    {
        var interim = 0;
        foreach (var c in dataAndCheck)
        {
            interim = Step(interim, CouponAlphabet.ValueOf(c));
        }

        return interim == 0;
    }
}

/// <summary>Crockford's base32 alphabet: digits and upper-case letters without I, L, O and U.</summary>
internal static class CouponAlphabet
{
    /// <summary>The 32 symbols in value order.</summary>
    internal const string Symbols = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The value (0..31) of an alphabet character; −1 for anything else.</summary>
    internal static int ValueOf(char c) => Symbols.IndexOf(c, StringComparison.Ordinal);
}
