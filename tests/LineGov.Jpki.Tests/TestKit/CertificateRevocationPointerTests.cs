using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using LineGov.Jpki.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace LineGov.Jpki.Tests.TestKit;

[Collection(AuthorityCollection.Name)]
public sealed class CertificateRevocationPointerTests(AuthorityFixture fixture)
{
    private JpkiTestAuthority Authority => fixture.Authority;

    [Fact]
    public void Certificates_name_the_default_municipality_partition_as_a_directory_name_like_J_LIS()
    {
        using var card = Authority.IssueCard();

        var point = card.SignatureCertificate.CrlDistributionPoints.ShouldHaveSingleItem();
        var name = point.DirectoryNames.ShouldHaveSingleItem();
        point.Uris.ShouldBeEmpty();
        name.RawData.ShouldBe(JpkiTestCrlPartition.Default.GetDistributionPointName(JpkiCertificateKind.Signature).RawData);

        // J-LIS's order: country first in the encoding, the municipality's CRLDP last (Decode without Reversed keeps the encoding order).
        name.Decode(X500DistinguishedNameFlags.UseCommas)
            .ShouldBe("C=JP, O=JPKI, OU=LineGov TEST JPKI for digital signature, OU=CRL Distribution Points, OU=Hokkaido, CN=Tohma-cho CRLDP");
        card.AuthenticationCertificate.CrlDistributionPoints.ShouldHaveSingleItem().DirectoryNames.ShouldHaveSingleItem()
            .Decode(X500DistinguishedNameFlags.UseCommas)
            .ShouldBe("C=JP, O=JPKI, OU=LineGov TEST JPKI for user authentication, OU=CRL Distribution Points, OU=Hokkaido, CN=Tohma-cho CRLDP");
    }

    [Fact]
    public void The_partition_is_chosen_per_certificate()
    {
        var tsukuba = new JpkiTestCrlPartition("Ibaraki-ken", "Tsukuba-shi");
        using var card = Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { CrlPartition = tsukuba });

