using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using B = LineGov.Jpki.Tests.Parsing.RawCertificateBuilder;

namespace LineGov.Jpki.Tests.Parsing;

/// <summary>
/// PEM given as bytes (what <see cref="JpkiCertificate.LoadAsync"/> reads from a file) must parse like the same PEM
/// given as a string. RFC 7468 §2: "Data before the encapsulation boundaries are permitted, and parsers MUST NOT
/// malfunction when processing such data." The platform loader is the oracle.
/// </summary>
public sealed class PemInputTests
{
    private static void ShouldParseLikeTheStringOverloadAndThePlatform(byte[] der, string text, Encoding encoding, byte[]? prefix = null)
    {
        byte[] bytes = [.. prefix ?? [], .. encoding.GetBytes(text)];

        using (var platform = X509CertificateLoader.LoadCertificate(bytes))
        {
            platform.RawData.ShouldBe(der);
        }

        JpkiCertificate.Parse(text).RawData.ToArray().ShouldBe(der);
        JpkiCertificate.Parse(bytes).RawData.ToArray().ShouldBe(der);
    }

    [Fact]
    public void Pem_bytes_with_only_the_block_parse()
    {
        var der = B.Signature().Build();

        ShouldParseLikeTheStringOverloadAndThePlatform(der, PemEncoding.WriteString("CERTIFICATE", der), Encoding.ASCII);
    }

    [Fact]
    public void Pem_bytes_with_explanatory_text_before_the_block_parse()
    {
        // The shape of `openssl x509 -text` output: a text dump, then the PEM block.
        var der = B.Signature().Build();
        var text = "Certificate:\n    Data:\n        Version: 3 (0x2)\n        Serial Number: 0x019a3c5e7011\n"
            + PemEncoding.WriteString("CERTIFICATE", der) + "\n";

        ShouldParseLikeTheStringOverloadAndThePlatform(der, text, Encoding.ASCII);
    }

    [Fact]
    public void Pem_bytes_with_a_utf8_byte_order_mark_parse()
    {
        // A PEM file saved by an editor that writes a UTF-8 BOM.
        var der = B.Signature().Build();

        ShouldParseLikeTheStringOverloadAndThePlatform(der, PemEncoding.WriteString("CERTIFICATE", der) + "\n", Encoding.ASCII, [0xEF, 0xBB, 0xBF]);
    }

    [Fact]
    public void Pem_bytes_with_non_ascii_explanatory_text_after_the_block_parse()
    {
        var der = B.Signature().Build();
        var text = PemEncoding.WriteString("CERTIFICATE", der) + "\n# 署名用電子証明書 (test)\n";

        ShouldParseLikeTheStringOverloadAndThePlatform(der, text, Encoding.UTF8);
    }

    [Fact]
    public async Task Load_async_reads_der_and_pem_files()
    {
        var der = B.Signature().Build();
        var derPath = Path.Combine(Path.GetTempPath(), $"linegov-parsing-{Guid.NewGuid():N}.cer");
        var pemPath = Path.ChangeExtension(derPath, ".pem");
        try
        {
            await File.WriteAllBytesAsync(derPath, der);
            await File.WriteAllTextAsync(pemPath, PemEncoding.WriteString("CERTIFICATE", der), Encoding.ASCII);

            (await JpkiCertificate.LoadAsync(derPath)).RawData.ToArray().ShouldBe(der);
            (await JpkiCertificate.LoadAsync(pemPath)).RawData.ToArray().ShouldBe(der);
        }
        finally
        {
            File.Delete(derPath);
            File.Delete(pemPath);
        }
    }
}
