using System.Security.Cryptography;
using System.Text;

namespace LineGov.Payouts.Coupons;

/// <summary>
/// A digital coupon's code (電子クーポン番号): random symbols of Crockford's base32 alphabet (no I, L, O, U) followed
/// by a check character, shown as <c>XXXX-XXXX-XXXX-XXXX-C</c> and typed by people from a phone screen or a paper slip.
/// </summary>
/// <remarks>
/// <para>
/// The code is a bearer secret: whoever holds it can redeem the coupon. <see cref="ToString"/> therefore never shows
/// it; call <see cref="ToDisplayString"/> (grouped, for people) or <see cref="ToCompactString"/> (for URLs and QR codes)
/// where the code must really be shown.
/// </para>
/// <para>
/// 16 random symbols carry 80 bits (<see cref="MinimumLength"/>). The check character catches every single mistyped
/// symbol and every swap of two adjacent symbols (a Damm-style check over GF(32)), so a typo is told apart from an
/// unknown code before any lookup. Parsing forgives what people do: lower case, spaces, hyphens, full-width characters,
/// and the look-alikes O (→ 0) and I or L (→ 1).
/// </para>
/// </remarks>
public readonly struct CouponCode : IEquatable<CouponCode>
{
    /// <summary>The fewest random symbols a code may have: 16 symbols of 5 bits = 80 bits.</summary>
    public const int MinimumLength = 16;

    /// <summary>The most random symbols a code may have.</summary>
    public const int MaximumLength = 32;

    /// <summary>The default number of random symbols.</summary>
    public const int DefaultLength = 16;

    private const int GroupSize = 4;

    // Upper-case symbols, then the check character; null for default(CouponCode).
    private readonly string? _symbols;

    private CouponCode(string symbols) => _symbols = symbols;

    /// <summary>The number of random symbols (without the check character); 0 for <c>default</c>.</summary>
    public int Length => _symbols is null ? 0 : _symbols.Length - 1;

    /// <summary>Whether this is <c>default(CouponCode)</c>, which holds no code.</summary>
    public bool IsDefault => _symbols is null;

    /// <summary>Draws a new code from <see cref="RandomNumberGenerator"/>.</summary>
    /// <param name="length">The number of random symbols, <see cref="MinimumLength"/> to <see cref="MaximumLength"/>.</param>
    public static CouponCode Generate(int length = DefaultLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinimumLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaximumLength);
        var data = RandomNumberGenerator.GetString(CouponAlphabet.Symbols, length);
        return new CouponCode(data + CouponAlphabet.Symbols[CouponCheck.Compute(data)]);
    }

    /// <summary>Reads a code as a person typed it.</summary>
    /// <exception cref="CouponFormatException">The text is not a code, or its check character does not match.</exception>
    public static CouponCode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = TryParseCore(text, out var code);
        return error is null ? code : throw new CouponFormatException(error.Value);
    }

    /// <summary>Reads a code as a person typed it; false for anything that is not a code with a matching check character.</summary>
    public static bool TryParse(string? text, out CouponCode code)
    {
        if (text is null)
        {
            code = default;
            return false;
        }

        return TryParseCore(text, out code) is null;
    }

    /// <summary>Reads a code as a person typed it and says what is wrong when it is not one.</summary>
    /// <param name="text">The text as typed.</param>
    /// <param name="code">The code when the text is one; otherwise <c>default</c>.</param>
    /// <param name="error">What is wrong when the text is not a code; otherwise <see cref="CouponFormatError.Empty"/> and meaningless.</param>
    public static bool TryParse(string? text, out CouponCode code, out CouponFormatError error)
    {
        code = default;
        var result = text is null ? CouponFormatError.Empty : TryParseCore(text, out code);
        error = result ?? default;
        return result is null;
    }

    /// <summary>The code in groups of four for people: <c>XXXX-XXXX-XXXX-XXXX-C</c> (the check character alone at the end).</summary>
    /// <exception cref="InvalidOperationException">This is <c>default(CouponCode)</c>.</exception>
    public string ToDisplayString()
    {
        var symbols = Symbols;
        var data = symbols.AsSpan(0, symbols.Length - 1);
        var builder = new StringBuilder(symbols.Length + (symbols.Length / GroupSize) + 1);
        for (var i = 0; i < data.Length; i += GroupSize)
        {
            builder.Append(data.Slice(i, Math.Min(GroupSize, data.Length - i))).Append('-');
        }

        return builder.Append(symbols[^1]).ToString();
    }

    /// <summary>The code as one run of upper-case symbols with the check character last, for URLs, QR codes and hashing.</summary>
    /// <exception cref="InvalidOperationException">This is <c>default(CouponCode)</c>.</exception>
    public string ToCompactString() => Symbols;

    /// <inheritdoc />
    public bool Equals(CouponCode other) => string.Equals(_symbols, other._symbols, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CouponCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _symbols is null ? 0 : StringComparer.Ordinal.GetHashCode(_symbols);

    /// <inheritdoc />
    /// <remarks>Never the code (a bearer secret): only its length. Use <see cref="ToDisplayString"/> to show it.</remarks>
    public override string ToString() => IsDefault ? "CouponCode(none)" : $"CouponCode({Length} symbols, hidden)";

    /// <summary>Whether two codes are the same.</summary>
    public static bool operator ==(CouponCode left, CouponCode right) => left.Equals(right);

    /// <summary>Whether two codes differ.</summary>
    public static bool operator !=(CouponCode left, CouponCode right) => !left.Equals(right);

    private string Symbols => _symbols ?? throw new InvalidOperationException("default(CouponCode) holds no code.");

    private static CouponFormatError? TryParseCore(string text, out CouponCode code)
    {
        code = default;

        // NFKC folds full-width letters and digits (ＡＢ１２) to ASCII, as typed on a Japanese keyboard.
        var folded = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var raw in folded)
        {
            if (IsSeparator(raw))
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (CouponAlphabet.ValueOf(c) < 0)
            {
                return CouponFormatError.InvalidCharacter;
            }

            if (builder.Length > MaximumLength + 1)
            {
                return CouponFormatError.WrongLength;
            }

            builder.Append(c);
        }

        if (builder.Length == 0)
        {
            return CouponFormatError.Empty;
        }

        if (builder.Length < MinimumLength + 1 || builder.Length > MaximumLength + 1)
        {
            return CouponFormatError.WrongLength;
        }

        var symbols = builder.ToString();
        if (!CouponCheck.IsValid(symbols))
        {
            return CouponFormatError.WrongCheckCharacter;
        }

        code = new CouponCode(symbols);
        return null;
    }

    // Spaces, hyphens and the dashes a Japanese IME produces (NFKC has already folded the full-width ones).
    private static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || c is '-' or '‐' or '‑' or '‒' or '–' or '—' or '―' or 'ー' or '−';
}
