using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LineGov.Jpki.Testing;
using Org.BouncyCastle.Asn1;

namespace LineGov.Jpki.Tests.TestKit;

[Collection(AuthorityCollection.Name)]
public sealed class SyntheticCrlTests(AuthorityFixture fixture)
{
    private JpkiTestCa Ca => fixture.Authority.GetCa(JpkiCertificateKind.Signature);

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public void Ten_thousand_generated_entries_parse_verify_and_count_right_in_BouncyCastle()
    {
        var builder = new JpkiTestCrlBuilder(Ca, Now) { CrlNumber = 1, SyntheticEntryCount = 10_000, SyntheticEntrySeed = 42 };
        builder.AddEntry(new byte[] { 0x01 }, Now.AddDays(-400));
        var der = builder.Build();

        var crl = Bc.Crl(der);

        crl.Verify(Bc.Certificate(Ca.Certificate).GetPublicKey());
        var entries = crl.GetRevokedCertificates().Cast<Org.BouncyCastle.X509.X509CrlEntry>().ToList();
        entries.Count.ShouldBe(10_001);
        entries.Select(e => e.SerialNumber).Distinct().Count().ShouldBe(10_001);

        var generated = entries.Where(e => !e.SerialNumber.Equals(Org.BouncyCastle.Math.BigInteger.One)).ToList();
        generated.Count.ShouldBe(10_000);
        generated.ShouldAllBe(e => e.RevocationDate <= Now.UtcDateTime && e.RevocationDate >= Now.UtcDateTime.AddDays(-366));
        var lengths = generated.GroupBy(e => e.SerialNumber.ToByteArray().Length).ToDictionary(g => g.Key, g => g.Count());
        lengths.Keys.ShouldBe([4, 5, 6, 8, 16], ignoreOrder: true);
        lengths[4].ShouldBeGreaterThan(5_000);

        var reasons = generated.GroupBy(e => Bc.Extension(e, "2.5.29.21") is { } r ? DerEnumerated.GetInstance(r).IntValueExact : -1).ToDictionary(g => g.Key, g => g.Count());
        reasons.Keys.ShouldBe([-1, 1, 3, 4, 5, 6], ignoreOrder: true);
        reasons[3].ShouldBeGreaterThan(reasons[5]);
        generated.Count(e => Bc.Extension(e, "2.5.29.24") is not null).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_bytes_and_streaming_matches_building()
    {
        var builder = new JpkiTestCrlBuilder(Ca, Now) { CrlNumber = 1, SyntheticEntryCount = 2_000, SyntheticEntrySeed = 7 };
        var built = builder.Build();
        using var stream = new MemoryStream();

        var written = await builder.WriteToAsync(stream);

        written.ShouldBe(built.Length);
        stream.ToArray().ShouldBe(built);
        new JpkiTestCrlBuilder(Ca, Now) { CrlNumber = 1, SyntheticEntryCount = 2_000, SyntheticEntrySeed = 8 }.Build().ShouldNotBe(built);
    }

    [Fact]
    public void A_million_entry_crl_streams_and_is_well_formed()
    {
        // How fast is the CrlIngest benchmark's business; a timed assertion here only failed on a busy CI machine.
        var builder = new JpkiTestCrlBuilder(Ca, Now) { CrlNumber = 99, SyntheticEntryCount = 1_000_000 };
        using var stream = new MemoryStream(64 << 20);

        var length = builder.WriteTo(stream);
        length.ShouldBe(stream.Length);

        // Walk it with a plain DER reader (BouncyCastle would build a million objects) and check the signature.
        var der = stream.GetBuffer().AsMemory(0, (int)stream.Length);
        var certificateList = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbs = certificateList.ReadEncodedValue();
        certificateList.ReadSequence();
        var signature = certificateList.ReadBitString(out _);
        using var key = Ca.Certificate.GetRSAPublicKey()!;
        key.VerifyData(tbs.Span, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).ShouldBeTrue();

        var fields = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
        fields.ReadInteger();
        fields.ReadSequence();
        fields.ReadSequence();
        fields.ReadUtcTime();
        fields.ReadUtcTime();
        var revoked = fields.ReadSequence();
        var count = 0;
        while (revoked.HasData)
        {
            revoked.ReadEncodedValue();
            count++;
        }

        count.ShouldBe(1_000_000);
    }
}
