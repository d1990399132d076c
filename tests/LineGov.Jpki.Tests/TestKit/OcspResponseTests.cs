using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LineGov.Jpki.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;

namespace LineGov.Jpki.Tests.TestKit;

[Collection(AuthorityCollection.Name)]
public sealed class OcspResponseTests(AuthorityFixture fixture)
{
    private static readonly byte[] Nonce = [0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xA0, 0xB0, 0xC0, 0xD0, 0xE0, 0xF0, 0x01];

    private JpkiTestAuthority Authority => fixture.Authority;

    private JpkiTestCa Ca => Authority.GetCa(JpkiCertificateKind.Signature);

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public void A_BouncyCastle_request_is_answered_good_with_the_nonce_echoed_and_a_CA_signature_that_verifies()
    {
        using var card = Authority.IssueCard();
        var id = Bc.CertId(Ca, card.SignatureCertificate);
        var request = Bc.Request([id], Nonce);

        var basic = Bc.Basic(Authority.CreateOcspResponse(request.GetEncoded()));

        basic.Verify(Bc.Certificate(Ca.Certificate).GetPublicKey()).ShouldBeTrue();
        basic.SignatureAlgOid.ShouldBe("1.2.840.113549.1.1.11");
        basic.GetCerts().ShouldBeEmpty();
        basic.ResponderId.ToAsn1Object().Name.GetEncoded().ShouldBe(Ca.Certificate.SubjectName.RawData);
        new DateTimeOffset(basic.ProducedAt, TimeSpan.Zero).ShouldBe(Now);
        Bc.ResponseNonce(basic).ShouldBe(Nonce);
        var single = basic.Responses.ShouldHaveSingleItem();
        single.GetCertID().ShouldBe(id);
        single.GetCertStatus().ShouldBeNull(); // good
        new DateTimeOffset(single.ThisUpdate, TimeSpan.Zero).ShouldBe(Now);
        new DateTimeOffset(single.NextUpdate!.Value, TimeSpan.Zero).ShouldBe(Now.AddDays(1));
    }

    [Fact]
    public void Revoked_and_unknown_certificates_are_answered_from_the_state_in_one_response()
    {
        using var revoked = Authority.IssueCard();
        using var good = Authority.IssueCard();
        Authority.Revoke(revoked.SignatureCertificate, Now.AddHours(-6), X509RevocationReason.KeyCompromise);
        var unknown = new CertificateID(CertificateID.HashSha1, Bc.Certificate(Ca.Certificate), Org.BouncyCastle.Math.BigInteger.ValueOf(123456789));
        var otherCa = new CertificateID(CertificateID.HashSha1, Bc.Certificate(revoked.AuthenticationX509), Bc.Serial(good.SignatureCertificate));
        var request = Bc.Request([Bc.CertId(Ca, revoked.SignatureCertificate), Bc.CertId(Ca, good.SignatureCertificate), unknown, otherCa], null);

        var basic = Bc.Basic(Authority.CreateOcspResponse(request.GetEncoded()));

        basic.Verify(Bc.Certificate(Ca.Certificate).GetPublicKey()).ShouldBeTrue();
        Bc.ResponseNonce(basic).ShouldBeNull();
        var responses = basic.Responses;
        responses.Length.ShouldBe(4);
        var revokedStatus = responses[0].GetCertStatus().ShouldBeOfType<RevokedStatus>();
        new DateTimeOffset(revokedStatus.RevocationTime, TimeSpan.Zero).ShouldBe(Now.AddHours(-6));
        revokedStatus.RevocationReason.ShouldBe(CrlReason.KeyCompromise);
        responses[1].GetCertStatus().ShouldBeNull();
        responses[2].GetCertStatus().ShouldBeOfType<UnknownStatus>();
        responses[3].GetCertStatus().ShouldBeOfType<UnknownStatus>();
    }

