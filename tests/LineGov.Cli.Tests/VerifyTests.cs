using System.Security.Cryptography;
using System.Text.Json;

namespace LineGov.Cli.Tests;

[Collection(TestMaterialCollection.Name)]
public sealed class VerifyTests(TestMaterial material)
{
    private static readonly string[] JsonFields = ["valid", "kind", "reasons", "warnings", "path", "verificationTime", "signer", "revocation"];

    [Fact]
    public async Task Valid_raw_signature_is_valid_with_exit_code_0_and_the_documented_json()
    {
        var run = await VerifyAsync("--cert", material.Certificate, "--signature", material.RawSignature, "--data", material.Data, "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        var json = run.Json();
        json.EnumerateObject().Select(p => p.Name).ShouldBe(JsonFields);
        json.GetProperty("valid").GetBoolean().ShouldBeTrue();
        json.GetProperty("kind").GetString().ShouldBe("signature");
        json.GetProperty("reasons").GetArrayLength().ShouldBe(0);
        json.GetProperty("warnings").GetArrayLength().ShouldBe(0);
        json.GetProperty("revocation").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("path").GetString().ShouldBe("direct");
        DateTimeOffset.Parse(json.GetProperty("verificationTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        var certificate = await LineGov.Jpki.JpkiCertificate.LoadAsync(material.Certificate);
        var signer = json.GetProperty("signer");
        signer.EnumerateObject().Select(p => p.Name).ShouldBe(["serial", "issuer"]);
        signer.GetProperty("serial").GetString().ShouldBe(certificate.SerialNumber);
        signer.GetProperty("issuer").GetString().ShouldBe(certificate.Issuer);
    }

    [Fact]
    public async Task Valid_detached_CMS_signature_is_valid()
    {
        var run = await VerifyAsync("--cms", "--signature", material.DetachedCms, "--data", material.Data, "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Json().GetProperty("valid").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Valid_detached_CMS_signature_with_its_certificate_given_is_valid()
    {
        var run = await VerifyAsync("--cms", "--cert", material.Certificate, "--signature", material.DetachedCms, "--data", material.Data);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldStartWith("VALID");
    }

    [Fact]
    public async Task Valid_attached_CMS_signature_is_valid_without_data()
    {
        var run = await VerifyAsync("--cms", "--signature", material.AttachedCms, "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Json().GetProperty("valid").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Valid_raw_signature_over_a_hex_digest_is_valid()
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(material.Data)));

        var run = await VerifyAsync("--cert", material.Certificate, "--signature", material.RawSignature, "--digest", digest, "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
    }

    [Fact]
    public async Task Base64_signature_file_is_accepted()
    {
        using var folder = new TempFolder();
        var base64 = Path.Combine(folder.Path, "application.sig.b64");
        await File.WriteAllTextAsync(base64, Convert.ToBase64String(await File.ReadAllBytesAsync(material.RawSignature)) + "\n");

        var run = await VerifyAsync("--cert", material.Certificate, "--signature", base64, "--data", material.Data);

        run.ExitCode.ShouldBe(0, run.ToString());
    }

    [Fact]
    public async Task Tampered_data_is_invalid_with_SignatureInvalid()
    {
        var run = await VerifyAsync("--cert", material.Certificate, "--signature", material.RawSignature, "--data", material.Tampered, "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        var json = run.Json();
        json.GetProperty("valid").GetBoolean().ShouldBeFalse();
        json.ReasonCodes().ShouldBe(["SignatureInvalid"]);
        var reason = json.GetProperty("reasons")[0];
        reason.EnumerateObject().Select(p => p.Name).ShouldBe(["code", "message", "chainIndex"]);
        reason.GetProperty("chainIndex").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Tampered_data_under_a_CMS_signature_is_invalid()
    {
        var run = await VerifyAsync("--cms", "--signature", material.DetachedCms, "--data", material.Tampered, "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Json().ReasonCodes().ShouldBe(["MessageDigestMismatch"]);
    }

    [Fact]
    public async Task Detached_CMS_signature_without_data_is_invalid_with_ContentMissing()
    {
        var run = await VerifyAsync("--cms", "--signature", material.DetachedCms, "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Json().ReasonCodes().ShouldBe(["ContentMissing"]);
    }

    [Fact]
    public async Task CMS_signed_by_another_certificate_than_the_one_given_is_invalid_with_SignerMismatch()
    {
        var run = await VerifyAsync("--cms", "--cert", Path.Combine(material.Expired, "certificate.pem"), "--signature", material.DetachedCms, "--data", material.Data, "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Json().ReasonCodes().ShouldBe(["SignerMismatch"]);
    }

    [Fact]
    public async Task Expired_certificate_is_invalid_with_Expired()
    {
        var run = await VerifyAsync(
            "--cert", Path.Combine(material.Expired, "certificate.pem"),
            "--signature", material.ExpiredSignature,
            "--data", material.Data,
            "--anchors", Path.Combine(material.Expired, "root-signature.pem"),
            "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        var json = run.Json();
        json.ReasonCodes().ShouldBe(["Expired"]);
        json.GetProperty("reasons")[0].GetProperty("chainIndex").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Certificate_checked_before_its_validity_is_invalid_with_NotYetValid()
    {
        var certificate = await LineGov.Jpki.JpkiCertificate.LoadAsync(material.Certificate);
        var before = certificate.NotBefore.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

        var run = await VerifyAsync("--cert", material.Certificate, "--signature", material.RawSignature, "--data", material.Data, "--at", before, "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        var json = run.Json();
        json.ReasonCodes().ShouldBe(["NotYetValid"]);
        json.GetProperty("verificationTime").GetString().ShouldBe(before);
    }

    [Fact]
    public async Task Certificate_of_an_unknown_authority_is_invalid_with_UnknownIssuer()
    {
        // Only the J-LIS production roots: the test authority is not trusted.
        var run = await Cli.RunAsync("jpki", "verify", "--cert", material.Certificate, "--signature", material.RawSignature, "--data", material.Data, "--revocation", "none", "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Json().ReasonCodes().ShouldBe(["UnknownIssuer"]);
    }

    [Fact]
    public async Task Another_authority_s_root_does_not_make_the_certificate_valid()
    {
        var run = await Cli.RunAsync(
            "jpki", "verify", "--cert", material.Certificate, "--signature", material.RawSignature, "--data", material.Data,
            "--anchors", Path.Combine(material.Expired, "root-signature.pem"), "--revocation", "none", "--json");

        // All generations of a JPKI CA share one subject: a same-named root that did not sign it is a bad signature.
        run.ExitCode.ShouldBe(1, run.ToString());
        run.Json().ReasonCodes().ShouldHaveSingleItem().ShouldBeOneOf("BadSignature", "UnknownIssuer");
    }

    [Fact]
    public async Task Without_revocation_none_the_result_is_RevocationUnknown_and_says_how_to_skip_it()
    {
        var run = await Cli.RunAsync(
            "jpki", "verify", "--cert", material.Certificate, "--signature", material.RawSignature, "--data", material.Data,
            "--anchors", material.Anchor, "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        var json = run.Json();
        json.ReasonCodes().ShouldBe(["RevocationUnknown"]);
        var message = json.GetProperty("reasons")[0].GetProperty("message").GetString()!;
        message.ShouldContain("No revocation source was given");
        message.ShouldContain("--crl");
        message.ShouldContain("use --revocation none to skip the revocation check");
        json.GetProperty("revocation").GetProperty("state").GetString().ShouldBe("unknown");
    }

    [Fact]
    public async Task Kind_restriction_rejects_the_other_kind_with_WrongKind()
    {
        var run = await VerifyAsync("--cert", material.Certificate, "--signature", material.RawSignature, "--data", material.Data, "--kind", "authentication", "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Json().ReasonCodes().ShouldBe(["WrongKind"]);
    }

    [Fact]
    public async Task Kind_signature_accepts_a_signature_certificate()
    {
        var run = await VerifyAsync("--cert", material.Certificate, "--signature", material.RawSignature, "--data", material.Data, "--kind", "signature");

        run.ExitCode.ShouldBe(0, run.ToString());
    }

    [Fact]
    public async Task Readable_report_lists_every_reason()
    {
        var run = await Cli.RunAsync(
            "jpki", "verify", "--cert", material.Certificate, "--signature", material.RawSignature, "--data", material.Tampered,
            "--anchors", material.Anchor, "--at", "2000-01-01");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Stdout.ShouldStartWith("INVALID");
        run.Stdout.ShouldContain("NotYetValid");
        run.Stdout.ShouldContain("SignatureInvalid");
        run.Stdout.ShouldContain("LineGov TEST authority");
    }

    public static TheoryData<string, string[]> UsageErrors => new()
    {
        { "both --data and --digest", ["--data", "{data}", "--digest", new string('a', 64)] },
        { "a digest of 63 hex characters", ["--digest", new string('a', 63)] },
        { "a digest that is not hex", ["--digest", new string('g', 64)] },
        { "neither --data nor --digest", [] },
        { "--digest with --cms", ["--cms", "--digest", new string('a', 64)] },
        { "an unknown revocation mode", ["--data", "{data}", "--revocation", "full"] },
        { "--revocation crl without --crl", ["--data", "{data}", "--revocation", "crl"] },
        { "--revocation ocsp-then-crl without --crl", ["--data", "{data}", "--revocation", "ocsp-then-crl"] },
        { "--crl with --revocation ocsp", ["--data", "{data}", "--revocation", "ocsp", "--crl", "{data}"] },
        { "--crl with --revocation none", ["--data", "{data}", "--revocation", "none", "--crl", "{data}"] },
        { "--ocsp-url with --revocation crl", ["--data", "{data}", "--revocation", "crl", "--crl", "{data}", "--ocsp-url", "http://127.0.0.1/ocsp"] },
        { "--ocsp-url that is not an http URL", ["--data", "{data}", "--ocsp-url", "ftp://ocsp.example.jp"] },
        { "--ocsp-timeout of 0 seconds", ["--data", "{data}", "--revocation", "ocsp", "--ocsp-timeout", "0"] },
        { "--ocsp-timeout that is not a number", ["--data", "{data}", "--revocation", "ocsp", "--ocsp-timeout", "ten"] },
        { "--soft-fail with --revocation none", ["--data", "{data}", "--revocation", "none", "--soft-fail"] },
        { "--soft-fail without a source", ["--data", "{data}", "--soft-fail"] },
        { "a --crl file that is not a CRL", ["--data", "{data}", "--crl", "{data}"] },
        { "a missing --crl path", ["--data", "{data}", "--crl", "{missing}"] },
        { "an unknown kind", ["--data", "{data}", "--kind", "both"] },
        { "an --at that is not ISO 8601", ["--data", "{data}", "--at", "yesterday"] },
        { "an unknown option", ["--data", "{data}", "--frobnicate"] },
        { "a missing data file", ["--data", "{missing}"] },
        { "a missing anchors path", ["--data", "{data}", "--anchors", "{missing}"] },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task Bad_usage_or_input_is_exit_code_2_with_one_line(string because, string[] options)
    {
        var missing = Path.Combine(material.Root.FullName, "missing.bin");
        var args = new List<string> { "jpki", "verify", "--cert", material.Certificate, "--signature", material.RawSignature };
        args.AddRange(options.Select(o => o.Replace("{data}", material.Data, StringComparison.Ordinal).Replace("{missing}", missing, StringComparison.Ordinal)));
        args.Add("--json");

        var run = await Cli.RunAsync([.. args]);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("linegov jpki verify: error:", customMessage: because);
    }

    [Fact]
    public async Task Raw_signature_without_cert_is_a_usage_error()
    {
        var run = await Cli.RunAsync("jpki", "verify", "--signature", material.RawSignature, "--data", material.Data);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("--cert");
    }

    [Fact]
    public async Task Missing_signature_file_is_an_input_error()
    {
        var run = await Cli.RunAsync("jpki", "verify", "--cert", material.Certificate, "--signature", Path.Combine(material.Root.FullName, "nope.sig"), "--data", material.Data);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("nope.sig");
    }

    [Fact]
    public async Task Unparsable_certificate_is_an_input_error()
    {
        var run = await Cli.RunAsync("jpki", "verify", "--cert", material.Data, "--signature", material.RawSignature, "--data", material.Data);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("not a readable X.509 certificate");
    }

    [Fact]
    public async Task Anchors_folder_with_a_private_key_says_to_point_at_the_root_file()
    {
        var run = await VerifyAsync("--cert", material.Certificate, "--signature", material.RawSignature, "--data", material.Data, "--anchors", material.Valid);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("root-signature.pem");
    }

    private Task<CliRun> VerifyAsync(params string[] options)
    {
        var args = new List<string> { "jpki", "verify" };
        args.AddRange(options);
        if (!options.Contains("--anchors"))
        {
            args.AddRange(["--anchors", material.Anchor]);
        }

        args.AddRange(["--revocation", "none"]);
        return Cli.RunAsync([.. args]);
    }
}
