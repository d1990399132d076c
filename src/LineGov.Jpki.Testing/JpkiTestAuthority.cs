using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki.Testing;

/// <summary>One generation of a test CA: its validity window. All generations of a kind share one subject name.</summary>
/// <param name="Name">The generation's name (<c>01</c>, <c>02</c>, <c>03</c>…).</param>
/// <param name="NotBefore">Start of the CA's validity.</param>
/// <param name="NotAfter">End of the CA's validity.</param>
public sealed record JpkiTestGeneration(string Name, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    /// <summary>The generation's name (<c>01</c>, <c>02</c>, <c>03</c>…).</summary>
    public string Name { get; } = Name;

    /// <summary>Start of the CA's validity.</summary>
    public DateTimeOffset NotBefore { get; } = NotBefore;

    /// <summary>End of the CA's validity.</summary>
    public DateTimeOffset NotAfter { get; } = NotAfter;
}

/// <summary>Settings of a <see cref="JpkiTestAuthority"/>.</summary>
public sealed class JpkiTestAuthorityOptions
{
    /// <summary>The clock that decides "now" for default validity periods. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The CA generations; <see langword="null"/> = three like J-LIS's, relative to now: <c>01</c> expired a month ago,
    /// <c>02</c> and <c>03</c> valid, <c>03</c> the newest.
    /// </summary>
    public IReadOnlyList<JpkiTestGeneration>? Generations { get; set; }

    /// <summary>RSA key size of CAs and cards. Default: 2048, as on real cards.</summary>
    public int KeySize { get; set; } = 2048;

    /// <summary>
    /// Whether cards reuse a small pool of keys instead of generating one each (RSA key generation takes tens of
    /// milliseconds). Certificates stay distinct. Default: no.
    /// </summary>
    public bool ReuseCardKeys { get; set; }

    /// <summary>
    /// Whether issued certificates carry a cRLDistributionPoints extension naming their municipality's partition as a
    /// directory name, as J-LIS's do (plus a URI when <see cref="CrlBaseUri"/> is set). Default: yes.
    /// </summary>
    public bool IncludeCrlDistributionPoints { get; set; } = true;

    /// <summary>The partition of certificates whose options name none. Default: <see cref="JpkiTestCrlPartition.Default"/> (当麻町).</summary>
    public JpkiTestCrlPartition DefaultCrlPartition { get; set; } = JpkiTestCrlPartition.Default;

    /// <summary>
    /// The OCSP responder written into issued certificates' authorityInfoAccess (id-ad-ocsp); <see langword="null"/> =
    /// no authorityInfoAccess. A <see cref="JpkiTestRevocationServer"/> sets <see cref="JpkiTestAuthority.OcspUri"/> while it runs.
    /// </summary>
    public Uri? OcspUri { get; set; }

    /// <summary>
    /// Where partition CRLs are published: issued certificates get a second distribution point,
    /// <c>{CrlBaseUri}{sign|auth}/{generation}/{Prefecture}/{Municipality}.crl</c>; <see langword="null"/> = directory names only.
    /// A <see cref="JpkiTestRevocationServer"/> sets <see cref="JpkiTestAuthority.CrlBaseUri"/> while it runs.
    /// </summary>
    public Uri? CrlBaseUri { get; set; }
}

/// <summary>A CA of the test authority: one kind, one generation.</summary>
public sealed class JpkiTestCa : IDisposable
{
    private readonly ConcurrentDictionary<string, (byte[] NameHash, byte[] KeyHash)> _ocspHashes = new(StringComparer.Ordinal);

    internal JpkiTestCa(JpkiCertificateKind kind, JpkiTestGeneration generation, X509Certificate2 certificate, RSA key)
    {
        Kind = kind;
        Generation = generation;
        Certificate = certificate;
        Key = key;
        Parsed = JpkiCertificate.FromX509Certificate(certificate);
    }

    /// <summary>Which kind of certificate this CA issues.</summary>
    public JpkiCertificateKind Kind { get; }

    /// <summary>The generation.</summary>
    public JpkiTestGeneration Generation { get; }

    /// <summary>The self-signed CA certificate (with its private key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate, parsed.</summary>
    public JpkiCertificate Parsed { get; }

