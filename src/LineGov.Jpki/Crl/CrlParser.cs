using System.Diagnostics;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace LineGov.Jpki;

internal sealed class ParsedCrl
{
    public int Version;
    public ReadOnlyMemory<byte> Issuer;
    public DateTimeOffset ThisUpdate;
    public DateTimeOffset? NextUpdate;
    public BigInteger? CrlNumber;
    public BigInteger? BaseCrlNumber;
    public ReadOnlyMemory<byte>? AuthorityKeyIdentifier;
    public JpkiIssuingDistributionPoint? IssuingDistributionPoint;
    public string? UnsupportedCriticalExtension;
    public CrlIndex Index = null!;
    public byte[] TbsHash = [];
    public byte[] Signature = [];
    public byte[] SignatureAlgorithm = [];
    public HashAlgorithmName HashAlgorithm;
    public bool SignatureHasUnusedBits;
    public long EncodedLength;
    public TimeSpan ParseTime;
}

/// <summary>
/// A push parser for CertificateList (RFC 5280 §5.1): it consumes whatever whole values are in the window and says how
/// many bytes it needs next, so the same code reads an array at once or a stream chunk by chunk. The TBSCertList is
/// hashed as it passes (the hash algorithm is known from its second field), entries go straight into a
/// <see cref="CrlIndex.Builder"/>.
/// </summary>
internal sealed class CrlParser
{
    /// <summary>Any single value other than the entry list (a name, the extensions) larger than this is refused.</summary>
    private const int MaxSmallValue = 1024 * 1024;

    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly byte[] ReasonCodeOid = Oid("2.5.29.21");
    private static readonly byte[] InvalidityDateOid = Oid("2.5.29.24");
    private static readonly byte[] CertificateIssuerOid = Oid("2.5.29.29");
    private static readonly byte[] HoldInstructionOid = Oid("2.5.29.23");
    private static readonly byte[] CrlNumberOid = Oid("2.5.29.20");
    private static readonly byte[] DeltaCrlIndicatorOid = Oid("2.5.29.27");
    private static readonly byte[] IssuingDistributionPointOid = Oid("2.5.29.28");
    private static readonly byte[] FreshestCrlOid = Oid("2.5.29.46");

    private readonly ParsedCrl _result = new();
    private readonly CrlIndex.Builder _entries = new();
    private readonly long _startTicks = Stopwatch.GetTimestamp();
    private Phase _phase = Phase.Outer;
    private long _outerEnd;
    private long _tbsStart;
    private long _tbsEnd;
    private long _listEnd;
    private IncrementalHash? _hash;
    private int _tbsField;

    private enum Phase
    {
        Outer,
        TbsHeader,
        TbsFields,
        Entries,
        TbsDone,
        SignatureAlgorithm,
        SignatureValue,
        Done,
    }

    /// <summary>Parses a CRL that lies whole in memory.</summary>
    public static ParsedCrl Parse(byte[] der)
    {
        using var input = new DerStream(der);
        var parser = new CrlParser();
        try
        {
            if (parser.Process(input) != 0)
            {
                throw new JpkiFormatException("crl", "The CRL is incomplete.");
            }

            if (input.Available > 0)
            {
                throw new JpkiFormatException("crl", "Data follows the CRL.");
            }

            return parser.Finish(input.Position);
        }
        catch (Exception e) when (Translate(e) is { } translated)
        {
            throw translated;
        }
        finally
        {
            parser._hash?.Dispose();
        }
    }

