using LineGov.Eligibility;
using System.Security.Cryptography;
using System.Text;

namespace LineGov.Payouts.CashCodes;

/// <summary>Why a text is not a cash code.</summary>
public enum CashCodeFormatError
{
    /// <summary>Nothing but spaces and hyphens.</summary>
    Empty,

    /// <summary>A character that is not a digit, a space or a hyphen.</summary>
    InvalidCharacter,

    /// <summary>Too few or too many digits.</summary>
    WrongLength,

    /// <summary>The check digit does not match: a digit was mistyped or two were swapped.</summary>
    WrongCheckDigit,
}

/// <summary>A text that is not a cash code. The message says what is wrong and never contains the text (a bearer secret).</summary>
public class CashCodeFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public CashCodeFormatException()
        : this(CashCodeFormatError.InvalidCharacter)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CashCodeFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CashCodeFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an error, with a message that describes it.</summary>
    public CashCodeFormatException(CashCodeFormatError error)
        : base(error switch
        {
            CashCodeFormatError.Empty => "The cash code is empty.",
            CashCodeFormatError.InvalidCharacter => "The cash code contains a character that is not a digit.",
            CashCodeFormatError.WrongLength => $"The cash code must have {CashCode.MinimumDigits} to {CashCode.MaximumDigits} digits.",
            CashCodeFormatError.WrongCheckDigit => "The cash code's check digit does not match: a digit was mistyped or two were swapped.",
            _ => "The text is not a cash code.",
        })
    {
        Error = error;
    }

    /// <summary>What is wrong with the text.</summary>
    public CashCodeFormatError Error { get; }
}

