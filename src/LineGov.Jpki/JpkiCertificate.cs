using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

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
    private X500DistinguishedName? _issuerName;
    private X500DistinguishedName? _subjectName;
    private string? _thumbprint;

    internal JpkiCertificate(byte[] rawData, in ParsedCertificate parsed)
    {
        _rawData = rawData;
        Version = parsed.Version;
        SerialNumberBytes = parsed.SerialNumber;
        SerialNumber = Convert.ToHexString(parsed.SerialNumber.Span);
        IssuerRaw = parsed.Issuer;
        SubjectRaw = parsed.Subject;
        NotBefore = parsed.NotBefore;
        NotAfter = parsed.NotAfter;
        TbsCertificate = parsed.Tbs;
        SignatureAlgorithm = parsed.SignatureAlgorithm;
        SignatureValue = parsed.SignatureValue;
        SignatureHasUnusedBits = parsed.SignatureHasUnusedBits;
        SubjectPublicKeyInfo = parsed.SubjectPublicKeyInfo;
        PublicKeyAlgorithmOid = parsed.PublicKeyAlgorithmOid;
        Extensions = parsed.Extensions;
        PolicyOids = parsed.PolicyOids;
        KeyUsage = parsed.KeyUsage;
        IsCertificateAuthority = parsed.IsCertificateAuthority;
        PathLengthConstraint = parsed.PathLengthConstraint;
        SubjectKeyIdentifier = parsed.SubjectKeyIdentifier;
        AuthorityKeyIdentifier = parsed.AuthorityKeyIdentifier;
        Kind = parsed.Kind;
        FourFacts = parsed.FourFacts;
        IsSelfIssued = parsed.Issuer.Span.SequenceEqual(parsed.Subject.Span);
    }

    /// <summary>The DER encoding.</summary>
    public ReadOnlyMemory<byte> RawData => _rawData;

    /// <summary>The X.509 version (1, 2 or 3).</summary>
    public int Version { get; }

    /// <summary>The serial number as upper-case hexadecimal of its DER content bytes (as <see cref="X509Certificate2.SerialNumber"/>).</summary>
    public string SerialNumber { get; }

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
    public IReadOnlyList<string> PolicyOids { get; }

    /// <summary>The key usage, or <see langword="null"/> when the extension is absent.</summary>
    public X509KeyUsageFlags? KeyUsage { get; }

    /// <summary>basicConstraints cA, or <see langword="null"/> when the extension is absent.</summary>
    public bool? IsCertificateAuthority { get; }

    /// <summary>basicConstraints pathLenConstraint, when present.</summary>
    public int? PathLengthConstraint { get; }

    /// <summary>The subject key identifier, when present.</summary>
    public ReadOnlyMemory<byte>? SubjectKeyIdentifier { get; }

    /// <summary>The keyIdentifier of the authority key identifier, when present.</summary>
    public ReadOnlyMemory<byte>? AuthorityKeyIdentifier { get; }

    /// <summary>The OID of the signature algorithm the issuer used.</summary>
    public string SignatureAlgorithmOid => SignatureAlgorithm.Oid;

    /// <summary>The OID of the subject public key's algorithm.</summary>
    public string PublicKeyAlgorithmOid { get; }

    /// <summary>Every extension, in certificate order.</summary>
    public IReadOnlyList<JpkiCertificateExtension> Extensions { get; }

    /// <summary>The four facts, for a signature certificate that carries them; otherwise <see langword="null"/>.</summary>
    public JpkiFourFacts? FourFacts { get; }

    /// <summary>Whether issuer and subject are the same name (byte for byte).</summary>
    public bool IsSelfIssued { get; }

    /// <summary>The SHA-256 fingerprint of the DER encoding, upper-case hexadecimal.</summary>
    public string Sha256Thumbprint => _thumbprint ??= Convert.ToHexString(SHA256.HashData(_rawData));

    internal ReadOnlyMemory<byte> IssuerRaw { get; }

    internal ReadOnlyMemory<byte> SubjectRaw { get; }

    internal ReadOnlyMemory<byte> TbsCertificate { get; }

    internal AlgorithmIdentifier SignatureAlgorithm { get; }

    internal ReadOnlyMemory<byte> SignatureValue { get; }

    internal bool SignatureHasUnusedBits { get; }

    internal ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; }

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
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxEncodedLength)
        {
            throw new JpkiFormatException("certificate", $"The file is larger than {MaxEncodedLength} bytes.");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(bytes);
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
public sealed record JpkiCertificateExtension(string Oid, bool Critical, ReadOnlyMemory<byte> Value);

internal readonly record struct AlgorithmIdentifier(string Oid, ReadOnlyMemory<byte>? Parameters, ReadOnlyMemory<byte> Encoded);

internal static class Pem
{
    public static bool LooksLikePem(ReadOnlySpan<byte> data)
    {
        var trimmed = data.TrimStart(" \t\r\n"u8);
        return trimmed.StartsWith("-----BEGIN"u8);
    }

    public static byte[] DecodeCertificate(ReadOnlySpan<byte> data)
    {
        if (!Ascii.IsValid(data))
        {
            throw new JpkiFormatException("pem", "PEM text must be ASCII.");
        }

        return DecodeCertificate(Encoding.ASCII.GetString(data));
    }

    public static byte[] DecodeCertificate(string pem)
    {
        var text = pem.AsSpan();
        while (PemEncoding.TryFind(text, out var fields))
        {
            var label = text[fields.Label];
            if (label.SequenceEqual("CERTIFICATE"))
            {
                try
                {
                    return Convert.FromBase64String(text[fields.Base64Data].ToString());
                }
                catch (FormatException e)
                {
                    throw new JpkiFormatException("pem", "The PEM body is not valid Base64.", e);
                }
            }

            text = text[fields.Location.End..];
        }

        throw new JpkiFormatException("pem", "No '-----BEGIN CERTIFICATE-----' block was found.");
    }
}
