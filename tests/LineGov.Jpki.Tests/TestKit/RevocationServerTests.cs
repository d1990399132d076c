using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using LineGov.Jpki.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;

namespace LineGov.Jpki.Tests.TestKit;

[Collection(AuthorityCollection.Name)]
public sealed class RevocationServerTests(AuthorityFixture fixture) : IAsyncLifetime
{
    private static readonly byte[] Nonce = [0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6, 0x07, 0x18, 0x29, 0x3A, 0x4B, 0x5C, 0x6D, 0x7E, 0x8F, 0x90];

    private JpkiTestRevocationServer _server = null!;

    private JpkiTestAuthority Authority => fixture.Authority;

    private JpkiTestCa Ca => Authority.GetCa(JpkiCertificateKind.Signature);

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    public Task InitializeAsync()
    {
        // The shared authority keeps its URIs: these tests point certificates at the server explicitly.
        _server = JpkiTestRevocationServer.Start(Authority, new JpkiTestRevocationServerOptions { PublishOnAuthority = false });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Ocsp_post_is_answered_from_the_authoritys_state_and_recorded()
    {
        using var card = IssueCard();
        var request = Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], Nonce).GetEncoded();

        var (status, contentType, body) = await PostOcspAsync(request);

        status.ShouldBe(HttpStatusCode.OK);
        contentType.ShouldBe("application/ocsp-response");
        var basic = Bc.Basic(body);
        basic.Verify(Bc.Certificate(Ca.Certificate).GetPublicKey()).ShouldBeTrue();
        basic.Responses.Single().GetCertStatus().ShouldBeNull();
        Bc.ResponseNonce(basic).ShouldBe(Nonce);

        Authority.Revoke(card.SignatureCertificate, Now.AddMinutes(-10), X509RevocationReason.KeyCompromise);
        var revoked = Bc.Basic((await PostOcspAsync(request)).Body).Responses.Single().GetCertStatus().ShouldBeOfType<RevokedStatus>();
        revoked.RevocationReason.ShouldBe(CrlReason.KeyCompromise);

