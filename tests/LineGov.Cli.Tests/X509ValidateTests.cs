using System.Text.Json;

namespace LineGov.Cli.Tests;

/// <summary>
/// <c>linegov x509 validate</c> on NIST PKITS (tests/data/pkits, public domain): each case's certificates (anchor first,
/// leaf last) and CRLs through the command line, at 2011-04-15, with the case's policy inputs.
/// </summary>
public sealed class X509ValidateTests
{
    private const string ValidationTime = "2011-04-15";

    private static readonly Dictionary<string, string> PolicyOids = new(StringComparer.Ordinal)
    {
        ["anyPolicy"] = "2.5.29.32.0",
        ["NIST-test-policy-1"] = "2.16.840.1.101.3.2.1.48.1",
        ["NIST-test-policy-2"] = "2.16.840.1.101.3.2.1.48.2",
        ["NIST-test-policy-3"] = "2.16.840.1.101.3.2.1.48.3",
        ["NIST-test-policy-4"] = "2.16.840.1.101.3.2.1.48.4",
        ["NIST-test-policy-5"] = "2.16.840.1.101.3.2.1.48.5",
        ["NIST-test-policy-6"] = "2.16.840.1.101.3.2.1.48.6",
    };

    private static readonly Lazy<List<PkitsCase>> AllCases = new(LoadCases);

    private static string Pkits => Path.Combine(AppContext.BaseDirectory, "data", "pkits");

