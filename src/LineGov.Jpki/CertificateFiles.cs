using System.Security.Cryptography;
using System.Text;

namespace LineGov.Jpki;

/// <summary>Reads every certificate of a DER file or of a PEM file with one or more blocks.</summary>
internal static class CertificateFiles
{
    /// <summary>Reads a certificate file, or every .pem/.crt/.cer/.der file of a folder.</summary>
    public static List<JpkiCertificate> ReadPath(string path)
    {
        var result = new List<JpkiCertificate>();
        foreach (var file in FilesOf(path))
        {
            try
            {
                result.AddRange(ReadAll(File.ReadAllBytes(file)));
            }
            catch (JpkiFormatException e)
            {
                throw new JpkiFormatException("trustAnchor", $"'{Path.GetFileName(file)}' is not a well-formed certificate.", e);
            }
        }

        return result;
    }

    /// <summary>The certificate files a path names: itself, or the certificate files of a folder in name order.</summary>
    public static List<string> FilesOf(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path)
                .Where(f => Path.GetExtension(f).ToUpperInvariant() is ".PEM" or ".CRT" or ".CER" or ".DER")
                .Order(StringComparer.Ordinal)
                .ToList();
        }

        return File.Exists(path) ? [path] : throw new FileNotFoundException("The certificate path does not exist.", path);
    }

    public static List<JpkiCertificate> ReadAll(ReadOnlySpan<byte> bytes)
    {
        if (!Pem.LooksLikePem(bytes))
        {
            return [JpkiCertificate.Parse(bytes)];
        }

        if (!Ascii.IsValid(bytes))
        {
            throw new JpkiFormatException("pem", "PEM text must be ASCII.");
        }

        var text = Encoding.ASCII.GetString(bytes).AsSpan();
        var result = new List<JpkiCertificate>();
        while (PemEncoding.TryFind(text, out var fields))
        {
            if (text[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                byte[] der;
                try
                {
                    der = Convert.FromBase64String(text[fields.Base64Data].ToString());
                }
                catch (FormatException e)
                {
                    throw new JpkiFormatException("pem", "The PEM body is not valid Base64.", e);
                }

                result.Add(JpkiCertificate.Parse(der));
            }

            text = text[fields.Location.End..];
        }

        if (result.Count == 0)
        {
            throw new JpkiFormatException("pem", "No '-----BEGIN CERTIFICATE-----' block was found.");
        }

        return result;
    }
}
