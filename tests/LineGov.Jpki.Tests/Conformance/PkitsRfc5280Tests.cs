using System.Text;
using System.Text.Json;

namespace LineGov.Jpki.Tests.Conformance;

/// <summary>
/// All 249 PKITS cases through <see cref="X509PathValidator"/> with the case's CRLs as the only revocation source, at
/// 2011-04-15. Every case asserts its expected outcome; the few known failures are listed with their reasons and
/// asserted as failures, so a change in either direction is noticed. Writes pkits-rfc5280-results.md.
/// </summary>
public sealed class PkitsRfc5280Tests
{
    private static readonly Dictionary<string, string> PolicyOids = new(StringComparer.Ordinal)
    {
        ["anyPolicy"] = X509PathValidationSettings.AnyPolicy,
        ["NIST-test-policy-1"] = "2.16.840.1.101.3.2.1.48.1",
        ["NIST-test-policy-2"] = "2.16.840.1.101.3.2.1.48.2",
        ["NIST-test-policy-3"] = "2.16.840.1.101.3.2.1.48.3",
        ["NIST-test-policy-4"] = "2.16.840.1.101.3.2.1.48.4",
        ["NIST-test-policy-5"] = "2.16.840.1.101.3.2.1.48.5",
        ["NIST-test-policy-6"] = "2.16.840.1.101.3.2.1.48.6",
    };

    /// <summary>Cases this validator gets wrong, with the reason. Each is asserted to still fail.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownFailures = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    private static readonly Lazy<Dictionary<string, JsonElement>> Raw = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(PkitsSuite.Directory, "pkits.json")));
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var element in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var number = element.GetProperty("test_number").GetString()!;
            var variant = seen[number] = seen.GetValueOrDefault(number) + 1;
            result[variant == 1 ? number : $"{number}#{variant}"] = element.Clone();
        }

        return result;
    });

    public static TheoryData<string> AllCases => new(PkitsSuite.Cases.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Pkits_case_gives_the_expected_outcome_with_crls(string id)
    {
        var testCase = PkitsSuite.Cases.Single(c => c.Id == id);
        var result = Run(id);
        Results.Record(testCase, result);

        if (KnownFailures.TryGetValue(id, out var reason))
        {
            result.IsValid.ShouldBe(!testCase.ShouldValidate, $"Known failure no longer fails ({reason}): remove it from KnownFailures.");
            return;
        }

        result.IsValid.ShouldBe(testCase.ShouldValidate, $"{testCase.Title}: {result}");
        if (Raw.Value[id].TryGetProperty("expected_user_constrained_policy_set", out var expected))
        {
            result.UserConstrainedPolicySet.Order(StringComparer.Ordinal).ShouldBe(
                expected.EnumerateArray().Select(p => PolicyOids[p.GetString()!]).Order(StringComparer.Ordinal),
                "user-constrained-policy-set");
        }
    }

    internal static X509PathValidationResult Run(string id)
    {
        var element = Raw.Value[id];
        var certificates = element.GetProperty("certs").EnumerateArray()
            .Select(name => JpkiCertificate.Parse(File.ReadAllBytes(Path.Combine(PkitsSuite.Directory, "certs", name.GetString() + ".crt"))))
            .ToList();
        var crls = element.GetProperty("crls").EnumerateArray()
            .Select(name => JpkiCrl.Parse(File.ReadAllBytes(Path.Combine(PkitsSuite.Directory, "crls", name.GetString() + ".crl"))))
            .ToList();
        var settings = new X509PathValidationSettings
        {
            TrustAnchors = [certificates[0]],
            Certificates = certificates.Skip(1).SkipLast(1).ToList(),
            Crls = crls,
            ValidationTime = PkitsSuite.ValidationTime,
            InitialPolicySet = element.TryGetProperty("initial_policy_set", out var set)
                ? [.. set.EnumerateArray().Select(p => PolicyOids[p.GetString()!])]
                : [X509PathValidationSettings.AnyPolicy],
            RequireExplicitPolicy = element.TryGetProperty("initial_explicit_policy", out var explicitPolicy) && explicitPolicy.GetBoolean(),
            InhibitPolicyMapping = element.TryGetProperty("initial_policy_mapping_inhibit", out var mapping) && mapping.GetBoolean(),
            InhibitAnyPolicy = element.TryGetProperty("initial_inhibit_any_policy", out var any) && any.GetBoolean(),
        };

        return X509PathValidator.Validate(certificates[^1], settings);
    }

    private static class Results
    {
        private static readonly Lock Gate = new();
        private static readonly SortedDictionary<string, (PkitsCase Case, X509PathValidationResult Result)> Outcomes = new(StringComparer.Ordinal);

        public static void Record(PkitsCase testCase, X509PathValidationResult result)
        {
            lock (Gate)
            {
                Outcomes[testCase.Id] = (testCase, result);
                var text = new StringBuilder("# PKITS results: X509PathValidator with CRLs (LineGov.Jpki)\n\n");
                foreach (var section in Outcomes.Values.GroupBy(o => string.Join('.', o.Case.TestNumber.Split('.').Take(2))))
                {
                    text.Append(CultureInvariant($"- {section.Key}: {section.Count(o => o.Result.IsValid == o.Case.ShouldValidate)} of {section.Count()} pass\n"));
                }

                text.Append("\n| case | title | expected | got | outcome | reasons |\n|---|---|---|---|---|---|\n");
                foreach (var (recorded, outcome) in Outcomes.Values)
                {
                    text.Append(CultureInvariant($"| {recorded.Id} | {recorded.Title} | {(recorded.ShouldValidate ? "valid" : "invalid")} | {(outcome.IsValid ? "valid" : "invalid")} | {(outcome.IsValid == recorded.ShouldValidate ? "pass" : "FAIL")} | {string.Join(", ", outcome.Failures.Select(f => f.Reason).Distinct())} |\n"));
                }

                File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "pkits-rfc5280-results.md"), text.ToString());
            }
        }

        private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
    }
}
