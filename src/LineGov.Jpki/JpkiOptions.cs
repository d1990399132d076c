namespace LineGov.Jpki;

/// <summary>Settings of LineGov.Jpki when registered with <c>AddLineGovJpki</c>; bindable from configuration.</summary>
public sealed class JpkiOptions
{
    /// <summary>Whether the embedded J-LIS production roots are trusted. Default: yes.</summary>
    public bool TrustProductionRoots { get; set; } = true;

    /// <summary>Files or folders of further anchors to trust (generation 02, a test authority's roots). Default: none.</summary>
    public IList<string> TrustAnchorPaths { get; } = [];

    /// <summary>Which certificate kinds the default policy accepts. Default: signature certificates only.</summary>
    public JpkiKindRequirement RequiredKind { get; set; } = JpkiKindRequirement.Signature;

    /// <summary>The default revocation mode. Default: <see cref="JpkiRevocationMode.Required"/> (hard-fail).</summary>
    public JpkiRevocationMode RevocationMode { get; set; } = JpkiRevocationMode.Required;

    /// <summary>Whether the J-LIS test-card signature policy is accepted. Default: no.</summary>
    public bool AcceptTestCardPolicy { get; set; }

    /// <summary>How long a challenge is accepted. Default: 5 minutes.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most live challenges the in-memory store keeps. Default: 100,000.</summary>
    public int MaxChallenges { get; set; } = 100_000;

    internal JpkiValidationPolicy BuildPolicy() => new()
    {
        RequiredKind = RequiredKind,
        RevocationMode = RevocationMode,
        AcceptTestCardPolicy = AcceptTestCardPolicy,
    };

    internal JpkiTrustStore BuildTrustStore()
    {
        var store = TrustProductionRoots ? JpkiTrustStore.Production : JpkiTrustStore.Empty;
        var added = new List<JpkiCertificate>();
        foreach (var path in TrustAnchorPaths)
        {
            added.AddRange(CertificateFiles.ReadPath(path));
        }

        return store.With(added);
    }
}
