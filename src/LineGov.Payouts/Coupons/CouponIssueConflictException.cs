namespace LineGov.Payouts.Coupons;

/// <summary>
/// An issue key that already belongs to a coupon for another program, beneficiary or face value: the same request must
/// carry the same content, so this is a caller's bug, and retrying does not help. The message names the existing
/// coupon's id only.
/// </summary>
public class CouponIssueConflictException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public CouponIssueConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CouponIssueConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CouponIssueConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