    internal RSA Key { get; }

    /// <summary>The path segment of this CA's CRLs: <c>sign</c> or <c>auth</c>.</summary>
    internal string KindSegment => Kind == JpkiCertificateKind.Signature ? "sign" : "auth";

    /// <summary>The issuer name and key hashes an OCSP CertID with <paramref name="algorithm"/> names this CA by.</summary>
    internal (byte[] NameHash, byte[] KeyHash) OcspHashes(HashAlgorithmName algorithm) =>
        _ocspHashes.GetOrAdd(algorithm.Name ?? string.Empty, _ => (
            JpkiTestOcspCertId.Hash(algorithm, Certificate.SubjectName.RawData),
            JpkiTestOcspCertId.Hash(algorithm, Der.PublicKeyBits(Certificate))));

    /// <inheritdoc />
    public override string ToString() => $"{Kind} CA {Generation.Name}";

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }
}

/// <summary>
/// A JPKI-shaped test certificate authority: a signature CA and a user-authentication CA in several generations that
/// share one subject name (as J-LIS's do), issuing certificates with any four facts and any defect, and cards that sign.
/// Its roots are never in <see cref="JpkiTrustStore.Production"/>: trust them explicitly with <see cref="CreateTrustStore"/>.
/// </summary>
/// <example>
/// <code>
/// using var authority = JpkiTestAuthority.Create();
/// using var card = authority.IssueCard(JpkiTestIdentity.Default);
/// var validator = new JpkiCertificateValidator(new() { TrustStore = authority.CreateTrustStore() });
/// var result = await validator.ValidateAsync(card.SignatureCertificate, JpkiValidationPolicy.Default with { RevocationMode = JpkiRevocationMode.None });
/// </code>
/// </example>
public sealed partial class JpkiTestAuthority : IDisposable
{
    /// <summary>The subject of every generation of the test signature CA.</summary>
    public const string SignatureCaSubject = "C=JP, O=JPKI, OU=LineGov TEST JPKI for digital signature, OU=LineGov Test Authority (never trust in production)";

    /// <summary>The subject of every generation of the test user-authentication CA.</summary>
    public const string AuthenticationCaSubject = "C=JP, O=JPKI, OU=LineGov TEST JPKI for user authentication, OU=LineGov Test Authority (never trust in production)";

    /// <summary>The OID of the critical extension <see cref="JpkiTestDefects.UnknownCriticalExtension"/> adds.</summary>
    public const string UnknownCriticalExtensionOid = "1.3.6.1.4.1.55555.1.1";

    /// <summary>The organizational unit of the signature CA (and of its CRL distribution points).</summary>
    internal const string SignatureUnit = "LineGov TEST JPKI for digital signature";

    /// <summary>The organizational unit of the user-authentication CA (and of its CRL distribution points).</summary>
    internal const string AuthenticationUnit = "LineGov TEST JPKI for user authentication";

    private const string WrongPolicyOid = "1.3.6.1.4.1.55555.2.1";

    private readonly JpkiTestAuthorityOptions _options;
    private readonly List<JpkiTestCa> _signatureCas = [];
    private readonly List<JpkiTestCa> _authenticationCas = [];
    private readonly Lock _poolLock = new();
    private readonly List<RSA> _keyPool = [];
    private int _nextPoolKey;

    private JpkiTestAuthority(JpkiTestAuthorityOptions options)
    {
        _options = options;
        ArgumentNullException.ThrowIfNull(options.DefaultCrlPartition, nameof(options));
        OcspUri = options.OcspUri;
        CrlBaseUri = options.CrlBaseUri;
        var now = options.TimeProvider.GetUtcNow();
        var generations = options.Generations ??
        [
            new JpkiTestGeneration("01", now.AddYears(-10), now.AddDays(-30)),
            new JpkiTestGeneration("02", now.AddYears(-6), now.AddYears(4)),
            new JpkiTestGeneration("03", now.AddYears(-2), now.AddYears(8)),
        ];

        if (generations.Count == 0)
        {
            throw new ArgumentException("At least one generation is needed.", nameof(options));
        }

        foreach (var generation in generations)
        {
            _signatureCas.Add(CreateCa(JpkiCertificateKind.Signature, generation));
            _authenticationCas.Add(CreateCa(JpkiCertificateKind.Authentication, generation));
        }
    }

