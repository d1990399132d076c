using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace LineGov.Jpki;

/// <summary>One GeneralNameValue (RFC 5280 §4.2.1.6): its CHOICE tag number and its whole DER.</summary>
internal readonly record struct GeneralNameValue(int Tag, ReadOnlyMemory<byte> Encoded)
{
    public const int DirectoryNameTag = 4;
    public const int UriTag = 6;

    /// <summary>For a directoryName, the Name inside the explicit [4].</summary>
    public ReadOnlyMemory<byte> DirectoryName
    {
        get
        {
            var reader = new DerReader(Encoded.Span);
            var inner = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, DirectoryNameTag, isConstructed: true));
            var name = inner.ReadEncodedValue();
            return Encoded.Slice(name.Offset, name.Length);
        }
    }

    /// <summary>For a uniformResourceIdentifier, its text.</summary>
    public string UriText => Encoding.ASCII.GetString(Contents.Span);

    /// <summary>For a primitive name (rfc822Name, dNSName, URI, iPAddress), its content octets.</summary>
    public ReadOnlyMemory<byte> Contents
    {
        get
        {
            var reader = new DerReader(Encoded.Span);
            reader.TryReadPrimitiveOctetString(out var contents, new Asn1Tag(TagClass.ContextSpecific, Tag));
            return Encoded.Slice(contents.Offset, contents.Length);
        }
    }

    /// <summary>For an rfc822Name or dNSName, its text.</summary>
    public string Text => Encoding.ASCII.GetString(Contents.Span);

    /// <summary>Whether two names are the same: directory names by RFC 5280 §7.1 rules, others byte for byte.</summary>
    public bool Matches(GeneralNameValue other) =>
        Tag == other.Tag && (Tag == DirectoryNameTag
            ? DistinguishedNames.Equal(DirectoryName, other.DirectoryName)
            : Encoded.Span.SequenceEqual(other.Encoded.Span));

    /// <summary>Reads a GeneralNames SEQUENCE (or its implicitly tagged contents) into names, validating each.</summary>
    public static GeneralNameValue[] ReadAll(ReadOnlyMemory<byte> owner, DerReader names)
    {
        var result = new List<GeneralNameValue>(2);
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific || tag.TagValue > 8)
            {
                throw new AsnContentException("A GeneralNameValue has an unknown tag.");
            }

            var slice = names.ReadEncodedValue();
            var name = new GeneralNameValue(tag.TagValue, owner.Slice(slice.Offset, slice.Length));
            if (tag.TagValue == DirectoryNameTag)
            {
                if (!tag.IsConstructed)
                {
                    throw new AsnContentException("A directoryName must be constructed.");
                }

                var reader = new DerReader(name.Encoded.Span);
                var inner = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, DirectoryNameTag, isConstructed: true));
                inner.ReadSequence();
                inner.ThrowIfNotEmpty();
            }
            else if (tag.TagValue is 1 or 2 or UriTag or 7)
            {
                var reader = new DerReader(name.Encoded.Span);
                if (tag.IsConstructed || !reader.TryReadPrimitiveOctetString(out var contents, new Asn1Tag(TagClass.ContextSpecific, tag.TagValue)) ||
                    (tag.TagValue != 7 && !Ascii.IsValid(contents.Of(name.Encoded.Span))))
                {
                    throw new AsnContentException("An rfc822Name, dNSName, URI or iPAddress is malformed.");
                }
            }

            result.Add(name);
        }

        return [.. result];
    }
}

/// <summary>
/// A DistributionPointName (RFC 5280 §4.2.1.13): the full name (GeneralNames), or a name relative to the CRL issuer
/// (which, joined to the issuer's name, makes a directoryName).
/// </summary>
internal sealed record DistributionPointName(GeneralNameValue[]? FullName, ReadOnlyMemory<byte>? RelativeName)
{
    /// <summary>The names this point stands for; a relative name is joined to <paramref name="crlIssuer"/>'s Name.</summary>
    public GeneralNameValue[] Resolve(ReadOnlyMemory<byte> crlIssuer)
    {
        if (FullName is { } full)
        {
            return full;
        }

        // Name = crlIssuer's RDNs followed by the relative RDN, wrapped as a directoryName [4].
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, GeneralNameValue.DirectoryNameTag, isConstructed: true)))
        {
            using (writer.PushSequence())
            {
                var issuer = new DerReader(crlIssuer.Span).ReadSequence();
                while (issuer.HasData)
                {
                    writer.WriteEncodedValue(issuer.ReadEncodedSpan());
                }

                writer.WriteEncodedValue(RelativeName!.Value.Span);
            }
        }

        return [new GeneralNameValue(GeneralNameValue.DirectoryNameTag, writer.Encode())];
    }

    public static DistributionPointName Read(ReadOnlyMemory<byte> owner, DerReader explicitChoice)
    {
        var fullNameTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        var relativeTag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
        DistributionPointName result;
        if (explicitChoice.NextIs(fullNameTag))
        {
            var names = explicitChoice.ReadSequence(fullNameTag);
            var full = GeneralNameValue.ReadAll(owner, names);
            if (full.Length == 0)
            {
                throw new AsnContentException("A fullName is empty.");
            }

            result = new DistributionPointName(full, null);
        }
        else
        {
            var start = explicitChoice;
            var slice = explicitChoice.ReadEncodedValue();
            start.ReadSetOf(relativeTag);

            // Re-tag [1] IMPLICIT SET OF as a plain SET so it can be joined into a Name.
            var relative = owner.Slice(slice.Offset, slice.Length).ToArray();
            relative[0] = 0x31;
            result = new DistributionPointName(null, relative);
        }

        explicitChoice.ThrowIfNotEmpty();
        return result;
    }
}

