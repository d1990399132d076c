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
                result.AddRange(ReadAll(ReadBounded(file)));
            }
            catch (JpkiFormatException e)
            {
                throw new JpkiFormatException("trustAnchor", $"'{Path.GetFileName(file)}' is not a well-formed certificate.", e);
            }
        }

        return result;
    }

    private static byte[] ReadBounded(string file)
    {
        using var stream = File.OpenRead(file);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > JpkiCertificate.MaxEncodedLength)
            {
                throw new JpkiFormatException("certificate", $"The file is larger than {JpkiCertificate.MaxEncodedLength} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
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

    public static List<JpkiCertificate> ReadAll(ReadOnlySpan<byte> bytes) =>
        Pem.LooksLikePem(bytes) ? Pem.DecodeAll(bytes).ConvertAll(CertificateParser.Parse) : [JpkiCertificate.Parse(bytes)];
}