    [Fact]
    public void Sha256_cert_ids_are_matched_and_echoed()
    {
        using var card = Authority.IssueCard();
        Authority.Revoke(card.SignatureCertificate, Now.AddMinutes(-1), X509RevocationReason.AffiliationChanged);
        var id = Bc.CertId(Ca, card.SignatureCertificate, "2.16.840.1.101.3.4.2.1");

        var basic = Bc.Basic(Authority.CreateOcspResponse(Bc.Request([id], Nonce).GetEncoded()));

        var single = basic.Responses.ShouldHaveSingleItem();
        single.GetCertID().HashAlgOid.ShouldBe("2.16.840.1.101.3.4.2.1");
        single.GetCertID().ShouldBe(id);
        single.GetCertStatus().ShouldBeOfType<RevokedStatus>().RevocationReason.ShouldBe(CrlReason.AffiliationChanged);
    }

    [Fact]
    public void Each_generation_answers_for_its_own_certificates()
    {
        using var old = Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { Generation = "02" });
        var older = Authority.GetCa(JpkiCertificateKind.Signature, "02");

        var basic = Bc.Basic(Authority.CreateOcspResponse(Bc.Request([Bc.CertId(older, old.SignatureCertificate)], null).GetEncoded()));

        basic.Verify(Bc.Certificate(older.Certificate).GetPublicKey()).ShouldBeTrue();
        basic.Verify(Bc.Certificate(Ca.Certificate).GetPublicKey()).ShouldBeFalse();
        basic.Responses.Single().GetCertStatus().ShouldBeNull();

        // Asked under the wrong generation's key hash, the serial is unknown.
        var wrong = Bc.Basic(Authority.CreateOcspResponse(Bc.Request([Bc.CertId(Ca, old.SignatureCertificate)], null).GetEncoded()));
        wrong.Responses.Single().GetCertStatus().ShouldBeOfType<UnknownStatus>();
    }

    [Fact]
    public void A_delegated_responder_signs_and_is_in_certs_with_OCSPSigning_and_nocheck()
    {
        using var card = Authority.IssueCard();
        using var responder = Authority.IssueOcspResponder(Ca);
        var builder = Authority.CreateOcspResponseBuilder(JpkiTestOcspRequest.Parse(Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], Nonce).GetEncoded()));
        builder.DelegatedResponder = responder;
        builder.ResponderId = JpkiTestOcspResponderIdKind.ByKey;

        var basic = Bc.Basic(builder.Build());

        var signer = basic.GetCerts().ShouldHaveSingleItem();
        signer.GetEncoded().ShouldBe(responder.Certificate.RawData);
        basic.Verify(signer.GetPublicKey()).ShouldBeTrue();
        basic.Verify(Bc.Certificate(Ca.Certificate).GetPublicKey()).ShouldBeFalse();
        signer.Verify(Bc.Certificate(Ca.Certificate).GetPublicKey());
        signer.GetExtendedKeyUsage().Cast<object>().Select(o => o.ToString()).ShouldBe(["1.3.6.1.5.5.7.3.9"]);
        signer.GetExtensionValue(OcspObjectIdentifiers.PkixOcspNocheck).ShouldNotBeNull();
        signer.IssuerDN.GetEncoded().ShouldBe(Ca.Certificate.SubjectName.RawData);
        signer.CheckValidity(Now.UtcDateTime);
#pragma warning disable CA5350 // ResponderID byKey is a SHA-1 hash by definition (RFC 6960).
        var keyHash = SHA1.HashData(responder.Certificate.PublicKey.EncodedKeyValue.RawData);
