using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LineGov.Jpki;

/// <summary>Validates <see cref="JpkiOptions"/> at start-up, with messages that say what to change.</summary>
internal sealed class JpkiOptionsValidator(IServiceProvider services) : IValidateOptions<JpkiOptions>
{
    public ValidateOptionsResult Validate(string? name, JpkiOptions options)
    {
        var errors = new List<string>();
        if (options.ChallengeLifetime <= TimeSpan.Zero || options.ChallengeLifetime > TimeSpan.FromHours(1))
        {
            errors.Add("LineGov:Jpki:ChallengeLifetime must be positive and at most one hour.");
        }

        if (options.MaxChallenges < 1)
        {
            errors.Add("LineGov:Jpki:MaxChallenges must be at least 1.");
        }

        if (!Enum.IsDefined(options.RevocationMode))
        {
            errors.Add("LineGov:Jpki:RevocationMode must be Required, BestEffort or None.");
        }

        if (!Enum.IsDefined(options.RequiredKind))
        {
            errors.Add("LineGov:Jpki:RequiredKind must be Signature, Authentication, SignatureOrAuthentication or AnyCertificate.");
        }

        var anchors = 0;
        foreach (var path in options.TrustAnchorPaths)
        {
            try
            {
                anchors += CertificateFiles.ReadPath(path).Count;
            }
            catch (Exception e) when (e is JpkiFormatException or IOException or UnauthorizedAccessException)
            {
                errors.Add($"LineGov:Jpki:TrustAnchorPaths: '{path}' cannot be used: {e.Message}");
            }
        }

        if (!options.TrustProductionRoots && anchors == 0)
        {
            errors.Add("No trust anchor is configured: set LineGov:Jpki:TrustProductionRoots or add TrustAnchorPaths.");
        }

        // Ask whether a checker is registered without building it: building it would resolve these very options.
        if (options.RevocationMode == JpkiRevocationMode.Required &&
            services.GetService<IServiceProviderIsService>()?.IsService(typeof(IJpkiRevocationChecker)) != true)
        {
            errors.Add(
                "LineGov:Jpki:RevocationMode is Required (hard-fail) but no IJpkiRevocationChecker is registered, so every " +
                "certificate would be rejected. Register a revocation checker, or set RevocationMode to BestEffort or None knowingly.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
