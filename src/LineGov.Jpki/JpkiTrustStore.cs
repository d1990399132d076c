using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki;

/// <summary>Where a trust anchor came from.</summary>
public enum JpkiTrustAnchorSource
{
    /// <summary>A J-LIS production root embedded in LineGov.Jpki.</summary>
    EmbeddedProduction = 0,

    /// <summary>Added by the caller (another generation, a test authority, another PKI).</summary>
    Added = 1,
}

/// <summary>What a trust anchor is trusted to issue.</summary>
[Flags]
public enum JpkiAnchorUse
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>JPKI signature certificates (署名用): the J-LIS signature CA of any generation.</summary>
    Signature = 1,

    /// <summary>JPKI user-authentication certificates (利用者証明用): the J-LIS user-authentication CA.</summary>
    Authentication = 2,

    /// <summary>Certificates of other PKIs, validated with <see cref="JpkiKindRequirement.AnyCertificate"/>.</summary>
    OtherCertificates = 4,
}

/// <summary>A certificate trusted as the root of a path. Immutable and thread-safe.</summary>
public sealed class JpkiTrustAnchor
{
    private readonly Lazy<RSA?> _rsaKey;
    private readonly Lazy<X509Certificate2> _platformCertificate;

    internal JpkiTrustAnchor(JpkiCertificate certificate, JpkiTrustAnchorSource source, string? label, JpkiAnchorUse use)
    {
        Certificate = certificate;
        Source = source;
        Use = use;
        Label = label ?? certificate.Subject;
        _rsaKey = new Lazy<RSA?>(() => SignatureAlgorithms.TryImportRsa(certificate), LazyThreadSafetyMode.ExecutionAndPublication);
        _platformCertificate = new Lazy<X509Certificate2>(certificate.ToX509Certificate2, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The anchor's certificate.</summary>
    public JpkiCertificate Certificate { get; }

    /// <summary>Where the anchor came from.</summary>
    public JpkiTrustAnchorSource Source { get; }

    /// <summary>
    /// What the anchor may issue. A signature certificate (with its four facts) is valid only under an anchor trusted
    /// for <see cref="JpkiAnchorUse.Signature"/>, so another PKI's root added to the store cannot mint residents.
    /// </summary>
    public JpkiAnchorUse Use { get; }

    /// <summary>A label for diagnostics (the file name for embedded roots, otherwise the subject).</summary>
    public string Label { get; }

    /// <summary>The anchor's SHA-256 fingerprint (upper-case hexadecimal).</summary>
    public string Sha256Thumbprint => Certificate.Sha256Thumbprint;

    /// <summary>The RSA public key, imported once and reused for every certificate the anchor issued.</summary>
    internal RSA? RsaPublicKey => _rsaKey.Value;

    internal X509Certificate2 PlatformCertificate => _platformCertificate.Value;

    /// <inheritdoc />
    public override string ToString() => $"JpkiTrustAnchor {{ {Label}, {Sha256Thumbprint} }}";
}

/// <summary>
/// An immutable set of trust anchors. <see cref="Production"/> holds the J-LIS roots shipped with the package
/// (signature and user-authentication CAs, generations 01 and 03); add others with <see cref="With(IEnumerable{JpkiCertificate})"/>.
/// Test roots are never trusted unless a caller adds them.
/// </summary>
public sealed class JpkiTrustStore
{
    private static readonly Lazy<JpkiTrustStore> ProductionStore = new(LoadProduction, LazyThreadSafetyMode.ExecutionAndPublication);

    private JpkiTrustStore(IReadOnlyList<JpkiTrustAnchor> anchors)
    {
        Anchors = anchors;
    }

    /// <summary>The J-LIS production roots embedded in the package (SHA-256 fingerprints in the package README).</summary>
    public static JpkiTrustStore Production => ProductionStore.Value;

    /// <summary>A store that trusts nothing.</summary>
    public static JpkiTrustStore Empty { get; } = new([]);

    /// <summary>The anchors, production roots first.</summary>
    public IReadOnlyList<JpkiTrustAnchor> Anchors { get; }

    /// <summary>
    /// A new store with these anchors added (duplicates by fingerprint are ignored), each trusted for the use its subject
    /// names: <c>JPKI for digital signature</c> → <see cref="JpkiAnchorUse.Signature"/>, <c>JPKI for user
    /// authentication</c> → <see cref="JpkiAnchorUse.Authentication"/>, anything else → <see cref="JpkiAnchorUse.OtherCertificates"/>.
    /// Say the use explicitly with <see cref="With(IEnumerable{JpkiCertificate}, JpkiAnchorUse)"/>.
    /// </summary>
    public JpkiTrustStore With(IEnumerable<JpkiCertificate> anchors)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        return WithCore(anchors, null);
    }

    /// <summary>A new store with these anchors added, trusted for <paramref name="use"/>.</summary>
    public JpkiTrustStore With(IEnumerable<JpkiCertificate> anchors, JpkiAnchorUse use)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        return WithCore(anchors, use);
    }

