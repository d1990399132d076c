using System.Security.Cryptography;

namespace LineGov.Payouts.Coupons;

/// <summary>Options of <see cref="CouponBook"/>.</summary>
public sealed class CouponBookOptions
{
    /// <summary>The fewest bytes <see cref="SecretKey"/> must decode to.</summary>
    public const int MinimumSecretKeyBytes = 32;

    /// <summary>
    /// The book's secret key, Base64 of at least 32 random bytes (make one with <see cref="CreateSecretKey"/>); required.
    /// Keep it out of the database (a key vault, an environment variable): with the key and the database together, the
    /// codes can be decrypted; with either alone, they cannot. Changing it makes every stored coupon unfindable.
    /// </summary>
    public string? SecretKey { get; set; }

    /// <summary>How long a coupon stays redeemable when the issuer names no expiry. Default 180 days.</summary>
    public TimeSpan ValidityPeriod { get; set; } = TimeSpan.FromDays(180);

    /// <summary>
    /// The number of random symbols of a new code, <see cref="CouponCode.MinimumLength"/> (80 bits, the default) to
    /// <see cref="CouponCode.MaximumLength"/>.
    /// </summary>
    public int CodeLength { get; set; } = CouponCode.DefaultLength;

    /// <summary>A new random secret key (32 bytes from <see cref="RandomNumberGenerator"/>, Base64) for <see cref="SecretKey"/>.</summary>
    public static string CreateSecretKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumSecretKeyBytes));

    /// <summary>The decoded secret key, or an <see cref="ArgumentException"/> naming the option at fault.</summary>
    internal byte[] Validate()
    {
        if (ValidityPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException("CouponBookOptions.ValidityPeriod must be positive.", nameof(ValidityPeriod));
        }

        if (CodeLength is < CouponCode.MinimumLength or > CouponCode.MaximumLength)
        {
            throw new ArgumentException(
                $"CouponBookOptions.CodeLength must be {CouponCode.MinimumLength} to {CouponCode.MaximumLength}.", nameof(CodeLength));
        }

        if (string.IsNullOrWhiteSpace(SecretKey))
        {
            throw new ArgumentException("CouponBookOptions.SecretKey is required (Base64 of at least 32 random bytes).", nameof(SecretKey));
        }

        var secret = new byte[SecretKey.Length];
        if (!Convert.TryFromBase64String(SecretKey, secret, out var written) || written < MinimumSecretKeyBytes)
        {
            // The message must not echo the key.
            throw new ArgumentException("CouponBookOptions.SecretKey must be Base64 of at least 32 bytes.", nameof(SecretKey));
        }

        return secret[..written];
    }
}
