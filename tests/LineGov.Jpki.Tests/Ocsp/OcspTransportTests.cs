using System.Diagnostics;
using Polly;

namespace LineGov.Jpki.Tests.Ocsp;

/// <summary>The exchange over a real loopback socket: methods, retries, timeouts, dead and hostile responders.</summary>
[Collection(OcspCollection.Name)]
public sealed class OcspTransportTests(OcspFixture fixture)
{
    [Fact]
    public async Task Request_is_POSTed_with_the_OCSP_media_type()
    {
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        await using var server = LoopbackHttpServer.ForResponder(responder);
        var client = Client(server.Uri);

        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
        status.Source.ShouldBe("ocsp:" + server.Uri.AbsoluteUri);
        var request = server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Target.ShouldBe("/ocsp");
        request.Headers["Content-Type"].ShouldBe("application/ocsp-request");
        request.Headers["Accept"].ShouldContain("application/ocsp-response");
    }

    [Fact]
    public async Task Responder_is_the_first_http_OCSP_URI_of_the_certificate()
    {
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        await using var server = LoopbackHttpServer.ForResponder(responder);
        var certificate = fixture.IssueWithOcspUris("ldap://ocsp.example.jp/", server.Uri.AbsoluteUri, "http://second.example.jp/");
        var client = new JpkiOcspClient(new HttpClient(), new JpkiOcspClientOptions(), new FakeTimeProvider(OcspFixture.Start));

        var status = await client.CheckAsync(certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
        status.Source.ShouldBe("ocsp:" + server.Uri.AbsoluteUri);
        responder.Requests.ShouldHaveSingleItem().CertIdMatchesIndependentComputation.ShouldBeTrue();
    }

    [Fact]
    public async Task Configured_responder_is_asked_instead_of_the_certificate_s()
    {
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        await using var server = LoopbackHttpServer.ForResponder(responder);
        var certificate = fixture.IssueWithOcspUris($"http://127.0.0.1:{LoopbackHttpServer.UnusedPort()}/aia");
        var client = Client(server.Uri);

        var status = await client.CheckAsync(certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
        status.Source.ShouldBe("ocsp:" + server.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Small_request_goes_by_GET_when_enabled()
    {
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        await using var server = LoopbackHttpServer.ForResponder(responder);
        var client = Client(server.Uri, o =>
        {
            o.UseNonce = false;
            o.UseHttpGet = true;
        });

        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
        var request = server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("GET");
        request.Target.ShouldStartWith("/ocsp/");
        request.Body.ShouldBeEmpty();
        var received = responder.Requests.ShouldHaveSingleItem();
        received.Method.ShouldBe("GET");
        received.CertIdMatchesIndependentComputation.ShouldBeTrue();
        received.Body.Length.ShouldBeLessThanOrEqualTo(255);
    }

    [Fact]
    public async Task Without_GET_enabled_requests_are_POSTed_even_without_a_nonce()
    {
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        await using var server = LoopbackHttpServer.ForResponder(responder);
        var client = Client(server.Uri, o => o.UseNonce = false);

        await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        server.Requests.ShouldHaveSingleItem().Method.ShouldBe("POST");
    }

    [Fact]
    public async Task Server_error_is_retried_and_the_next_answer_used()
    {
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        var calls = 0;
        await using var server = new LoopbackHttpServer(request => Task.FromResult<LoopbackResponse?>(
            Interlocked.Increment(ref calls) == 1
                ? new LoopbackResponse(500, "oops"u8.ToArray(), "text/plain")
                : new LoopbackResponse(200, responder.Respond(request.Method, LoopbackHttpServer.DecodeOcspRequest(request)))));
        var client = Client(server.Uri);

        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
        server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Persistent_server_error_is_unknown_after_the_retries()
    {
        await using var server = new LoopbackHttpServer(_ => Task.FromResult<LoopbackResponse?>(new LoopbackResponse(503, [], "text/plain")));
        var client = Client(server.Uri, o => o.MaxRetryAttempts = 2);

        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.State.ShouldBe(JpkiRevocationState.Unknown);
        status.Detail.ShouldBe("The OCSP responder answered HTTP 503.");
        server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Client_error_is_not_retried()
    {
        await using var server = new LoopbackHttpServer(_ => Task.FromResult<LoopbackResponse?>(new LoopbackResponse(404, [], "text/plain")));
        var client = Client(server.Uri);

        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.State.ShouldBe(JpkiRevocationState.Unknown);
        status.Detail!.ShouldContain("HTTP 404");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Slow_responder_within_the_timeout_is_waited_for()
    {
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        await using var server = LoopbackHttpServer.ForResponder(responder, delay: TimeSpan.FromMilliseconds(400));
        var client = Client(server.Uri, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.TotalTimeout = TimeSpan.FromSeconds(10);
        });

        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Slow_responder_beyond_the_timeout_is_unknown_within_the_total_timeout()
    {
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        await using var server = LoopbackHttpServer.ForResponder(responder, delay: TimeSpan.FromSeconds(10));
        var client = Client(server.Uri, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.TotalTimeout = TimeSpan.FromSeconds(2);
            o.MaxRetryAttempts = 2;
        });

        var watch = Stopwatch.StartNew();
        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);
        watch.Stop();

        status.State.ShouldBe(JpkiRevocationState.Unknown);
        status.Detail!.ShouldContain("did not answer in time");
        server.Requests.Count.ShouldBe(3, "each attempt timed out and was retried");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Responder_that_never_answers_costs_at_most_the_configured_timeout()
    {
        await using var server = new LoopbackHttpServer(_ => Task.FromResult<LoopbackResponse?>(null));
        var client = Client(server.Uri, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(500);
            o.TotalTimeout = TimeSpan.FromMilliseconds(500);
        });

        var watch = Stopwatch.StartNew();
        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);
        watch.Stop();

        status.State.ShouldBe(JpkiRevocationState.Unknown);
        status.Detail!.ShouldContain("did not answer in time");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Replaced_pipeline_is_used_and_still_bounded_by_the_total_timeout()
    {
        await using var server = new LoopbackHttpServer(_ => Task.FromResult<LoopbackResponse?>(null));
        var client = Client(server.Uri, o =>
        {
            o.ResiliencePipeline = ResiliencePipeline<HttpResponseMessage>.Empty; // no timeout at all
            o.AttemptTimeout = TimeSpan.FromMilliseconds(500);
            o.TotalTimeout = TimeSpan.FromMilliseconds(500);
        });

        var watch = Stopwatch.StartNew();
        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);
        watch.Stop();

        status.State.ShouldBe(JpkiRevocationState.Unknown);
        status.Detail!.ShouldContain("did not answer in time");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Refused_connection_is_unknown_quickly()
    {
        var uri = new Uri($"http://127.0.0.1:{LoopbackHttpServer.UnusedPort()}/ocsp");
        var client = Client(uri);

        var watch = Stopwatch.StartNew();
        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);
        watch.Stop();

        status.State.ShouldBe(JpkiRevocationState.Unknown);
        status.Detail.ShouldBe("The OCSP responder cannot be reached (ConnectionError).");
        status.Source.ShouldBe("ocsp:" + uri.AbsoluteUri);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Oversized_response_is_unknown_and_not_retried()
    {
        await using var server = new LoopbackHttpServer(_ => Task.FromResult<LoopbackResponse?>(new LoopbackResponse(200, new byte[200_000])));
        var client = Client(server.Uri, o => o.MaxResponseBytes = 64 * 1024);

        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.State.ShouldBe(JpkiRevocationState.Unknown);
        status.Detail!.ShouldContain("larger than 65536 bytes");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Oversized_body_without_a_length_is_cut_off()
    {
        var handler = new OcspStubHandler((_, _) => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(new EndlessStream()) });
        var client = new JpkiOcspClient(new HttpClient(handler), OcspTestOptions.Create(configure: o => o.MaxResponseBytes = 4096), new FakeTimeProvider(OcspFixture.Start));

        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.State.ShouldBe(JpkiRevocationState.Unknown);
        status.Detail!.ShouldContain("larger than 4096 bytes");
    }

    [Fact]
    public async Task Circuit_opens_after_repeated_failures_and_answers_without_a_request()
    {
        await using var server = new LoopbackHttpServer(_ => Task.FromResult<LoopbackResponse?>(new LoopbackResponse(500, [], "text/plain")));
        var client = Client(server.Uri, o =>
        {
            o.MaxRetryAttempts = 0;
            o.CircuitBreakerMinimumThroughput = 2;
            o.CircuitBreakerFailureRatio = 0.5;
            o.MaxCacheEntries = 0;
        });

        await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);
        await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);
        var third = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        third.State.ShouldBe(JpkiRevocationState.Unknown);
        third.Detail!.ShouldContain("circuit open");
        server.Requests.Count.ShouldBe(2);
    }

    private static JpkiOcspClient Client(Uri responder, Action<JpkiOcspClientOptions>? configure = null) =>
        new(new HttpClient(), OcspTestOptions.Create(responder, configure), new FakeTimeProvider(OcspFixture.Start));

    /// <summary>A body that never ends, as a hostile responder would send with chunked encoding.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)0x30, offset, count);
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
