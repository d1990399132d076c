using LineGov.Jpki.Tests.Conformance;
using Org.BouncyCastle.X509;

namespace LineGov.Jpki.Tests.Crl;

public sealed class CrlParserTests
{
    public static TheoryData<string> PkitsCrls => new(Directory.EnumerateFiles(Path.Combine(PkitsSuite.Directory, "crls")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    /// <summary>Every PKITS CRL reads the same as with BouncyCastle, an independent parser.</summary>
    [Theory]
    [MemberData(nameof(PkitsCrls))]
    public async Task Pkits_crl_reads_as_bouncy_castle_reads_it(string file)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(PkitsSuite.Directory, "crls", file));
        var oracle = new X509CrlParser().ReadCrl(bytes);

        var crl = JpkiCrl.Parse(bytes);
        await using var stream = new ChunkedStream(bytes, 7);
        var streamed = await JpkiCrl.LoadAsync(stream);

        var revoked = oracle.GetRevokedCertificates();
        crl.Count.ShouldBe(revoked?.Count ?? 0);
        streamed.Count.ShouldBe(crl.Count);
        crl.ThisUpdate.ShouldBe(new DateTimeOffset(oracle.ThisUpdate, TimeSpan.Zero));
        crl.NextUpdate.ShouldBe(oracle.NextUpdate?.Value is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null);
        crl.IssuerName.RawData.ShouldBe(oracle.IssuerDN.GetDerEncoded());
        if (revoked is not null)
        {
            foreach (X509CrlEntry entry in revoked)
            {
                var serial = entry.SerialNumber.ToByteArray();
                crl.TryFind(serial, out var found).ShouldBeTrue();
                found.RevocationDate.ShouldBe(new DateTimeOffset(entry.RevocationDate, TimeSpan.Zero));
                streamed.TryFind(serial, out _).ShouldBeTrue();
            }
        }
    }

    [Fact]
    public void Pkits_crl_signatures_verify_with_their_issuers_and_not_with_others()
    {
        var certificates = Directory.EnumerateFiles(Path.Combine(PkitsSuite.Directory, "certs"))
            .Select(f => JpkiCertificate.Parse(File.ReadAllBytes(f)))
            .Where(c => c.IsCertificateAuthority == true || c.KeyUsage is { } usage && usage.HasFlag(System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.CrlSign))
            .ToList();
        var verified = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(PkitsSuite.Directory, "crls")))
        {
            var crl = JpkiCrl.Parse(File.ReadAllBytes(file));
            var issuers = certificates.Where(c => c.SubjectName.RawData.AsSpan().SequenceEqual(crl.IssuerName.RawData)).ToList();
            if (issuers.Exists(crl.IsSignatureValid))
            {
                verified++;
            }
        }

        // A few PKITS CRLs are deliberately badly signed or signed by keys whose certificates inherit DSA parameters.
        verified.ShouldBeGreaterThan(160);
    }

    /// <summary>A stream that returns at most a few bytes per read, to exercise every refill path.</summary>
    internal sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
