using System.Formats.Asn1;

namespace LineGov.Jpki;

/// <summary>A position in the original DER buffer: what a parsed certificate keeps instead of copies.</summary>
internal readonly record struct DerSlice(int Offset, int Length)
{
    public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> buffer) => buffer.Slice(Offset, Length);

    public ReadOnlyMemory<byte> Memory(byte[] buffer) => new(buffer, Offset, Length);
}

/// <summary>
/// A forward-only DER reader over a span, built on the allocation-free <see cref="AsnDecoder"/>. Unlike
/// <see cref="AsnReader"/>, reading a nested value creates no object, and every value can be reported as a
/// <see cref="DerSlice"/> of the whole buffer. Errors surface as <see cref="AsnContentException"/>.
/// </summary>
internal ref struct DerReader
{
    private const AsnEncodingRules Rules = AsnEncodingRules.DER;
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _base;
    private int _position;

    public DerReader(ReadOnlySpan<byte> data, int baseOffset = 0)
    {
        _data = data;
        _base = baseOffset;
        _position = 0;
    }

    public readonly bool HasData => _position < _data.Length;

    private readonly ReadOnlySpan<byte> Remaining => _data[_position..];

    public readonly Asn1Tag PeekTag() => Asn1Tag.Decode(Remaining, out _);

    public readonly bool NextIs(Asn1Tag tag) => HasData && PeekTag().HasSameClassAndValue(tag);

    public DerReader ReadSequence(Asn1Tag? tag = null)
    {
        AsnDecoder.ReadSequence(Remaining, Rules, out var contentOffset, out var contentLength, out var consumed, tag);
        var inner = new DerReader(_data.Slice(_position + contentOffset, contentLength), _base + _position + contentOffset);
        _position += consumed;
        return inner;
    }

    public DerReader ReadSetOf(Asn1Tag? tag = null, bool skipSortOrderValidation = false)
    {
        AsnDecoder.ReadSetOf(Remaining, Rules, out var contentOffset, out var contentLength, out var consumed, skipSortOrderValidation, tag);
        var inner = new DerReader(_data.Slice(_position + contentOffset, contentLength), _base + _position + contentOffset);
        _position += consumed;
        return inner;
    }

    /// <summary>Reads one whole TLV and returns where it is.</summary>
    public DerSlice ReadEncodedValue()
    {
        AsnDecoder.ReadEncodedValue(Remaining, Rules, out _, out _, out var consumed);
        var slice = new DerSlice(_base + _position, consumed);
        _position += consumed;
        return slice;
    }

    /// <summary>Reads one whole TLV and returns its bytes.</summary>
    public ReadOnlySpan<byte> ReadEncodedSpan()
    {
        AsnDecoder.ReadEncodedValue(Remaining, Rules, out _, out _, out var consumed);
        var span = Remaining[..consumed];
        _position += consumed;
        return span;
    }

    /// <summary>
    /// Reads an OBJECT IDENTIFIER and returns its whole encoding (compare with <see cref="DerOid"/>) without building
    /// its text; the encoding is checked so that turning it into text later cannot fail.
    /// </summary>
    public ReadOnlySpan<byte> ReadOidEncoded()
    {
        var remaining = Remaining;
        AsnDecoder.ReadEncodedValue(remaining, Rules, out var contentOffset, out var contentLength, out var consumed);
        if (remaining[0] != 0x06 || !DerOid.IsWellFormed(remaining.Slice(contentOffset, contentLength)))
        {
            throw new AsnContentException("An OBJECT IDENTIFIER is malformed.");
        }

        _position += consumed;
        return remaining[..consumed];
    }

    public string ReadOid()
    {
        var oid = AsnDecoder.ReadObjectIdentifier(Remaining, Rules, out var consumed);
        _position += consumed;
        return oid;
    }

    public bool ReadBoolean()
    {
        var value = AsnDecoder.ReadBoolean(Remaining, Rules, out var consumed);
        _position += consumed;
        return value;
    }

    public DerSlice ReadIntegerContents()
    {
        var value = AsnDecoder.ReadIntegerBytes(Remaining, Rules, out var consumed);
        var slice = new DerSlice(_base + _position + (consumed - value.Length), value.Length);
        _position += consumed;
        return slice;
    }

    public bool TryReadInt32(out int value)
    {
        if (AsnDecoder.TryReadInt32(Remaining, Rules, out value, out var consumed))
        {
            _position += consumed;
            return true;
        }

        return false;
    }

    public bool TryReadPrimitiveBitString(out int unusedBits, out DerSlice contents, Asn1Tag? tag = null)
    {
        var remaining = Remaining;
        if (AsnDecoder.TryReadPrimitiveBitString(remaining, Rules, out unusedBits, out var value, out var consumed, tag))
        {
            contents = new DerSlice(_base + _position + (consumed - value.Length), value.Length);
            _position += consumed;
            return true;
        }

        contents = default;
        return false;
    }

    public bool TryReadPrimitiveOctetString(out DerSlice contents, Asn1Tag? tag = null)
    {
        var remaining = Remaining;
        if (AsnDecoder.TryReadPrimitiveOctetString(remaining, Rules, out var value, out var consumed, tag))
        {
            contents = new DerSlice(_base + _position + (consumed - value.Length), value.Length);
            _position += consumed;
            return true;
        }

        contents = default;
        return false;
    }

    public DateTimeOffset ReadTime()
    {
        var tag = PeekTag();
        DateTimeOffset value;
        int consumed;
        if (tag.HasSameClassAndValue(Asn1Tag.UtcTime))
        {
            value = AsnDecoder.ReadUtcTime(Remaining, Rules, out consumed, 2049);
        }
        else if (tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime))
        {
            value = AsnDecoder.ReadGeneralizedTime(Remaining, Rules, out consumed);
        }
        else
        {
            throw new JpkiFormatException("time", "A time is neither UTCTime nor GeneralizedTime.");
        }

        _position += consumed;
        return value;
    }

    public string ReadCharacterString(UniversalTagNumber encodingType)
    {
        var value = AsnDecoder.ReadCharacterString(Remaining, Rules, encodingType, out var consumed);
        _position += consumed;
        return value;
    }

    /// <summary>Reads a character string whose content is ASCII (codes, flags, dates) without allocating, returning its octets.</summary>
    public ReadOnlySpan<byte> ReadPrimitiveContents(out Asn1Tag tag)
    {
        var remaining = Remaining;
        tag = Asn1Tag.Decode(remaining, out _);
        AsnDecoder.ReadEncodedValue(remaining, Rules, out var contentOffset, out var contentLength, out var consumed);
        if (tag.IsConstructed)
        {
            throw new AsnContentException("A constructed string is not DER.");
        }

        _position += consumed;
        return remaining.Slice(contentOffset, contentLength);
    }

    public readonly void ThrowIfNotEmpty()
    {
        if (HasData)
        {
            throw new AsnContentException("Unexpected data after the end of a value.");
        }
    }
}

