using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using LineGov.Jpki.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LineGov.Jpki.Tests.Revocation;

/// <summary>One test authority with its loopback revocation server (OCSP and partitioned CRLs), shared by this class only.</summary>
public sealed class RevocationServerFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    public JpkiTestAuthority Authority { get; private set; } = null!;

    public JpkiTestRevocationServer Server { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static JpkiTestCrlPartition Tsukuba { get; } = new("Ibaraki-ken", "Tsukuba-shi");

    public Task InitializeAsync()
    {
        Authority = JpkiTestAuthority.Create(new JpkiTestAuthorityOptions { TimeProvider = Clock, ReuseCardKeys = true });
        Server = JpkiTestRevocationServer.Start(Authority, new JpkiTestRevocationServerOptions { AdvertiseDeltaCrls = true });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Authority.Dispose();
        Http.Dispose();
    }

    public JpkiCertificate Issue(JpkiTestCrlPartition? partition = null, string? generation = null)
    {
        using var certificate = Authority.IssueSignatureCertificate(JpkiTestIdentity.Default, new JpkiTestCertificateOptions { CrlPartition = partition, Generation = generation });
        return JpkiCertificate.FromX509Certificate(certificate);
    }

    public JpkiOcspClient Ocsp(TimeSpan? totalTimeout = null) => new(
        Http,
        new JpkiOcspClientOptions { TotalTimeout = totalTimeout ?? TimeSpan.FromSeconds(5), AttemptTimeout = totalTimeout ?? TimeSpan.FromSeconds(2), MaxRetryAttempts = 0, MaxCacheEntries = 0 },
        Clock);

    public async Task<JpkiCrlStore> CrlsAsync(params (string Generation, JpkiTestCrlPartition Partition)[] partitions)
    {
        var uris = partitions.Select(p => Server.GetCrlUri(Authority.GetCa(JpkiCertificateKind.Signature, p.Generation), p.Partition))
            .Concat(partitions.Select(p => Server.GetDeltaCrlUri(Authority.GetCa(JpkiCertificateKind.Signature, p.Generation), p.Partition)));
        var options = new JpkiCrlStoreOptions();
        options.Sources.Add(new JpkiCrlHttpSource(Http, uris));
        var store = new JpkiCrlStore(options, Authority.CreateTrustStore(), Clock);
        var result = await store.RefreshAsync();
        result.Failed.ShouldBe(0, string.Join("; ", result.Errors));
        return store;
    }

    public JpkiCertificateValidator Validator(IJpkiRevocationChecker checker, JpkiRevocationMode mode = JpkiRevocationMode.Required) =>
        new(new JpkiCertificateValidatorOptions { TrustStore = Authority.CreateTrustStore(), DefaultPolicy = JpkiValidationPolicy.Default with { RevocationMode = mode } }, checker, Clock);
}

public sealed class EndToEndRevocationTests(RevocationServerFixture fixture) : IClassFixture<RevocationServerFixture>
{
    [Fact]
    public async Task Ocsp_good_makes_a_valid_certificate_and_says_where_the_answer_came_from()
    {
        var certificate = fixture.Issue();
        using var crls = await fixture.CrlsAsync(("03", JpkiTestCrlPartition.Default));
        var checker = new JpkiRevocationChecker(null, fixture.Ocsp(), crls);

        var result = await fixture.Validator(checker).ValidateAsync(certificate);

        result.IsValid.ShouldBeTrue(result.ToString());
        result.RevocationChecked.ShouldBeTrue();
        var status = result.Chain[0].Revocation!;
        status.Source.ShouldStartWith("ocsp:");
        status.ThisUpdate.ShouldNotBeNull();
        status.NextUpdate.ShouldNotBeNull();
    }

    [Theory]
    [InlineData(JpkiRevocationSources.OcspThenCrl)]
    [InlineData(JpkiRevocationSources.OcspOnly)]
    [InlineData(JpkiRevocationSources.CrlOnly)]
    public async Task A_revoked_certificate_is_rejected_by_every_source_order(JpkiRevocationSources sources)
    {
        var certificate = fixture.Issue();
        fixture.Authority.Revoke(certificate, fixture.Clock.GetUtcNow().AddHours(-2), X509RevocationReason.AffiliationChanged);
        using var crls = await fixture.CrlsAsync(("03", JpkiTestCrlPartition.Default));
        var checker = new JpkiRevocationChecker(new JpkiRevocationCheckerOptions { Sources = sources }, fixture.Ocsp(), crls);

        var result = await fixture.Validator(checker).ValidateAsync(certificate);

        result.HasFailure(JpkiValidationFailureReason.Revoked).ShouldBeTrue(result.ToString());
        result.Chain[0].Revocation!.RevocationReason.ShouldBe(X509RevocationReason.AffiliationChanged);
        result.Chain[0].Revocation!.Source.ShouldStartWith(sources == JpkiRevocationSources.CrlOnly ? "crl:" : "ocsp:");
    }

