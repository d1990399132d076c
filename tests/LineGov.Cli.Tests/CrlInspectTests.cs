namespace LineGov.Cli.Tests;

/// <summary>
/// <c>linegov jpki crl inspect</c> on PKITS CRLs. The expected values are what
/// <c>openssl crl -inform DER -noout -text -in &lt;file&gt;</c> shows for the same files.
/// </summary>
public sealed class CrlInspectTests
{
    private static readonly string[] JsonFields =
    [
        "issuer", "version", "crlNumber", "baseCrlNumber", "delta", "thisUpdate", "nextUpdate", "scope", "entries",
        "signatureAlgorithm", "signatureAlgorithmOid", "unsupportedCriticalExtension", "parseTimeMs", "encodedBytes",
        "indexMemoryBytes", "bytesPerEntry", "signature",
    ];

    private static string Crl(string name) => Path.Combine(AppContext.BaseDirectory, "data", "pkits", "crls", name + ".crl");

    private static string Certificate(string name) => Path.Combine(AppContext.BaseDirectory, "data", "pkits", "certs", name + ".crt");

    [Fact]
    public async Task Complete_CRL_shows_what_openssl_shows()
    {
        // openssl: Issuer C = US, O = Test Certificates 2011, CN = Good CA; Last Update Jan 1 08:30:00 2010 GMT;
        // Next Update Dec 31 08:30:00 2030 GMT; CRL Number 1; serials 0E and 0F; sha256WithRSAEncryption.
        var run = await Cli.RunAsync("jpki", "crl", "inspect", Crl("GoodCACRL"), "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldBeEmpty();
        var json = run.Json();
        json.EnumerateObject().Select(p => p.Name).ShouldBe(JsonFields);
        json.GetProperty("issuer").GetString().ShouldBe("CN=Good CA, O=Test Certificates 2011, C=US");
        json.GetProperty("version").GetInt32().ShouldBe(2);
        json.GetProperty("crlNumber").GetString().ShouldBe("1");
        json.GetProperty("baseCrlNumber").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("delta").GetBoolean().ShouldBeFalse();
        json.GetProperty("thisUpdate").GetString().ShouldBe("2010-01-01T08:30:00Z");
        json.GetProperty("nextUpdate").GetString().ShouldBe("2030-12-31T08:30:00Z");
        json.GetProperty("scope").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("entries").GetInt32().ShouldBe(2);
        json.GetProperty("signatureAlgorithm").GetString().ShouldBe("sha256WithRSAEncryption");
        json.GetProperty("signatureAlgorithmOid").GetString().ShouldBe("1.2.840.113549.1.1.11");
        json.GetProperty("unsupportedCriticalExtension").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("parseTimeMs").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        json.GetProperty("encodedBytes").GetInt64().ShouldBe(new FileInfo(Crl("GoodCACRL")).Length);
        var memory = json.GetProperty("indexMemoryBytes").GetInt64();
        memory.ShouldBeGreaterThan(0);
        json.GetProperty("bytesPerEntry").GetDouble().ShouldBe(memory / 2.0, 0.1);
        json.GetProperty("signature").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Delta_CRL_shows_its_base_CRL_number()
    {
        // openssl: Issuer ... CN = deltaCRL CA1; Last Update Jan 1 08:30:00 2011 GMT; Delta CRL Indicator: critical 1;
        // CRL Number 5; four revoked certificates.
        var run = await Cli.RunAsync("jpki", "crl", "inspect", Crl("deltaCRLCA1deltaCRL"), "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        var json = run.Json();
        json.GetProperty("issuer").GetString().ShouldBe("CN=deltaCRL CA1, O=Test Certificates 2011, C=US");
        json.GetProperty("crlNumber").GetString().ShouldBe("5");
        json.GetProperty("baseCrlNumber").GetString().ShouldBe("1");
        json.GetProperty("delta").GetBoolean().ShouldBeTrue();
        json.GetProperty("thisUpdate").GetString().ShouldBe("2011-01-01T08:30:00Z");
        json.GetProperty("entries").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task Scope_of_a_partitioned_CRL_names_its_distribution_point()
    {
        // openssl: Issuing Distribution Point: critical, Full Name: DirName:C = US, O = Test Certificates 2011,
        // OU = distributionPoint1 CA, CN = CRL1 of distributionPoint1 CA; one revoked certificate.
        var run = await Cli.RunAsync("jpki", "crl", "inspect", Crl("distributionPoint1CACRL"), "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        var scope = run.Json().GetProperty("scope");
        scope.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["distributionPoint", "nameRelativeToIssuer", "onlyUserCertificates", "onlyCaCertificates", "onlyAttributeCertificates", "onlySomeReasons", "indirect"]);
        scope.GetProperty("distributionPoint").EnumerateArray().Select(n => n.GetString()).ShouldBe(
            ["CN=CRL1 of distributionPoint1 CA, OU=distributionPoint1 CA, O=Test Certificates 2011, C=US"]);
        scope.GetProperty("onlySomeReasons").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        scope.GetProperty("indirect").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Scope_shows_reasons_and_indirect_CRLs()
    {
        // openssl: Only Some Reasons: Key Compromise, CA Compromise / Indirect CRL, No Revoked Certificates.
        var reasons = (await Cli.RunAsync("jpki", "crl", "inspect", Crl("onlySomeReasonsCA1compromiseCRL"), "--json")).Json();
        var indirect = (await Cli.RunAsync("jpki", "crl", "inspect", Crl("indirectCRLCA3cRLIssuerCRL"), "--json")).Json();

        reasons.GetProperty("scope").GetProperty("onlySomeReasons").EnumerateArray().Select(r => r.GetString()).ShouldBe(["keyCompromise", "cACompromise"]);
        reasons.GetProperty("entries").GetInt32().ShouldBe(1);
        indirect.GetProperty("scope").GetProperty("indirect").GetBoolean().ShouldBeTrue();
        indirect.GetProperty("entries").GetInt32().ShouldBe(0);
        indirect.GetProperty("bytesPerEntry").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Unsupported_critical_extension_is_reported()
    {
        // openssl: 2.16.840.1.101.2.1.12.2: critical.
        var run = await Cli.RunAsync("jpki", "crl", "inspect", Crl("UnknownCRLExtensionCACRL"), "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Json().GetProperty("unsupportedCriticalExtension").GetString().ShouldBe("2.16.840.1.101.2.1.12.2");
    }

    [Fact]
    public async Task Issuer_certificate_checks_the_signature()
    {
        var valid = await Cli.RunAsync("jpki", "crl", "inspect", Crl("GoodCACRL"), "--issuer", Certificate("GoodCACert"), "--json");
        var wrongKey = await Cli.RunAsync("jpki", "crl", "inspect", Crl("BadCRLSignatureCACRL"), "--issuer", Certificate("BadCRLSignatureCACert"), "--json");
        var otherCa = await Cli.RunAsync("jpki", "crl", "inspect", Crl("GoodCACRL"), "--issuer", Certificate("TrustAnchorRootCertificate"));

        valid.ExitCode.ShouldBe(0, valid.ToString());
        var signature = valid.Json().GetProperty("signature");
        signature.EnumerateObject().Select(p => p.Name).ShouldBe(["issuer", "issuerNameMatches", "valid"]);
        signature.GetProperty("valid").GetBoolean().ShouldBeTrue();
        signature.GetProperty("issuerNameMatches").GetBoolean().ShouldBeTrue();
        wrongKey.ExitCode.ShouldBe(1, wrongKey.ToString());
        wrongKey.Json().GetProperty("signature").GetProperty("valid").GetBoolean().ShouldBeFalse();
        otherCa.ExitCode.ShouldBe(1, otherCa.ToString());
        otherCa.Stdout.ShouldContain("INVALID");
    }

    [Fact]
    public async Task Readable_table_shows_numbers_scope_and_memory()
    {
        var run = await Cli.RunAsync("jpki", "crl", "inspect", Crl("deltaCRLCA1deltaCRL"));

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("CRL number");
        run.Stdout.ShouldContain("delta CRL: only the changes since complete CRL number 1");
        run.Stdout.ShouldContain("4 revoked certificates");
        run.Stdout.ShouldContain("sha256WithRSAEncryption (1.2.840.113549.1.1.11)");
        run.Stdout.ShouldContain("bytes per entry");
        run.Stdout.ShouldContain("not checked (give the issuing CA's certificate with --issuer)");
    }

    [Fact]
    public async Task PEM_CRL_is_read_like_DER()
    {
        using var folder = new TempFolder();
        var pem = Path.Combine(folder.Path, "good.pem");
        var der = await File.ReadAllBytesAsync(Crl("GoodCACRL"));
        await File.WriteAllTextAsync(pem, "GoodCACRL\n" + System.Security.Cryptography.PemEncoding.WriteString("X509 CRL", der) + "\n");

        var run = await Cli.RunAsync("jpki", "crl", "inspect", pem, "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Json().GetProperty("crlNumber").GetString().ShouldBe("1");
    }

    [Fact]
    public async Task Garbage_is_an_input_error()
    {
        using var folder = new TempFolder();
        var garbage = Path.Combine(folder.Path, "garbage.crl");
        await File.WriteAllBytesAsync(garbage, [0x30, 0x82, 0x01, 0x00, 0xDE, 0xAD, 0xBE, 0xEF]);
        var text = Path.Combine(folder.Path, "text.crl");
        await File.WriteAllTextAsync(text, "not a CRL at all\n");
        var empty = Path.Combine(folder.Path, "empty.crl");
        await File.WriteAllBytesAsync(empty, []);

        foreach (var file in new[] { garbage, text, empty, Certificate("GoodCACert"), Path.Combine(folder.Path, "missing.crl"), folder.Path })
        {
            var run = await Cli.RunAsync("jpki", "crl", "inspect", file, "--json");

            run.ShouldBeOneLineError();
            run.Stderr.ShouldStartWith("linegov jpki crl inspect: error:");
        }
    }

    [Fact]
    public async Task Unreadable_issuer_certificate_is_an_input_error()
    {
        var run = await Cli.RunAsync("jpki", "crl", "inspect", Crl("GoodCACRL"), "--issuer", Crl("GoodCACRL"));

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("--issuer");
    }
}