/// <summary>Reads cRLDistributionPoints (RFC 5280 §4.2.1.13).</summary>
internal static class DistributionPoints
{
    private static readonly Asn1Tag PointTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag ReasonsTag = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag CrlIssuerTag = new(TagClass.ContextSpecific, 2, isConstructed: true);

    /// <summary>Checks the structure without keeping anything (the certificate parser calls it, so lazy reads cannot fail).</summary>
    public static void Validate(ReadOnlySpan<byte> value) => ReadAllCore(value.ToArray());

    public static IReadOnlyList<JpkiDistributionPoint> ReadAll(ReadOnlyMemory<byte> value) => ReadAllCore(value);

    private static JpkiDistributionPoint[] ReadAllCore(ReadOnlyMemory<byte> value)
    {
        var outer = new DerReader(value.Span);
        var sequence = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var points = new List<JpkiDistributionPoint>(1);
        while (sequence.HasData)
        {
            var point = sequence.ReadSequence();
            DistributionPointName? name = null;
            ReasonFlags? reasons = null;
            GeneralNameValue[] crlIssuer = [];
            if (point.NextIs(PointTag))
            {
                name = DistributionPointName.Read(value, point.ReadSequence(PointTag));
            }

            if (point.NextIs(ReasonsTag))
            {
                reasons = ReasonFlags.Read(ref point, ReasonsTag, value.Span);
            }

            if (point.NextIs(CrlIssuerTag))
            {
                crlIssuer = GeneralNameValue.ReadAll(value, point.ReadSequence(CrlIssuerTag));
                if (crlIssuer.Length == 0)
                {
                    throw new AsnContentException("cRLIssuer is empty.");
                }
            }

            point.ThrowIfNotEmpty();
            if (name is null && crlIssuer.Length == 0)
            {
                throw new AsnContentException("A distribution point names neither a point nor a CRL issuer.");
            }

            points.Add(new JpkiDistributionPoint(name, reasons, crlIssuer));
        }

        if (points.Count == 0)
        {
            throw new AsnContentException("cRLDistributionPoints is empty.");
        }

        return [.. points];
    }
}

/// <summary>ReasonFlags (RFC 5280 §4.2.1.13): bit n of the BIT STRING, kept as bit n of a mask.</summary>
internal readonly record struct ReasonFlags(int Mask)
{
    /// <summary>All nine reasons (unused excluded).</summary>
    public static readonly ReasonFlags All = new(0x1FE);

    public bool IsEmpty => (Mask & All.Mask) == 0;

    public ReasonFlags Intersect(ReasonFlags other) => new(Mask & other.Mask);

    public ReasonFlags Union(ReasonFlags other) => new(Mask | other.Mask);

    public bool Covers(ReasonFlags other) => (other.Mask & ~Mask & All.Mask) == 0;

    public static ReasonFlags Read(ref DerReader reader, Asn1Tag tag, ReadOnlySpan<byte> owner)
    {
        if (!reader.TryReadPrimitiveBitString(out _, out var bits, tag))
        {
            throw new AsnContentException("ReasonFlags is not a primitive BIT STRING.");
        }

        return FromBits(bits.Of(owner));
    }

    public static ReasonFlags FromBits(ReadOnlySpan<byte> bits)
    {
        var mask = 0;
        for (var bit = 0; bit < 9 && bit / 8 < bits.Length; bit++)
        {
            if ((bits[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                mask |= 1 << bit;
            }
        }

        return new ReasonFlags(mask);
    }

    public IReadOnlyList<X509RevocationReason> ToReasons()
    {
        var reasons = new List<X509RevocationReason>(9);
        for (var bit = 1; bit <= 8; bit++)
        {
            if ((Mask & (1 << bit)) != 0)
            {
                // Bits 1-6 are the CRLReason codes; 7 privilegeWithdrawn is code 9, 8 aACompromise is code 10.
                reasons.Add(bit <= 6 ? (X509RevocationReason)bit : (X509RevocationReason)(bit + 2));
            }
        }

        return reasons;
    }

    /// <summary>The ReasonFlags bit of a CRLReason code (unspecified and removeFromCRL have none: all bits).</summary>
    public static ReasonFlags OfReason(X509RevocationReason? reason) => reason switch
    {
        null or X509RevocationReason.Unspecified or X509RevocationReason.RemoveFromCrl => All,
        <= X509RevocationReason.CertificateHold => new(1 << (int)reason),
        X509RevocationReason.PrivilegeWithdrawn => new(1 << 7),
        X509RevocationReason.AACompromise => new(1 << 8),
        _ => All,
    };
}
