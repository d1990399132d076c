using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LineGov.Jpki.Tests.Ocsp;

/// <summary>Misuse, options validation, the revocation seam and registration.</summary>
[Collection(OcspCollection.Name)]
public sealed class OcspClientContractTests(OcspFixture fixture)
{
    [Fact]
    public async Task Null_arguments_are_misuse()
    {
        var client = new JpkiOcspClient(new HttpClient(new OcspStubHandler((_, _) => throw new InvalidOperationException())), OcspTestOptions.Create());

        await Should.ThrowAsync<ArgumentNullException>(() => client.CheckAsync(null!, fixture.IssuerCertificate, OcspFixture.Start).AsTask());
        await Should.ThrowAsync<ArgumentNullException>(() => client.CheckAsync(fixture.Certificate, null!, OcspFixture.Start).AsTask());
        await Should.ThrowAsync<ArgumentNullException>(() => client.CheckAsync(null!).AsTask());
        Should.Throw<ArgumentNullException>(() => new JpkiOcspClient(null!));
    }

    [Fact]
    public async Task A_cancelled_caller_gets_a_cancellation()
    {
        var client = new JpkiOcspClient(new HttpClient(new OcspStubHandler((_, _) => throw new InvalidOperationException())), OcspTestOptions.Create());

        await Should.ThrowAsync<OperationCanceledException>(
            client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start, new CancellationToken(canceled: true)).AsTask());
    }

    [Fact]
    public async Task Certificate_without_a_responder_is_unknown_without_a_request()
    {
        var handler = new OcspStubHandler((_, _) => throw new InvalidOperationException());
        var client = new JpkiOcspClient(new HttpClient(handler), new JpkiOcspClientOptions());

        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.State.ShouldBe(JpkiRevocationState.Unknown);
        status.Source.ShouldBe("ocsp");
        status.Detail!.ShouldContain("no http or https OCSP responder");
        handler.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_throwing_transport_is_unknown_not_an_exception()
    {
        var client = new JpkiOcspClient(new HttpClient(new OcspStubHandler((_, _) => throw new InvalidOperationException("boom"))), OcspTestOptions.Create());

        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.State.ShouldBe(JpkiRevocationState.Unknown);
        status.Detail!.ShouldContain("InvalidOperationException");
    }

    [Fact]
    public async Task The_revocation_seam_asks_the_responder()
    {
        var responder = new OcspTestResponder(fixture, fixture.Clock) { Scenario = new OcspScenario { Status = OcspTestCertStatus.Revoked, RevocationReason = 3 } };
        IJpkiRevocationChecker checker = new JpkiOcspClient(new HttpClient(OcspStubHandler.For(responder)), OcspTestOptions.Create(), new FakeTimeProvider(OcspFixture.Start));

        var status = await checker.CheckAsync(new JpkiRevocationRequest(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start, 0));

        status.State.ShouldBe(JpkiRevocationState.Revoked, status.Detail);
        status.RevocationReason.ShouldBe(System.Security.Cryptography.X509Certificates.X509RevocationReason.AffiliationChanged);
    }

    [Fact]
    public async Task The_validator_rejects_a_certificate_the_responder_says_is_revoked()
    {
        var clock = new FakeTimeProvider(OcspFixture.Start);
        var responder = new OcspTestResponder(fixture, clock) { Scenario = new OcspScenario { Status = OcspTestCertStatus.Revoked, RevocationReason = 1 } };
        var checker = new JpkiOcspClient(new HttpClient(OcspStubHandler.For(responder)), OcspTestOptions.Create(), clock);
        var validator = new JpkiCertificateValidator(new JpkiCertificateValidatorOptions { TrustStore = fixture.Authority.CreateTrustStore() }, checker, clock);

        var result = await validator.ValidateAsync(fixture.Certificate);

        result.IsValid.ShouldBeFalse();
        result.HasFailure(JpkiValidationFailureReason.Revoked).ShouldBeTrue(result.ToString());
    }

    [Fact]
    public async Task Requests_cache_hits_and_durations_are_measured_with_outcome_codes()
    {
        var measurements = new ConcurrentQueue<(string Instrument, string? Outcome)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == JpkiDiagnostics.Name && instrument.Name.StartsWith("linegov.jpki.ocsp.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => measurements.Enqueue((instrument.Name, Outcome(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => measurements.Enqueue((instrument.Name, Outcome(tags))));
        listener.Start();
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        var client = new JpkiOcspClient(new HttpClient(OcspStubHandler.For(responder)), OcspTestOptions.Create(), new FakeTimeProvider(OcspFixture.Start));

        await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);
        await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        measurements.ShouldContain(("linegov.jpki.ocsp.requests", "good"));
        measurements.ShouldContain(("linegov.jpki.ocsp.request.duration", "good"));
        measurements.ShouldContain(("linegov.jpki.ocsp.cache_hits", null));
        measurements.ShouldContain(("linegov.jpki.ocsp.checks", "cache_hit"));

        static string? Outcome(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    return tag.Value as string;
                }
            }

            return null;
        }
    }

    [Theory]
    [InlineData("UseHttpGet needs UseNonce = false")]
    [InlineData("RequireNonce needs UseNonce")]
    [InlineData("AttemptTimeout must be between")]
    [InlineData("TotalTimeout must be at least AttemptTimeout")]
    [InlineData("MaxResponseBytes must be between")]
    [InlineData("ResponderUri must be an absolute http or https URI")]
    [InlineData("MaxRetryAttempts must be between 0 and 10")]
    public void Invalid_options_are_refused_with_what_to_change(string message)
    {
        var options = new JpkiOcspClientOptions();
        switch (message)
        {
            case "UseHttpGet needs UseNonce = false":
                options.UseHttpGet = true;
                break;
            case "RequireNonce needs UseNonce":
                options.UseNonce = false;
                options.RequireNonce = true;
                break;
            case "AttemptTimeout must be between":
                options.AttemptTimeout = TimeSpan.Zero;
                break;
            case "TotalTimeout must be at least AttemptTimeout":
                options.TotalTimeout = TimeSpan.FromSeconds(1);
                break;
            case "MaxResponseBytes must be between":
                options.MaxResponseBytes = 10 << 20;
                break;
            case "ResponderUri must be an absolute http or https URI":
                options.ResponderUri = new Uri("ldap://example.jp/");
                break;
            default:
                options.MaxRetryAttempts = -1;
                break;
        }

        var error = Should.Throw<ArgumentException>(() => new JpkiOcspClient(new HttpClient(), options));

        error.Message.ShouldContain(message);
        error.ParamName.ShouldBe("options");
    }

    [Fact]
    public async Task Later_changes_to_the_options_do_not_reach_a_built_client()
    {
        var options = OcspTestOptions.Create();
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        var client = new JpkiOcspClient(new HttpClient(OcspStubHandler.For(responder)), options, new FakeTimeProvider(OcspFixture.Start));

        options.ResponderUri = new Uri("http://elsewhere.test.invalid/");
        options.UseHttpGet = true; // invalid with nonces: the client keeps its validated copy
        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        status.Source.ShouldBe("ocsp:" + OcspTestOptions.StubUri.AbsoluteUri);
        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
    }

    [Fact]
    public async Task Registration_gives_a_singleton_client_over_the_named_http_client()
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider(OcspFixture.Start));
        var builder = services.AddLineGovJpkiOcsp(o => o.ResponderUri = OcspTestOptions.StubUri);
        var responder = new OcspTestResponder(fixture, fixture.Clock);
        builder.ConfigurePrimaryHttpMessageHandler(() => OcspStubHandler.For(responder));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var client = provider.GetRequiredService<JpkiOcspClient>();
        var status = await client.CheckAsync(fixture.Certificate, fixture.IssuerCertificate, OcspFixture.Start);

        builder.Name.ShouldBe(JpkiOcspClient.HttpClientName);
        provider.GetRequiredService<JpkiOcspClient>().ShouldBeSameAs(client);
        provider.GetService<IJpkiRevocationChecker>().ShouldBeNull("a composite checker decides the policy");
        status.State.ShouldBe(JpkiRevocationState.Good, status.Detail);
        responder.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public void Invalid_registered_options_fail_at_start_with_a_clear_message()
    {
        using var provider = new ServiceCollection()
            .AddLineGovJpkiOcsp(o => o.UseHttpGet = true)
            .Services
            .BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JpkiOcspClientOptions>>().Value);

        error.Message.ShouldContain("UseHttpGet needs UseNonce = false");
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ResponderUri"] = "http://ocsp.example.jp/verifier",
            ["CertIdHashAlgorithm"] = "Sha256",
            ["RequireNonce"] = "true",
            ["TotalTimeout"] = "00:00:07",
            ["MaxCacheEntries"] = "500",
        }).Build();
        using var provider = new ServiceCollection().AddLineGovJpkiOcsp(configuration).Services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<JpkiOcspClientOptions>>().Value;

        options.ResponderUri.ShouldBe(new Uri("http://ocsp.example.jp/verifier"));
        options.CertIdHashAlgorithm.ShouldBe(JpkiOcspHashAlgorithm.Sha256);
        options.RequireNonce.ShouldBeTrue();
        options.TotalTimeout.ShouldBe(TimeSpan.FromSeconds(7));
        options.MaxCacheEntries.ShouldBe(500);
        provider.GetRequiredService<JpkiOcspClient>().ShouldNotBeNull();
    }
}