    /// <summary>The signature CAs, oldest generation first.</summary>
    public IReadOnlyList<JpkiTestCa> SignatureCas => _signatureCas;

    /// <summary>The user-authentication CAs, oldest generation first.</summary>
    public IReadOnlyList<JpkiTestCa> AuthenticationCas => _authenticationCas;

    /// <summary>Every root certificate of the authority.</summary>
    public IReadOnlyList<JpkiCertificate> Roots => [.. _signatureCas.Select(c => c.Parsed), .. _authenticationCas.Select(c => c.Parsed)];

    /// <summary>The authority's current time.</summary>
    public DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    /// <summary>Creates an authority (generating its CA keys takes a moment).</summary>
    public static JpkiTestAuthority Create(JpkiTestAuthorityOptions? options = null) => new(options ?? new JpkiTestAuthorityOptions());

    /// <summary>A trust store with this authority's roots only (not the production roots).</summary>
    public JpkiTrustStore CreateTrustStore() => JpkiTrustStore.Empty.With(Roots);

    /// <summary>The CA of <paramref name="kind"/> and <paramref name="generation"/> (<see langword="null"/> = newest).</summary>
    /// <exception cref="ArgumentException">No such CA.</exception>
    public JpkiTestCa GetCa(JpkiCertificateKind kind, string? generation = null)
    {
        var cas = kind switch
        {
            JpkiCertificateKind.Signature => _signatureCas,
            JpkiCertificateKind.Authentication => _authenticationCas,
            _ => throw new ArgumentException("A test CA issues signature or authentication certificates.", nameof(kind)),
        };

        if (generation is null)
        {
            return cas[^1];
        }

        return cas.FirstOrDefault(c => c.Generation.Name == generation)
            ?? throw new ArgumentException($"There is no generation '{generation}'.", nameof(generation));
    }

    /// <summary>Issues a card: a signature certificate with <paramref name="identity"/>'s four facts and an authentication certificate, with their keys.</summary>
    public JpkiTestCard IssueCard(JpkiTestIdentity? identity = null, JpkiTestCertificateOptions? signatureOptions = null, JpkiTestCertificateOptions? authenticationOptions = null)
    {
        identity ??= JpkiTestIdentity.Default;
        var signatureKey = signatureOptions?.Key ?? NextKey();
        var authenticationKey = authenticationOptions?.Key ?? NextKey();
        var signature = IssueSignatureCertificate(identity, (signatureOptions ?? new JpkiTestCertificateOptions()) with { Key = signatureKey });
        var authentication = IssueAuthenticationCertificate((authenticationOptions ?? new JpkiTestCertificateOptions()) with { Key = authenticationKey });
        return new JpkiTestCard(signature, signatureKey, authentication, authenticationKey, ownsKeys: !_options.ReuseCardKeys && signatureOptions?.Key is null && authenticationOptions?.Key is null, _options.TimeProvider);
    }

    /// <summary>Issues a signature certificate (署名用電子証明書) for <paramref name="identity"/>. The result holds no private key.</summary>
    public X509Certificate2 IssueSignatureCertificate(JpkiTestIdentity identity, JpkiTestCertificateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Issue(JpkiCertificateKind.Signature, identity, options ?? new JpkiTestCertificateOptions());
    }

