using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki;

/// <summary>
/// A parsed X.509 certificate with the JPKI view of it: its kind and, for a signature certificate, the four facts.
/// Immutable and thread-safe. Parsing is managed code over the DER (no platform handle is created).
/// </summary>
/// <example>
/// <code>
/// var certificate = JpkiCertificate.Parse(File.ReadAllBytes("signature.pem"));
/// if (certificate.Kind == JpkiCertificateKind.Signature)
/// {
///     var facts = certificate.FourFacts!; // typed name, date of birth, gender, address
/// }
/// </code>
/// </example>
public sealed class JpkiCertificate
{
    /// <summary>The largest input <see cref="Parse(ReadOnlySpan{byte})"/> accepts (a JPKI certificate is about 1.5 KB).</summary>
    public const int MaxEncodedLength = 1 << 20;

    private readonly byte[] _rawData;
    private readonly ExtensionEntry[] _extensionEntries;
    private readonly DerSlice[] _policies;
    private readonly DerSlice _publicKeyAlgorithm;
    private X500DistinguishedName? _issuerName;
    private X500DistinguishedName? _subjectName;
    private string? _thumbprint;
    private string? _serialNumber;
    private string[]? _policyOids;
    private JpkiCertificateExtension[]? _extensions;
    private readonly DerSlice[] _ocspUris;
    private Uri[]? _ocspResponderUris;
    private IReadOnlyList<JpkiDistributionPoint>? _crlDistributionPoints;

    internal JpkiCertificate(byte[] rawData, in ParsedCertificate parsed)
    {
        _rawData = rawData;
        _extensionEntries = parsed.Extensions;
        _policies = parsed.Policies;
        _publicKeyAlgorithm = parsed.PublicKeyAlgorithm;
        _ocspUris = parsed.OcspUris;
        CrlDistributionPointsRaw = parsed.CrlDistributionPoints?.Memory(rawData);
        Version = parsed.Version;
        SerialNumberBytes = parsed.SerialNumber.Memory(rawData);
        IssuerRaw = parsed.Issuer.Memory(rawData);
        SubjectRaw = parsed.Subject.Memory(rawData);
        NotBefore = parsed.NotBefore;
        NotAfter = parsed.NotAfter;
        TbsCertificate = parsed.Tbs.Memory(rawData);
        SignatureAlgorithm = parsed.SignatureAlgorithm.Memory(rawData);
        SignatureValue = parsed.SignatureValue.Memory(rawData);
        SignatureHasUnusedBits = parsed.SignatureHasUnusedBits;
        SubjectPublicKeyInfo = parsed.SubjectPublicKeyInfo.Memory(rawData);
        KeyUsage = parsed.KeyUsage;
        KeyUsageCritical = parsed.KeyUsageCritical;
        IsCertificateAuthority = parsed.IsCertificateAuthority;
        PathLengthConstraint = parsed.PathLengthConstraint;
        SubjectKeyIdentifier = parsed.SubjectKeyIdentifier?.Memory(rawData);
        AuthorityKeyIdentifier = parsed.AuthorityKeyIdentifier?.Memory(rawData);
        Kind = parsed.Kind;
        FourFacts = parsed.FourFacts;
        IsSelfIssued = IssuerRaw.Span.SequenceEqual(SubjectRaw.Span);
    }

    /// <summary>The DER encoding.</summary>
    public ReadOnlyMemory<byte> RawData => _rawData;

    /// <summary>The X.509 version (1, 2 or 3).</summary>
    public int Version { get; }

    /// <summary>The serial number as upper-case hexadecimal of its DER content bytes (as <see cref="X509Certificate2.SerialNumber"/>).</summary>
    public string SerialNumber => _serialNumber ??= Convert.ToHexString(SerialNumberBytes.Span);

    /// <summary>The serial number's DER content bytes (big-endian, two's complement).</summary>
    public ReadOnlyMemory<byte> SerialNumberBytes { get; }

    /// <summary>The issuer's distinguished name.</summary>
    public X500DistinguishedName IssuerName => _issuerName ??= new X500DistinguishedName(IssuerRaw.Span);

    /// <summary>The subject's distinguished name.</summary>
    public X500DistinguishedName SubjectName => _subjectName ??= new X500DistinguishedName(SubjectRaw.Span);

