using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LineGov.Jpki;

namespace LineGov.Cli.Infrastructure;

/// <summary>Reads the files and values a command line names, turning every problem into a one-line <see cref="InputException"/> or <see cref="UsageException"/>.</summary>
internal static class Inputs
{
    /// <summary>The largest signature file read (a CMS message with a few certificates is a few KB).</summary>
    public const int MaxSignatureLength = 1 << 20;

    /// <summary>The largest signed file read into memory.</summary>
    public const long MaxDataLength = 1L << 30;

    public static async Task<byte[]> ReadFileAsync(string path, string what, long maxLength, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new InputException($"{what} '{path}' is a folder, not a file.");
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new InputException($"{what} '{path}' does not exist.");
        }

        if (info.Length > maxLength)
        {
            throw new InputException($"{what} '{path}' is larger than {maxLength:N0} bytes; is it the right file?");
        }

        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read {what} '{path}': {e.Message}", e);
        }
    }

    public static async Task<JpkiCertificate> ReadCertificateAsync(string path, string what, CancellationToken cancellationToken)
    {
        var bytes = await ReadFileAsync(path, what, JpkiCertificate.MaxEncodedLength, cancellationToken);
        if (!JpkiCertificate.TryParse(bytes, out var certificate, out var error))
        {
            throw new InputException($"{what} '{path}' is not a readable X.509 certificate (DER or PEM): {error.Message}", error);
        }

        return certificate;
    }

    /// <summary>
    /// A signature file as bytes: binary (DER or the raw RSA value), PEM (<c>-----BEGIN PKCS7-----</c>, <c>CMS</c>…), or
    /// Base64 text as phone apps often hand it over.
    /// </summary>
    public static byte[] DecodeSignature(byte[] bytes, string path)
    {
        var trimmed = bytes.AsSpan().Trim(" \t\r\n"u8);
        if (trimmed.Length == 0)
        {
            throw new InputException($"the signature file '{path}' is empty.");
        }

        if (!Ascii.IsValid(trimmed))
        {
            return bytes;
        }

        var text = Encoding.ASCII.GetString(trimmed);
        if (text.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            if (!PemEncoding.TryFind(text, out var fields))
            {
                throw new InputException($"the signature file '{path}' looks like PEM but has no complete '-----BEGIN …-----' / '-----END …-----' block.");
            }

            return Convert.FromBase64String(text[fields.Base64Data]);
        }

        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        if (compact.Length % 4 == 0 && compact.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
        {
            try
            {
                return Convert.FromBase64String(compact);
            }
            catch (FormatException)
            {
                // Not Base64 after all: take the bytes as they are.
            }
        }

        return bytes;
    }

    /// <summary>
    /// An instant: <c>2030-04-01</c> (midnight UTC), <c>2030-04-01T09:00:00+09:00</c>, <c>2030-04-01T00:00:00Z</c>;
    /// without an offset the time is UTC.
    /// </summary>
    public static DateTimeOffset ParseInstant(string value, string optionName)
    {
        var trimmed = value.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (trimmed.Length >= 16 && trimmed[4] == '-' && trimmed[7] == '-' && trimmed[10] is 'T' or 't' or ' ' &&
            DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        throw new UsageException($"{optionName} '{value}' is not an ISO 8601 date or instant (for example 2030-04-01 or 2030-04-01T09:00:00+09:00).");
    }

    /// <summary>A SHA-256 digest written as 64 hexadecimal characters.</summary>
    public static byte[] ParseSha256Hex(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length != SHA256.HashSizeInBytes * 2 || !trimmed.All(char.IsAsciiHexDigit))
        {
            throw new UsageException($"--digest must be a SHA-256 digest written as 64 hexadecimal characters; '{Shorten(value)}' has {trimmed.Length} characters{(trimmed.All(char.IsAsciiHexDigit) ? string.Empty : " and is not all hexadecimal")}.");
        }

        return Convert.FromHexString(trimmed);
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