        card.SignatureCertificate.CrlDistributionPoints.Single().DirectoryNames.Single().RawData
            .ShouldBe(tsukuba.GetDistributionPointName(JpkiCertificateKind.Signature).RawData);
        card.AuthenticationCertificate.CrlDistributionPoints.Single().DirectoryNames.Single().RawData
            .ShouldBe(JpkiTestCrlPartition.Default.GetDistributionPointName(JpkiCertificateKind.Authentication).RawData);
    }

    [Fact]
    public void Uri_distribution_point_and_ocsp_access_are_added_when_asked_and_read_back_independently()
    {
        var crlUri = new Uri("http://crl.example.test/sign/Tohma-cho.crl");
        var ocspUri = new Uri("http://ocspsignnorm.example.test/");
        using var certificate = Authority.IssueSignatureCertificate(JpkiTestIdentity.Default, new JpkiTestCertificateOptions { CrlUri = crlUri, OcspUri = ocspUri });
        var parsed = JpkiCertificate.FromX509Certificate(certificate);

        parsed.CrlDistributionPoints.Count.ShouldBe(2);
        parsed.CrlDistributionPoints[0].DirectoryNames.ShouldHaveSingleItem();
        parsed.CrlDistributionPoints[1].Uris.ShouldBe([crlUri]);
        parsed.OcspResponderUris.ShouldBe([ocspUri]);

        // BouncyCastle reads the same extensions.
        var bc = Bc.Certificate(certificate);
        var points = CrlDistPoint.GetInstance(Bc.Extension(bc, "2.5.29.31")).GetDistributionPoints();
        points.Length.ShouldBe(2);
        var directoryName = GeneralNames.GetInstance(points[0].DistributionPointName.Name).GetNames().Single();
        directoryName.TagNo.ShouldBe(GeneralName.DirectoryName);
        var uriName = GeneralNames.GetInstance(points[1].DistributionPointName.Name).GetNames().Single();
        uriName.TagNo.ShouldBe(GeneralName.UniformResourceIdentifier);
        DerIA5String.GetInstance(uriName.Name).GetString().ShouldBe(crlUri.AbsoluteUri);

        var access = AuthorityInformationAccess.GetInstance(Bc.Extension(bc, "1.3.6.1.5.5.7.1.1")).GetAccessDescriptions().Single();
        access.AccessMethod.Id.ShouldBe("1.3.6.1.5.5.7.48.1");
        DerIA5String.GetInstance(access.AccessLocation.Name).GetString().ShouldBe(ocspUri.AbsoluteUri);
        Bc.IsCritical(bc, "1.3.6.1.5.5.7.1.1").ShouldBeFalse();
        Bc.IsCritical(bc, "2.5.29.31").ShouldBeFalse();
    }

    [Fact]
    public void Without_an_ocsp_uri_there_is_no_authority_information_access()
    {
        using var card = Authority.IssueCard();

        card.SignatureCertificate.OcspResponderUris.ShouldBeEmpty();
        card.SignatureCertificate.Extensions.ShouldNotContain(e => e.Oid == "1.3.6.1.5.5.7.1.1");
    }

    [Fact]
    public void The_no_crl_distribution_points_defect_leaves_the_extension_out()
    {
        using var certificate = Authority.IssueSignatureCertificate(JpkiTestIdentity.Default, new JpkiTestCertificateOptions { Defects = JpkiTestDefects.NoCrlDistributionPoints });

        JpkiCertificate.FromX509Certificate(certificate).CrlDistributionPoints.ShouldBeEmpty();
    }

    [Fact]
    public void Authority_uris_apply_to_certificates_issued_while_they_are_set()
    {
        using var authority = JpkiTestAuthority.Create(new JpkiTestAuthorityOptions
        {
            TimeProvider = fixture.Clock,
            ReuseCardKeys = true,
            KeySize = 1024,
            Generations = [new JpkiTestGeneration("03", fixture.Clock.GetUtcNow().AddYears(-1), fixture.Clock.GetUtcNow().AddYears(5))],
            OcspUri = new Uri("http://ocsp.example.test/"),
            CrlBaseUri = new Uri("http://crl.example.test/jpki/"),
            DefaultCrlPartition = new JpkiTestCrlPartition("Miyagi-ken", "Misato-machi"),
        });

        using var card = authority.IssueCard();

        card.SignatureCertificate.OcspResponderUris.ShouldBe([new Uri("http://ocsp.example.test/")]);
        card.SignatureCertificate.CrlDistributionPoints[1].Uris.ShouldBe([new Uri("http://crl.example.test/jpki/sign/03/Miyagi-ken/Misato-machi.crl")]);
        card.AuthenticationCertificate.CrlDistributionPoints[1].Uris.ShouldBe([new Uri("http://crl.example.test/jpki/auth/03/Miyagi-ken/Misato-machi.crl")]);

        authority.OcspUri = null;
        authority.CrlBaseUri = null;
        using var later = authority.IssueCard();
        later.SignatureCertificate.OcspResponderUris.ShouldBeEmpty();
        later.SignatureCertificate.CrlDistributionPoints.ShouldHaveSingleItem();
    }

    [Fact]
    public void Partition_names_that_would_break_urls_are_rejected()
    {
        Should.Throw<ArgumentException>(() => new JpkiTestCrlPartition("Hokkaido", "Tohma/cho"));
        Should.Throw<ArgumentException>(() => new JpkiTestCrlPartition(" ", "Tohma-cho"));
    }

    [Fact]
    public void Distribution_point_names_are_printable_strings_when_they_can_be()
    {
        var name = JpkiTestCrlPartition.Default.GetDistributionPointName(JpkiCertificateKind.Signature);
        var rdns = new AsnReader(name.RawData, AsnEncodingRules.DER).ReadSequence();
        var tags = new List<Asn1Tag>();
        while (rdns.HasData)
        {
            var attribute = rdns.ReadSetOf().ReadSequence();
            attribute.ReadObjectIdentifier();
            tags.Add(attribute.PeekTag());
        }

        tags.Count.ShouldBe(6);
        tags.ShouldAllBe(t => t.TagValue == (int)UniversalTagNumber.PrintableString);
    }
}