    [Fact]
    public async Task Every_PKITS_case_gives_the_expected_exit_code_and_policy_set()
    {
        // All 249 cases take about a second in-process; they include the policy (4.8-4.12) and name-constraint (4.13) sections.
        var sample = AllCases.Value;
        sample.Count.ShouldBe(249);
        for (var section = 1; section <= 16; section++)
        {
            sample.ShouldContain(c => c.Section == section, $"section 4.{section}");
        }

        sample.Count(c => c.Args.Contains("--initial-policy-set")).ShouldBeGreaterThanOrEqualTo(10);
        sample.Count(c => c.Section == 13).ShouldBe(38);

        var failures = new List<string>();
        foreach (var testCase in sample)
        {
            var run = await Cli.RunAsync([.. testCase.Args, "--json"]);
            if (run.ExitCode != (testCase.ShouldValidate ? 0 : 1))
            {
                failures.Add($"{testCase.Title}: expected exit {(testCase.ShouldValidate ? 0 : 1)}, got {run}");
                continue;
            }

            var json = run.Json();
            json.GetProperty("valid").GetBoolean().ShouldBe(testCase.ShouldValidate);
            json.GetProperty("validationTime").GetString().ShouldBe("2011-04-15T00:00:00Z");
            if (testCase.ShouldValidate)
            {
                json.GetProperty("reasons").GetArrayLength().ShouldBe(0);
                json.GetProperty("path").GetArrayLength().ShouldBeInRange(1, testCase.MaxPathLength, testCase.Title);
            }
            else
            {
                json.GetProperty("reasons").GetArrayLength().ShouldBeGreaterThan(0);
            }

            if (testCase.ExpectedPolicySet is { } expected)
            {
                json.GetProperty("userConstrainedPolicySet").EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal)
                    .ShouldBe(expected.Order(StringComparer.Ordinal), testCase.Title);
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Valid_path_prints_the_documented_json()
    {
        var run = await Cli.RunAsync([.. Case("4.1.1").Args, "--json"]);

        run.ExitCode.ShouldBe(0, run.ToString());
        var json = run.Json();
        json.EnumerateObject().Select(p => p.Name).ShouldBe(["valid", "reasons", "path", "userConstrainedPolicySet", "validationTime", "trustAnchor"]);
        var path = json.GetProperty("path");
        path.GetArrayLength().ShouldBe(2);
        path[0].EnumerateObject().Select(p => p.Name).ShouldBe(["subject", "serial", "revocation"]);
        path[0].GetProperty("subject").GetString().ShouldBe("CN=Valid EE Certificate Test1, O=Test Certificates 2011, C=US");
        path[0].GetProperty("serial").GetString().ShouldBe("01");
        path[0].GetProperty("revocation").GetString().ShouldBe("good");
        path[1].GetProperty("subject").GetString().ShouldBe("CN=Good CA, O=Test Certificates 2011, C=US");
        json.GetProperty("trustAnchor").GetString().ShouldBe("CN=Trust Anchor, O=Test Certificates 2011, C=US");
        json.GetProperty("userConstrainedPolicySet").EnumerateArray().Select(p => p.GetString()).ShouldBe(["2.16.840.1.101.3.2.1.48.1"]);
    }

    [Fact]
    public async Task Revoked_certificate_is_invalid_with_Revoked_at_its_chain_index()
    {
        // 4.4.2 Invalid Revoked CA Test2: the intermediate (chain index 1) is revoked.
        var run = await Cli.RunAsync([.. Case("4.4.2").Args, "--json"]);

        run.ExitCode.ShouldBe(1, run.ToString());
        var reason = run.Json().GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "Revoked");
        reason.GetProperty("chainIndex").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Without_crls_revocation_is_unknown_and_the_result_invalid_unless_no_revocation()
    {
        var args = Case("4.1.1").Args.Where((a, i) => a != "--crl" && (i == 0 || Case("4.1.1").Args[i - 1] != "--crl")).ToArray();

        var strict = await Cli.RunAsync([.. args, "--json"]);
        var skipped = await Cli.RunAsync([.. args, "--no-revocation"]);

        strict.ExitCode.ShouldBe(1, strict.ToString());
        var json = strict.Json();
        json.ReasonCodes().Distinct().ShouldBe(["RevocationUnknown"]);
        json.GetProperty("reasons")[0].GetProperty("message").GetString()!.ShouldContain("--no-revocation");
        skipped.ExitCode.ShouldBe(0, skipped.ToString());
        skipped.Stdout.ShouldStartWith("VALID");
        skipped.Stdout.ShouldContain("NOT checked (--no-revocation)");
    }

    [Fact]
    public async Task Readable_report_lists_the_path_and_every_reason()
    {
        // 4.13.x: a name constraint violation.
        var run = await Cli.RunAsync(Case("4.13.2").Args);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Stdout.ShouldStartWith("INVALID");
        run.Stdout.ShouldContain("NameConstraintViolation (certificate)");
        run.Stdout.ShouldContain("[0] ");
        run.Stdout.ShouldContain("root: CN=Trust Anchor");
    }

    [Fact]
    public async Task PEM_certificates_and_CRLs_are_read_like_DER()
    {
        using var folder = new TempFolder();
        var testCase = Case("4.1.1");
        var pemArgs = new List<string>();
        for (var i = 0; i < testCase.Args.Length; i++)
        {
            var arg = testCase.Args[i];
            if (File.Exists(arg))
            {
                var isCrl = arg.EndsWith(".crl", StringComparison.Ordinal);
                var pem = Path.Combine(folder.Path, Path.GetFileName(arg) + ".pem");
                var der = await File.ReadAllBytesAsync(arg);
                await File.WriteAllTextAsync(pem, System.Security.Cryptography.PemEncoding.WriteString(isCrl ? "X509 CRL" : "CERTIFICATE", der) + "\n");
                pemArgs.Add(pem);
            }
            else
            {
                pemArgs.Add(arg);
            }
        }

        var run = await Cli.RunAsync([.. pemArgs]);

        run.ExitCode.ShouldBe(0, run.ToString());
    }

    [Fact]
    public async Task A_folder_of_CRLs_is_read_whole()
    {
        var testCase = Case("4.1.1");
        var args = testCase.Args.Where((a, i) => a != "--crl" && (i == 0 || testCase.Args[i - 1] != "--crl")).ToList();

        // The whole PKITS CRL folder: only the CRLs of the path's issuers matter.
        var run = await Cli.RunAsync([.. args, "--crl", Path.Combine(Pkits, "crls")]);

        run.ExitCode.ShouldBe(0, run.ToString());
    }

    [Fact]
    public async Task PKITS_examples_of_the_tool_README_give_the_exit_codes_it_states()
    {
        var commands = new List<(string Line, int ExitCode)>();
        int? expected = null;
        foreach (var raw in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "cli-README.md")))
        {
            var line = raw.Trim();
            if (line.StartsWith("# exit code ", StringComparison.Ordinal))
            {
                expected = line["# exit code ".Length] - '0';
            }
            else if (line.StartsWith("linegov ", StringComparison.Ordinal) && line.Contains("tests/data/pkits/", StringComparison.Ordinal))
            {
                expected.ShouldNotBeNull($"'{line}' needs a '# exit code N' comment before it");
                commands.Add((line, expected.Value));
                expected = null;
            }
        }

        commands.Count.ShouldBeGreaterThanOrEqualTo(5);
        foreach (var (line, exitCode) in commands)
        {
            var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(t => t.StartsWith("tests/data/pkits", StringComparison.Ordinal) ? Path.Combine(Pkits, t["tests/data/pkits".Length..].TrimStart('/')) : t)
                .ToArray();

            var run = await Cli.RunAsync(args);

            run.ExitCode.ShouldBe(exitCode, $"{line}\n{run}");
        }
    }