/// <summary>
/// An ATM / cash-receipt code (受取番号): random decimal digits and a Damm check digit, typed at an ATM or shown at a
/// counter to receive cash. 12 to 16 digits in all, the last being the check digit.
/// </summary>
/// <remarks>
/// <para>
/// A bearer secret: <see cref="ToString"/> never shows it; use <see cref="ToDisplayString"/> or <see cref="ToCompactString"/>.
/// </para>
/// <para>
/// Numeric codes carry fewer bits than coupon codes (15 random digits ≈ 50 bits, 11 ≈ 36 bits), so they rely on what
/// the ATM network adds: a short validity, a limit on wrong attempts, and usually a second factor (a PIN or the
/// resident's phone number). The Damm check digit catches every single mistyped digit and every swap of two adjacent
/// digits, which Luhn's does not (09 ↔ 90).
/// </para>
/// </remarks>
public readonly struct CashCode : IEquatable<CashCode>
{
    /// <summary>The fewest digits a code has, check digit included.</summary>
    public const int MinimumDigits = 12;

    /// <summary>The most digits a code has, check digit included.</summary>
    public const int MaximumDigits = 16;

    private readonly string? _digits;

    private CashCode(string digits) => _digits = digits;

    /// <summary>The number of digits, check digit included; 0 for <c>default</c>.</summary>
    public int Length => _digits?.Length ?? 0;

    /// <summary>Whether this is <c>default(CashCode)</c>, which holds no code.</summary>
    public bool IsDefault => _digits is null;

    /// <summary>Draws a new code from <see cref="RandomNumberGenerator"/>.</summary>
    /// <param name="digits">The number of digits, check digit included: <see cref="MinimumDigits"/> to <see cref="MaximumDigits"/>.</param>
    public static CashCode Generate(int digits = MaximumDigits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, MinimumDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, MaximumDigits);
        var data = RandomNumberGenerator.GetString("0123456789", digits - 1);
        return new CashCode(data + (char)('0' + DammCheck.Compute(data)));
    }

    /// <summary>Reads a code as a person typed it: spaces, hyphens and full-width digits are accepted.</summary>
    /// <exception cref="CashCodeFormatException">The text is not a code, or its check digit does not match.</exception>
    public static CashCode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = TryParseCore(text, out var code);
        return error is null ? code : throw new CashCodeFormatException(error.Value);
    }

    /// <summary>Reads a code as a person typed it; false for anything that is not a code with a matching check digit.</summary>
    public static bool TryParse(string? text, out CashCode code)
    {
        code = default;
        return text is not null && TryParseCore(text, out code) is null;
    }

    /// <summary>Reads a code as a person typed it and says what is wrong when it is not one.</summary>
    /// <param name="text">The text as typed.</param>
    /// <param name="code">The code when the text is one; otherwise <c>default</c>.</param>
    /// <param name="error">What is wrong when the text is not a code; otherwise meaningless.</param>
    public static bool TryParse(string? text, out CashCode code, out CashCodeFormatError error)
    {
        code = default;
        var result = text is null ? CashCodeFormatError.Empty : TryParseCore(text, out code);
        error = result ?? default;
        return result is null;
    }

    /// <summary>The code in groups of four digits separated by spaces, for people (<c>1234 5678 9012 3456</c>).</summary>
    /// <exception cref="InvalidOperationException">This is <c>default(CashCode)</c>.</exception>
    public string ToDisplayString()
    {
        var digits = Digits;
        var builder = new StringBuilder(digits.Length + (digits.Length / 4));
        for (var i = 0; i < digits.Length; i += 4)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(digits.AsSpan(i, Math.Min(4, digits.Length - i)));
        }

        return builder.ToString();
    }

    /// <summary>The digits without separators, check digit last (for ATM networks and barcodes).</summary>
    /// <exception cref="InvalidOperationException">This is <c>default(CashCode)</c>.</exception>
    public string ToCompactString() => Digits;

    /// <inheritdoc />
    public bool Equals(CashCode other) => string.Equals(_digits, other._digits, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CashCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _digits is null ? 0 : StringComparer.Ordinal.GetHashCode(_digits);

    /// <inheritdoc />
    /// <remarks>Never the code (a bearer secret): only its length.</remarks>
    public override string ToString() => IsDefault ? "CashCode(none)" : $"CashCode({Length} digits, hidden)";

    /// <summary>Whether two codes are the same.</summary>
    public static bool operator ==(CashCode left, CashCode right) => left.Equals(right);

    /// <summary>Whether two codes differ.</summary>
    public static bool operator !=(CashCode left, CashCode right) => !left.Equals(right);

    private string Digits => _digits ?? throw new InvalidOperationException("default(CashCode) holds no code.");

    private static CashCodeFormatError? TryParseCore(string text, out CashCode code)
    {
        code = default;
        var builder = new StringBuilder(MaximumDigits);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c is '-' or '－' or '‐' or 'ー' or '−')
            {
                continue;
            }

            // Full-width digits (０-９) as a Japanese IME types them.
            var digit = c is >= '0' and <= '9' ? c : c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : '\0';
            if (digit == '\0')
            {
                return CashCodeFormatError.InvalidCharacter;
            }

            if (builder.Length == MaximumDigits)
            {
                return CashCodeFormatError.WrongLength;
            }

            builder.Append(digit);
        }

        if (builder.Length == 0)
        {
            return CashCodeFormatError.Empty;
        }

        if (builder.Length < MinimumDigits)
        {
            return CashCodeFormatError.WrongLength;
        }

        var digits = builder.ToString();
        if (!DammCheck.IsValid(digits))
        {
            return CashCodeFormatError.WrongCheckDigit;
        }

        code = new CashCode(digits);
        return null;
    }
}

/// <summary>
/// H. Michael Damm's check digit, as LineGov.Eligibility already computes it for program keys
/// (<see cref="CheckDigits"/>): it catches every single-digit error and every adjacent transposition.
/// </summary>
internal static class DammCheck
{
    /// <summary>The check digit (0..9) of ASCII digits.</summary>
    internal static int Compute(ReadOnlySpan<char> digits) => CheckDigits.Compute(digits.ToString(), CheckDigitScheme.Damm) - '0';

    /// <summary>Whether ASCII digits ending in their check digit check out.</summary>
    internal static bool IsValid(ReadOnlySpan<char> digitsAndCheck) =>
        digitsAndCheck.Length > 0 && CheckDigits.IsValid(digitsAndCheck.ToString(), CheckDigitScheme.Damm);
}
