using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using LineGov.Jpki;
using LineGov.Jpki.Testing;

namespace LineGov.Cli.Tests;

/// <summary>
/// A test authority shared by the revocation tests: one CA generation (two RSA keys) and pooled card keys keep them fast.
/// Each test starts its own loopback revocation server and issues its own card, so that card's certificate points at it.
/// </summary>
public sealed class RevocationAuthority : IDisposable
{
    public RevocationAuthority()
    {
        var now = DateTimeOffset.UtcNow;
        Authority = JpkiTestAuthority.Create(new JpkiTestAuthorityOptions
        {
            ReuseCardKeys = true,
            Generations = [new JpkiTestGeneration("03", now.AddYears(-1), now.AddYears(8))],
        });
        File.WriteAllText(Anchor, SignatureCa.Certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(Data, TestMaterial.Application);
    }

    public JpkiTestAuthority Authority { get; }

    public JpkiTestCa SignatureCa => Authority.GetCa(JpkiCertificateKind.Signature);

    public DirectoryInfo Root { get; } = Directory.CreateTempSubdirectory("linegov-cli-revocation-");

    public string Anchor => Path.Combine(Root.FullName, "root-signature.pem");

    public string Data => Path.Combine(Root.FullName, "application.txt");

    /// <summary>Issues a card, writes its signature certificate and a raw signature over <see cref="Data"/> to a new folder.</summary>
    public IssuedCard Issue()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root.FullName, Guid.NewGuid().ToString("N"))).FullName;
        using var card = Authority.IssueCard();
        var certificate = Path.Combine(folder, "certificate.pem");
        var signature = Path.Combine(folder, "application.sig");
        File.WriteAllText(certificate, card.SignatureX509.ExportCertificatePem() + "\n");
        File.WriteAllBytes(signature, card.SignRaw(File.ReadAllBytes(Data)));
        return new IssuedCard(card.SignatureCertificate, certificate, signature, folder);
    }

    /// <summary>Writes the authority's current CRL of <paramref name="partition"/> (the default: the card's) to a file.</summary>
    public string WriteCrl(string folder, string name, JpkiTestCrlPartition? partition = null, bool corruptSignature = false)
    {
        var builder = Authority.CreateCrlBuilder(SignatureCa, partition);
        builder.CorruptSignature = corruptSignature;
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, builder.Build());
        return path;
    }

    public void Dispose()
    {
        Authority.Dispose();
        Root.Delete(recursive: true);
    }
}

public sealed record IssuedCard(JpkiCertificate Certificate, string CertificateFile, string SignatureFile, string Folder);

public sealed class VerifyRevocationTests(RevocationAuthority fixture) : IClassFixture<RevocationAuthority>
{
    private static readonly JpkiTestCrlPartition Tsukuba = new("Ibaraki-ken", "Tsukuba-shi");

    [Fact]
    public async Task Good_certificate_with_ocsp_is_valid_and_says_where_the_answer_came_from()
    {
        await using var server = JpkiTestRevocationServer.Start(fixture.Authority);
        var card = fixture.Issue();

        var run = await VerifyAsync(card, "--revocation", "ocsp");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldBeEmpty();
        var json = run.Json();
        json.EnumerateObject().Select(p => p.Name).ShouldBe(["valid", "kind", "reasons", "warnings", "path", "verificationTime", "signer", "revocation"]);
        var revocation = json.GetProperty("revocation");
        revocation.EnumerateObject().Select(p => p.Name).ShouldBe(["source", "state", "thisUpdate", "nextUpdate", "revocationTime", "reason"]);
        revocation.GetProperty("state").GetString().ShouldBe("good");
        revocation.GetProperty("source").GetString().ShouldBe("ocsp:" + server.OcspUri.AbsoluteUri);
        revocation.GetProperty("thisUpdate").ValueKind.ShouldBe(JsonValueKind.String);
        revocation.GetProperty("nextUpdate").ValueKind.ShouldBe(JsonValueKind.String);
        revocation.GetProperty("revocationTime").ValueKind.ShouldBe(JsonValueKind.Null);
        server.Requests.Count(r => r.Endpoint == JpkiTestServerEndpoint.Ocsp).ShouldBe(1);
    }

    [Fact]
    public async Task Good_certificate_with_a_crl_file_is_valid_and_names_the_file()
    {
        await using var server = JpkiTestRevocationServer.Start(fixture.Authority);
        var card = fixture.Issue();
        var crl = fixture.WriteCrl(card.Folder, "tohma-cho.crl");

        var run = await VerifyAsync(card, "--revocation", "crl", "--crl", crl);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldBeEmpty();
        var revocation = run.Json().GetProperty("revocation");
        revocation.GetProperty("state").GetString().ShouldBe("good");
        revocation.GetProperty("source").GetString().ShouldBe("crl:" + crl);
        revocation.GetProperty("nextUpdate").ValueKind.ShouldBe(JsonValueKind.String);
        server.Requests.ShouldBeEmpty("a CRL from a file needs no network");
    }

