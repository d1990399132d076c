using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki;

/// <summary>
/// The scope of a CRL (issuingDistributionPoint, RFC 5280 §5.2.5): which distribution point it serves and which
/// certificates and reasons it covers. JPKI partitions its signature CRLs per municipality this way.
/// </summary>
public sealed class JpkiIssuingDistributionPoint
{
    private JpkiIssuingDistributionPoint(DistributionPointName? name, bool onlyUser, bool onlyCa, ReasonFlags? reasons, bool indirect, bool onlyAttribute)
    {
        Name = name;
        OnlyContainsUserCertificates = onlyUser;
        OnlyContainsCaCertificates = onlyCa;
        OnlySomeReasonsMask = reasons;
        IsIndirect = indirect;
        OnlyContainsAttributeCertificates = onlyAttribute;
    }

    /// <summary>The directoryName entries of the distribution point's full name.</summary>
    public IReadOnlyList<X500DistinguishedName> DirectoryNames =>
        Name?.FullName is { } full ? [.. full.Where(n => n.Tag == GeneralNameValue.DirectoryNameTag).Select(n => new X500DistinguishedName(n.DirectoryName.Span))] : [];

    /// <summary>The URI entries of the distribution point's full name.</summary>
    public IReadOnlyList<string> Uris => Name?.FullName is { } full ? [.. full.Where(n => n.Tag == GeneralNameValue.UriTag).Select(n => n.UriText)] : [];

    /// <summary>Whether the point is named relative to the CRL issuer.</summary>
    public bool IsRelativeToCrlIssuer => Name?.RelativeName is not null;

    /// <summary>onlyContainsUserCerts.</summary>
    public bool OnlyContainsUserCertificates { get; }

    /// <summary>onlyContainsCACerts.</summary>
    public bool OnlyContainsCaCertificates { get; }

    /// <summary>onlyContainsAttributeCerts.</summary>
    public bool OnlyContainsAttributeCertificates { get; }

    /// <summary>indirectCRL: entries may belong to other issuers (certificateIssuer).</summary>
    public bool IsIndirect { get; }

    /// <summary>onlySomeReasons, or <see langword="null"/> for all reasons.</summary>
    public IReadOnlyList<X509RevocationReason>? OnlySomeReasons => OnlySomeReasonsMask?.ToReasons();

    internal DistributionPointName? Name { get; }

    internal ReasonFlags? OnlySomeReasonsMask { get; }

    internal static JpkiIssuingDistributionPoint Read(byte[] value)
    {
        var outer = new DerReader(value);
        var sequence = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        DistributionPointName? name = null;
        ReasonFlags? reasons = null;
        bool onlyUser = false, onlyCa = false, indirect = false, onlyAttribute = false;
        if (sequence.NextIs(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
        {
            name = DistributionPointName.Read(value, sequence.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)));
        }

        onlyUser = ReadFlag(ref sequence, 1);
        onlyCa = ReadFlag(ref sequence, 2);
        if (sequence.NextIs(new Asn1Tag(TagClass.ContextSpecific, 3)))
        {
            reasons = ReasonFlags.Read(ref sequence, new Asn1Tag(TagClass.ContextSpecific, 3), value);
        }

        indirect = ReadFlag(ref sequence, 4);
        onlyAttribute = ReadFlag(ref sequence, 5);
        sequence.ThrowIfNotEmpty();
        if ((onlyUser ? 1 : 0) + (onlyCa ? 1 : 0) + (onlyAttribute ? 1 : 0) > 1)
        {
            throw new JpkiFormatException("issuingDistributionPoint", "At most one of onlyContainsUserCerts, onlyContainsCACerts and onlyContainsAttributeCerts may be true.");
        }

        return new JpkiIssuingDistributionPoint(name, onlyUser, onlyCa, reasons, indirect, onlyAttribute);
    }

    private static bool ReadFlag(ref DerReader reader, int tagNumber)
    {
        var tag = new Asn1Tag(TagClass.ContextSpecific, tagNumber);
        if (!reader.NextIs(tag))
        {
            return false;
        }

        // DER: a DEFAULT FALSE field is present only when true.
        var span = reader.ReadEncodedSpan();
        var value = AsnDecoder.ReadBoolean(span, AsnEncodingRules.DER, out _, tag);
        if (!value)
        {
            throw new AsnContentException("A DEFAULT FALSE field is encoded as false.");
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        parts.AddRange(DirectoryNames.Select(n => n.Name));
        parts.AddRange(Uris);
        if (OnlyContainsUserCertificates)
        {
            parts.Add("user certificates only");
        }

        if (OnlyContainsCaCertificates)
        {
            parts.Add("CA certificates only");
        }

        if (OnlySomeReasons is { } reasons)
        {
            parts.Add("reasons: " + string.Join("/", reasons));
        }

        if (IsIndirect)
        {
            parts.Add("indirect");
        }

        return string.Join("; ", parts);
    }
}
