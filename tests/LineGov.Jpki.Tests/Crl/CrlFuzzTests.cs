using System.Diagnostics;
using LineGov.Jpki.Tests.Conformance;

namespace LineGov.Jpki.Tests.Crl;

/// <summary>Mutated CRLs (bit flips, truncation, length changes, insertions) give a CRL or a JpkiFormatException: nothing else, never a hang.</summary>
public sealed class CrlFuzzTests
{
    private static readonly string[] Seeds =
    [
        "GoodCACRL", "deltaCRLCA1deltaCRL", "indirectCRLCA5CRL", "onlySomeReasonsCA1compromiseCRL",
        "distributionPoint2CACRL", "LongSerialNumberCACRL", "UnknownCRLEntryExtensionCACRL", "DSACACRL",
    ];

    [Fact]
    public async Task Ten_thousand_mutated_crls_give_only_typed_errors()
    {
        var originals = Seeds.Select(name => File.ReadAllBytes(Path.Combine(PkitsSuite.Directory, "crls", name + ".crl"))).ToArray();
        var issuer = JpkiCertificate.Parse(File.ReadAllBytes(Path.Combine(PkitsSuite.Directory, "certs", "GoodCACert.crt")));
        var random = new Random(20261122);
        var parsed = 0;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 10_000; i++)
        {
            var original = originals[i % originals.Length];
            var mutated = Mutate(original, random, out var kind);
            try
            {
                var crl = i % 10 == 0
                    ? await JpkiCrl.LoadAsync(new CrlParserTests.ChunkedStream(mutated, 1 + (i % 13)))
                    : JpkiCrl.Parse(mutated);
                parsed++;
                Exercise(crl, issuer);
            }
            catch (JpkiFormatException)
            {
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Iteration {i} ({kind}) escaped with {e.GetType().Name}.", e);
            }
        }

        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
        parsed.ShouldBeGreaterThan(100);
    }

    private static void Exercise(JpkiCrl crl, JpkiCertificate issuer)
    {
        _ = crl.ToString();
        _ = crl.IsSignatureValid(issuer);
        _ = crl.IssuingDistributionPoint?.ToString();
        _ = crl.IssuingDistributionPoint?.OnlySomeReasons;
        _ = crl.SignatureAlgorithmOid;
        _ = crl.Issuer;
        crl.TryFind([0x01], out _);
        foreach (var entry in crl.Entries.Take(5))
        {
            _ = entry.ToString();
            crl.TryFind(Convert.FromHexString(entry.SerialNumber), out _).ShouldBeTrue();
        }
    }

    private static byte[] Mutate(byte[] original, Random random, out string kind)
    {
        var data = original.ToArray();
        switch (random.Next(5))
        {
            case 0:
                kind = "bit flip";
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                }

                return data;
            case 1:
                kind = "truncation";
                return data[..random.Next(data.Length)];
            case 2:
                kind = "length byte";
                var at = random.Next(data.Length);
                data[at] = (byte)(random.Next(4) switch { 0 => 0x80, 1 => 0x84, 2 => 0xFF, _ => random.Next(256) });
                return data;
            case 3:
                kind = "insertion";
                var position = random.Next(data.Length);
                return [.. data[..position], (byte)random.Next(256), .. data[position..]];
            default:
                kind = "duplication";
                var start = random.Next(data.Length);
                var length = random.Next(1, Math.Min(64, data.Length - start) + 1);
                return [.. data[..(start + length)], .. data[start..(start + length)], .. data[(start + length)..]];
        }
    }
}