    [Fact]
    public async Task Good_certificate_with_ocsp_then_crl_is_answered_by_ocsp()
    {
        await using var server = JpkiTestRevocationServer.Start(fixture.Authority);
        var card = fixture.Issue();
        var crl = fixture.WriteCrl(card.Folder, "tohma-cho.crl");

        var run = await VerifyAsync(card, "--revocation", "ocsp-then-crl", "--crl", crl);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Json().GetProperty("revocation").GetProperty("source").GetString()!.ShouldStartWith("ocsp:");
    }

    [Theory]
    [InlineData("ocsp")]
    [InlineData("crl")]
    [InlineData("ocsp-then-crl")]
    public async Task Revoked_certificate_is_invalid_with_Revoked(string mode)
    {
        await using var server = JpkiTestRevocationServer.Start(fixture.Authority);
        var card = fixture.Issue();
        fixture.Authority.Revoke(card.Certificate, reason: X509RevocationReason.AffiliationChanged);
        var crl = fixture.WriteCrl(card.Folder, "tohma-cho.crl");
        string[] crlArgs = mode == "ocsp" ? [] : ["--crl", crl];

        var run = await VerifyAsync(card, ["--revocation", mode, .. crlArgs]);

        run.ExitCode.ShouldBe(1, run.ToString());
        var json = run.Json();
        json.ReasonCodes().ShouldBe(["Revoked"]);
        var revocation = json.GetProperty("revocation");
        revocation.GetProperty("state").GetString().ShouldBe("revoked");
        revocation.GetProperty("reason").GetString().ShouldBe("affiliationChanged");
        revocation.GetProperty("revocationTime").ValueKind.ShouldBe(JsonValueKind.String);
        var source = revocation.GetProperty("source").GetString()!;
        source.ShouldBe(mode == "crl" ? "crl:" + crl : "ocsp:" + server.OcspUri.AbsoluteUri);
        json.GetProperty("reasons")[0].GetProperty("message").GetString().ShouldBe($"The certificate is revoked (AffiliationChanged) according to {source}.");
    }

    [Fact]
    public async Task Revoked_certificate_readable_report_says_revoked_and_by_whom()
    {
        await using var server = JpkiTestRevocationServer.Start(fixture.Authority);
        var card = fixture.Issue();
        fixture.Authority.Revoke(card.Certificate, reason: X509RevocationReason.KeyCompromise);

        var run = await Cli.RunAsync(Args(card, "--revocation", "ocsp"));

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Stdout.ShouldStartWith("INVALID");
        run.Stdout.ShouldContain("Revoked (certificate)");
        run.Stdout.ShouldContain("REVOKED on ");
        run.Stdout.ShouldContain("(keyCompromise) according to ocsp:" + server.OcspUri.AbsoluteUri);
    }

    [Fact]
    public async Task Responder_down_with_ocsp_is_invalid_with_RevocationUnknown()
    {
        await using var server = JpkiTestRevocationServer.Start(fixture.Authority);
        var card = fixture.Issue();
        server.Behavior = JpkiTestServerBehavior.Down;

        var run = await VerifyAsync(card, "--revocation", "ocsp");

        run.ExitCode.ShouldBe(1, run.ToString());
        var json = run.Json();
        json.ReasonCodes().ShouldBe(["RevocationUnknown"]);
        json.GetProperty("revocation").GetProperty("state").GetString().ShouldBe("unknown");
    }

    [Fact]
    public async Task Responder_down_but_a_crl_present_with_ocsp_then_crl_is_valid_from_the_crl()
    {
        await using var server = JpkiTestRevocationServer.Start(fixture.Authority);
        var card = fixture.Issue();
        var crl = fixture.WriteCrl(card.Folder, "tohma-cho.crl");
        server.Behavior = JpkiTestServerBehavior.Down;

        var run = await VerifyAsync(card, "--revocation", "ocsp-then-crl", "--crl", crl);

        run.ExitCode.ShouldBe(0, run.ToString());
        var revocation = run.Json().GetProperty("revocation");
        revocation.GetProperty("state").GetString().ShouldBe("good");
        revocation.GetProperty("source").GetString().ShouldBe("crl:" + crl);
    }

    [Fact]
    public async Task Soft_fail_with_every_source_unable_to_answer_is_valid_with_a_warning()
    {
        await using var server = JpkiTestRevocationServer.Start(fixture.Authority);
        var card = fixture.Issue();

        // The only CRL is another municipality's: it cannot answer for this card. And the responder is down.
        var otherMunicipality = fixture.WriteCrl(card.Folder, "tsukuba-shi.crl", Tsukuba);
        server.Behavior = JpkiTestServerBehavior.Down;

        var run = await VerifyAsync(card, "--revocation", "ocsp-then-crl", "--crl", otherMunicipality, "--soft-fail");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldStartWith("linegov jpki verify: warning: RevocationUnknown:");
        run.Stderr.TrimEnd().ShouldNotContain("\n");
        var json = run.Json();
        json.GetProperty("valid").GetBoolean().ShouldBeTrue();
        json.GetProperty("reasons").GetArrayLength().ShouldBe(0);
        json.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ShouldBe(["RevocationUnknown"]);
        json.GetProperty("revocation").GetProperty("state").GetString().ShouldBe("unknown");
    }

