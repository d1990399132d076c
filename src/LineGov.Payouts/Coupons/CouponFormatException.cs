namespace LineGov.Payouts.Coupons;

/// <summary>Why a text is not a coupon code.</summary>
public enum CouponFormatError
{
    /// <summary>Nothing but spaces and hyphens.</summary>
    Empty,

    /// <summary>A character that is not in the code alphabet (nor a look-alike of one, a space or a hyphen).</summary>
    InvalidCharacter,

    /// <summary>Too few or too many symbols.</summary>
    WrongLength,

    /// <summary>The check character does not match: a symbol was mistyped or two were swapped.</summary>
    WrongCheckCharacter,
}

/// <summary>
/// A text that is not a coupon code. The message says what is wrong (<see cref="Error"/>) and never contains the text
/// itself: a coupon code is a bearer secret, and a near-miss of one is almost as good.
/// </summary>
public class CouponFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public CouponFormatException()
        : this(CouponFormatError.InvalidCharacter)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CouponFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CouponFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an error, with a message that describes it.</summary>
    public CouponFormatException(CouponFormatError error)
        : base(Describe(error))
    {
        Error = error;
    }

    /// <summary>What is wrong with the text.</summary>
    public CouponFormatError Error { get; }

    internal static string Describe(CouponFormatError error) => error switch
    {
        CouponFormatError.Empty => "The coupon code is empty.",
        CouponFormatError.InvalidCharacter => "The coupon code contains a character that is not a letter or digit of the code alphabet.",
        CouponFormatError.WrongLength => "The coupon code has too few or too many characters.",
        CouponFormatError.WrongCheckCharacter => "The coupon code's check character does not match: a character was mistyped or two were swapped.",
        _ => "The text is not a coupon code.",
    };
}