    /// <summary>The issuer's distinguished name as text.</summary>
    public string Issuer => IssuerName.Name;

    /// <summary>The subject's distinguished name as text. For a user-authentication certificate it holds an opaque identifier.</summary>
    public string Subject => SubjectName.Name;

    /// <summary>Start of the validity period.</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>End of the validity period (inclusive).</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>The kind, decided by the certificate policy.</summary>
    public JpkiCertificateKind Kind { get; }

    /// <summary>The certificate policy OIDs, in the order of the certificatePolicies extension.</summary>
    public IReadOnlyList<string> PolicyOids => _policyOids ??= Array.ConvertAll(_policies, p => DerOid.ToText(p.Of(_rawData)));

    /// <summary>The key usage, or <see langword="null"/> when the extension is absent.</summary>
    public X509KeyUsageFlags? KeyUsage { get; }

    /// <summary>Whether the key usage extension is marked critical.</summary>
    public bool KeyUsageCritical { get; }

    /// <summary>basicConstraints cA, or <see langword="null"/> when the extension is absent.</summary>
    public bool? IsCertificateAuthority { get; }

    /// <summary>basicConstraints pathLenConstraint, when present.</summary>
    public int? PathLengthConstraint { get; }

    /// <summary>The subject key identifier, when present.</summary>
    public ReadOnlyMemory<byte>? SubjectKeyIdentifier { get; }

    /// <summary>The keyIdentifier of the authority key identifier, when present.</summary>
    public ReadOnlyMemory<byte>? AuthorityKeyIdentifier { get; }

    /// <summary>The OID of the signature algorithm the issuer used.</summary>
    public string SignatureAlgorithmOid
    {
        get
        {
            var reader = new DerReader(SignatureAlgorithm.Span);
            return DerOid.ToText(reader.ReadSequence().ReadOidEncoded());
        }
    }

    /// <summary>The OID of the subject public key's algorithm.</summary>
    public string PublicKeyAlgorithmOid => DerOid.ToText(_publicKeyAlgorithm.Of(_rawData));

    /// <summary>Every extension, in certificate order.</summary>
    public IReadOnlyList<JpkiCertificateExtension> Extensions => _extensions ??= Array.ConvertAll(
        _extensionEntries,
        e => new JpkiCertificateExtension(DerOid.ToText(e.Oid.Of(_rawData)), e.Critical, e.Value.Memory(_rawData)));

    /// <summary>The OCSP responder URIs of the authorityInfoAccess extension (absolute URIs only), in certificate order.</summary>
    public IReadOnlyList<Uri> OcspResponderUris => _ocspResponderUris ??= _ocspUris
        .Select(u => Uri.TryCreate(System.Text.Encoding.ASCII.GetString(u.Of(_rawData)), UriKind.Absolute, out var uri) ? uri : null)
        .OfType<Uri>()
        .ToArray();

    /// <summary>
    /// The CRL distribution points. JPKI signature certificates name a directory per municipality
    /// (for example <c>…OU=CRL Distribution Points,OU=Ibaraki-ken,CN=Tsukuba-shi CRLDP</c>) rather than a URL.
    /// </summary>
    public IReadOnlyList<JpkiDistributionPoint> CrlDistributionPoints => _crlDistributionPoints ??=
        CrlDistributionPointsRaw is { } raw ? DistributionPoints.ReadAll(raw) : [];

    /// <summary>The four facts, for a signature certificate that carries them; otherwise <see langword="null"/>.</summary>
    public JpkiFourFacts? FourFacts { get; }

    /// <summary>Whether issuer and subject are the same name (byte for byte).</summary>
    public bool IsSelfIssued { get; }

    /// <summary>The SHA-256 fingerprint of the DER encoding, upper-case hexadecimal.</summary>
    public string Sha256Thumbprint => _thumbprint ??= Convert.ToHexString(SHA256.HashData(_rawData));

    internal ReadOnlyMemory<byte> IssuerRaw { get; }

    /// <summary>The DER of the cRLDistributionPoints extension value, when present.</summary>
    internal ReadOnlyMemory<byte>? CrlDistributionPointsRaw { get; }

    internal ReadOnlyMemory<byte> SubjectRaw { get; }

