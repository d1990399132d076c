using System.Security.Cryptography;
using System.Text;

namespace LineGov.Payouts.Coupons;

/// <summary>
/// The two keyed operations that keep codes out of the store: a lookup hash (HMAC-SHA256) and the code encrypted with
/// AES-256-GCM, both under keys derived with HKDF from the book's one secret.
/// </summary>
internal sealed class CouponCodeProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _lookupKey = new byte[32];
    private readonly byte[] _encryptionKey = new byte[32];

    internal CouponCodeProtector(ReadOnlySpan<byte> secret)
    {
        // Separate keys for separate jobs: knowing one derived key tells nothing about the other.
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, _lookupKey, salt: default, info: "LineGov.Payouts.Coupons/lookup/v1"u8);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, _encryptionKey, salt: default, info: "LineGov.Payouts.Coupons/encryption/v1"u8);
    }

    /// <summary>The lookup hash of a code: lower-case hex of HMAC-SHA256 over the compact code (check character included).</summary>
    internal string Hash(CouponCode code) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_lookupKey, Encoding.ASCII.GetBytes(code.ToCompactString())));

    /// <summary>The code encrypted and bound to the coupon id: version (1) | nonce (12) | tag (16) | ciphertext.</summary>
    internal byte[] Protect(CouponCode code, string couponId)
    {
        var plaintext = Encoding.ASCII.GetBytes(code.ToCompactString());
        var blob = new byte[1 + NonceSize + TagSize + plaintext.Length];
        blob[0] = FormatVersion;
        var nonce = blob.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(1 + NonceSize + TagSize), blob.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(couponId));
        return blob;
    }

    /// <summary>Decrypts a protected code; false when it was not made by this key for this coupon.</summary>
    internal bool TryUnprotect(ReadOnlySpan<byte> blob, string couponId, out CouponCode code)
    {
        code = default;
        if (blob.Length <= 1 + NonceSize + TagSize || blob[0] != FormatVersion)
        {
            return false;
        }

        var plaintext = new byte[blob.Length - 1 - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_encryptionKey, TagSize);
            aes.Decrypt(blob.Slice(1, NonceSize), blob[(1 + NonceSize + TagSize)..], blob.Slice(1 + NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(couponId));
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        return CouponCode.TryParse(Encoding.ASCII.GetString(plaintext), out code);
    }
}