    /// <summary>The use an anchor's subject names (see <see cref="With(IEnumerable{JpkiCertificate})"/>).</summary>
    public static JpkiAnchorUse InferUse(JpkiCertificate anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        var subject = anchor.Subject;
        return subject.Contains("JPKI for digital signature", StringComparison.Ordinal) ? JpkiAnchorUse.Signature
            : subject.Contains("JPKI for user authentication", StringComparison.Ordinal) ? JpkiAnchorUse.Authentication
            : JpkiAnchorUse.OtherCertificates;
    }

    private JpkiTrustStore WithCore(IEnumerable<JpkiCertificate> anchors, JpkiAnchorUse? use)
    {
        var list = new List<JpkiTrustAnchor>(Anchors);
        var seen = new HashSet<string>(Anchors.Select(a => a.Sha256Thumbprint), StringComparer.Ordinal);
        foreach (var certificate in anchors)
        {
            ArgumentNullException.ThrowIfNull(certificate, nameof(anchors));
            if (seen.Add(certificate.Sha256Thumbprint))
            {
                list.Add(new JpkiTrustAnchor(certificate, JpkiTrustAnchorSource.Added, null, use ?? InferUse(certificate)));
            }
        }

        return new JpkiTrustStore(list);
    }

    /// <summary>A new store with these anchors added.</summary>
    public JpkiTrustStore With(params JpkiCertificate[] anchors) => With((IEnumerable<JpkiCertificate>)anchors);

    /// <summary>A new store with these platform certificates added as anchors.</summary>
    /// <exception cref="JpkiFormatException">A certificate cannot be parsed.</exception>
    public JpkiTrustStore With(IEnumerable<X509Certificate2> anchors)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        return With(anchors.Select(JpkiCertificate.FromX509Certificate));
    }

    /// <summary>
    /// A new store with the certificates of a file or of every <c>.pem</c>, <c>.crt</c>, <c>.cer</c> and <c>.der</c>
    /// file in a folder added (a PEM file may hold several certificates).
    /// </summary>
    /// <exception cref="JpkiFormatException">A file does not hold a well-formed certificate.</exception>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    public async Task<JpkiTrustStore> WithAnchorsFromAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var files = CertificateFiles.FilesOf(path);
        var certificates = new List<JpkiCertificate>();
        foreach (var file in files)
        {
            var bytes = await JpkiCertificate.ReadBoundedAsync(file, JpkiCertificate.MaxEncodedLength, cancellationToken).ConfigureAwait(false);
            try
            {
                certificates.AddRange(CertificateFiles.ReadAll(bytes));
            }
            catch (JpkiFormatException e)
            {
                throw new JpkiFormatException("trustAnchor", $"'{Path.GetFileName(file)}' is not a well-formed certificate.", e);
            }
        }

        return With(certificates);
    }

    /// <summary>
    /// The anchors that may have issued <paramref name="certificate"/>: those whose subject key identifier equals its
    /// authority key identifier first, then the others with its issuer's name (all generations of a J-LIS CA share one
    /// subject).
    /// </summary>
    internal IReadOnlyList<JpkiTrustAnchor> FindIssuerCandidates(JpkiCertificate certificate)
    {
        // A store holds a handful of anchors: a linear scan beats any index and allocates nothing on the hot path.
        JpkiTrustAnchor? keyMatch = null;
        List<JpkiTrustAnchor>? candidates = null;
        var aki = certificate.AuthorityKeyIdentifier;
        foreach (var anchor in Anchors)
        {
            var anchorCertificate = anchor.Certificate;
            if (keyMatch is null && aki is { } keyId && anchorCertificate.SubjectKeyIdentifier is { } ski && ski.Span.SequenceEqual(keyId.Span))
            {
                keyMatch = anchor;
                continue;
            }

            if (DistinguishedNames.Equal(anchorCertificate.SubjectRaw, certificate.IssuerRaw))
            {
                (candidates ??= []).Add(anchor);
            }
        }

        if (keyMatch is null)
        {
            return (IReadOnlyList<JpkiTrustAnchor>?)candidates ?? [];
        }

        if (candidates is null)
        {
            return [keyMatch];
        }

        candidates.Insert(0, keyMatch);
        return candidates;
    }

    private static JpkiTrustStore LoadProduction()
    {
        var assembly = typeof(JpkiTrustStore).Assembly;
        var anchors = new List<JpkiTrustAnchor>();
        foreach (var file in new[] { "sign_ca_2015.pem", "sign_ca_2023.pem", "auth_ca_2015.pem", "auth_ca_2023.pem" })
        {
            using var stream = assembly.GetManifestResourceStream("LineGov.Jpki.TrustAnchors." + file)
                ?? throw new InvalidOperationException($"The embedded trust anchor {file} is missing from the assembly.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var use = file.StartsWith("sign_", StringComparison.Ordinal) ? JpkiAnchorUse.Signature : JpkiAnchorUse.Authentication;
            anchors.Add(new JpkiTrustAnchor(JpkiCertificate.Parse(buffer.ToArray()), JpkiTrustAnchorSource.EmbeddedProduction, file, use));
        }

        return new JpkiTrustStore(anchors);
    }
}
