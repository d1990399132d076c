using System.Security.Cryptography;
using System.Text;

namespace LineGov.Messaging.Webhooks;

/// <summary>
/// The <c>x-line-signature</c> of a webhook request: Base64(HMAC-SHA256(channel secret, raw body bytes)). Always
/// computed over the bytes exactly as received: decoding the body to a string and encoding it again changes
/// <c>\uD83E\uDD28</c>-style escapes and whitespace, and the signature no longer matches.
/// </summary>
public static class LineWebhookSignature
{
    /// <summary>The request header that carries the signature.</summary>
    public const string HeaderName = "x-line-signature";

    /// <summary>The length of an HMAC-SHA256 value in bytes.</summary>
    internal const int HashSize = HMACSHA256.HashSizeInBytes;

    /// <summary>The longest header accepted: Base64 of 32 bytes is 44 characters; anything much longer is not ours.</summary>
    private const int MaxHeaderLength = 64;

    /// <summary>Computes the signature LINE sends for <paramref name="body"/> (for emulators and tests).</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="channelSecret">The channel secret of the Messaging API channel.</param>
    /// <returns>The Base64 signature, as in the <c>x-line-signature</c> header.</returns>
    public static string Compute(ReadOnlySpan<byte> body, string channelSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelSecret);
        Span<byte> hash = stackalloc byte[HashSize];
        var key = Encoding.UTF8.GetBytes(channelSecret);
        try
        {
            HMACSHA256.HashData(key, body, hash);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is the signature of <paramref name="body"/> under
    /// <paramref name="channelSecret"/>, compared in constant time.
    /// </summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="signature">The <c>x-line-signature</c> header value.</param>
    /// <param name="channelSecret">The channel secret.</param>
    public static bool IsValid(ReadOnlySpan<byte> body, ReadOnlySpan<char> signature, string channelSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelSecret);
        var key = Encoding.UTF8.GetBytes(channelSecret);
        try
        {
            return IsValid(body, signature, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The allocation-free check: HMAC into a stack buffer, the header decoded into another, compared in constant time.</summary>
    internal static bool IsValid(ReadOnlySpan<byte> body, ReadOnlySpan<char> signature, ReadOnlySpan<byte> key)
    {
        signature = signature.Trim();
        if (signature.IsEmpty || signature.Length > MaxHeaderLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HashSize];
        Span<byte> received = stackalloc byte[MaxHeaderLength];
        if (!Convert.TryFromBase64Chars(signature, received, out var written) || written != HashSize)
        {
            return false;
        }

        HMACSHA256.HashData(key, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, received[..HashSize]);
    }
}
