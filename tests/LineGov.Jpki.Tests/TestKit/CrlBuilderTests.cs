using System.Security.Cryptography.X509Certificates;
using LineGov.Jpki.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using BcDistributionPointName = Org.BouncyCastle.Asn1.X509.DistributionPointName;
using BcReasonFlags = Org.BouncyCastle.Asn1.X509.ReasonFlags;
using X509Extension = System.Security.Cryptography.X509Certificates.X509Extension;

namespace LineGov.Jpki.Tests.TestKit;

[Collection(AuthorityCollection.Name)]
public sealed class CrlBuilderTests(AuthorityFixture fixture)
{
    private JpkiTestCa Ca => fixture.Authority.GetCa(JpkiCertificateKind.Signature);

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public void Every_field_and_extension_parses_in_BouncyCastle_and_the_signature_verifies_with_the_CA_certificate()
    {
        using var card = fixture.Authority.IssueCard();
        var partition = Bc.NewPartition();
        var builder = new JpkiTestCrlBuilder(Ca, Now)
        {
            CrlNumber = 4711,
            IssuingDistributionPoint = JpkiTestIssuingDistributionPoint.ForPartition(partition, JpkiCertificateKind.Signature, new Uri("http://crl.example.test/p.crl")),
            FreshestCrl = new JpkiTestDistributionPoint { Uri = new Uri("http://crl.example.test/p.delta.crl") },
        };
        builder.AddEntry(card.SignatureCertificate, Now.AddDays(-2), X509RevocationReason.AffiliationChanged, Now.AddDays(-3));
        builder.AddEntry(new byte[] { 0x01, 0x02, 0x03 }, Now.AddDays(-1));
        var indirect = new JpkiTestCrlEntry(new byte[] { 0x7F }, Now.AddHours(-5)) { Reason = X509RevocationReason.KeyCompromise, CertificateIssuer = fixture.Authority.GetCa(JpkiCertificateKind.Authentication).Certificate.SubjectName };
        builder.Entries.Add(indirect);

        var crl = Bc.Crl(builder.Build());

        Bc.Verifies(crl, Ca.Certificate).ShouldBeTrue();
        crl.Version.ShouldBe(2);
        crl.SigAlgOid.ShouldBe("1.2.840.113549.1.1.11");
        crl.IssuerDN.GetEncoded().ShouldBe(Ca.Certificate.SubjectName.RawData);
        new DateTimeOffset(crl.ThisUpdate, TimeSpan.Zero).ShouldBe(Now);
        new DateTimeOffset(crl.NextUpdate!.Value, TimeSpan.Zero).ShouldBe(Now.AddDays(1));

        DerInteger.GetInstance(Bc.Extension(crl, "2.5.29.20")).Value.IntValue.ShouldBe(4711);
        AuthorityKeyIdentifier.GetInstance(Bc.Extension(crl, "2.5.29.35")).GetKeyIdentifier().ShouldBe(Ca.Parsed.SubjectKeyIdentifier!.Value.ToArray());
        var idp = IssuingDistributionPoint.GetInstance(Bc.Extension(crl, "2.5.29.28"));
        Bc.IsCritical(crl, "2.5.29.28").ShouldBeTrue();
        idp.OnlyContainsUserCerts.ShouldBeTrue();
        idp.OnlyContainsCACerts.ShouldBeFalse();
        idp.IsIndirectCrl.ShouldBeFalse();
        var names = GeneralNames.GetInstance(idp.DistributionPoint.Name).GetNames();
        names.Length.ShouldBe(2);
        names[0].Name.ToAsn1Object().GetEncoded().ShouldBe(partition.GetDistributionPointName(JpkiCertificateKind.Signature).RawData);
        DerIA5String.GetInstance(names[1].Name).GetString().ShouldBe("http://crl.example.test/p.crl");
        var freshest = CrlDistPoint.GetInstance(Bc.Extension(crl, "2.5.29.46")).GetDistributionPoints().Single();
        DerIA5String.GetInstance(GeneralNames.GetInstance(freshest.DistributionPointName.Name).GetNames().Single().Name).GetString().ShouldBe("http://crl.example.test/p.delta.crl");
        Bc.Extension(crl, "2.5.29.27").ShouldBeNull();

        var entries = crl.GetRevokedCertificates().Cast<Org.BouncyCastle.X509.X509CrlEntry>().ToList();
        entries.Count.ShouldBe(3);
        var first = crl.GetRevokedCertificate(Bc.Serial(card.SignatureCertificate));
        new DateTimeOffset(first.RevocationDate, TimeSpan.Zero).ShouldBe(Now.AddDays(-2));
        DerEnumerated.GetInstance(Bc.Extension(first, "2.5.29.21")).IntValueExact.ShouldBe((int)X509RevocationReason.AffiliationChanged);
        new DateTimeOffset(DerGeneralizedTime.GetInstance(Bc.Extension(first, "2.5.29.24")).ToDateTime(), TimeSpan.Zero).ShouldBe(Now.AddDays(-3));
        var second = crl.GetRevokedCertificate(new Org.BouncyCastle.Math.BigInteger("010203", 16));
        second.HasExtensions.ShouldBeFalse();
        var third = crl.GetRevokedCertificate(Org.BouncyCastle.Math.BigInteger.ValueOf(0x7F));
        Bc.IsCritical(third, "2.5.29.29").ShouldBeTrue();
        GeneralNames.GetInstance(Bc.Extension(third, "2.5.29.29")).GetNames().Single().Name.ToAsn1Object().GetEncoded()
            .ShouldBe(fixture.Authority.GetCa(JpkiCertificateKind.Authentication).Certificate.SubjectName.RawData);
    }

