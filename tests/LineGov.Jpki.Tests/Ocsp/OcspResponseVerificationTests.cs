using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Math;

namespace LineGov.Jpki.Tests.Ocsp;

/// <summary>
/// What an answer proves, judged over an in-memory transport against responses BouncyCastle builds: status, signer
/// authority, CertID, times, nonce.
/// </summary>
[Collection(OcspCollection.Name)]
public sealed class OcspResponseVerificationTests(OcspFixture fixture)
{
    private static readonly string Source = "ocsp:" + OcspTestOptions.StubUri.AbsoluteUri;

    [Fact]
    public async Task Good_answer_signed_by_the_issuer_CA_is_good_with_its_times_and_source()
    {
        var (status, responder, handler) = await CheckAsync(new OcspScenario());

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
        status.Source.ShouldBe(Source);
        status.ThisUpdate.ShouldBe(OcspFixture.Start.AddMinutes(-1));
        status.NextUpdate.ShouldBe(OcspFixture.Start.AddHours(4));
        status.Detail.ShouldBeNull();

        var received = responder.Requests.ShouldHaveSingleItem();
        received.Method.ShouldBe("POST");
        received.CertIdMatchesIndependentComputation.ShouldBeTrue("BouncyCastle computes the same SHA-1 CertID from the issuer certificate");
        received.HashAlgorithmOid.ShouldBe("1.3.14.3.2.26");
        received.Serial.ShouldBe(new BigInteger(1, fixture.Certificate.SerialNumberBytes.ToArray()));
        received.NonceExtensionValue.ShouldNotBeNull();
        received.NonceExtensionValue.Length.ShouldBe(34, "an OCTET STRING holding 32 random bytes (RFC 8954)");
        received.NonceExtensionValue[0].ShouldBe((byte)0x04);

        var http = handler.Requests.ShouldHaveSingleItem();
        http.Content!.Headers.ContentType!.MediaType.ShouldBe("application/ocsp-request");
        http.Headers.Accept.ShouldContain(a => a.MediaType == "application/ocsp-response");
    }

    [Fact]
    public async Task Every_request_carries_a_fresh_nonce()
    {
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        var client = Client(responder, o => o.MaxCacheEntries = 0);

        await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);
        await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        var nonces = responder.Requests.Select(r => Convert.ToHexString(r.NonceExtensionValue!)).ToList();
        nonces.Count.ShouldBe(2);
        nonces.Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task Sha256_CertID_is_sent_when_configured_and_matched()
    {
        var (status, responder, _) = await CheckAsync(new OcspScenario(), o => o.CertIdHashAlgorithm = JpkiOcspHashAlgorithm.Sha256);

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
        var received = responder.Requests.ShouldHaveSingleItem();
        received.HashAlgorithmOid.ShouldBe("2.16.840.1.101.3.4.2.1");
        received.CertIdMatchesIndependentComputation.ShouldBeTrue();
    }

