using System.Text;

namespace LineGov.Jpki.Tests.Conformance;

/// <summary>
/// PKITS sections that need no revocation data — 4.1, 4.2, 4.3, 4.6, 4.7.1–4.7.3 and 4.16 — at 2011-04-15, through
/// <see cref="JpkiCertificateValidator"/> with <see cref="JpkiKindRequirement.AnyCertificate"/>. Known failures are listed
/// and asserted as such, so a change in either direction is noticed.
/// </summary>
public sealed class PkitsPathValidationTests
{
    /// <summary>
    /// Cases the platform cannot do, with the reason. 4.1.5: the intermediate's DSA key inherits its parameters from
    /// its issuer; OpenSSL (under X509Chain) cannot build the public key ("unable to get certs public key").
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> KnownFailures = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["4.1.5"] = "DSA parameter inheritance: OpenSSL under X509Chain cannot build the DSA public key of a certificate that inherits its parameters.",
    };

    public static TheoryData<string> InScope => new(
        PkitsSuite.Cases
            .Where(c => c.IsInSection("4.1.", "4.2.", "4.3.", "4.6.", "4.16.") || c.TestNumber is "4.7.1" or "4.7.2" or "4.7.3")
            .Select(c => c.Id));

    [Theory]
    [MemberData(nameof(InScope))]
    public async Task Pkits_case_gives_the_expected_outcome(string id)
    {
        var testCase = PkitsSuite.Cases.Single(c => c.Id == id);
        var result = await PkitsSuite.RunAsync(testCase);
        PkitsResults.Record(testCase, result);

        if (KnownFailures.TryGetValue(testCase.TestNumber, out var reason))
        {
            result.IsValid.ShouldBe(!testCase.ShouldValidate, $"Known failure no longer fails ({reason}): remove it from KnownFailures.");
            return;
        }

        result.IsValid.ShouldBe(testCase.ShouldValidate, $"{testCase.Title}: {result}");
        if (result.Path == JpkiValidationPath.Direct)
        {
            var platform = await PkitsSuite.RunAsync(testCase, forcePlatformChain: true);
            platform.Path.ShouldBe(JpkiValidationPath.PlatformChain);
            platform.Failures.Select(f => f.Reason).ShouldBe(result.Failures.Select(f => f.Reason), ignoreOrder: true);
        }
    }
}

/// <summary>Collects per-case outcomes into pkits-results.md next to the test assembly.</summary>
internal static class PkitsResults
{
    private static readonly Lock Gate = new();
    private static readonly SortedDictionary<string, string> Lines = new(StringComparer.Ordinal);

    public static void Record(PkitsCase testCase, JpkiValidationResult result)
    {
        var outcome = result.IsValid == testCase.ShouldValidate ? "pass" : "FAIL";
        lock (Gate)
        {
            Lines[testCase.Id] = $"| {testCase.Id} | {testCase.Title} | {(testCase.ShouldValidate ? "valid" : "invalid")} | {(result.IsValid ? "valid" : "invalid")} | {outcome} | {result.Path} | {string.Join(", ", result.Failures.Select(f => f.Reason).Distinct())} |";
            var text = new StringBuilder("# PKITS results (LineGov.Jpki)\n\n| case | title | expected | got | outcome | path | reasons |\n|---|---|---|---|---|---|---|\n");
            foreach (var line in Lines.Values)
            {
                text.Append(line).Append('\n');
            }

            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "pkits-results.md"), text.ToString());
        }
    }
}