#pragma warning restore CA5350
        basic.ResponderId.ToAsn1Object().GetKeyHash().ShouldBe(keyHash);
        Bc.ResponseNonce(basic).ShouldBe(Nonce);
    }

    [Fact]
    public void Responder_defects_show_in_the_certificate()
    {
        using var noEku = Authority.IssueOcspResponder(Ca, new JpkiTestOcspResponderOptions { IncludeOcspSigningUsage = false, IncludeNoCheck = false });
        using var expired = Authority.IssueOcspResponder(Ca, new JpkiTestOcspResponderOptions { Expired = true });
        using var otherCa = Authority.IssueOcspResponder(Authority.GetCa(JpkiCertificateKind.Authentication));

        Bc.Certificate(noEku.Certificate).GetExtendedKeyUsage().ShouldBeNull();
        Bc.Certificate(noEku.Certificate).GetExtensionValue(OcspObjectIdentifiers.PkixOcspNocheck).ShouldBeNull();
        Should.Throw<Org.BouncyCastle.Security.Certificates.CertificateExpiredException>(() => Bc.Certificate(expired.Certificate).CheckValidity(Now.UtcDateTime));
        Should.Throw<Org.BouncyCastle.Security.InvalidKeyException>(() => Bc.Certificate(otherCa.Certificate).Verify(Bc.Certificate(Ca.Certificate).GetPublicKey()));
        otherCa.Issuer.Kind.ShouldBe(JpkiCertificateKind.Authentication);
    }

    [Theory]
    [InlineData(JpkiTestOcspResponseStatus.MalformedRequest, OcspRespStatus.MalformedRequest)]
    [InlineData(JpkiTestOcspResponseStatus.InternalError, OcspRespStatus.InternalError)]
    [InlineData(JpkiTestOcspResponseStatus.TryLater, OcspRespStatus.TryLater)]
    [InlineData(JpkiTestOcspResponseStatus.SigRequired, OcspRespStatus.SigRequired)]
    [InlineData(JpkiTestOcspResponseStatus.Unauthorized, OcspRespStatus.Unauthorized)]
    public void Unsuccessful_statuses_have_no_response_bytes(JpkiTestOcspResponseStatus status, int expected)
    {
        var response = new OcspResp(JpkiTestOcspResponseBuilder.CreateUnsuccessful(status));

        response.Status.ShouldBe(expected);
        response.GetResponseObject().ShouldBeNull();
    }

    [Fact]
    public void Bytes_that_are_not_a_request_get_malformed_request()
    {
        new OcspResp(Authority.CreateOcspResponse(new byte[] { 0x30, 0x03, 0x02, 0x01 })).Status.ShouldBe(OcspRespStatus.MalformedRequest);
        JpkiTestOcspRequest.TryParse(new byte[] { 0x04, 0x00 }, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => JpkiTestOcspRequest.Parse(ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void A_corrupt_signature_or_a_wrong_nonce_is_what_it_says()
    {
        using var card = Authority.IssueCard();
        var request = JpkiTestOcspRequest.Parse(Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], Nonce).GetEncoded());
        var builder = Authority.CreateOcspResponseBuilder(request);
        builder.CorruptSignature = true;
        builder.Nonce = JpkiTestOcspRequest.Create([request.CertIds[0]], new byte[] { 1, 2, 3 }).Nonce;

        var basic = Bc.Basic(builder.Build());

        basic.Verify(Bc.Certificate(Ca.Certificate).GetPublicKey()).ShouldBeFalse();
        Bc.ResponseNonce(basic).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public void Requests_are_read_like_BouncyCastle_writes_them_and_the_kits_own_requests_read_in_BouncyCastle()
    {
        using var card = Authority.IssueCard();
        var bcRequest = Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], Nonce);

        var parsed = JpkiTestOcspRequest.Parse(bcRequest.GetEncoded());

        parsed.Version.ShouldBe(1);
        parsed.IsSigned.ShouldBeFalse();
        var certId = parsed.CertIds.ShouldHaveSingleItem();
        certId.SerialNumber.ShouldBe(card.SignatureCertificate.SerialNumber);
        certId.HashAlgorithm.ShouldBe(HashAlgorithmName.SHA1);
        certId.Matches(Ca.Certificate).ShouldBeTrue();
        certId.Matches(Authority.GetCa(JpkiCertificateKind.Signature, "02").Certificate).ShouldBeFalse();
        Asn1OctetString.GetInstance(parsed.Nonce!.Value.ToArray()).GetOctets().ShouldBe(Nonce);

        var own = JpkiTestOcspRequest.Create([JpkiTestOcspCertId.Create(Ca, card.SignatureCertificate, HashAlgorithmName.SHA256)], Nonce);
        var roundTrip = new OcspReq(own.RawData.ToArray());
        roundTrip.GetRequestList().Single().GetCertID().ShouldBe(Bc.CertId(Ca, card.SignatureCertificate, "2.16.840.1.101.3.4.2.1"));
        Asn1OctetString.GetInstance(X509ExtensionUtilities(roundTrip)).GetOctets().ShouldBe(Nonce);
    }

    private static Asn1Object X509ExtensionUtilities(OcspReq request) =>
        Org.BouncyCastle.X509.Extension.X509ExtensionUtilities.FromExtensionValue(request.GetExtensionValue(OcspObjectIdentifiers.PkixOcspNonce));
}