/// <summary>Whole DER encodings of the OIDs the parser compares, so comparisons allocate no strings.</summary>
internal static class DerOid
{
    public static readonly byte[] KeyUsage = Encode("2.5.29.15");
    public static readonly byte[] BasicConstraints = Encode("2.5.29.19");
    public static readonly byte[] CertificatePolicies = Encode("2.5.29.32");
    public static readonly byte[] SubjectAltName = Encode("2.5.29.17");
    public static readonly byte[] SubjectKeyIdentifier = Encode("2.5.29.14");
    public static readonly byte[] AuthorityKeyIdentifier = Encode("2.5.29.35");
    public static readonly byte[] CrlDistributionPoints = Encode("2.5.29.31");
    public static readonly byte[] ExtendedKeyUsage = Encode("2.5.29.37");
    public static readonly byte[] IssuerAltName = Encode("2.5.29.18");
    public static readonly byte[] AuthorityInfoAccess = Encode("1.3.6.1.5.5.7.1.1");
    public static readonly byte[] PolicyMappings = Encode("2.5.29.33");
    public static readonly byte[] PolicyConstraints = Encode("2.5.29.36");
    public static readonly byte[] InhibitAnyPolicy = Encode("2.5.29.54");
    public static readonly byte[] NameConstraints = Encode("2.5.29.30");
    public static readonly byte[] FreshestCrl = Encode("2.5.29.46");
    public static readonly byte[] SubjectInfoAccess = Encode("1.3.6.1.5.5.7.1.11");
    public static readonly byte[] OcspAccessMethod = Encode("1.3.6.1.5.5.7.48.1");
    public static readonly byte[] SignaturePolicy = Encode(JpkiOids.SignaturePolicy);
    public static readonly byte[] SignatureTestPolicy = Encode(JpkiOids.SignatureTestPolicy);
    public static readonly byte[] AuthenticationPolicy = Encode(JpkiOids.AuthenticationPolicy);
    public static readonly byte[] Name = Encode(JpkiOids.Name);
    public static readonly byte[] NameFlags = Encode(JpkiOids.NameAlternateCharacterFlags);
    public static readonly byte[] Gender = Encode(JpkiOids.Gender);
    public static readonly byte[] DateOfBirth = Encode(JpkiOids.DateOfBirth);
    public static readonly byte[] Address = Encode(JpkiOids.Address);
    public static readonly byte[] AddressFlags = Encode(JpkiOids.AddressAlternateCharacterFlags);

    /// <summary>The extensions the validator processes itself; any other critical extension is unknown.</summary>
    private static readonly byte[][] ProcessedExtensions =
    [
        KeyUsage, BasicConstraints, CertificatePolicies, SubjectAltName, SubjectKeyIdentifier, AuthorityKeyIdentifier,
        CrlDistributionPoints, ExtendedKeyUsage, IssuerAltName, AuthorityInfoAccess,
    ];

    public static bool IsProcessedExtension(ReadOnlySpan<byte> oid)
    {
        foreach (var known in ProcessedExtensions)
        {
            if (oid.SequenceEqual(known))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The most arcs, and the longest arc in bytes, an OID may have: what the platform's decoder turns into text.</summary>
    private const int MaxArcs = 64;
    private const int MaxArcBytes = 18;

    /// <summary>
    /// X.690 §8.19: every subidentifier ends in a byte below 0x80 and none starts with 0x80; and within the limits of
    /// the platform's decoder, so that turning a checked OID into text later can never fail.
    /// </summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> contents)
    {
        if (contents.IsEmpty || contents[^1] >= 0x80)
        {
            return false;
        }

        var atStart = true;
        var arcs = 1;
        var arcLength = 0;
        foreach (var b in contents)
        {
            if (atStart && b == 0x80)
            {
                return false;
            }

            arcLength++;
            if (arcLength > MaxArcBytes)
            {
                return false;
            }

            atStart = b < 0x80;
            if (atStart)
            {
                arcs++;
                arcLength = 0;
            }
        }

        return arcs <= MaxArcs;
    }

    public static string ToText(ReadOnlySpan<byte> encoded)
    {
        try
        {
            return AsnDecoder.ReadObjectIdentifier(encoded, AsnEncodingRules.DER, out _);
        }
        catch (AsnContentException)
        {
            // Unreachable for OIDs that passed IsWellFormed; never let a property getter throw for one that did not.
            return "oid:" + Convert.ToHexString(encoded);
        }
    }

    private static byte[] Encode(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return writer.Encode();
    }
}