    internal ReadOnlyMemory<byte> TbsCertificate { get; }

    /// <summary>The whole DER of the signature AlgorithmIdentifier.</summary>
    internal ReadOnlyMemory<byte> SignatureAlgorithm { get; }

    internal ReadOnlyMemory<byte> SignatureValue { get; }

    internal bool SignatureHasUnusedBits { get; }

    internal ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; }

    internal bool HasRsaPublicKey => _publicKeyAlgorithm.Of(_rawData).SequenceEqual(SignatureAlgorithms.RsaEncryptionOid);

    /// <summary>Whether the certificatePolicies extension lists this policy (whole DER of the OID).</summary>
    internal bool HasPolicy(ReadOnlySpan<byte> policy)
    {
        foreach (var slice in _policies)
        {
            if (slice.Of(_rawData).SequenceEqual(policy))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of the extension with this OID (whole DER of the OID), if the certificate has it.</summary>
    internal bool TryGetExtension(ReadOnlySpan<byte> oid, out ReadOnlyMemory<byte> value, out bool critical)
    {
        foreach (var entry in _extensionEntries)
        {
            if (entry.Oid.Of(_rawData).SequenceEqual(oid))
            {
                value = entry.Value.Memory(_rawData);
                critical = entry.Critical;
                return true;
            }
        }

        value = default;
        critical = false;
        return false;
    }

    /// <summary>Whether a critical extension is not in <paramref name="processed"/>; its OID is returned.</summary>
    internal bool HasCriticalExtensionOutside(byte[][] processed, out string? oid)
    {
        foreach (var entry in _extensionEntries)
        {
            if (!entry.Critical)
            {
                continue;
            }

            var known = false;
            foreach (var candidate in processed)
            {
                if (entry.Oid.Of(_rawData).SequenceEqual(candidate))
                {
                    known = true;
                    break;
                }
            }

            if (!known)
            {
                oid = DerOid.ToText(entry.Oid.Of(_rawData));
                return true;
            }
        }

        oid = null;
        return false;
    }

    /// <summary>The critical extensions a validator that processes only <see cref="DerOid.IsProcessedExtension"/> does not know.</summary>
    internal bool HasUnprocessedCriticalExtension(out string? oid)
    {
        foreach (var entry in _extensionEntries)
        {
            if (entry.Critical && !DerOid.IsProcessedExtension(entry.Oid.Of(_rawData)))
            {
                oid = DerOid.ToText(entry.Oid.Of(_rawData));
                return true;
            }
        }

        oid = null;
        return false;
    }

    /// <summary>Parses a certificate from DER or PEM (<c>-----BEGIN CERTIFICATE-----</c>) bytes.</summary>
    /// <exception cref="JpkiFormatException">The input is not a well-formed certificate, or its JPKI values are malformed.</exception>
    public static JpkiCertificate Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxEncodedLength)
        {
            throw new JpkiFormatException("certificate", $"The input is larger than {MaxEncodedLength} bytes.");
        }

        var der = Pem.LooksLikePem(data) ? Pem.DecodeCertificate(data) : data.ToArray();
        return CertificateParser.Parse(der);
    }

    /// <summary>Parses a certificate from PEM text.</summary>
    /// <exception cref="JpkiFormatException">The input is not a well-formed certificate, or its JPKI values are malformed.</exception>
    public static JpkiCertificate Parse(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (pem.Length > MaxEncodedLength)
        {
            throw new JpkiFormatException("certificate", $"The input is larger than {MaxEncodedLength} characters.");
        }

        return CertificateParser.Parse(Pem.DecodeCertificate(pem));
    }

    /// <summary>Parses a platform certificate.</summary>
    /// <exception cref="JpkiFormatException">The certificate's JPKI values are malformed.</exception>
    public static JpkiCertificate FromX509Certificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return CertificateParser.Parse(certificate.RawData);
    }

    /// <summary>Tries to parse a certificate from DER or PEM bytes; <paramref name="error"/> says why it failed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out JpkiCertificate? certificate, [NotNullWhen(false)] out JpkiFormatException? error)
    {
        try
        {
            certificate = Parse(data);
            error = null;
            return true;
        }
        catch (JpkiFormatException e)
        {
            certificate = null;
            error = e;
            return false;
        }
    }

    /// <summary>Reads and parses a certificate file (DER or PEM).</summary>
    /// <exception cref="JpkiFormatException">The file is not a well-formed certificate.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<JpkiCertificate> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(await ReadBoundedAsync(path, MaxEncodedLength, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes of a file (a FIFO or device reports no length up front).</summary>
    internal static async Task<byte[]> ReadBoundedAsync(string path, int limit, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int read;
            while ((read = await file.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new JpkiFormatException("certificate", $"The file is larger than {limit} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    /// <summary>Creates a platform certificate from the same DER.</summary>
    public X509Certificate2 ToX509Certificate2() => X509CertificateLoader.LoadCertificate(_rawData);

    /// <summary>The DER as PEM text.</summary>
    public string ExportPem() => PemEncoding.WriteString("CERTIFICATE", _rawData);

    /// <summary>Whether the certificate is within its validity period at <paramref name="instant"/>.</summary>
    public bool IsTimeValidAt(DateTimeOffset instant) => instant >= NotBefore && instant <= NotAfter;

    /// <summary>Returns the kind, serial number and issuer; never the four facts.</summary>
    public override string ToString() =>
        $"JpkiCertificate {{ Kind = {Kind}, SerialNumber = {SerialNumber}, Issuer = {Issuer} }}";
}

/// <summary>One extension of a certificate.</summary>
/// <param name="Oid">The extension's OID.</param>
/// <param name="Critical">Whether it is marked critical.</param>
/// <param name="Value">The DER inside extnValue.</param>
public sealed record JpkiCertificateExtension(string Oid, bool Critical, ReadOnlyMemory<byte> Value)
{
    /// <summary>The extension's OID.</summary>
    public string Oid { get; } = Oid;

    /// <summary>Whether it is marked critical.</summary>
    public bool Critical { get; } = Critical;

    /// <summary>The DER inside extnValue.</summary>
    public ReadOnlyMemory<byte> Value { get; } = Value;
}


internal static class Pem
{
    /// <summary>Input is read as PEM text unless it starts like DER (a SEQUENCE).</summary>
    public static bool LooksLikePem(ReadOnlySpan<byte> data) => data.IsEmpty || data[0] != 0x30;

    public static byte[] DecodeCertificate(ReadOnlySpan<byte> data) => DecodeAll(data, "CERTIFICATE", firstOnly: true)[0];

    public static byte[] DecodeCertificate(string pem) => DecodeAll(pem, "CERTIFICATE", firstOnly: true)[0];

    public static List<byte[]> DecodeAll(ReadOnlySpan<byte> data, string label = "CERTIFICATE", bool firstOnly = false)
    {
        // The text around a block may be in any encoding (a Japanese comment, a byte-order mark): only the block's
        // ASCII matters, and UTF-8 decoding keeps ASCII intact whatever else it replaces.
        if (data.StartsWith("\uFEFF"u8))
        {
            data = data[3..];
        }

        return DecodeAll(System.Text.Encoding.UTF8.GetString(data), label, firstOnly);
    }

    /// <summary>
    /// Finds BEGIN/END blocks of <paramref name="label"/> in one forward pass (RFC 7468: text may surround them). Each
    /// search starts where the previous ended, so hostile input costs linear time.
    /// </summary>
    public static List<byte[]> DecodeAll(string pem, string label, bool firstOnly)
    {
        var begin = $"-----BEGIN {label}-----";
        var end = $"-----END {label}-----";
        var result = new List<byte[]>(1);
        var position = 0;
        while (true)
        {
            var start = pem.IndexOf(begin, position, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            var bodyStart = start + begin.Length;
            var stop = pem.IndexOf(end, bodyStart, StringComparison.Ordinal);
            if (stop < 0)
            {
                throw new JpkiFormatException("pem", $"A '{begin}' block has no end.");
            }

            try
            {
                result.Add(Convert.FromBase64String(pem[bodyStart..stop]));
            }
            catch (FormatException e)
            {
                throw new JpkiFormatException("pem", "The PEM body is not valid Base64.", e);
            }

            position = stop + end.Length;
            if (firstOnly)
            {
                break;
            }
        }

        if (result.Count == 0)
        {
            throw new JpkiFormatException("pem", $"No '{begin}' block was found.");
        }

        return result;
    }
}