    /// <summary>Issues a user-authentication certificate (利用者証明用電子証明書) with an opaque 23-character subject. The result holds no private key.</summary>
    public X509Certificate2 IssueAuthenticationCertificate(JpkiTestCertificateOptions? options = null) =>
        Issue(JpkiCertificateKind.Authentication, null, options ?? new JpkiTestCertificateOptions());

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var ca in _signatureCas.Concat(_authenticationCas))
        {
            ca.Dispose();
        }

        lock (_poolLock)
        {
            foreach (var key in _keyPool)
            {
                key.Dispose();
            }

            _keyPool.Clear();
        }
    }

    private RSA NextKey()
    {
        if (!_options.ReuseCardKeys)
        {
            return RSA.Create(_options.KeySize);
        }

        lock (_poolLock)
        {
            if (_keyPool.Count < 4)
            {
                _keyPool.Add(RSA.Create(_options.KeySize));
                return _keyPool[^1];
            }

            return _keyPool[_nextPoolKey++ % _keyPool.Count];
        }
    }

    private JpkiTestCa CreateCa(JpkiCertificateKind kind, JpkiTestGeneration generation)
    {
        // Certificates hold whole seconds: keep the generation equal to what its certificate says.
        generation = new JpkiTestGeneration(generation.Name, FloorToSecond(generation.NotBefore), FloorToSecond(generation.NotAfter));
        var key = RSA.Create(_options.KeySize);
        var subject = new X500DistinguishedName(kind == JpkiCertificateKind.Signature ? SignatureCaSubject : AuthenticationCaSubject);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var certificate = request.CreateSelfSigned(generation.NotBefore, generation.NotAfter);
        return new JpkiTestCa(kind, generation, certificate, key);
    }

    private X509Certificate2 Issue(JpkiCertificateKind kind, JpkiTestIdentity? identity, JpkiTestCertificateOptions options)
    {
        var ca = GetCa(kind, options.Generation);
        var defects = options.Defects;
        var ownsKey = options.Key is null;
        var key = options.Key ?? NextKey();
        try
        {
            var subject = kind == JpkiCertificateKind.Signature
                ? new X500DistinguishedName("C=JP, L=Tohma-cho, L=Kamikawa-gun, L=Hokkaido, CN=" + RandomSubjectId())
                : new X500DistinguishedName("C=JP, CN=" + RandomSubjectId());
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var extensions = request.CertificateExtensions;

            var usage = kind == JpkiCertificateKind.Signature
                ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation
                : X509KeyUsageFlags.DigitalSignature;
            if (defects.HasFlag(JpkiTestDefects.WrongKeyUsage))
            {
                usage = X509KeyUsageFlags.KeyEncipherment;
            }

            extensions.Add(new X509KeyUsageExtension(usage, !defects.HasFlag(JpkiTestDefects.KeyUsageNotCritical)));
            var policy = kind == JpkiCertificateKind.Signature ? JpkiOids.SignaturePolicy : JpkiOids.AuthenticationPolicy;
            if (defects.HasFlag(JpkiTestDefects.WrongPolicy))
            {
                policy = WrongPolicyOid;
            }
            else if (defects.HasFlag(JpkiTestDefects.TestCardPolicy))
            {
                policy = JpkiOids.SignatureTestPolicy;
            }

            extensions.Add(new X509Extension("2.5.29.32", EncodePolicies(policy), critical: false));
            extensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            if (!defects.HasFlag(JpkiTestDefects.NoAuthorityKeyIdentifier))
            {
                extensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
            }

            var partition = options.CrlPartition ?? _options.DefaultCrlPartition;
            if (_options.IncludeCrlDistributionPoints && !defects.HasFlag(JpkiTestDefects.NoCrlDistributionPoints))
            {
                List<(X500DistinguishedName?, Uri?)> points = [(partition.GetDistributionPointName(kind), null)];
                if ((options.CrlUri ?? GetCrlUri(ca, partition, delta: false)) is { } crlUri)
                {
                    points.Add((null, crlUri));
                }

                extensions.Add(new X509Extension(Der.CrlDistributionPointsOid, Der.EncodeDistributionPoints(points), critical: false));
            }

            if ((options.OcspUri ?? OcspUri) is { } ocspUri)
            {
                extensions.Add(new X509Extension(Der.AuthorityInfoAccessOid, EncodeOcspAccess(ocspUri), critical: false));
            }

            if (kind == JpkiCertificateKind.Signature && identity is not null && !defects.HasFlag(JpkiTestDefects.MissingFourFacts))
            {
                extensions.Add(new X509Extension("2.5.29.17", EncodeFourFacts(identity), critical: false));
            }

            if (defects.HasFlag(JpkiTestDefects.CertificateAuthority))
            {
                extensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            }

            if (defects.HasFlag(JpkiTestDefects.UnknownCriticalExtension))
            {
                extensions.Add(new X509Extension(UnknownCriticalExtensionOid, [0x05, 0x00], critical: true));
            }

            var (notBefore, notAfter) = Validity(ca, options);
            var serial = options.SerialNumber?.ToArray() ?? RandomSerial();
            using var issued = request.Create(ca.Certificate.SubjectName, X509SignatureGenerator.CreateForRSA(ca.Key, RSASignaturePadding.Pkcs1), notBefore, notAfter, serial);
            var der = issued.RawData;
            if (defects.HasFlag(JpkiTestDefects.BadSignature))
            {
                der[^1] ^= 0x01;
            }

            Register(ca, der, partition);
            return X509CertificateLoader.LoadCertificate(der);
        }
        finally
        {
            if (ownsKey && !_options.ReuseCardKeys)
            {
                key.Dispose();
            }
        }
    }

    private (DateTimeOffset NotBefore, DateTimeOffset NotAfter) Validity(JpkiTestCa ca, JpkiTestCertificateOptions options)
    {
        var now = Now;
        var caStart = ca.Generation.NotBefore;
        var caEnd = ca.Generation.NotAfter;
        DateTimeOffset notBefore, notAfter;
        if (options.Defects.HasFlag(JpkiTestDefects.Expired))
        {
            notBefore = Max(caStart, now.AddYears(-2));
            notAfter = now.AddDays(-1);
        }
        else if (options.Defects.HasFlag(JpkiTestDefects.NotYetValid))
        {
            notBefore = now.AddDays(10);
            notAfter = Min(caEnd, now.AddYears(5));
        }
        else
        {
            notBefore = Max(caStart, now.AddDays(-1));
            notAfter = Min(caEnd, now.AddYears(5));
        }

        notBefore = options.NotBefore ?? notBefore;
        notAfter = options.NotAfter ?? notAfter;

        // Whole seconds, as certificates encode them, rounded inwards so the period stays inside the CA's.
        notBefore = CeilingToSecond(notBefore);
        notAfter = FloorToSecond(notAfter);
        if (notBefore < caStart || notAfter > caEnd || notAfter <= notBefore)
        {
            throw new ArgumentException($"The validity requested does not fit generation {ca.Generation.Name}'s validity.", nameof(options));
        }

        return (notBefore, notAfter);
    }

    private static DateTimeOffset FloorToSecond(DateTimeOffset value) =>
        new(value.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static DateTimeOffset CeilingToSecond(DateTimeOffset value) =>
        value.UtcTicks % TimeSpan.TicksPerSecond == 0 ? value.ToUniversalTime() : FloorToSecond(value).AddSeconds(1);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static byte[] RandomSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    private static string RandomSubjectId()
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        return RandomNumberGenerator.GetString(alphabet, 23);
    }

    private static byte[] EncodePolicies(string policy)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(policy);
            }
        }

        return writer.Encode();
    }

    private static byte[] EncodeOcspAccess(Uri ocspUri)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Der.OcspAccessMethodOid);
                writer.WriteCharacterString(UniversalTagNumber.IA5String, ocspUri.AbsoluteUri, new Asn1Tag(TagClass.ContextSpecific, 6));
            }
        }

        return writer.Encode();
    }

    private static byte[] EncodeFourFacts(JpkiTestIdentity identity)
    {
        var nameFlags = identity.NameAlternateCharacterFlags ?? new string('0', CountScalars(identity.Name));
        var addressFlags = identity.AddressAlternateCharacterFlags ?? new string('0', CountScalars(identity.Address));
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            WriteOtherName(writer, JpkiOids.Name, identity.Name);
            WriteOtherName(writer, JpkiOids.NameAlternateCharacterFlags, nameFlags);
            WriteOtherName(writer, JpkiOids.Gender, identity.Gender);
            WriteOtherName(writer, JpkiOids.DateOfBirth, identity.DateOfBirth);
            WriteOtherName(writer, JpkiOids.Address, identity.Address);
            WriteOtherName(writer, JpkiOids.AddressAlternateCharacterFlags, addressFlags);
        }

        return writer.Encode();
    }

    private static void WriteOtherName(AsnWriter writer, string oid, string value)
    {
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
            }
        }
    }

    private static int CountScalars(string text) => text.EnumerateRunes().Count();
}