    public static async ValueTask<ParsedCrl> ParseAsync(DerStream input, CancellationToken cancellationToken)
    {
        var parser = new CrlParser();
        try
        {
            input.RetainFrom(0);
            while (true)
            {
                var needed = parser.Process(input);
                if (needed == 0)
                {
                    if (await input.HasMoreAsync(cancellationToken).ConfigureAwait(false))
                    {
                        throw new JpkiFormatException("crl", "Data follows the CRL.");
                    }

                    return parser.Finish(input.Position);
                }

                await input.EnsureAsync(needed, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (Translate(e) is { } translated)
        {
            throw translated;
        }
        finally
        {
            parser._hash?.Dispose();
        }
    }

    private static JpkiFormatException? Translate(Exception e) => e switch
    {
        AsnContentException or CryptographicException => new JpkiFormatException("crl", "The DER encoding is malformed.", e),
        ArgumentException or OverflowException => new JpkiFormatException("crl", "A value in the CRL is out of range.", e),
        _ => null,
    };

    /// <summary>Consumes whole values; returns 0 when the CRL is complete, otherwise the bytes the window must hold next.</summary>
    private int Process(DerStream input)
    {
        while (true)
        {
            switch (_phase)
            {
                case Phase.Outer:
                {
                    if (!DerStream.TryReadHeader(input.Window, out var tag, out var length, out var header))
                    {
                        return Math.Max(input.Available + 1, 2);
                    }

                    Expect(tag.HasSameClassAndValue(Asn1Tag.Sequence) && tag.IsConstructed, "The CRL is not a SEQUENCE.");
                    _outerEnd = input.Position + header + length;
                    input.Advance(header);
                    _phase = Phase.TbsHeader;
                    break;
                }

                case Phase.TbsHeader:
                {
                    if (!DerStream.TryReadHeader(input.Window, out var tag, out var length, out var header))
                    {
                        return Math.Max(input.Available + 1, 2);
                    }

                    Expect(tag.HasSameClassAndValue(Asn1Tag.Sequence) && tag.IsConstructed, "TBSCertList is not a SEQUENCE.");
                    _tbsStart = input.Position;
                    _tbsEnd = _tbsStart + header + length;
                    Expect(_tbsEnd <= _outerEnd, "TBSCertList overruns the CRL.");
                    input.Advance(header);
                    _phase = Phase.TbsFields;
                    break;
                }

                case Phase.TbsFields:
                {
                    if (input.Position == _tbsEnd)
                    {
                        _phase = Phase.TbsDone;
                        break;
                    }

                    if (!DerStream.TryReadHeader(input.Window, out var tag, out var length, out var header))
                    {
                        return Math.Max(input.Available + 1, 2);
                    }

                    if (_tbsField >= 4 && tag.HasSameClassAndValue(Asn1Tag.Sequence) && _listEnd == 0)
                    {
                        // revokedCertificates: stream through its entries.
                        _listEnd = input.Position + header + length;
                        Expect(_listEnd <= _tbsEnd, "revokedCertificates overruns TBSCertList.");
                        input.Advance(header);
                        _tbsField = 6;
                        _phase = Phase.Entries;
                        break;
                    }

                    var total = header + length;
                    Expect(total <= MaxSmallValue, "A CRL field is too large.");
                    if (input.Available < total)
                    {
                        return (int)total;
                    }

                    ReadTbsField(input, input.Window[..(int)total], tag);
                    input.Advance((int)total);
                    break;
                }

                case Phase.Entries:
                {
                    if (input.Position == _listEnd)
                    {
                        _phase = Phase.TbsFields;
                        break;
                    }

                    if (!DerStream.TryReadHeader(input.Window, out _, out var length, out var header))
                    {
                        return Math.Max(input.Available + 1, 2);
                    }

                    var total = header + length;
                    Expect(total <= MaxSmallValue && input.Position + total <= _listEnd, "A CRL entry is malformed.");
                    if (input.Available < total)
                    {
                        return (int)total;
                    }

                    ReadEntry(input.Window[..(int)total]);
                    input.Advance((int)total);
                    break;
                }

                case Phase.TbsDone:
                {
                    Expect(_hash is not null && _tbsField >= 4, "TBSCertList is incomplete.");
                    input.FlushHash();
                    _result.TbsHash = _hash!.GetHashAndReset();
                    _phase = Phase.SignatureAlgorithm;
                    break;
                }

                case Phase.SignatureAlgorithm:
                {
                    var span = WholeValue(input, out var needed);
                    if (needed > 0)
                    {
                        return needed;
                    }

                    Expect(span.SequenceEqual(_result.SignatureAlgorithm), "The signature algorithm differs between the CRL and its TBSCertList.");
                    input.Advance(span.Length);
                    _phase = Phase.SignatureValue;
                    break;
                }

                case Phase.SignatureValue:
                {
                    var span = WholeValue(input, out var needed);
                    if (needed > 0)
                    {
                        return needed;
                    }

                    var reader = new DerReader(span);
                    Expect(reader.TryReadPrimitiveBitString(out var unused, out var bits), "The signature is not a primitive BIT STRING.");
                    _result.Signature = bits.Of(span).ToArray();
                    _result.SignatureHasUnusedBits = unused != 0;
                    input.Advance(span.Length);
                    Expect(input.Position == _outerEnd, "The CRL has data after its signature.");
                    _phase = Phase.Done;
                    break;
                }

                default:
                    return 0;
            }
        }
    }

    private static ReadOnlySpan<byte> WholeValue(DerStream input, out int needed)
    {
        if (!DerStream.TryReadHeader(input.Window, out _, out var length, out var header))
        {
            needed = Math.Max(input.Available + 1, 2);
            return default;
        }

        var total = header + length;
        Expect(total <= MaxSmallValue, "A CRL field is too large.");
        if (input.Available < total)
        {
            needed = (int)total;
            return default;
        }

        needed = 0;
        return input.Window[..(int)total];
    }

    private void ReadTbsField(DerStream input, ReadOnlySpan<byte> value, Asn1Tag tag)
    {
        var reader = new DerReader(value);
        switch (_tbsField)
        {
            case 0 when tag.HasSameClassAndValue(Asn1Tag.Integer):
                Expect(reader.TryReadInt32(out var version) && version == 1, "The CRL version is not v2.");
                _result.Version = 2;
                _tbsField = 1;
                return;
            case 0 or 1:
                if (_tbsField == 0)
                {
                    _result.Version = 1;
                }

                _result.SignatureAlgorithm = value.ToArray();
                var algorithm = reader.ReadSequence();
                algorithm.ReadOidEncoded();
                if (algorithm.HasData)
                {
                    algorithm.ReadEncodedValue();
                }

                algorithm.ThrowIfNotEmpty();
                _result.HashAlgorithm = PublicKeys.HashOf(value) ?? HashAlgorithmName.SHA256;
                _hash = IncrementalHash.CreateHash(_result.HashAlgorithm);
                input.StartHash(_hash, _tbsStart, _tbsEnd);
                _tbsField = 2;
                return;
            case 2:
                var outer = new DerReader(value);
                var name = outer.ReadSequence();
                while (name.HasData)
                {
                    var rdn = name.ReadSetOf();
                    while (rdn.HasData)
                    {
                        var attribute = rdn.ReadSequence();
                        attribute.ReadOidEncoded();
                        attribute.ReadEncodedValue();
                        attribute.ThrowIfNotEmpty();
                    }
                }

                _result.Issuer = value.ToArray();
                _tbsField = 3;
                return;
            case 3:
                _result.ThisUpdate = reader.ReadTime();
                _tbsField = 4;
                return;
            case 4 when tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime):
                _result.NextUpdate = reader.ReadTime();
                _tbsField = 5;
                return;
            case >= 4 when tag.HasSameClassAndValue(Context0) && _tbsField < 7:
                Expect(_result.Version == 2, "Only a v2 CRL may carry extensions.");
                ReadCrlExtensions(reader.ReadSequence(Context0), value);
                _tbsField = 7;
                return;
            default:
                throw new JpkiFormatException("crl", "TBSCertList has an unexpected field.");
        }
    }

    private void ReadEntry(ReadOnlySpan<byte> value)
    {
        var outer = new DerReader(value);
        var entry = outer.ReadSequence();
        var serial = entry.ReadIntegerContents().Of(value);
        var date = entry.ReadTime();
        var reason = CrlIndex.NoReason;
        DateTimeOffset? invalidity = null;
        if (entry.HasData)
        {
            Expect(_result.Version == 2, "Only a v2 CRL may carry entry extensions.");
            var extensions = entry.ReadSequence();
            var seen = 0;
            while (extensions.HasData)
            {
                var extension = extensions.ReadSequence();
                var oid = extension.ReadOidEncoded();
                var critical = extension.NextIs(Asn1Tag.Boolean) && extension.ReadBoolean();
                Expect(extension.TryReadPrimitiveOctetString(out var contents), "An entry extension value is not an OCTET STRING.");
                extension.ThrowIfNotEmpty();
                var inner = new DerReader(contents.Of(value), contents.Offset);
                if (oid.SequenceEqual(ReasonCodeOid))
                {
                    Expect((seen & 1) == 0, "reasonCode appears twice.");
                    seen |= 1;
                    var code = AsnDecoder.ReadEnumeratedBytes(contents.Of(value), AsnEncodingRules.DER, out var consumed);
                    Expect(consumed == contents.Length && code.Length == 1 && code[0] is <= 10 and not 7, "reasonCode is not a CRLReason.");
                    reason = code[0];
                }
                else if (oid.SequenceEqual(InvalidityDateOid))
                {
                    Expect((seen & 2) == 0, "invalidityDate appears twice.");
                    seen |= 2;
                    invalidity = AsnDecoder.ReadGeneralizedTime(contents.Of(value), AsnEncodingRules.DER, out var consumed);
                    Expect(consumed == contents.Length, "invalidityDate has trailing data.");
                }
                else if (oid.SequenceEqual(CertificateIssuerOid))
                {
                    Expect((seen & 4) == 0, "certificateIssuer appears twice.");
                    seen |= 4;
                    var owner = contents.Of(value).ToArray();
                    var names = GeneralNameValue.ReadAll(owner, new DerReader(owner).ReadSequence());
                    Expect(names.Length > 0, "certificateIssuer is empty.");
                    _entries.StartIssuerRun(names);
                }
                else if (oid.SequenceEqual(HoldInstructionOid))
                {
                    inner.ReadOidEncoded();
                }
                else if (critical)
                {
                    _result.UnsupportedCriticalExtension ??= DerOid.ToText(oid);
                }
            }
        }

        entry.ThrowIfNotEmpty();
        outer.ThrowIfNotEmpty();
        _entries.Add(serial, date, reason, invalidity);
    }

    private void ReadCrlExtensions(DerReader wrapper, ReadOnlySpan<byte> owner)
    {
        var extensions = wrapper.ReadSequence();
        wrapper.ThrowIfNotEmpty();
        var seen = new List<byte[]>();
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var oidSpan = extension.ReadOidEncoded();
            var oid = oidSpan.ToArray();
            Expect(!seen.Exists(o => o.AsSpan().SequenceEqual(oid)), "A CRL extension appears twice.");
            seen.Add(oid);
            var critical = extension.NextIs(Asn1Tag.Boolean) && extension.ReadBoolean();
            Expect(extension.TryReadPrimitiveOctetString(out var contentsSlice), "A CRL extension value is not an OCTET STRING.");
            extension.ThrowIfNotEmpty();
            var contents = contentsSlice.Of(owner).ToArray();
            var inner = new DerReader(contents);
            if (oid.AsSpan().SequenceEqual(CrlNumberOid))
            {
                _result.CrlNumber = NonNegative(inner.ReadIntegerContents().Of(contents), "cRLNumber");
            }
            else if (oid.AsSpan().SequenceEqual(DeltaCrlIndicatorOid))
            {
                Expect(critical, "deltaCRLIndicator must be critical.");
                _result.BaseCrlNumber = NonNegative(inner.ReadIntegerContents().Of(contents), "deltaCRLIndicator");
            }
            else if (oid.AsSpan().SequenceEqual(DerOid.AuthorityKeyIdentifier))
            {
                var sequence = inner.ReadSequence();
                if (sequence.NextIs(new Asn1Tag(TagClass.ContextSpecific, 0)))
                {
                    Expect(sequence.TryReadPrimitiveOctetString(out var keyId, new Asn1Tag(TagClass.ContextSpecific, 0)), "keyIdentifier is not primitive.");
                    _result.AuthorityKeyIdentifier = keyId.Of(contents).ToArray();
                }

                while (sequence.HasData)
                {
                    sequence.ReadEncodedValue();
                }
            }
            else if (oid.AsSpan().SequenceEqual(IssuingDistributionPointOid))
            {
                Expect(critical, "issuingDistributionPoint must be critical.");
                _result.IssuingDistributionPoint = JpkiIssuingDistributionPoint.Read(contents);
                continue;
            }
            else if (oid.AsSpan().SequenceEqual(FreshestCrlOid) || oid.AsSpan().SequenceEqual(DerOid.IssuerAltName) || oid.AsSpan().SequenceEqual(DerOid.AuthorityInfoAccess))
            {
                // Informational: read past.
                inner.ReadEncodedValue();
                continue;
            }
            else if (critical)
            {
                _result.UnsupportedCriticalExtension ??= DerOid.ToText(oid);
                continue;
            }
            else
            {
                continue;
            }

            inner.ThrowIfNotEmpty();
        }
    }

    private ParsedCrl Finish(long length)
    {
        Expect(_phase == Phase.Done, "The CRL is incomplete.");
        _result.Index = _entries.Build();
        _result.EncodedLength = length;
        _result.ParseTime = Stopwatch.GetElapsedTime(_startTicks);
        return _result;
    }

    private static BigInteger NonNegative(ReadOnlySpan<byte> bytes, string element)
    {
        var value = new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
        Expect(value.Sign >= 0 && bytes.Length <= 21, $"{element} is not a number of at most 20 octets.");
        return value;
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new JpkiFormatException("crl", message);
        }
    }

    private static byte[] Oid(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return writer.Encode();
    }
}