    public static TheoryData<string, string[]> UsageErrors => new()
    {
        { "no --anchor", ["--cert", "{leaf}"] },
        { "no --cert", ["--anchor", "{anchor}"] },
        { "--crl with --no-revocation", ["--anchor", "{anchor}", "--cert", "{leaf}", "--crl", "{crl}", "--no-revocation"] },
        { "a policy that is not an OID", ["--anchor", "{anchor}", "--cert", "{leaf}", "--initial-policy-set", "policy-1"] },
        { "an --at that is not ISO 8601", ["--anchor", "{anchor}", "--cert", "{leaf}", "--at", "15/04/2011"] },
        { "a CRL that is a certificate", ["--anchor", "{anchor}", "--cert", "{leaf}", "--crl", "{anchor}"] },
        { "a certificate that is a CRL", ["--anchor", "{crl}", "--cert", "{leaf}"] },
        { "a missing certificate", ["--anchor", "{anchor}", "--cert", "{missing}"] },
        { "a missing CRL", ["--anchor", "{anchor}", "--cert", "{leaf}", "--crl", "{missing}"] },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task Bad_usage_or_input_is_exit_code_2_with_one_line(string because, string[] options)
    {
        var args = options.Select(o => o
            .Replace("{anchor}", Path.Combine(Pkits, "certs", "TrustAnchorRootCertificate.crt"), StringComparison.Ordinal)
            .Replace("{leaf}", Path.Combine(Pkits, "certs", "ValidCertificatePathTest1EE.crt"), StringComparison.Ordinal)
            .Replace("{crl}", Path.Combine(Pkits, "crls", "GoodCACRL.crl"), StringComparison.Ordinal)
            .Replace("{missing}", Path.Combine(Pkits, "missing.crt"), StringComparison.Ordinal));

        var run = await Cli.RunAsync(["x509", "validate", .. args, "--json"]);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("linegov x509 validate: error:", customMessage: because);
    }

    private static PkitsCase Case(string number) => AllCases.Value.First(c => c.Number == number);

    private static List<PkitsCase> LoadCases()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Pkits, "pkits.json")));
        var cases = new List<PkitsCase>();
        foreach (var element in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var certificates = element.GetProperty("certs").EnumerateArray().Select(c => Path.Combine(Pkits, "certs", c.GetString() + ".crt")).ToList();
            var args = new List<string> { "x509", "validate", "--anchor", certificates[0], "--cert", certificates[^1], "--at", ValidationTime };
            foreach (var intermediate in certificates.Skip(1).SkipLast(1))
            {
                args.AddRange(["--intermediate", intermediate]);
            }

            foreach (var crl in element.GetProperty("crls").EnumerateArray())
            {
                args.AddRange(["--crl", Path.Combine(Pkits, "crls", crl.GetString() + ".crl")]);
            }

            if (element.TryGetProperty("initial_policy_set", out var set))
            {
                args.AddRange(["--initial-policy-set", string.Join(',', set.EnumerateArray().Select(p => PolicyOids[p.GetString()!]))]);
            }

            AddFlag(element, "initial_explicit_policy", "--require-explicit-policy", args);
            AddFlag(element, "initial_policy_mapping_inhibit", "--inhibit-policy-mapping", args);
            AddFlag(element, "initial_inhibit_any_policy", "--inhibit-any-policy", args);
            var number = element.GetProperty("test_number").GetString()!;
            cases.Add(new PkitsCase(
                number,
                element.GetProperty("title").GetString()!,
                int.Parse(number.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture),
                element.GetProperty("should_validate").GetBoolean(),
                [.. args],
                certificates.Count - 1,
                element.TryGetProperty("expected_user_constrained_policy_set", out var expected)
                    ? [.. expected.EnumerateArray().Select(p => PolicyOids[p.GetString()!])]
                    : null));
        }

        return cases;
    }

    private static void AddFlag(JsonElement element, string property, string option, List<string> args)
    {
        if (element.TryGetProperty(property, out var value) && value.GetBoolean())
        {
            args.Add(option);
        }
    }

    private sealed record PkitsCase(string Number, string Title, int Section, bool ShouldValidate, string[] Args, int MaxPathLength, string[]? ExpectedPolicySet);
}
