using System.Security.Cryptography.X509Certificates;
using LineGov.Jpki.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using BcCrl = Org.BouncyCastle.X509.X509Crl;

namespace LineGov.Jpki.Tests.TestKit;

[Collection(AuthorityCollection.Name)]
public sealed class AuthorityCrlTests(AuthorityFixture fixture)
{
    private JpkiTestAuthority Authority => fixture.Authority;

    private JpkiTestCa Ca => Authority.GetCa(JpkiCertificateKind.Signature);

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public void A_partition_crl_lists_that_partitions_revoked_certificates_only()
    {
        var partition = Bc.NewPartition();
        var other = Bc.NewPartition();
        using var revoked = Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { CrlPartition = partition });
        using var good = Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { CrlPartition = partition });
        using var elsewhere = Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { CrlPartition = other });
        var revocation = Authority.Revoke(revoked.SignatureCertificate, Now.AddHours(-3), X509RevocationReason.AffiliationChanged, Now.AddDays(-1));
        Authority.Revoke(elsewhere.SignatureCertificate, Now.AddHours(-2), X509RevocationReason.KeyCompromise);

        var crl = Bc.Crl(Authority.CreateCrl(Ca, partition));

        Bc.Verifies(crl, Ca.Certificate).ShouldBeTrue();
        var entry = crl.GetRevokedCertificates().Cast<Org.BouncyCastle.X509.X509CrlEntry>().ShouldHaveSingleItem();
        entry.SerialNumber.ShouldBe(Bc.Serial(revoked.SignatureCertificate));
        new DateTimeOffset(entry.RevocationDate, TimeSpan.Zero).ShouldBe(Now.AddHours(-3));
        DerEnumerated.GetInstance(Bc.Extension(entry, "2.5.29.21")).IntValueExact.ShouldBe(3);
        crl.IsRevoked(Bc.Certificate(good.SignatureCertificate)).ShouldBeFalse();

        var idp = IssuingDistributionPoint.GetInstance(Bc.Extension(crl, "2.5.29.28"));
        idp.OnlyContainsUserCerts.ShouldBeTrue();
        GeneralNames.GetInstance(idp.DistributionPoint.Name).GetNames().Single().Name.ToAsn1Object().GetEncoded()
            .ShouldBe(revoked.SignatureCertificate.CrlDistributionPoints.Single().DirectoryNames.Single().RawData);
        new DateTimeOffset(crl.ThisUpdate, TimeSpan.Zero).ShouldBe(Now);
        new DateTimeOffset(crl.NextUpdate!.Value, TimeSpan.Zero).ShouldBe(Now.AddDays(1));

        revocation.IsRevoked.ShouldBeTrue();
        revocation.Issuer.ShouldBeSameAs(Ca);
        revocation.Partition.ShouldBe(partition);
        revocation.SerialNumber.ShouldBe(revoked.SignatureCertificate.SerialNumber);
        Authority.Revocations.ShouldContain(r => r.SerialNumber == revoked.SignatureCertificate.SerialNumber);
    }

    [Fact]
    public void Authentication_certificates_are_on_the_authentication_CAs_crl()
    {
        var partition = Bc.NewPartition();
        using var card = Authority.IssueCard(authenticationOptions: new JpkiTestCertificateOptions { CrlPartition = partition });
        Authority.Revoke(card.AuthenticationX509, reason: X509RevocationReason.CessationOfOperation);
        var authenticationCa = Authority.GetCa(JpkiCertificateKind.Authentication);

        var crl = Bc.Crl(Authority.CreateCrl(authenticationCa, partition));

        Bc.Verifies(crl, authenticationCa.Certificate).ShouldBeTrue();
        crl.IsRevoked(Bc.Certificate(card.AuthenticationX509)).ShouldBeTrue();
        Bc.Crl(Authority.CreateCrl(Ca, partition)).GetRevokedCertificates().ShouldBeNull();
    }

    [Fact]
    public void Crl_numbers_rise_only_when_the_state_changes()
    {
        var partition = Bc.NewPartition();
        using var card = Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { CrlPartition = partition });

        var first = CrlNumber(Bc.Crl(Authority.CreateCrl(Ca, partition)));
        var again = CrlNumber(Bc.Crl(Authority.CreateCrl(Ca, partition)));
        Authority.Revoke(card.SignatureCertificate);
        var after = CrlNumber(Bc.Crl(Authority.CreateCrl(Ca, partition)));

        again.ShouldBe(first);
        after.ShouldBeGreaterThan(first);
    }

    [Fact]
    public void A_delta_crl_lists_changes_since_its_base_including_a_released_hold_as_remove_from_crl()
    {
        var partition = Bc.NewPartition();
        using var held = Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { CrlPartition = partition });
        using var old = Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { CrlPartition = partition });
        using var fresh = Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { CrlPartition = partition });
        Authority.Revoke(held.SignatureCertificate, Now.AddDays(-2), X509RevocationReason.CertificateHold);
        Authority.Revoke(old.SignatureCertificate, Now.AddDays(-2), X509RevocationReason.Superseded);
        var baseCrl = Bc.Crl(Authority.CreateCrl(Ca, partition));
        var baseNumber = CrlNumber(baseCrl);
        baseCrl.GetRevokedCertificates().Count.ShouldBe(2);

        Authority.Unrevoke(held.SignatureCertificate, Now.AddHours(-1)).ShouldBeTrue();
        Authority.Revoke(fresh.SignatureCertificate, Now.AddHours(-1), X509RevocationReason.KeyCompromise);
        var delta = Bc.Crl(Authority.CreateDeltaCrl(Ca, partition, baseNumber));

        Bc.Verifies(delta, Ca.Certificate).ShouldBeTrue();
        Bc.IsCritical(delta, "2.5.29.27").ShouldBeTrue();
        DerInteger.GetInstance(Bc.Extension(delta, "2.5.29.27")).Value.IntValue.ShouldBe(baseNumber);
        CrlNumber(delta).ShouldBeGreaterThan(baseNumber);
        delta.GetRevokedCertificates().Count.ShouldBe(2);
        DerEnumerated.GetInstance(Bc.Extension(delta.GetRevokedCertificate(Bc.Serial(held.SignatureCertificate)), "2.5.29.21")).IntValueExact.ShouldBe(8);
        DerEnumerated.GetInstance(Bc.Extension(delta.GetRevokedCertificate(Bc.Serial(fresh.SignatureCertificate)), "2.5.29.21")).IntValueExact.ShouldBe(1);
        delta.GetRevokedCertificate(Bc.Serial(old.SignatureCertificate)).ShouldBeNull();
        IssuingDistributionPoint.GetInstance(Bc.Extension(delta, "2.5.29.28")).GetEncoded()
            .ShouldBe(IssuingDistributionPoint.GetInstance(Bc.Extension(baseCrl, "2.5.29.28")).GetEncoded());

        // The next complete CRL agrees with base + delta.
        var complete = Bc.Crl(Authority.CreateCrl(Ca, partition));
        complete.GetRevokedCertificates().Cast<Org.BouncyCastle.X509.X509CrlEntry>().Select(e => e.SerialNumber)
            .ShouldBe([Bc.Serial(old.SignatureCertificate), Bc.Serial(fresh.SignatureCertificate)], ignoreOrder: true);
        CrlNumber(complete).ShouldBe(CrlNumber(delta));
    }

    [Fact]
    public void A_delta_without_a_base_number_is_against_the_last_complete_crl()
    {
        var partition = Bc.NewPartition();
        using var card = Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { CrlPartition = partition });
        var complete = CrlNumber(Bc.Crl(Authority.CreateCrl(Ca, partition)));
        Authority.Revoke(card.SignatureCertificate);

        var delta = Bc.Crl(Authority.CreateDeltaCrl(Ca, partition));

        DerInteger.GetInstance(Bc.Extension(delta, "2.5.29.27")).Value.IntValue.ShouldBe(complete);
        delta.IsRevoked(Bc.Certificate(card.SignatureCertificate)).ShouldBeTrue();
    }

    [Fact]
    public void Revoking_again_replaces_the_reason_and_a_permanent_revocation_after_a_hold_stays_listed()
    {
        var partition = Bc.NewPartition();
        using var card = Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { CrlPartition = partition });
        Authority.Revoke(card.SignatureCertificate, Now.AddDays(-1), X509RevocationReason.CertificateHold);
        var baseNumber = CrlNumber(Bc.Crl(Authority.CreateCrl(Ca, partition)));

        Authority.Revoke(card.SignatureCertificate, Now, X509RevocationReason.KeyCompromise);
        var delta = Bc.Crl(Authority.CreateDeltaCrl(Ca, partition, baseNumber));
        var complete = Bc.Crl(Authority.CreateCrl(Ca, partition));

        DerEnumerated.GetInstance(Bc.Extension(delta.GetRevokedCertificate(Bc.Serial(card.SignatureCertificate)), "2.5.29.21")).IntValueExact.ShouldBe(1);
        DerEnumerated.GetInstance(Bc.Extension(complete.GetRevokedCertificate(Bc.Serial(card.SignatureCertificate)), "2.5.29.21")).IntValueExact.ShouldBe(1);
        Authority.Unrevoke(card.SignatureCertificate).ShouldBeTrue();
        Authority.Unrevoke(card.SignatureCertificate).ShouldBeFalse();
    }

    [Fact]
    public void Each_generation_signs_the_crl_of_its_own_certificates()
    {
        var partition = Bc.NewPartition();
        var older = Authority.GetCa(JpkiCertificateKind.Signature, "02");
        using var oldCard = Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { Generation = "02", CrlPartition = partition });
        using var newCard = Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { CrlPartition = partition });
        Authority.Revoke(oldCard.SignatureCertificate);
        Authority.Revoke(newCard.SignatureCertificate);

        var oldCrl = Bc.Crl(Authority.CreateCrl(older, partition));
        var newCrl = Bc.Crl(Authority.CreateCrl(Ca, partition));

        oldCrl.IssuerDN.Equivalent(newCrl.IssuerDN).ShouldBeTrue();
        Bc.Verifies(oldCrl, older.Certificate).ShouldBeTrue();
        Bc.Verifies(oldCrl, Ca.Certificate).ShouldBeFalse();
        AuthorityKeyIdentifier.GetInstance(Bc.Extension(oldCrl, "2.5.29.35")).GetKeyIdentifier().ShouldBe(older.Parsed.SubjectKeyIdentifier!.Value.ToArray());
        oldCrl.IsRevoked(Bc.Certificate(oldCard.SignatureCertificate)).ShouldBeTrue();
        oldCrl.IsRevoked(Bc.Certificate(newCard.SignatureCertificate)).ShouldBeFalse();
        newCrl.IsRevoked(Bc.Certificate(newCard.SignatureCertificate)).ShouldBeTrue();

        // Rollover mix-up: the new generation's scope, signed with the old key.
        var builder = Authority.CreateCrlBuilder(Ca, partition);
        builder.SigningCa = older;
        var mixed = Bc.Crl(builder.Build());
        Bc.Verifies(mixed, Ca.Certificate).ShouldBeFalse();
        Bc.Verifies(mixed, older.Certificate).ShouldBeTrue();
    }

    [Fact]
    public void Certificates_of_another_authority_cannot_be_revoked()
    {
        using var other = JpkiTestAuthority.Create(new JpkiTestAuthorityOptions
        {
            TimeProvider = fixture.Clock,
            KeySize = 1024,
            ReuseCardKeys = true,
            Generations = [new JpkiTestGeneration("03", Now.AddYears(-1), Now.AddYears(3))],
        });
        using var card = other.IssueCard();

        Should.Throw<ArgumentException>(() => Authority.Revoke(card.SignatureCertificate));
        Should.Throw<ArgumentException>(() => Authority.Revoke(card.SignatureCertificate, reason: X509RevocationReason.RemoveFromCrl));
    }

    [Fact]
    public void Defective_certificates_can_be_revoked_too()
    {
        var partition = Bc.NewPartition();
        using var certificate = Authority.IssueSignatureCertificate(JpkiTestIdentity.Default, new JpkiTestCertificateOptions
        {
            CrlPartition = partition,
            Defects = JpkiTestDefects.BadSignature | JpkiTestDefects.NoAuthorityKeyIdentifier,
        });

        Authority.Revoke(certificate);

        Bc.Crl(Authority.CreateCrl(Ca, partition)).IsRevoked(Bc.Certificate(certificate)).ShouldBeTrue();
    }

    private static int CrlNumber(BcCrl crl) => DerInteger.GetInstance(Bc.Extension(crl, "2.5.29.20")).Value.IntValue;
}