    [Fact]
    public async Task When_ocsp_cannot_tell_the_crl_answers()
    {
        var certificate = fixture.Issue();
        fixture.Server.SetOcspBehavior(certificate, JpkiTestServerBehavior.TryLater);
        fixture.Authority.Revoke(certificate, fixture.Clock.GetUtcNow().AddHours(-1), X509RevocationReason.KeyCompromise);
        using var crls = await fixture.CrlsAsync(("03", JpkiTestCrlPartition.Default));
        var checker = new JpkiRevocationChecker(null, fixture.Ocsp(), crls);

        var result = await fixture.Validator(checker).ValidateAsync(certificate);

        result.HasFailure(JpkiValidationFailureReason.Revoked).ShouldBeTrue(result.ToString());
        result.Chain[0].Revocation!.Source.ShouldStartWith("crl:");
    }

    [Fact]
    public async Task A_responder_that_never_answers_costs_a_bounded_wait_then_hard_fails_without_crls()
    {
        var certificate = fixture.Issue();
        fixture.Server.SetOcspBehavior(certificate, JpkiTestServerBehavior.NeverAnswer);
        var checker = new JpkiRevocationChecker(new JpkiRevocationCheckerOptions { Sources = JpkiRevocationSources.OcspOnly }, fixture.Ocsp(TimeSpan.FromMilliseconds(600)), null);
        var stopwatch = Stopwatch.StartNew();

        var hard = await fixture.Validator(checker).ValidateAsync(certificate);
        var soft = await fixture.Validator(checker, JpkiRevocationMode.BestEffort).ValidateAsync(certificate);

        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(8));
        hard.HasFailure(JpkiValidationFailureReason.RevocationUnknown).ShouldBeTrue(hard.ToString());
        soft.IsValid.ShouldBeTrue(soft.ToString());
        soft.Warnings.ShouldContain(w => w.Reason == JpkiValidationFailureReason.RevocationUnknown);
    }

    [Fact]
    public async Task Crls_are_partitioned_by_municipality()
    {
        var inTohma = fixture.Issue();
        var inTsukuba = fixture.Issue(RevocationServerFixture.Tsukuba);
        fixture.Authority.Revoke(inTsukuba, fixture.Clock.GetUtcNow().AddHours(-1), X509RevocationReason.AffiliationChanged);
        using var crls = await fixture.CrlsAsync(("03", JpkiTestCrlPartition.Default), ("03", RevocationServerFixture.Tsukuba));
        var checker = new JpkiRevocationChecker(new JpkiRevocationCheckerOptions { Sources = JpkiRevocationSources.CrlOnly }, null, crls);
        var validator = fixture.Validator(checker);

        (await validator.ValidateAsync(inTohma)).IsValid.ShouldBeTrue();
        (await validator.ValidateAsync(inTsukuba)).HasFailure(JpkiValidationFailureReason.Revoked).ShouldBeTrue();
        inTsukuba.CrlDistributionPoints.SelectMany(p => p.DirectoryNames).ShouldContain(n => n.Name.Contains("Tsukuba-shi CRLDP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_certificate_whose_partition_crl_is_missing_has_an_unknown_status()
    {
        var certificate = fixture.Issue(new JpkiTestCrlPartition("Okinawa-ken", "Naha-shi"));
        using var crls = await fixture.CrlsAsync(("03", JpkiTestCrlPartition.Default));

        var status = crls.Check(certificate, fixture.Authority.GetCa(JpkiCertificateKind.Signature).Parsed, fixture.Clock.GetUtcNow());

        status.State.ShouldBe(JpkiRevocationState.Unknown);
    }

    [Fact]
    public async Task A_revocation_published_only_in_the_delta_crl_is_found()
    {
        var certificate = fixture.Issue(new JpkiTestCrlPartition("Hokkaido", "Asahikawa-shi"));
        var ca = fixture.Authority.GetCa(JpkiCertificateKind.Signature);
        var partition = new JpkiTestCrlPartition("Hokkaido", "Asahikawa-shi");
        var store = new JpkiCrlStore(new JpkiCrlStoreOptions(), fixture.Authority.CreateTrustStore(), fixture.Clock);
        using (store)
        {
            store.Add(JpkiCrl.Parse(fixture.Authority.CreateCrl(ca, partition))).ShouldBeTrue();
            fixture.Authority.Revoke(certificate, fixture.Clock.GetUtcNow().AddMinutes(-5), X509RevocationReason.Superseded);
            store.Add(JpkiCrl.Parse(fixture.Authority.CreateDeltaCrl(ca, partition))).ShouldBeTrue();

            var status = store.Check(certificate, ca.Parsed, fixture.Clock.GetUtcNow());

            status.State.ShouldBe(JpkiRevocationState.Revoked);
            status.RevocationReason.ShouldBe(X509RevocationReason.Superseded);
        }
    }

    [Fact]
    public async Task Key_rollover_each_generation_s_crl_is_verified_with_its_own_key()
    {
        var old = fixture.Issue(generation: "02");
        var current = fixture.Issue(generation: "03");
        fixture.Authority.Revoke(old, fixture.Clock.GetUtcNow().AddHours(-3), X509RevocationReason.CessationOfOperation);
        using var crls = await fixture.CrlsAsync(("02", JpkiTestCrlPartition.Default), ("03", JpkiTestCrlPartition.Default));
        var checker = new JpkiRevocationChecker(new JpkiRevocationCheckerOptions { Sources = JpkiRevocationSources.CrlOnly }, null, crls);
        var validator = fixture.Validator(checker);

        (await validator.ValidateAsync(old)).HasFailure(JpkiValidationFailureReason.Revoked).ShouldBeTrue();
        (await validator.ValidateAsync(current)).IsValid.ShouldBeTrue();
        crls.Crls.Count.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_crl_signed_by_another_generation_is_not_served()
    {
        var ca02 = fixture.Authority.GetCa(JpkiCertificateKind.Signature, "02");
        var builder = fixture.Authority.CreateCrlBuilder(fixture.Authority.GetCa(JpkiCertificateKind.Signature, "03"), new JpkiTestCrlPartition("Hokkaido", "Nayoro-shi"));
        builder.CorruptSignature = true;
        using var store = new JpkiCrlStore(new JpkiCrlStoreOptions(), fixture.Authority.CreateTrustStore(), fixture.Clock);

        store.Add(JpkiCrl.Parse(builder.Build())).ShouldBeFalse();
        store.Crls.ShouldBeEmpty();
        _ = ca02;
    }

    [Fact]
    public async Task A_failed_refresh_keeps_serving_the_previous_crls()
    {
        var folder = Directory.CreateTempSubdirectory("linegov-crl-");
        try
        {
            var ca = fixture.Authority.GetCa(JpkiCertificateKind.Signature);
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "tohma.crl"), fixture.Authority.CreateCrl(ca));
            var options = new JpkiCrlStoreOptions();
            options.Sources.Add(new JpkiCrlFolderSource(folder.FullName));
            using var store = new JpkiCrlStore(options, fixture.Authority.CreateTrustStore(), fixture.Clock);
            (await store.RefreshAsync()).Loaded.ShouldBe(1);

            // The operator's copy is cut short mid-write.
            var bytes = fixture.Authority.CreateCrl(ca);
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "tohma.crl"), bytes[..(bytes.Length / 2)]);
            var second = await store.RefreshAsync();

            second.Failed.ShouldBe(1);
            store.Crls.ShouldHaveSingleItem();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Registered_revocation_services_check_crls_from_a_folder()
    {
        var folder = Directory.CreateTempSubdirectory("linegov-crl-");
        var anchors = Directory.CreateTempSubdirectory("linegov-anchors-");
        try
        {
            var ca = fixture.Authority.GetCa(JpkiCertificateKind.Signature);
            var certificate = fixture.Issue(new JpkiTestCrlPartition("Hokkaido", "Biei-cho"));
            fixture.Authority.Revoke(certificate, fixture.Clock.GetUtcNow().AddHours(-1), X509RevocationReason.AffiliationChanged);
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "biei.crl"), fixture.Authority.CreateCrl(ca, new JpkiTestCrlPartition("Hokkaido", "Biei-cho")));
            await File.WriteAllTextAsync(Path.Combine(anchors.FullName, "root.pem"), ca.Parsed.ExportPem());

            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddSingleton<TimeProvider>(fixture.Clock);
            builder.Services.AddLineGovJpki(o => o.TrustAnchorPaths.Add(anchors.FullName));
            builder.Services.AddLineGovJpkiRevocation(o =>
            {
                o.Sources = JpkiRevocationSources.CrlOnly;
                o.CrlFolders.Add(folder.FullName);
            });
            using var host = builder.Build();
            await host.StartAsync();
            await host.Services.GetRequiredService<JpkiCrlStore>().RefreshAsync();

            var result = await host.Services.GetRequiredService<JpkiCertificateValidator>().ValidateAsync(certificate);
            await host.StopAsync();

            result.HasFailure(JpkiValidationFailureReason.Revoked).ShouldBeTrue(result.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
            anchors.Delete(recursive: true);
        }
    }
}
