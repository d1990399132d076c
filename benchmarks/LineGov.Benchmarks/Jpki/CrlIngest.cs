using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using LineGov.Jpki;
using Org.BouncyCastle.X509;

namespace LineGov.Benchmarks.Jpki;

/// <summary>
/// Parse + verify + index a CRL of 1,000,000 entries (shaped like a JPKI signature CRL: random 16-byte serials,
/// reason codes on most entries). Baseline: Portable.BouncyCastle 1.8.10's X509CrlParser + Verify + a HashSet of
/// the serials. LineGov: JpkiCrl.LoadAsync (streaming, TBS hashed in passing) + IsSignatureValid.
/// </summary>
[MemoryDiagnoser]
public class CrlIngest
{
    private byte[] _crl = null!;
    private byte[] _issuer = null!;
    private JpkiCertificate _jpkiIssuer = null!;
    private Org.BouncyCastle.Crypto.AsymmetricKeyParameter _bcKey = null!;

    [Params(1_000_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_crl, _issuer) = LargeCrl.LoadOrCreate(Entries);
        _jpkiIssuer = JpkiCertificate.Parse(_issuer);
        _bcKey = new X509CertificateParser().ReadCertificate(_issuer).GetPublicKey();
        if (!LineGov().GetAwaiter().GetResult() || BouncyCastle() != Entries)
        {
            throw new InvalidOperationException("The rows disagree on the corpus.");
        }
    }

    [Benchmark(Baseline = true, Description = "BouncyCastle parse + Verify + HashSet")]
    public int BouncyCastle()
    {
        var crl = new X509CrlParser().ReadCrl(_crl);
        crl.Verify(_bcKey);
        var serials = new HashSet<Org.BouncyCastle.Math.BigInteger>();
        foreach (X509CrlEntry entry in crl.GetRevokedCertificates())
        {
            serials.Add(entry.SerialNumber);
        }

        return serials.Count;
    }

    [Benchmark(Description = "LineGov stream + verify + index")]
    public async Task<bool> LineGov()
    {
        using var stream = new MemoryStream(_crl, writable: false);
        var crl = await JpkiCrl.LoadAsync(stream);
        return crl.Count == Entries && crl.IsSignatureValid(_jpkiIssuer);
    }
}

/// <summary>A signed CRL of N entries and its issuer, generated once and cached under the temp folder.</summary>
public static class LargeCrl
{
    private static readonly X509RevocationReason[] Reasons =
        [X509RevocationReason.KeyCompromise, X509RevocationReason.AffiliationChanged, X509RevocationReason.Superseded, X509RevocationReason.CessationOfOperation];

    public static (byte[] Crl, byte[] Issuer) LoadOrCreate(int entries)
    {
        var folder = Path.Combine(Path.GetTempPath(), "linegov-benchmarks");
        var crlPath = Path.Combine(folder, $"crl-{entries}.der");
        var issuerPath = Path.Combine(folder, $"crl-{entries}-issuer.der");
        if (File.Exists(crlPath) && File.Exists(issuerPath))
        {
            return (File.ReadAllBytes(crlPath), File.ReadAllBytes(issuerPath));
        }

        Directory.CreateDirectory(folder);
        var (crl, issuer) = Create(entries);
        File.WriteAllBytes(issuerPath + ".tmp", issuer);
        File.WriteAllBytes(crlPath + ".tmp", crl);
        File.Move(issuerPath + ".tmp", issuerPath, overwrite: true);
        File.Move(crlPath + ".tmp", crlPath, overwrite: true);
        return (crl, issuer);
    }

    public static (byte[] Crl, byte[] Issuer) Create(int entries, int seed = 20261122)
    {
        using var key = RSA.Create(2048);
        var now = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var request = new CertificateRequest("C=JP, O=JPKI, OU=LineGov TEST JPKI for digital signature", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var issuer = request.CreateSelfSigned(now.AddYears(-1), now.AddYears(5));

        var random = new Random(seed);
        var tbs = new AsnWriter(AsnEncodingRules.DER, initialCapacity: entries * 48);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1);
            WriteAlgorithm(tbs);
            tbs.WriteEncodedValue(issuer.SubjectName.RawData);
            tbs.WriteUtcTime(now);
            tbs.WriteUtcTime(now.AddDays(1));
            using (tbs.PushSequence())
            {
                Span<byte> serial = stackalloc byte[16];
                for (var i = 0; i < entries; i++)
                {
                    random.NextBytes(serial);
                    serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
                    using (tbs.PushSequence())
                    {
                        tbs.WriteIntegerUnsigned(serial);
                        tbs.WriteUtcTime(now.AddSeconds(-random.Next(0, 5 * 365 * 86400)));
                        if (random.Next(4) != 0)
                        {
                            using (tbs.PushSequence())
                            {
                                using (tbs.PushSequence())
                                {
                                    tbs.WriteObjectIdentifier("2.5.29.21");
                                    var reason = new AsnWriter(AsnEncodingRules.DER);
                                    reason.WriteEnumeratedValue(Reasons[random.Next(Reasons.Length)]);
                                    tbs.WriteOctetString(reason.Encode());
                                }
                            }
                        }
                    }
                }
            }
        }

        var tbsBytes = tbs.Encode();
        var signature = key.SignData(tbsBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var crl = new AsnWriter(AsnEncodingRules.DER, initialCapacity: tbsBytes.Length + 512);
        using (crl.PushSequence())
        {
            crl.WriteEncodedValue(tbsBytes);
            WriteAlgorithm(crl);
            crl.WriteBitString(signature);
        }

        return (crl.Encode(), issuer.RawData);
    }

    private static void WriteAlgorithm(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.113549.1.1.11");
            writer.WriteNull();
        }
    }
}