        var recorded = _server.Requests;
        recorded.Count.ShouldBe(2);
        recorded.ShouldAllBe(r => r.Method == "POST" && r.Endpoint == JpkiTestServerEndpoint.Ocsp && r.ContentType == "application/ocsp-request");
        recorded[0].Body.ToArray().ShouldBe(request);
        Asn1OctetString.GetInstance(recorded[0].OcspRequest!.Nonce!.Value.ToArray()).GetOctets().ShouldBe(Nonce);
        recorded[0].OcspRequest!.CertIds.Single().SerialNumber.ShouldBe(card.SignatureCertificate.SerialNumber);
        recorded[0].ReceivedAt.ShouldBe(Now);
        recorded[0].Sequence.ShouldBeLessThan(recorded[1].Sequence);
    }

    [Fact]
    public async Task Ocsp_get_carries_the_request_in_the_path_escaped_or_not()
    {
        using var card = IssueCard();
        var request = Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], null).GetEncoded();
        using var http = new HttpClient();

        var escaped = await http.GetAsync(_server.GetOcspGetUri(request));
        var raw = await http.GetAsync(new Uri(_server.OcspUri.AbsoluteUri + "/" + Convert.ToBase64String(request)));

        foreach (var response in new[] { escaped, raw })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            Bc.Basic(await response.Content.ReadAsByteArrayAsync()).Responses.Single().GetCertStatus().ShouldBeNull();
        }

        _server.Requests.ShouldAllBe(r => r.Method == "GET" && r.Endpoint == JpkiTestServerEndpoint.Ocsp && r.Body.IsEmpty && r.OcspRequest != null);
        _server.Requests.Select(r => r.ConnectionId).Distinct().Count().ShouldBe(1); // kept alive
    }

    [Fact]
    public async Task Bad_ocsp_requests_get_malformed_request()
    {
        using var http = new HttpClient();

        var post = await http.PostAsync(_server.OcspUri, new ByteArrayContent([0x30, 0x01, 0x00]));
        var get = await http.GetAsync(new Uri(_server.OcspUri.AbsoluteUri + "/not*base64"));

        new OcspResp(await post.Content.ReadAsByteArrayAsync()).Status.ShouldBe(OcspRespStatus.MalformedRequest);
        new OcspResp(await get.Content.ReadAsByteArrayAsync()).Status.ShouldBe(OcspRespStatus.MalformedRequest);
        _server.Requests.ShouldAllBe(r => r.Endpoint == JpkiTestServerEndpoint.Ocsp && r.OcspRequest == null);
    }

    [Fact]
    public async Task Complete_and_delta_crls_are_served_per_partition_at_stable_urls()
    {
        var partition = Bc.NewPartition();
        using var first = IssueCard(partition);
        using var second = IssueCard(partition);
        Authority.Revoke(first.SignatureCertificate, Now.AddHours(-2), X509RevocationReason.AffiliationChanged);
        using var http = new HttpClient();

        var crlResponse = await http.GetAsync(_server.GetCrlUri(Ca, partition));
        crlResponse.Content.Headers.ContentType!.MediaType.ShouldBe("application/pkix-crl");
        var crl = Bc.Crl(await crlResponse.Content.ReadAsByteArrayAsync());
        Authority.Revoke(second.SignatureCertificate, Now.AddHours(-1), X509RevocationReason.Superseded);
        var delta = Bc.Crl(await http.GetByteArrayAsync(_server.GetDeltaCrlUri(Ca, partition)));

        Bc.Verifies(crl, Ca.Certificate).ShouldBeTrue();
        crl.IsRevoked(Bc.Certificate(first.SignatureCertificate)).ShouldBeTrue();
        crl.IsRevoked(Bc.Certificate(second.SignatureCertificate)).ShouldBeFalse();
        var baseNumber = DerInteger.GetInstance(Bc.Extension(crl, "2.5.29.20")).Value;
        Bc.Verifies(delta, Ca.Certificate).ShouldBeTrue();
        DerInteger.GetInstance(Bc.Extension(delta, "2.5.29.27")).Value.ShouldBe(baseNumber);
        delta.GetRevokedCertificates().Cast<Org.BouncyCastle.X509.X509CrlEntry>().ShouldHaveSingleItem().SerialNumber.ShouldBe(Bc.Serial(second.SignatureCertificate));

        var explicitBase = Bc.Crl(await http.GetByteArrayAsync(new Uri(_server.GetDeltaCrlUri(Ca, partition) + "?base=" + (baseNumber.IntValue - 1))));
        DerInteger.GetInstance(Bc.Extension(explicitBase, "2.5.29.27")).Value.IntValue.ShouldBe(baseNumber.IntValue - 1);

        _server.Requests.Select(r => r.Endpoint).ShouldBe([JpkiTestServerEndpoint.Crl, JpkiTestServerEndpoint.DeltaCrl, JpkiTestServerEndpoint.DeltaCrl]);
        _server.GetCrlUri(Ca, partition).AbsoluteUri.ShouldBe($"{_server.BaseUri}crl/sign/{Ca.Generation.Name}/Testkit-ken/{partition.Municipality}.crl");
    }

    [Fact]
    public async Task Certificates_issued_while_the_server_runs_point_at_it_and_their_urls_answer()
    {
        using var authority = SmallAuthority();
        var partition = new JpkiTestCrlPartition("Ibaraki-ken", "Tsukuba-shi");
        Uri ocspUri, crlUri;
        await using (var server = JpkiTestRevocationServer.Start(authority, new JpkiTestRevocationServerOptions { AdvertiseDeltaCrls = true }))
        {
            using var card = authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { CrlPartition = partition });
            authority.Revoke(card.SignatureCertificate, reason: X509RevocationReason.CessationOfOperation);
            ocspUri = card.SignatureCertificate.OcspResponderUris.ShouldHaveSingleItem();
            crlUri = card.SignatureCertificate.CrlDistributionPoints[1].Uris.ShouldHaveSingleItem();
            ocspUri.ShouldBe(server.OcspUri);
            crlUri.ShouldBe(server.GetCrlUri(authority.GetCa(JpkiCertificateKind.Signature), partition));
            using var http = new HttpClient();

            var crl = Bc.Crl(await http.GetByteArrayAsync(crlUri));
            var ocsp = await http.PostAsync(ocspUri, new ByteArrayContent(Bc.Request([Bc.CertId(authority.GetCa(JpkiCertificateKind.Signature), card.SignatureCertificate)], null).GetEncoded()));

            crl.IsRevoked(Bc.Certificate(card.SignatureCertificate)).ShouldBeTrue();
            var freshest = CrlDistPoint.GetInstance(Bc.Extension(crl, "2.5.29.46")).GetDistributionPoints().Single();
            DerIA5String.GetInstance(GeneralNames.GetInstance(freshest.DistributionPointName.Name).GetNames().Single().Name).GetString()
                .ShouldBe(server.GetDeltaCrlUri(authority.GetCa(JpkiCertificateKind.Signature), partition).AbsoluteUri);
            Bc.Basic(await ocsp.Content.ReadAsByteArrayAsync()).Responses.Single().GetCertStatus().ShouldBeOfType<RevokedStatus>();
        }

        authority.OcspUri.ShouldBeNull();
        authority.CrlBaseUri.ShouldBeNull();
    }

    [Theory]
    [InlineData(JpkiTestOcspResponseStatus.TryLater, OcspRespStatus.TryLater)]
    [InlineData(JpkiTestOcspResponseStatus.InternalError, OcspRespStatus.InternalError)]
    [InlineData(JpkiTestOcspResponseStatus.Unauthorized, OcspRespStatus.Unauthorized)]
    [InlineData(JpkiTestOcspResponseStatus.SigRequired, OcspRespStatus.SigRequired)]
    public async Task Unsuccessful_ocsp_statuses_are_served(JpkiTestOcspResponseStatus status, int expected)
    {
        using var card = IssueCard();
        _server.Behavior = new JpkiTestServerBehavior { OcspResponseStatus = status };

        var response = await PostOcspAsync(Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], Nonce).GetEncoded());

        response.Status.ShouldBe(HttpStatusCode.OK);
        new OcspResp(response.Body).Status.ShouldBe(expected);
    }

    [Fact]
    public async Task Malformed_bodies_do_not_parse()
    {
        var partition = Bc.NewPartition();
        using var card = IssueCard(partition);
        _server.Behavior = JpkiTestServerBehavior.Malformed;
        using var http = new HttpClient();

        var ocsp = await PostOcspAsync(Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], Nonce).GetEncoded());
        var crlResponse = await http.GetAsync(_server.GetCrlUri(Ca, partition));

        ocsp.Status.ShouldBe(HttpStatusCode.OK);
        ocsp.ContentType.ShouldBe("application/ocsp-response");
        Should.Throw<Exception>(() => new OcspResp(ocsp.Body).GetResponseObject());
        crlResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        var crlBytes = await crlResponse.Content.ReadAsByteArrayAsync();
        Should.Throw<Exception>(() => Bc.Crl(crlBytes).GetRevokedCertificates());
    }

    [Fact]
    public async Task Slow_answers_cost_the_client_its_timeout()
    {
        using var card = IssueCard();
        var request = Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], null).GetEncoded();
        _server.Behavior = JpkiTestServerBehavior.Slow(TimeSpan.FromMilliseconds(400));

        var stopwatch = Stopwatch.StartNew();
        var answered = await PostOcspAsync(request);
        stopwatch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(350));
        Bc.Basic(answered.Body).Responses.Single().GetCertStatus().ShouldBeNull();

        _server.Behavior = JpkiTestServerBehavior.Slow(TimeSpan.FromSeconds(30));
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        stopwatch.Restart();
        await Should.ThrowAsync<TaskCanceledException>(() => impatient.PostAsync(_server.OcspUri, new ByteArrayContent(request)));
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_server_that_is_down_refuses_connections_until_it_is_back()
    {
        using var card = IssueCard();
        var request = Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], null).GetEncoded();

        _server.Behavior = JpkiTestServerBehavior.Down;
        using (var http = new HttpClient())
        {
            var error = await Should.ThrowAsync<HttpRequestException>(() => http.PostAsync(_server.OcspUri, new ByteArrayContent(request)));
            error.InnerException.ShouldBeOfType<SocketException>().SocketErrorCode.ShouldBe(SocketError.ConnectionRefused);
        }

        _server.Behavior = JpkiTestServerBehavior.Normal;
        (await PostOcspAsync(request)).Status.ShouldBe(HttpStatusCode.OK);
        _server.Requests.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(JpkiTestServerFailure.ResetConnection)]
    [InlineData(JpkiTestServerFailure.CloseConnection)]
    public async Task Connections_can_be_reset_or_closed_without_an_answer_for_one_certificate(JpkiTestServerFailure failure)
    {
        using var broken = IssueCard();
        using var fine = IssueCard();
        _server.SetOcspBehavior(broken.SignatureCertificate, new JpkiTestServerBehavior { Failure = failure });

        using (var http = new HttpClient())
        {
            await Should.ThrowAsync<HttpRequestException>(() => http.PostAsync(_server.OcspUri, new ByteArrayContent(Bc.Request([Bc.CertId(Ca, broken.SignatureCertificate)], null).GetEncoded())));
        }

        (await PostOcspAsync(Bc.Request([Bc.CertId(Ca, fine.SignatureCertificate)], null).GetEncoded())).Status.ShouldBe(HttpStatusCode.OK);
        _server.Requests[0].OcspRequest!.CertIds.Single().SerialNumber.ShouldBe(broken.SignatureCertificate.SerialNumber);
    }

    [Fact]
    public async Task Requests_that_are_never_answered_time_out_and_disposing_the_server_ends_them_promptly()
    {
        using var card = IssueCard();
        var request = Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], null).GetEncoded();
        var server = JpkiTestRevocationServer.Start(Authority, new JpkiTestRevocationServerOptions { PublishOnAuthority = false });
        server.Behavior = JpkiTestServerBehavior.NeverAnswer;

        using (var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) })
        {
            await Should.ThrowAsync<TaskCanceledException>(() => impatient.PostAsync(server.OcspUri, new ByteArrayContent(request)));
        }

        using var patient = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var pending = patient.PostAsync(server.OcspUri, new ByteArrayContent(request));
        while (server.Requests.Count < 2)
        {
            await Task.Delay(10);
        }

        var stopwatch = Stopwatch.StartNew();
        await server.DisposeAsync();
        await Should.ThrowAsync<HttpRequestException>(() => pending);
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        using var after = new HttpClient();
        await Should.ThrowAsync<HttpRequestException>(() => after.GetAsync(server.BaseUri));
    }

    [Fact]
    public async Task Nonces_can_be_echoed_wrong_or_left_out_per_certificate()
    {
        using var wrong = IssueCard();
        using var omitted = IssueCard();
        using var echoed = IssueCard();
        _server.SetOcspBehavior(wrong.SignatureCertificate, new JpkiTestServerBehavior { Nonce = JpkiTestNonceBehavior.Wrong });
        _server.SetOcspBehavior(omitted.SignatureCertificate.SerialNumber, new JpkiTestServerBehavior { Nonce = JpkiTestNonceBehavior.Omit });

        var wrongNonce = Bc.ResponseNonce(Bc.Basic((await PostOcspAsync(Bc.Request([Bc.CertId(Ca, wrong.SignatureCertificate)], Nonce).GetEncoded())).Body));
        var omittedNonce = Bc.ResponseNonce(Bc.Basic((await PostOcspAsync(Bc.Request([Bc.CertId(Ca, omitted.SignatureCertificate)], Nonce).GetEncoded())).Body));
        var echoedNonce = Bc.ResponseNonce(Bc.Basic((await PostOcspAsync(Bc.Request([Bc.CertId(Ca, echoed.SignatureCertificate)], Nonce).GetEncoded())).Body));
        var unsolicited = Bc.ResponseNonce(Bc.Basic((await PostOcspAsync(Bc.Request([Bc.CertId(Ca, wrong.SignatureCertificate)], null).GetEncoded())).Body));

        wrongNonce.ShouldNotBeNull();
        wrongNonce.Length.ShouldBe(Nonce.Length);
        wrongNonce.ShouldNotBe(Nonce);
        omittedNonce.ShouldBeNull();
        echoedNonce.ShouldBe(Nonce);
        unsolicited.ShouldNotBeNull();

        _server.SetOcspBehavior(wrong.SignatureCertificate, null);
        Bc.ResponseNonce(Bc.Basic((await PostOcspAsync(Bc.Request([Bc.CertId(Ca, wrong.SignatureCertificate)], Nonce).GetEncoded())).Body)).ShouldBe(Nonce);
    }

    [Fact]
    public async Task A_delegated_responder_or_a_given_one_signs()
    {
        using var card = IssueCard();
        var request = Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], Nonce).GetEncoded();
        _server.Behavior = new JpkiTestServerBehavior { DelegatedResponder = true };

        var delegated = Bc.Basic((await PostOcspAsync(request)).Body);
        var again = Bc.Basic((await PostOcspAsync(request)).Body);

        var responder = delegated.GetCerts().ShouldHaveSingleItem();
        delegated.Verify(responder.GetPublicKey()).ShouldBeTrue();
        responder.Verify(Bc.Certificate(Ca.Certificate).GetPublicKey());
        responder.GetExtendedKeyUsage().Cast<object>().Select(o => o.ToString()).ShouldBe(["1.3.6.1.5.5.7.3.9"]);
        again.GetCerts().Single().GetEncoded().ShouldBe(responder.GetEncoded());

        using var withoutEku = Authority.IssueOcspResponder(Ca, new JpkiTestOcspResponderOptions { IncludeOcspSigningUsage = false });
        _server.Behavior = new JpkiTestServerBehavior { Responder = withoutEku, ResponderId = JpkiTestOcspResponderIdKind.ByKey };
        var given = Bc.Basic((await PostOcspAsync(request)).Body);
        given.GetCerts().Single().GetEncoded().ShouldBe(withoutEku.Certificate.RawData);
        given.Verify(given.GetCerts().Single().GetPublicKey()).ShouldBeTrue();
        given.GetCerts().Single().GetExtendedKeyUsage().ShouldBeNull();
        given.ResponderId.ToAsn1Object().GetKeyHash().ShouldNotBeNull();
    }

    [Fact]
    public async Task Answers_can_come_from_the_wrong_CA_generation()
    {
        var partition = Bc.NewPartition();
        using var card = IssueCard(partition);
        Authority.Revoke(card.SignatureCertificate);
        var older = Authority.GetCa(JpkiCertificateKind.Signature, "02");
        _server.Behavior = new JpkiTestServerBehavior { SigningGeneration = "02" };
        using var http = new HttpClient();

        var ocsp = Bc.Basic((await PostOcspAsync(Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], null).GetEncoded())).Body);
        var crl = Bc.Crl(await http.GetByteArrayAsync(_server.GetCrlUri(Ca, partition)));

        ocsp.Verify(Bc.Certificate(Ca.Certificate).GetPublicKey()).ShouldBeFalse();
        ocsp.Verify(Bc.Certificate(older.Certificate).GetPublicKey()).ShouldBeTrue();
        ocsp.ResponderId.ToAsn1Object().Name.GetEncoded().ShouldBe(Ca.Certificate.SubjectName.RawData); // generations share a subject
        Bc.Verifies(crl, Ca.Certificate).ShouldBeFalse();
        Bc.Verifies(crl, older.Certificate).ShouldBeTrue();
        AuthorityKeyIdentifier.GetInstance(Bc.Extension(crl, "2.5.29.35")).GetKeyIdentifier()
            .ShouldBe(older.Parsed.SubjectKeyIdentifier!.Value.ToArray());

        _server.Behavior = new JpkiTestServerBehavior { SigningGeneration = "02", DelegatedResponder = true };
        var delegated = Bc.Basic((await PostOcspAsync(Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], null).GetEncoded())).Body);
        delegated.GetCerts().Single().Verify(Bc.Certificate(older.Certificate).GetPublicKey());
    }

    [Fact]
    public async Task Crl_behaviors_are_set_per_partition()
    {
        var slow = Bc.NewPartition();
        var corrupt = Bc.NewPartition();
        var stale = Bc.NewPartition();
        _server.SetCrlBehavior(slow, new JpkiTestServerBehavior { HttpStatusCode = 503 });
        _server.SetCrlBehavior(corrupt, new JpkiTestServerBehavior { CorruptSignature = true });
        _server.SetCrlBehavior(stale, new JpkiTestServerBehavior { ThisUpdateOffset = TimeSpan.FromDays(-3), Validity = TimeSpan.FromDays(1) });
        using var http = new HttpClient();

        (await http.GetAsync(_server.GetCrlUri(Ca, slow))).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        Bc.Verifies(Bc.Crl(await http.GetByteArrayAsync(_server.GetCrlUri(Ca, corrupt))), Ca.Certificate).ShouldBeFalse();
        var staleCrl = Bc.Crl(await http.GetByteArrayAsync(_server.GetCrlUri(Ca, stale)));
        new DateTimeOffset(staleCrl.NextUpdate!.Value, TimeSpan.Zero).ShouldBe(Now.AddDays(-2));
        Bc.Verifies(Bc.Crl(await http.GetByteArrayAsync(_server.GetCrlUri(Ca, Bc.NewPartition()))), Ca.Certificate).ShouldBeTrue();

        _server.SetCrlBehavior(slow, null);
        (await http.GetAsync(_server.GetCrlUri(Ca, slow))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ocsp_times_and_statuses_can_be_forced()
    {
        using var card = IssueCard();
        var request = Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], null).GetEncoded();

        _server.Behavior = new JpkiTestServerBehavior { OcspCertStatus = JpkiTestOcspCertStatus.Revoked, ThisUpdateOffset = TimeSpan.FromDays(-2) };
        var revoked = Bc.Basic((await PostOcspAsync(request)).Body).Responses.Single();
        _server.Behavior = new JpkiTestServerBehavior { OcspCertStatus = JpkiTestOcspCertStatus.Unknown, Validity = null };
        var unknown = Bc.Basic((await PostOcspAsync(request)).Body).Responses.Single();

        revoked.GetCertStatus().ShouldBeOfType<RevokedStatus>().RevocationTime.ShouldBe(Now.AddHours(-1).UtcDateTime);
        new DateTimeOffset(revoked.ThisUpdate, TimeSpan.Zero).ShouldBe(Now.AddDays(-2));
        new DateTimeOffset(revoked.NextUpdate!.Value, TimeSpan.Zero).ShouldBe(Now.AddDays(-1));
        unknown.GetCertStatus().ShouldBeOfType<UnknownStatus>();
        unknown.NextUpdate.ShouldBeNull();
    }

    [Fact]
    public async Task Unknown_paths_are_404_and_http_statuses_can_be_forced()
    {
        using var http = new HttpClient();

        (await http.GetAsync(new Uri(_server.BaseUri, "nothing"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync(new Uri(_server.BaseUri, "crl/sign/99/Hokkaido/Tohma-cho.crl"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync(new Uri(_server.BaseUri, "crl/other/03/Hokkaido/Tohma-cho.crl"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        _server.Behavior = new JpkiTestServerBehavior { HttpStatusCode = 500 };
        (await http.PostAsync(_server.OcspUri, new ByteArrayContent([0x30, 0x00]))).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        _server.ResetBehaviors();
        (await http.GetAsync(_server.GetCrlUri(Ca, Bc.NewPartition()))).StatusCode.ShouldBe(HttpStatusCode.OK);
        _server.Requests.Count.ShouldBe(5);
        _server.Requests[0].Endpoint.ShouldBe(JpkiTestServerEndpoint.Unknown);
        _server.ClearRequests();
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Chunked_and_expect_continue_posts_are_read()
    {
        using var card = IssueCard();
        var request = Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], Nonce).GetEncoded();
        using var http = new HttpClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, _server.OcspUri) { Content = new ByteArrayContent(request) };
        message.Headers.TransferEncodingChunked = true;
        message.Headers.ExpectContinue = true;
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");

        var response = await http.SendAsync(message);

        Bc.ResponseNonce(Bc.Basic(await response.Content.ReadAsByteArrayAsync())).ShouldBe(Nonce);
        _server.Requests.Single().Body.ToArray().ShouldBe(request);
    }

    [Fact]
    public async Task Concurrent_requests_are_all_recorded()
    {
        using var card = IssueCard();
        var request = Bc.Request([Bc.CertId(Ca, card.SignatureCertificate)], null).GetEncoded();
        _server.Behavior = JpkiTestServerBehavior.Slow(TimeSpan.FromMilliseconds(100));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostOcspAsync(request)));

        responses.ShouldAllBe(r => r.Status == HttpStatusCode.OK);
        _server.Requests.Count.ShouldBe(8);
        _server.Requests.Select(r => r.Sequence).ShouldBe(Enumerable.Range(1, 8).Select(i => (long)i), ignoreOrder: true);
    }

    private JpkiTestCard IssueCard(JpkiTestCrlPartition? partition = null) =>
        Authority.IssueCard(signatureOptions: new JpkiTestCertificateOptions { CrlPartition = partition, OcspUri = _server.OcspUri });

    private JpkiTestAuthority SmallAuthority() => JpkiTestAuthority.Create(new JpkiTestAuthorityOptions
    {
        TimeProvider = fixture.Clock,
        ReuseCardKeys = true,
        KeySize = 1024,
        Generations = [new JpkiTestGeneration("03", Now.AddYears(-1), Now.AddYears(5))],
    });

    private async Task<(HttpStatusCode Status, string? ContentType, byte[] Body)> PostOcspAsync(byte[] request)
    {
        using var http = new HttpClient();
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var response = await http.PostAsync(_server.OcspUri, content);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }
}