    [Fact]
    public async Task Soft_fail_still_rejects_a_revoked_certificate()
    {
        await using var server = JpkiTestRevocationServer.Start(fixture.Authority);
        var card = fixture.Issue();
        fixture.Authority.Revoke(card.Certificate);

        var run = await VerifyAsync(card, "--revocation", "ocsp", "--soft-fail");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Json().ReasonCodes().ShouldBe(["Revoked"]);
    }

    [Fact]
    public async Task Crl_folder_is_read_and_crls_that_do_not_verify_are_named_in_warnings()
    {
        await using var server = JpkiTestRevocationServer.Start(fixture.Authority);
        var good = fixture.Issue();
        var revoked = fixture.Issue();
        fixture.Authority.Revoke(revoked.Certificate, reason: X509RevocationReason.Superseded);
        var folder = Directory.CreateDirectory(Path.Combine(good.Folder, "crls")).FullName;
        fixture.WriteCrl(folder, "hokkaido-tohma-cho.crl");
        fixture.WriteCrl(folder, "ibaraki-tsukuba-shi.crl", Tsukuba);
        fixture.WriteCrl(folder, "forged.crl", corruptSignature: true);
        await File.WriteAllTextAsync(Path.Combine(folder, "junk.crl"), "not a CRL");
        await File.WriteAllTextAsync(Path.Combine(folder, "README.txt"), "CRLs from J-LIS, replaced daily");

        var goodRun = await VerifyAsync(good, "--crl", folder);
        var revokedRun = await VerifyAsync(revoked, "--crl", folder);

        goodRun.ExitCode.ShouldBe(0, goodRun.ToString());
        goodRun.Json().GetProperty("revocation").GetProperty("source").GetString().ShouldBe("crl:hokkaido-tohma-cho.crl");
        revokedRun.ExitCode.ShouldBe(1, revokedRun.ToString());
        revokedRun.Json().ReasonCodes().ShouldBe(["Revoked"]);
        var warnings = goodRun.Stderr.TrimEnd().Split('\n');
        warnings.Length.ShouldBe(2, goodRun.Stderr);
        warnings.ShouldAllBe(w => w.StartsWith("linegov jpki verify: warning: ", StringComparison.Ordinal));
        warnings.ShouldContain(w => w.Contains("forged.crl", StringComparison.Ordinal));
        warnings.ShouldContain(w => w.Contains("junk.crl", StringComparison.Ordinal));
        server.Requests.ShouldBeEmpty("--crl alone (the inferred crl mode) needs no network");
    }

    [Fact]
    public async Task Crl_file_no_trusted_root_signed_is_a_warning_and_answers_nothing()
    {
        await using var server = JpkiTestRevocationServer.Start(fixture.Authority);
        var card = fixture.Issue();
        var forged = fixture.WriteCrl(card.Folder, "forged.crl", corruptSignature: true);

        var run = await VerifyAsync(card, "--revocation", "crl", "--crl", forged);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Json().ReasonCodes().ShouldBe(["RevocationUnknown"]);
        run.Stderr.ShouldContain($"linegov jpki verify: warning: the CRL '{forged}' is not used: no trusted root");
        run.Stderr.ShouldNotContain("Tohma", Case.Insensitive);
    }

    [Fact]
    public async Task Ocsp_url_overrides_the_certificate_s_responder()
    {
        // Issued before the server starts: the certificate names no OCSP responder.
        var card = fixture.Issue();
        await using var server = JpkiTestRevocationServer.Start(fixture.Authority);

        var withoutUrl = await VerifyAsync(card, "--revocation", "ocsp");
        var withUrl = await VerifyAsync(card, "--ocsp-url", server.OcspUri.AbsoluteUri);

        withoutUrl.ExitCode.ShouldBe(1, withoutUrl.ToString());
        withoutUrl.Json().ReasonCodes().ShouldBe(["RevocationUnknown"]);
        withUrl.ExitCode.ShouldBe(0, withUrl.ToString());
        withUrl.Json().GetProperty("revocation").GetProperty("source").GetString().ShouldBe("ocsp:" + server.OcspUri.AbsoluteUri);
    }

    [Fact]
    public async Task Revocation_none_checks_nothing_and_reports_no_revocation()
    {
        await using var server = JpkiTestRevocationServer.Start(fixture.Authority);
        var card = fixture.Issue();
        fixture.Authority.Revoke(card.Certificate);

        var run = await VerifyAsync(card, "--revocation", "none");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Json().GetProperty("revocation").ValueKind.ShouldBe(JsonValueKind.Null);
        server.Requests.ShouldBeEmpty();
    }

    private Task<CliRun> VerifyAsync(IssuedCard card, params string[] options) => Cli.RunAsync([.. Args(card, options), "--json"]);

    private string[] Args(IssuedCard card, params string[] options) =>
        ["jpki", "verify", "--cert", card.CertificateFile, "--signature", card.SignatureFile, "--data", fixture.Data, "--anchors", fixture.Anchor, .. options];
}
