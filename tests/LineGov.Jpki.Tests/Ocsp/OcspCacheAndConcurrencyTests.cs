namespace LineGov.Jpki.Tests.Ocsp;

/// <summary>Answers reused until nextUpdate; concurrent checks of one certificate share one exchange.</summary>
[Collection(OcspCollection.Name)]
public sealed class OcspCacheAndConcurrencyTests(OcspFixture fixture)
{
    [Fact]
    public async Task Good_answer_is_reused_until_its_nextUpdate()
    {
        var clock = new FakeTimeProvider(OcspFixture.Start);
        var responder = new OcspTestResponder(fixture, clock) { Scenario = new OcspScenario { NextUpdateOffset = TimeSpan.FromHours(1) } };
        var handler = OcspStubHandler.For(responder);
        var client = new JpkiOcspClient(new HttpClient(handler), OcspTestOptions.Create(), clock);

        var first = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(59));
        var second = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, clock.GetUtcNow());

        first.State.ShouldBe(JpkiRevocationState.Good, first.Detail);
        second.ShouldBeSameAs(first);
        handler.Count.ShouldBe(1);

        clock.Advance(TimeSpan.FromMinutes(2));
        var third = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, clock.GetUtcNow());

        third.State.ShouldBe(JpkiRevocationState.Good, third.Detail);
        third.ShouldNotBeSameAs(first);
        handler.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Revoked_answer_is_cached_too()
    {
        var clock = new FakeTimeProvider(OcspFixture.Start);
        var responder = new OcspTestResponder(fixture, clock) { Scenario = new OcspScenario { Status = OcspTestCertStatus.Revoked, RevocationReason = 1 } };
        var handler = OcspStubHandler.For(responder);
        var client = new JpkiOcspClient(new HttpClient(handler), OcspTestOptions.Create(), clock);

        await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, clock.GetUtcNow());
        var again = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, clock.GetUtcNow());

        again.State.ShouldBe(JpkiRevocationState.Revoked);
        handler.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Answer_without_nextUpdate_is_not_cached()
    {
        var clock = new FakeTimeProvider(OcspFixture.Start);
        var responder = new OcspTestResponder(fixture, clock) { Scenario = new OcspScenario { NextUpdateOffset = null } };
        var handler = OcspStubHandler.For(responder);
        var client = new JpkiOcspClient(new HttpClient(handler), OcspTestOptions.Create(), clock);

        await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, clock.GetUtcNow());
        await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, clock.GetUtcNow());

        handler.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Unknown_answer_is_not_cached()
    {
        var clock = new FakeTimeProvider(OcspFixture.Start);
        var responder = new OcspTestResponder(fixture, clock) { Scenario = new OcspScenario { ResponseStatus = 3 } };
        var handler = OcspStubHandler.For(responder);
        var client = new JpkiOcspClient(new HttpClient(handler), OcspTestOptions.Create(), clock);

        await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, clock.GetUtcNow());
        responder.Scenario = new OcspScenario();
        var second = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, clock.GetUtcNow());

        second.State.ShouldBe(JpkiRevocationState.Good, second.Detail);
        handler.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Cache_holds_at_most_the_configured_number_of_answers()
    {
        var clock = new FakeTimeProvider(OcspFixture.Start);
        var responder = new OcspTestResponder(fixture, clock);
        var handler = OcspStubHandler.For(responder);
        var client = new JpkiOcspClient(new HttpClient(handler), OcspTestOptions.Create(configure: o => o.MaxCacheEntries = 1), clock);
        var other = fixture.OtherCard.SignatureCertificate;

        await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, clock.GetUtcNow());
        await client.CheckAsync(other, fixture.IssuerCertificate, clock.GetUtcNow());
        await client.CheckAsync(other, fixture.IssuerCertificate, clock.GetUtcNow());
        await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, clock.GetUtcNow());

        handler.Count.ShouldBe(3, "the second certificate's answer evicted the first's");
    }

    [Fact]
    public async Task Twenty_concurrent_checks_of_one_certificate_make_one_request()
    {
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        await using var server = LoopbackHttpServer.ForResponder(responder, delay: TimeSpan.FromMilliseconds(300));
        var client = new JpkiOcspClient(new HttpClient(), OcspTestOptions.Create(server.Uri), new FakeTimeProvider(OcspFixture.Start));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var checks = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(async () =>
            {
                await gate.Task;
                return await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);
            }))
            .ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(checks);

        results.ShouldAllBe(s => s.State == JpkiRevocationState.Good);
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_caller_that_cancels_does_not_cancel_the_shared_request()
    {
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        await using var server = LoopbackHttpServer.ForResponder(responder, delay: TimeSpan.FromMilliseconds(500));
        var client = new JpkiOcspClient(new HttpClient(), OcspTestOptions.Create(server.Uri), new FakeTimeProvider(OcspFixture.Start));
        using var impatient = new CancellationTokenSource();

        var first = client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start, impatient.Token).AsTask();
        var second = client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start).AsTask();
        await Task.Delay(100);
        await impatient.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(first);
        var status = await second;
        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task When_every_caller_cancels_the_next_check_starts_afresh()
    {
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        var calls = 0;
        await using var server = new LoopbackHttpServer(request => Task.FromResult<LoopbackResponse?>(
            Interlocked.Increment(ref calls) == 1
                ? null
                : new LoopbackResponse(200, responder.Respond(request.Method, LoopbackHttpServer.DecodeOcspRequest(request)))));
        var client = new JpkiOcspClient(new HttpClient(), OcspTestOptions.Create(server.Uri), new FakeTimeProvider(OcspFixture.Start));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start, cancel.Token).AsTask());
        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
        server.Requests.Count.ShouldBe(2);
    }
}
