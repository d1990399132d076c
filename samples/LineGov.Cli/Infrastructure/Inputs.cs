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
    /// Every certificate of a file: one DER certificate, or a PEM file with one or more
    /// <c>-----BEGIN CERTIFICATE-----</c> blocks (a bundle).
    /// </summary>
    public static async Task<List<JpkiCertificate>> ReadCertificatesAsync(string path, string what, CancellationToken cancellationToken)
    {
        var bytes = await ReadFileAsync(path, what, 16L * JpkiCertificate.MaxEncodedLength, cancellationToken);
        if (bytes.Length > 0 && bytes[0] == 0x30)
        {
            return [ParseCertificate(bytes, path, what)];
        }

        var text = Encoding.UTF8.GetString(bytes);
        var certificates = new List<JpkiCertificate>();
        var position = 0;
        while (position < text.Length && PemEncoding.TryFind(text.AsSpan(position), out var fields))
        {
            var label = text.AsSpan(position)[fields.Label];
            if (label.SequenceEqual("CERTIFICATE"))
            {
                byte[] der;
                try
                {
                    der = Convert.FromBase64String(text.Substring(position + fields.Base64Data.Start.Value, fields.Base64Data.End.Value - fields.Base64Data.Start.Value));
                }
                catch (FormatException e)
                {
                    throw new InputException($"{what} '{path}' has a PEM block that is not Base64.", e);
                }

                certificates.Add(ParseCertificate(der, path, what));
            }

            position += fields.Location.End.Value;
        }

        if (certificates.Count == 0)
        {
            throw new InputException($"{what} '{path}' is not a readable X.509 certificate (DER, or PEM with '-----BEGIN CERTIFICATE-----').");
        }

        return certificates;
    }

    /// <summary>
    /// A CRL file (DER or PEM <c>-----BEGIN X509 CRL-----</c>), read streaming: a JPKI CRL can hold millions of entries.
    /// </summary>
    public static async Task<JpkiCrl> ReadCrlAsync(string path, string what, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new InputException($"{what} '{path}' is a folder, not a file.");
        }

        if (!File.Exists(path))
        {
            throw new InputException($"{what} '{path}' does not exist.");
        }

        try
        {
            return await JpkiCrl.LoadAsync(path, JpkiCrl.DefaultMaxLength, cancellationToken);
        }
        catch (JpkiFormatException e)
        {
            throw new InputException($"{what} '{path}' is not a readable CRL (DER or PEM '-----BEGIN X509 CRL-----'): {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read {what} '{path}': {e.Message}", e);
        }
    }

    /// <summary>The CRL files of a folder (<c>.crl</c>, <c>.der</c>, <c>.pem</c>), in name order: what <see cref="JpkiCrlFolderSource"/> reads.</summary>
    public static List<string> CrlFilesIn(string folder) =>
        [.. Directory.EnumerateFiles(folder).Where(f => Path.GetExtension(f).ToUpperInvariant() is ".CRL" or ".DER" or ".PEM").Order(StringComparer.Ordinal)];

    /// <summary>An http or https URL given on the command line.</summary>
    public static Uri ParseHttpUrl(string value, string optionName)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"{optionName} '{Shorten(value)}' is not an http:// or https:// URL.");
        }

        return uri;
    }

    private static JpkiCertificate ParseCertificate(byte[] der, string path, string what)
    {
        if (!JpkiCertificate.TryParse(der, out var certificate, out var error))
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