    [Fact]
    public void A_corrupt_signature_does_not_verify()
    {
        var crl = Bc.Crl(new JpkiTestCrlBuilder(Ca, Now) { CorruptSignature = true, CrlNumber = 1 }.Build());

        Bc.Verifies(crl, Ca.Certificate).ShouldBeFalse();
    }

    [Fact]
    public void Signing_with_another_generation_keeps_the_name_but_only_that_generation_verifies()
    {
        var older = fixture.Authority.GetCa(JpkiCertificateKind.Signature, "02");
        var builder = new JpkiTestCrlBuilder(Ca, Now) { SigningCa = older, CrlNumber = 2 };

        var crl = Bc.Crl(builder.Build());

        crl.IssuerDN.GetEncoded().ShouldBe(older.Certificate.SubjectName.RawData);
        Bc.Verifies(crl, older.Certificate).ShouldBeTrue();
        Bc.Verifies(crl, Ca.Certificate).ShouldBeFalse();
        AuthorityKeyIdentifier.GetInstance(Bc.Extension(crl, "2.5.29.35")).GetKeyIdentifier().ShouldBe(Ca.Parsed.SubjectKeyIdentifier!.Value.ToArray());
    }

    [Fact]
    public void A_delta_crl_carries_a_critical_delta_indicator_and_remove_from_crl_entries()
    {
        var builder = new JpkiTestCrlBuilder(Ca, Now) { CrlNumber = 12, DeltaCrlIndicator = 10 };
        builder.AddEntry(new byte[] { 0x42 }, Now.AddHours(-1), X509RevocationReason.RemoveFromCrl);

        var crl = Bc.Crl(builder.Build());

        Bc.Verifies(crl, Ca.Certificate).ShouldBeTrue();
        Bc.IsCritical(crl, "2.5.29.27").ShouldBeTrue();
        DerInteger.GetInstance(Bc.Extension(crl, "2.5.29.27")).Value.IntValue.ShouldBe(10);
        DerInteger.GetInstance(Bc.Extension(crl, "2.5.29.20")).Value.IntValue.ShouldBe(12);
        DerEnumerated.GetInstance(Bc.Extension(crl.GetRevokedCertificate(Org.BouncyCastle.Math.BigInteger.ValueOf(0x42)), "2.5.29.21")).IntValueExact.ShouldBe(8);
    }