    [Theory]
    [InlineData(1, X509RevocationReason.KeyCompromise)]
    [InlineData(3, X509RevocationReason.AffiliationChanged)]
    [InlineData(5, X509RevocationReason.CessationOfOperation)]
    [InlineData(4, X509RevocationReason.Superseded)]
    public async Task Revoked_answer_carries_the_revocation_time_and_reason(int reason, X509RevocationReason expected)
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { Status = OcspTestCertStatus.Revoked, RevocationReason = reason, RevokedAgo = TimeSpan.FromDays(3) });

        status.State.ShouldBe(JpkiRevocationState.Revoked, status.Detail);
        status.RevocationTime.ShouldBe(OcspFixture.Start.AddDays(-3));
        status.RevocationReason.ShouldBe(expected);
        status.ThisUpdate.ShouldBe(OcspFixture.Start.AddMinutes(-1));
        status.NextUpdate.ShouldBe(OcspFixture.Start.AddHours(4));
        status.Source.ShouldBe(Source);
    }

    [Fact]
    public async Task Revoked_answer_without_a_reason_has_no_reason()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { Status = OcspTestCertStatus.Revoked });

        status.State.ShouldBe(JpkiRevocationState.Revoked);
        status.RevocationReason.ShouldBeNull();
    }

    [Fact]
    public async Task Unknown_cert_status_is_unknown()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { Status = OcspTestCertStatus.Unknown });

        ShouldBeUnknown(status, "certStatus unknown");
    }

    [Fact]
    public async Task Delegated_responder_certified_by_the_CA_for_OCSP_signing_is_trusted()
    {
        var logger = new ListLogger<JpkiOcspClient>();
        var (status, _, _) = await CheckAsync(new OcspScenario { Signer = fixture.Delegated }, logger: logger);

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
        logger.Entries.ShouldContain(e => e.Level == LogLevel.Information && e.Message.Contains("without id-pkix-ocsp-nocheck", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delegated_responder_with_nocheck_is_trusted_without_the_revocation_note()
    {
        var logger = new ListLogger<JpkiOcspClient>();
        var (status, _, _) = await CheckAsync(new OcspScenario { Signer = fixture.DelegatedNoCheck, Status = OcspTestCertStatus.Revoked }, logger: logger);

        status.State.ShouldBe(JpkiRevocationState.Revoked, status.Detail);
        logger.Entries.ShouldNotContain(e => e.Message.Contains("nocheck", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delegated_responder_named_by_key_hash_is_trusted()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { Signer = fixture.DelegatedNoCheck, ResponderIdByKey = true });

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
    }

    [Fact]
    public async Task Issuer_CA_named_by_key_hash_is_trusted()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { ResponderIdByKey = true });

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
    }

    [Fact]
    public async Task Delegated_responder_with_an_ECDSA_key_is_trusted()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { Signer = fixture.DelegatedEcdsa, SignatureAlgorithm = "SHA256WITHECDSA" });

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
    }

    [Fact]
    public async Task Delegated_responder_without_the_OCSP_signing_EKU_is_refused()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { Signer = fixture.DelegatedWithoutEku });

        ShouldBeUnknown(status, "id-kp-OCSPSigning");
    }

    [Fact]
    public async Task Delegated_responder_certified_by_another_generation_with_the_same_name_is_refused()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { Signer = fixture.DelegatedByOlderGeneration });

        ShouldBeUnknown(status, "does not verify with the CA's key");
    }

    [Fact]
    public async Task Delegated_responder_certified_by_another_CA_is_refused()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { Signer = fixture.DelegatedByOtherKind });

        ShouldBeUnknown(status, "not issued by the certificate's CA");
    }

    [Fact]
    public async Task Expired_delegated_responder_is_refused()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { Signer = fixture.DelegatedExpired });

        ShouldBeUnknown(status, "validity");
    }

    [Fact]
    public async Task Delegated_responder_whose_certificate_is_not_in_the_response_is_refused()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { Signer = fixture.Delegated, IncludeSignerCertificate = false });

        ShouldBeUnknown(status, "names neither the issuer CA nor a responder certificate");
    }

    [Fact]
    public async Task Bad_signature_is_refused()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { CorruptSignature = true });

        ShouldBeUnknown(status, "signature does not verify");
    }

    [Fact]
    public async Task Response_signed_by_another_generation_of_the_CA_is_refused()
    {
        // Same subject name, so the ResponderID names "the CA"; only the key tells them apart.
        var (status, _, _) = await CheckAsync(new OcspScenario { Signer = fixture.OlderGenerationIssuer, IncludeSignerCertificate = false });

        ShouldBeUnknown(status, "signature does not verify");
    }

    [Fact]
    public async Task SHA1_signed_responses_are_accepted_unless_disabled()
    {
        var (accepted, _, _) = await CheckAsync(new OcspScenario { SignatureAlgorithm = "SHA1WITHRSA" });
        var (refused, _, _) = await CheckAsync(new OcspScenario { SignatureAlgorithm = "SHA1WITHRSA" }, o => o.AcceptSha1Signatures = false);

        accepted.State.ShouldBe(JpkiRevocationState.Good, accepted.Detail);
        ShouldBeUnknown(refused, "algorithm");
    }

    [Theory]
    [InlineData("SHA384WITHRSA")]
    [InlineData("SHA512WITHRSA")]
    public async Task Responses_signed_with_SHA2_RSA_are_accepted(string algorithm)
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { SignatureAlgorithm = algorithm });

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
    }

    [Fact]
    public async Task Answer_for_another_serial_is_refused()
    {
        var other = new BigInteger(1, fixture.OtherCard.SignatureCertificate.SerialNumberBytes.ToArray());
        var (status, _, _) = await CheckAsync(new OcspScenario { OtherSerial = other });

        ShouldBeUnknown(status, "no matching CertID");
    }

    [Fact]
    public async Task Answer_for_another_issuer_is_refused()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { OtherIssuer = fixture.OtherKindIssuer.BcCertificate });

        ShouldBeUnknown(status, "no matching CertID");
    }

    [Fact]
    public async Task Answer_for_another_generation_of_the_issuer_is_refused()
    {
        // Same name hash, another key hash.
        var (status, _, _) = await CheckAsync(new OcspScenario { OtherIssuer = fixture.OlderGenerationIssuer.BcCertificate });

        ShouldBeUnknown(status, "no matching CertID");
    }

    [Fact]
    public async Task Echoed_nonce_is_accepted()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { Nonce = NonceMode.Echo }, o => o.RequireNonce = true);

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
    }

    [Fact]
    public async Task Wrong_nonce_is_refused()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { Nonce = NonceMode.Wrong });

        ShouldBeUnknown(status, "nonce other than the request's");
    }

    [Fact]
    public async Task Missing_nonce_is_accepted_unless_required()
    {
        var (lenient, _, _) = await CheckAsync(new OcspScenario { Nonce = NonceMode.Omit });
        var (strict, _, _) = await CheckAsync(new OcspScenario { Nonce = NonceMode.Omit }, o => o.RequireNonce = true);

        lenient.State.ShouldBe(JpkiRevocationState.Good, lenient.Detail);
        ShouldBeUnknown(strict, "does not echo the request's nonce");
    }

    [Fact]
    public async Task Without_nonces_no_nonce_is_sent()
    {
        var (status, responder, _) = await CheckAsync(new OcspScenario(), o => o.UseNonce = false);

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
        responder.Requests.ShouldHaveSingleItem().NonceExtensionValue.ShouldBeNull();
    }

    [Fact]
    public async Task ThisUpdate_in_the_future_beyond_the_skew_is_refused()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { ThisUpdateOffset = TimeSpan.FromMinutes(10) });

        ShouldBeUnknown(status, "thisUpdate is in the future");
    }

    [Fact]
    public async Task ThisUpdate_slightly_ahead_within_the_skew_is_accepted()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { ThisUpdateOffset = TimeSpan.FromMinutes(2), ProducedAtOffset = TimeSpan.FromMinutes(2) });

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
    }

    [Fact]
    public async Task ProducedAt_in_the_future_is_refused()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { ProducedAtOffset = TimeSpan.FromHours(1) });

        ShouldBeUnknown(status, "producedAt is in the future");
    }

    [Fact]
    public async Task NextUpdate_in_the_past_is_refused()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { ThisUpdateOffset = TimeSpan.FromDays(-2), NextUpdateOffset = TimeSpan.FromDays(-1) });

        ShouldBeUnknown(status, "expired");
    }

    [Fact]
    public async Task Fresh_answer_without_nextUpdate_is_accepted_and_an_old_one_refused()
    {
        var (fresh, _, _) = await CheckAsync(new OcspScenario { NextUpdateOffset = null });
        var (old, _, _) = await CheckAsync(new OcspScenario { NextUpdateOffset = null, ThisUpdateOffset = TimeSpan.FromHours(-3) });

        fresh.State.ShouldBe(JpkiRevocationState.Good, fresh.Detail);
        fresh.NextUpdate.ShouldBeNull();
        ShouldBeUnknown(old, "no nextUpdate");
    }

    [Theory]
    [InlineData(1, "malformedRequest")]
    [InlineData(2, "internalError")]
    [InlineData(3, "tryLater")]
    [InlineData(5, "sigRequired")]
    [InlineData(6, "unauthorized")]
    public async Task Unsuccessful_response_status_is_unknown_and_named(int responseStatus, string name)
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { ResponseStatus = responseStatus });

        ShouldBeUnknown(status, name);
    }

    [Fact]
    public async Task Response_of_another_type_than_basic_is_unknown()
    {
        var (status, _, _) = await CheckAsync(new OcspScenario { ResponseType = "1.3.6.1.5.5.7.48.1.99" });

        ShouldBeUnknown(status, "id-pkix-ocsp-basic");
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("3000")]
    [InlineData("300302010A")]
    [InlineData("3082FFFF0A0100")]
    [InlineData("3C68746D6C3E")] // "<html>": a captive portal
    public async Task Malformed_bytes_are_unknown(string hex)
    {
        var handler = new OcspStubHandler((_, _) => OcspStubHandler.Ocsp(Convert.FromHexString(hex)));
        var client = new JpkiOcspClient(new HttpClient(handler), OcspTestOptions.Create(), new FakeTimeProvider(OcspFixture.Start));

        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.State.ShouldBe(JpkiRevocationState.Unknown);
        status.Detail.ShouldNotBeNullOrEmpty();
        status.Source.ShouldBe(Source);
    }

    [Fact]
    public async Task Details_never_carry_the_serial_number_or_names()
    {
        var scenarios = new[]
        {
            new OcspScenario { CorruptSignature = true },
            new OcspScenario { Signer = fixture.DelegatedWithoutEku },
            new OcspScenario { OtherSerial = BigInteger.One },
            new OcspScenario { Nonce = NonceMode.Wrong },
            new OcspScenario { ResponseStatus = 3 },
        };

        foreach (var scenario in scenarios)
        {
            var (status, _, _) = await CheckAsync(scenario);
            status.Detail.ShouldNotBeNull();
            status.Detail.ShouldNotContain(fixture.Certificate.SerialNumber, Case.Insensitive);
            status.Detail.ShouldNotContain("Tohma", Case.Insensitive);
            status.Detail.ShouldNotContain("CN=", Case.Insensitive);
        }
    }

    private static void ShouldBeUnknown(JpkiRevocationStatus status, string detail)
    {
        status.State.ShouldBe(JpkiRevocationState.Unknown);
        status.Source.ShouldBe(Source);
        status.Detail.ShouldNotBeNull();
        status.Detail.ShouldContain(detail, Case.Insensitive);
    }

    private JpkiOcspClient Client(OcspTestResponder responder, Action<JpkiOcspClientOptions>? configure = null, ListLogger<JpkiOcspClient>? logger = null) =>
        new(new HttpClient(OcspStubHandler.For(responder)), OcspTestOptions.Create(configure: configure), new FakeTimeProvider(OcspFixture.Start), logger);

    private async Task<(JpkiRevocationStatus Status, OcspTestResponder Responder, OcspStubHandler Handler)> CheckAsync(
        OcspScenario scenario,
        Action<JpkiOcspClientOptions>? configure = null,
        ListLogger<JpkiOcspClient>? logger = null)
    {
        var clock = new FakeTimeProvider(OcspFixture.Start);
        var responder = new OcspTestResponder(fixture, clock) { Scenario = scenario };
        var handler = OcspStubHandler.For(responder);
        var client = new JpkiOcspClient(new HttpClient(handler), OcspTestOptions.Create(configure: configure), clock, logger);
        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);
        return (status, responder, handler);
    }
}
