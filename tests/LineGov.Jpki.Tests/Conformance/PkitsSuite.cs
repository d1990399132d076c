using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace LineGov.Jpki.Tests.Conformance;

/// <summary>The NIST PKITS 1.0.1 case list (tests/data/pkits, public domain) and how to run one case through the validator.</summary>
public static class PkitsSuite
{
    public static readonly DateTimeOffset ValidationTime = new(2011, 4, 15, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<IReadOnlyList<PkitsCase>> AllCases = new(Load);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "data", "pkits");

    public static IReadOnlyList<PkitsCase> Cases => AllCases.Value;

    public static async Task<JpkiValidationResult> RunAsync(PkitsCase testCase, bool forcePlatformChain = false)
    {
        var certificates = testCase.Certificates.Select(name => File.ReadAllBytes(Path.Combine(Directory, "certs", name + ".crt"))).ToList();
        var anchor = JpkiCertificate.Parse(certificates[0]);
        var leaf = JpkiCertificate.Parse(certificates[^1]);
        var intermediates = certificates.Skip(1).SkipLast(1).Select(bytes => X509CertificateLoader.LoadCertificate(bytes)).ToList();
        if (forcePlatformChain && intermediates.Count == 0)
        {
            // Any extra certificate sends the validator to X509Chain; this one plays no part in the path.
            intermediates.Add(X509CertificateLoader.LoadCertificate(File.ReadAllBytes(Path.Combine(Directory, "certs", "GoodCACert.crt"))));
        }

        try
        {
            var validator = new JpkiCertificateValidator(new JpkiCertificateValidatorOptions { TrustStore = JpkiTrustStore.Empty.With(anchor) });
            return await validator.ValidateAsync(leaf, new JpkiValidationPolicy
            {
                RequiredKind = JpkiKindRequirement.AnyCertificate,
                RevocationMode = JpkiRevocationMode.None,
                VerificationTime = ValidationTime,
                ExtraCertificates = intermediates,
            });
        }
        finally
        {
            intermediates.ForEach(c => c.Dispose());
        }
    }

    private static List<PkitsCase> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, "pkits.json")));
        var cases = new List<PkitsCase>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var element in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var number = element.GetProperty("test_number").GetString()!;
            var variant = seen[number] = seen.GetValueOrDefault(number) + 1;
            cases.Add(new PkitsCase(
                variant == 1 ? number : $"{number}#{variant}",
                number,
                element.GetProperty("title").GetString()!,
                element.GetProperty("should_validate").GetBoolean(),
                [.. element.GetProperty("certs").EnumerateArray().Select(c => c.GetString()!)],
                element.TryGetProperty("initial_policy_set", out _) || element.TryGetProperty("initial_explicit_policy", out _) ||
                element.TryGetProperty("initial_policy_mapping_inhibit", out _) || element.TryGetProperty("initial_inhibit_any_policy", out _)));
        }

        return cases;
    }
}

/// <param name="Id">The test number, with <c>#n</c> for its n-th variant (different initial inputs).</param>
/// <param name="TestNumber">The PKITS test number, e.g. 4.1.1.</param>
/// <param name="Title">The PKITS title.</param>
/// <param name="ShouldValidate">The expected outcome.</param>
/// <param name="Certificates">Anchor first, leaf last.</param>
/// <param name="HasNonDefaultInputs">Whether the case sets initial policy inputs.</param>
public sealed record PkitsCase(string Id, string TestNumber, string Title, bool ShouldValidate, IReadOnlyList<string> Certificates, bool HasNonDefaultInputs)
{
    public bool IsInSection(params string[] prefixes) => prefixes.Any(p => TestNumber.StartsWith(p, StringComparison.Ordinal));
}
