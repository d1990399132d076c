using System.Globalization;

namespace LineGov.Cli.Tests;

/// <summary>
/// Test material minted once per test run with the CLI's own testkit verbs. Minting is the slow part (three RSA keys
/// per run of 'testkit issue'), so the certificates are minted in parallel here and every test class shares them;
/// each certificate carries several of the values the tests look at.
/// </summary>
public sealed class TestMaterial : IAsyncLifetime
{
    public const string Application = "物価高騰対策支援金 申請書\n申請者：見本　花子\n";

    public const string Name = "髙橋\u3000一郎";

    public const string NameFlags = "10000";

    public const string Address = "東京都千代田区霞が関２丁目１番２号";

    public const string AddressFlags = "00000001000000000";

    public DirectoryInfo Root { get; } = Directory.CreateTempSubdirectory("linegov-cli-tests-");

    /// <summary>A valid signature certificate for 髙橋　一郎 (flags on 髙 and 霞), male, born 2020-02-29 (令和), valid from yesterday for three years.</summary>
    public string Valid => Folder("valid");

    /// <summary>An expired signature certificate, born 平成元年1月8日 given as EYYYYMMDD.</summary>
    public string Expired => Folder("expired");

    /// <summary>A user-authentication certificate.</summary>
    public string Authentication => Folder("authentication");

    /// <summary>A signature certificate with an unknown gender and an unknown date of birth.</summary>
    public string Unknowns => Folder("unknowns");

    /// <summary>A signature certificate without the four facts.</summary>
    public string NoFourFacts => Folder("no-four-facts");

    /// <summary>A signature certificate with four defects at once.</summary>
    public string Defective => Folder("defective");

    public DateOnly ValidFrom { get; } = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    public DateOnly ValidUntil => ValidFrom.AddYears(3);

    /// <summary>What 'testkit issue --kind authentication' printed.</summary>
    public CliRun AuthenticationIssueRun { get; private set; } = new(-1, string.Empty, string.Empty);

    public string Certificate => Path.Combine(Valid, "certificate.pem");

    public string Anchor => Path.Combine(Valid, "root-signature.pem");

    public string Data => Path.Combine(Root.FullName, "application.txt");

    public string Tampered => Path.Combine(Root.FullName, "tampered.txt");

    public string RawSignature => Path.Combine(Root.FullName, "application.sig");

    public string DetachedCms => Path.Combine(Root.FullName, "application.p7s");

    public string AttachedCms => Path.Combine(Root.FullName, "application-attached.p7s");

    public string ExpiredSignature => Path.Combine(Root.FullName, "expired.sig");

    public static string CertificateIn(string folder) => Path.Combine(folder, "certificate.pem");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Data, Application);
        await File.WriteAllTextAsync(Tampered, Application.Replace("花子", "太郎", StringComparison.Ordinal));
        var authentication = MintAsync(Authentication, "--kind", "authentication");
        await Task.WhenAll(
            MintAsync(
                Valid,
                "--name", Name, "--name-flags", NameFlags, "--address", Address, "--address-flags", AddressFlags,
                "--date-of-birth", "2020-02-29", "--gender", "male",
                "--valid-from", ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "--valid-until", ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            MintAsync(Expired, "--defect", "expired", "--date-of-birth", "419890108"),
            authentication,
            MintAsync(Unknowns, "--gender", "unknown", "--date-of-birth", "unknown"),
            MintAsync(NoFourFacts, "--defect", "missing-four-facts"),
            MintAsync(Defective, "--defect", "wrong-key-usage", "--defect", "ca", "--defect", "unknown-critical-extension", "--defect", "bad-signature"));
        AuthenticationIssueRun = await authentication;

        var key = Path.Combine(Valid, "private-key.pem");
        await Task.WhenAll(
            SignAsync("--key", key, "--data", Data, "--out", RawSignature),
            SignAsync("--key", key, "--data", Data, "--out", DetachedCms, "--cms", "--cert", Certificate),
            SignAsync("--key", key, "--data", Data, "--out", AttachedCms, "--cms", "--cert", Certificate, "--attached"),
            SignAsync("--key", Path.Combine(Expired, "private-key.pem"), "--data", Data, "--out", ExpiredSignature));
    }

    public Task DisposeAsync()
    {
        Root.Delete(recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Signs <see cref="Data"/> raw with the key in <paramref name="folder"/>; returns the signature file.</summary>
    public async Task<string> SignRawAsync(string folder)
    {
        var signature = Path.Combine(folder, "application.sig");
        await SignAsync("--key", Path.Combine(folder, "private-key.pem"), "--data", Data, "--out", signature);
        return signature;
    }

    private string Folder(string name) => Path.Combine(Root.FullName, name);

    private static async Task<CliRun> MintAsync(string folder, params string[] options)
    {
        var run = await Cli.RunAsync(["jpki", "testkit", "issue", "--out", folder, .. options]);
        run.ExitCode.ShouldBe(0, run.ToString());
        return run;
    }

    private static async Task SignAsync(params string[] options)
    {
        var run = await Cli.RunAsync(["jpki", "testkit", "sign", .. options]);
        run.ExitCode.ShouldBe(0, run.ToString());
    }
}

[CollectionDefinition(Name)]
public sealed class TestMaterialCollection : ICollectionFixture<TestMaterial>
{
    public const string Name = "test material";
}
