using System.Text.Json;

namespace LineGov.Cli.Tests;

[Collection(TestMaterialCollection.Name)]
public sealed class InspectTests(TestMaterial material)
{
    private static readonly string[] JsonFields =
    [
        "kind", "name", "nameAlternateFlags", "address", "addressAlternateFlags", "dateOfBirth", "era", "gender",
        "serialNumber", "issuer", "notBefore", "notAfter",
    ];

    private const string TestSignatureIssuer = "C=JP, O=JPKI, OU=LineGov TEST JPKI for digital signature, OU=LineGov Test Authority (never trust in production)";

    private static string Example(string file) => Path.Combine(AppContext.BaseDirectory, "examples", file);

    [Fact]
    public async Task Json_of_the_bundled_example_has_exactly_the_documented_fields_and_the_default_identity()
    {
        var run = await Cli.RunAsync("jpki", "inspect", Example("signature-certificate.pem"), "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldBeEmpty();
        var json = run.Json();
        json.EnumerateObject().Select(p => p.Name).ShouldBe(JsonFields);
        json.GetProperty("kind").GetString().ShouldBe("signature");
        json.GetProperty("name").GetString().ShouldBe("見本\u3000花子");
        json.GetProperty("nameAlternateFlags").GetString().ShouldBe("00000");
        json.GetProperty("address").GetString().ShouldBe("北海道上川郡当麻町３条東２丁目１１番１号");
        json.GetProperty("addressAlternateFlags").GetString().ShouldBe(new string('0', 20));
        json.GetProperty("dateOfBirth").GetString().ShouldBe("1985-04-02");
        json.GetProperty("era").GetString().ShouldBe("showa");
        json.GetProperty("gender").GetString().ShouldBe("female");
        json.GetProperty("issuer").GetString().ShouldBe(TestSignatureIssuer);
        json.GetProperty("notBefore").GetString().ShouldBe("2025-01-01T00:00:00Z");
        json.GetProperty("notAfter").GetString().ShouldBe("2035-01-01T00:00:00Z");

        var certificate = await LineGov.Jpki.JpkiCertificate.LoadAsync(Example("signature-certificate.pem"));
        json.GetProperty("serialNumber").GetString().ShouldBe(certificate.SerialNumber);
    }

    [Fact]
    public async Task Inspect_reads_a_DER_certificate_as_well_as_PEM()
    {
        using var folder = new TempFolder();
        var certificate = await LineGov.Jpki.JpkiCertificate.LoadAsync(Example("signature-certificate.pem"));
        var der = Path.Combine(folder.Path, "certificate.cer");
        await File.WriteAllBytesAsync(der, certificate.RawData.ToArray());

        var run = await Cli.RunAsync("jpki", "inspect", der, "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Json().GetProperty("serialNumber").GetString().ShouldBe(certificate.SerialNumber);
    }

    [Fact]
    public async Task Readable_table_shows_the_four_facts_with_the_Japanese_era()
    {
        var run = await Cli.RunAsync("jpki", "inspect", Example("signature-certificate.pem"));

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("signature (署名用電子証明書)");
        run.Stdout.ShouldContain("見本\u3000花子");
        run.Stdout.ShouldContain("1985-04-02 (昭和60年4月2日)");
        run.Stdout.ShouldContain("female (女)");
        run.Stdout.ShouldContain("北海道上川郡当麻町３条東２丁目１１番１号");
        run.Stdout.ShouldContain("2035-01-01T00:00:00Z");
    }

    [Fact]
    public async Task Name_address_flags_gender_and_a_Reiwa_date_of_birth_are_reported_as_minted()
    {
        var json = await InspectAsync(material.Valid);

        json.GetProperty("kind").GetString().ShouldBe("signature");
        json.GetProperty("name").GetString().ShouldBe(TestMaterial.Name);
        json.GetProperty("nameAlternateFlags").GetString().ShouldBe(TestMaterial.NameFlags);
        json.GetProperty("address").GetString().ShouldBe(TestMaterial.Address);
        json.GetProperty("addressAlternateFlags").GetString().ShouldBe(TestMaterial.AddressFlags);
        json.GetProperty("dateOfBirth").GetString().ShouldBe("2020-02-29");
        json.GetProperty("era").GetString().ShouldBe("reiwa");
        json.GetProperty("gender").GetString().ShouldBe("male");
    }

    [Fact]
    public async Task Validity_options_are_written_into_the_certificate()
    {
        var json = await InspectAsync(material.Valid);

        json.GetProperty("notBefore").GetString().ShouldBe($"{material.ValidFrom:yyyy-MM-dd}T00:00:00Z");
        json.GetProperty("notAfter").GetString().ShouldBe($"{material.ValidUntil:yyyy-MM-dd}T00:00:00Z");
    }

    [Fact]
    public async Task Unknown_gender_and_unknown_date_of_birth_are_reported_as_unknown()
    {
        var json = await InspectAsync(material.Unknowns);

        json.GetProperty("gender").GetString().ShouldBe("unknown");
        json.GetProperty("dateOfBirth").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("era").GetString().ShouldBe("unknown");
    }

    [Fact]
    public async Task Date_of_birth_given_in_certificate_form_keeps_its_era()
    {
        // 平成元年1月8日, the first day of Heisei, minted as EYYYYMMDD.
        var json = await InspectAsync(material.Expired);

        json.GetProperty("dateOfBirth").GetString().ShouldBe("1989-01-08");
        json.GetProperty("era").GetString().ShouldBe("heisei");
    }

    [Fact]
    public async Task Flagged_characters_are_pointed_out_in_the_table()
    {
        var run = await Cli.RunAsync("jpki", "inspect", TestMaterial.CertificateIn(material.Valid));

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("10000 (代替文字 at character 1");
        run.Stdout.ShouldContain("2020-02-29 (令和2年2月29日)");
        run.Stdout.ShouldContain("male (男)");
    }

    [Fact]
    public async Task Authentication_certificate_has_null_four_facts()
    {
        var json = await InspectAsync(material.Authentication);

        json.EnumerateObject().Select(p => p.Name).ShouldBe(JsonFields);
        json.GetProperty("kind").GetString().ShouldBe("authentication");
        foreach (var field in new[] { "name", "nameAlternateFlags", "address", "addressAlternateFlags", "dateOfBirth", "era", "gender" })
        {
            json.GetProperty(field).ValueKind.ShouldBe(JsonValueKind.Null, field);
        }

        json.GetProperty("issuer").GetString()!.ShouldContain("for user authentication");
    }

    [Fact]
    public async Task Signature_certificate_without_the_four_facts_is_still_a_signature_certificate_with_null_facts()
    {
        var json = await InspectAsync(material.NoFourFacts);

        json.GetProperty("kind").GetString().ShouldBe("signature");
        json.GetProperty("name").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("era").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("gender").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Garbage_is_an_input_error_with_one_line_and_exit_code_2()
    {
        using var folder = new TempFolder();
        var garbage = Path.Combine(folder.Path, "garbage.pem");
        await File.WriteAllBytesAsync(garbage, [0x30, 0x82, 0x01, 0x00, 0xDE, 0xAD, 0xBE, 0xEF]);

        var run = await Cli.RunAsync("jpki", "inspect", garbage, "--json");

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("garbage.pem");
        run.Stderr.ShouldContain("not a readable X.509 certificate");
    }

    [Fact]
    public async Task A_PEM_file_without_a_certificate_is_an_input_error()
    {
        using var folder = new TempFolder();
        var text = Path.Combine(folder.Path, "notes.pem");
        await File.WriteAllTextAsync(text, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        var run = await Cli.RunAsync("jpki", "inspect", text);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("BEGIN CERTIFICATE");
    }

    [Fact]
    public async Task Missing_file_is_an_input_error()
    {
        var run = await Cli.RunAsync("jpki", "inspect", Path.Combine(AppContext.BaseDirectory, "no-such-file.pem"));

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("does not exist");
    }

    [Fact]
    public async Task Missing_argument_is_a_usage_error()
    {
        var run = await Cli.RunAsync("jpki", "inspect");

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("--help");
    }

    private static async Task<JsonElement> InspectAsync(string folder)
    {
        var run = await Cli.RunAsync("jpki", "inspect", TestMaterial.CertificateIn(folder), "--json");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldBeEmpty();
        return run.Json();
    }
}

/// <summary>A temporary folder deleted after the test.</summary>
public sealed class TempFolder : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("linegov-cli-");

    public string Path => _directory.FullName;

    public void Dispose() => _directory.Delete(recursive: true);
}
