using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Cli.Tests;

[Collection(TestMaterialCollection.Name)]
public sealed class TestkitTests(TestMaterial material)
{
    [Fact]
    public async Task Issue_writes_the_roots_the_certificate_and_a_PKCS8_key_that_belongs_to_it()
    {
        foreach (var file in new[] { "root-signature.pem", "root-authentication.pem", "certificate.pem", "private-key.pem" })
        {
            File.Exists(Path.Combine(material.Valid, file)).ShouldBeTrue(file);
        }

        var keyPem = await File.ReadAllTextAsync(Path.Combine(material.Valid, "private-key.pem"));
        keyPem.ShouldStartWith("-----BEGIN PRIVATE KEY-----");
        using var key = RSA.Create();
        key.ImportFromPem(keyPem);
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(material.Certificate);
        using var withKey = certificate.CopyWithPrivateKey(key);
        withKey.HasPrivateKey.ShouldBeTrue();
        key.KeySize.ShouldBe(2048);
    }

    [Fact]
    public void Issue_says_what_it_wrote_and_what_to_do_next()
    {
        var run = material.AuthenticationIssueRun;

        run.Stdout.ShouldContain("FICTITIOUS");
        run.Stdout.ShouldContain(Path.Combine(material.Authentication, "private-key.pem"));
        run.Stdout.ShouldContain("linegov jpki verify");
        run.Stdout.ShouldContain("authentication (利用者証明用電子証明書)");
        run.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task Authentication_certificate_signs_and_verifies_with_its_root()
    {
        var signature = await material.SignRawAsync(material.Authentication);

        var run = await Cli.RunAsync(
            "jpki", "verify", "--cert", TestMaterial.CertificateIn(material.Authentication), "--signature", signature, "--data", material.Data,
            "--anchors", Path.Combine(material.Authentication, "root-authentication.pem"), "--revocation", "none", "--kind", "authentication", "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Json().GetProperty("kind").GetString().ShouldBe("authentication");
    }

    [Fact]
    public async Task Every_defect_built_in_is_reported_by_verify()
    {
        var signature = await material.SignRawAsync(material.Defective);

        var run = await Cli.RunAsync(
            "jpki", "verify", "--cert", TestMaterial.CertificateIn(material.Defective), "--signature", signature, "--data", material.Data,
            "--anchors", Path.Combine(material.Defective, "root-signature.pem"), "--revocation", "none", "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Json().ReasonCodes().ShouldBe(["WrongKeyUsage", "BasicConstraintsViolation", "UnknownCriticalExtension", "BadSignature"], ignoreOrder: true);
    }

    [Fact]
    public async Task Certificate_without_the_four_facts_is_rejected_by_verify()
    {
        var signature = await material.SignRawAsync(material.NoFourFacts);

        var run = await Cli.RunAsync(
            "jpki", "verify", "--cert", TestMaterial.CertificateIn(material.NoFourFacts), "--signature", signature, "--data", material.Data,
            "--anchors", Path.Combine(material.NoFourFacts, "root-signature.pem"), "--revocation", "none", "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Json().ReasonCodes().ShouldBe(["MissingFourFacts"]);
    }

    public static TheoryData<string, string[]> IssueUsageErrors => new()
    {
        { "flags of the wrong length", ["--name-flags", "01"] },
        { "flags that are not 0/1", ["--name-flags", "0x000"] },
        { "an era that does not match the date", ["--date-of-birth", "419850402"] },
        { "a date before Meiji", ["--date-of-birth", "1800-01-01"] },
        { "an unknown gender", ["--gender", "other"] },
        { "an unknown defect", ["--defect", "cursed"] },
        { "a validity that ends before it starts", ["--valid-from", "2030-01-01", "--valid-until", "2029-01-01"] },
        { "a validity outside the roots'", ["--ca-valid-until", "2030-01-01", "--valid-until", "2031-01-01"] },
    };

    [Theory]
    [MemberData(nameof(IssueUsageErrors))]
    public async Task Issue_rejects_bad_options_with_exit_code_2(string because, string[] options)
    {
        using var folder = new TempFolder();

        var run = await Cli.RunAsync(["jpki", "testkit", "issue", "--out", folder.Path, .. options]);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("linegov jpki testkit issue: error:", customMessage: because);
        Directory.EnumerateFiles(folder.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task Sign_cms_without_cert_is_a_usage_error()
    {
        var run = await Cli.RunAsync("jpki", "testkit", "sign", "--key", Path.Combine(material.Valid, "private-key.pem"), "--data", material.Data, "--out", Path.Combine(material.Root.FullName, "x.p7s"), "--cms");

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("--cert");
    }

    [Fact]
    public async Task Sign_with_a_key_that_is_not_a_key_is_an_input_error()
    {
        var run = await Cli.RunAsync("jpki", "testkit", "sign", "--key", material.Certificate, "--data", material.Data, "--out", Path.Combine(material.Root.FullName, "x.sig"));

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("private key");
    }

    [Fact]
    public async Task Sign_cms_with_the_key_of_another_certificate_is_an_input_error()
    {
        var run = await Cli.RunAsync(
            "jpki", "testkit", "sign", "--key", Path.Combine(material.Expired, "private-key.pem"), "--data", material.Data,
            "--out", Path.Combine(material.Root.FullName, "y.p7s"), "--cms", "--cert", material.Certificate);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("does not belong to the certificate");
    }

    [Theory]
    [InlineData]
    [InlineData("jpki")]
    [InlineData("jpki", "inspect")]
    [InlineData("jpki", "verify")]
    [InlineData("jpki", "testkit")]
    [InlineData("jpki", "testkit", "issue")]
    [InlineData("jpki", "testkit", "sign")]
    public async Task Help_is_printed_on_stdout_with_exit_code_0(params string[] command)
    {
        var run = await Cli.RunAsync([.. command, "--help"]);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("Usage:");
        run.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task No_command_is_a_usage_error()
    {
        var run = await Cli.RunAsync("jpki");

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("linegov jpki --help");
    }
}