    [Fact]
    public void Issuing_distribution_point_variants_encode_as_RFC_5280_says()
    {
        var relative = new JpkiTestIssuingDistributionPoint
        {
            NameRelativeToCrlIssuer = new X500DistinguishedName("CN=Tohma-cho CRLDP"),
            OnlyContainsCACerts = true,
            OnlySomeReasons = [X509RevocationReason.KeyCompromise, X509RevocationReason.CACompromise, X509RevocationReason.AACompromise],
            IndirectCrl = true,
            OnlyContainsAttributeCerts = true,
        };

        var crl = Bc.Crl(new JpkiTestCrlBuilder(Ca, Now) { IssuingDistributionPoint = relative, AuthorityKeyIdentifier = null }.Build());

        var idp = IssuingDistributionPoint.GetInstance(Bc.Extension(crl, "2.5.29.28"));
        idp.DistributionPoint.PointType.ShouldBe(BcDistributionPointName.NameRelativeToCrlIssuer);
        var rdn = Asn1Set.GetInstance(idp.DistributionPoint.Name);
        rdn.Count.ShouldBe(1);
        Asn1Sequence.GetInstance(rdn[0])[0].ShouldBe(X509Name.CN);
        idp.OnlyContainsUserCerts.ShouldBeFalse();
        idp.OnlyContainsCACerts.ShouldBeTrue();
        idp.IsIndirectCrl.ShouldBeTrue();
        idp.OnlyContainsAttributeCerts.ShouldBeTrue();
        idp.OnlySomeReasons.IntValue.ShouldBe(BcReasonFlags.KeyCompromise | BcReasonFlags.CACompromise | BcReasonFlags.AACompromise);
        Bc.Extension(crl, "2.5.29.35").ShouldBeNull();
        Bc.Extension(crl, "2.5.29.20").ShouldBeNull();
    }

    [Fact]
    public void Unknown_critical_extensions_and_a_version_1_crl_without_next_update_can_be_made()
    {
        var builder = new JpkiTestCrlBuilder(Ca, Now) { NextUpdate = null, CrlNumber = 3 };
        builder.ExtraExtensions.Add(new X509Extension("1.3.6.1.4.1.55555.9.9", [0x05, 0x00], critical: true));
        var entry = new JpkiTestCrlEntry(new byte[] { 0x10 }, Now);
        entry.ExtraExtensions.Add(new X509Extension("1.3.6.1.4.1.55555.9.8", [0x05, 0x00], critical: true));
        builder.Entries.Add(entry);

        var crl = Bc.Crl(builder.Build());
        crl.GetCriticalExtensionOids().Cast<string>().ShouldContain("1.3.6.1.4.1.55555.9.9");
        crl.NextUpdate.ShouldBeNull();
        crl.GetRevokedCertificate(Org.BouncyCastle.Math.BigInteger.ValueOf(0x10)).GetCriticalExtensionOids().Cast<string>().ShouldContain("1.3.6.1.4.1.55555.9.8");

        var v1 = Bc.Crl(new JpkiTestCrlBuilder(Ca, Now) { Version = 1, AuthorityKeyIdentifier = null }.Build());
        v1.Version.ShouldBe(1);
        v1.GetRevokedCertificates().ShouldBeNull();
        Bc.Verifies(v1, Ca.Certificate).ShouldBeTrue();
    }

    [Fact]
    public void Dates_after_2049_are_generalized_times()
    {
        var later = new DateTimeOffset(2051, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var crl = Bc.Crl(new JpkiTestCrlBuilder(Ca, later).AddEntry(new byte[] { 0x01 }, later).Build());

        new DateTimeOffset(crl.ThisUpdate, TimeSpan.Zero).ShouldBe(later);
        new DateTimeOffset(crl.GetRevokedCertificate(Org.BouncyCastle.Math.BigInteger.One).RevocationDate, TimeSpan.Zero).ShouldBe(later);
    }
}
