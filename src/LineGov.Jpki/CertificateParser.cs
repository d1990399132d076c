using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki;

/// <summary>One extension as positions in the certificate's DER (its OID's whole encoding and its value).</summary>
internal readonly record struct ExtensionEntry(DerSlice Oid, bool Critical, DerSlice Value);

internal struct ParsedCertificate
{
    public int Version;
    public DerSlice SerialNumber;
    public DerSlice Issuer;
    public DerSlice Subject;
    public DateTimeOffset NotBefore;
    public DateTimeOffset NotAfter;
    public DerSlice Tbs;
    public DerSlice SignatureAlgorithm;
    public DerSlice SignatureValue;
    public bool SignatureHasUnusedBits;
    public DerSlice SubjectPublicKeyInfo;
    public DerSlice PublicKeyAlgorithm;
    public ExtensionEntry[] Extensions;
    public DerSlice[] Policies;
    public X509KeyUsageFlags? KeyUsage;
    public bool KeyUsageCritical;
    public bool? IsCertificateAuthority;
    public int? PathLengthConstraint;
    public DerSlice? SubjectKeyIdentifier;
    public DerSlice? AuthorityKeyIdentifier;
    public DerSlice[] OcspUris;
    public DerSlice? CrlDistributionPoints;
    public JpkiCertificateKind Kind;
    public JpkiFourFacts? FourFacts;
}

/// <summary>
/// Reads an X.509 certificate (RFC 5280 §4.1) over the DER with <see cref="DerReader"/>: no reader objects, no OID
/// strings, only positions into the buffer; text is made lazily when a caller asks for it. Every structural error
/// becomes a <see cref="JpkiFormatException"/>; nothing from the input is echoed into messages.
/// </summary>
internal static class CertificateParser
{
    internal const string KeyUsageOid = "2.5.29.15";
    internal const string BasicConstraintsOid = "2.5.29.19";
    internal const string SubjectKeyIdentifierOid = "2.5.29.14";

    /// <summary>Above this many entries, duplicate checks switch from pairwise comparison to a hash set.</summary>
    private const int PairwiseLimit = 32;

    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context0Primitive = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag Context2 = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag Context3 = new(TagClass.ContextSpecific, 3, isConstructed: true);

    public static JpkiCertificate Parse(byte[] der)
    {
        try
        {
            var parsed = ParseCore(der);
            return new JpkiCertificate(der, parsed);
        }
        catch (AsnContentException e)
        {
            throw new JpkiFormatException("certificate", "The DER encoding is malformed.", e);
        }
        catch (CryptographicException e)
        {
            throw new JpkiFormatException("certificate", "The DER encoding is malformed.", e);
        }
        catch (ArgumentException e)
        {
            throw new JpkiFormatException("certificate", "A value in the certificate is out of range.", e);
        }
        catch (OverflowException e)
        {
            throw new JpkiFormatException("certificate", "A value in the certificate is out of range.", e);
        }
    }

    private static ParsedCertificate ParseCore(byte[] der)
    {
        var outer = new DerReader(der);
        var certificate = outer.ReadSequence();
        outer.ThrowIfNotEmpty();

        var result = default(ParsedCertificate);
        result.Tbs = certificate.ReadEncodedValue();
        var outerAlgorithm = ReadAlgorithm(ref certificate, der);

        // A signature that is not a whole number of bytes cannot verify; keep the certificate readable so validation
        // can say "bad signature" rather than "unreadable" (PKITS 4.1.6 is such a case).
        if (!certificate.TryReadPrimitiveBitString(out var unusedBits, out result.SignatureValue))
        {
            throw new JpkiFormatException("signatureValue", "The signature is not a primitive BIT STRING.");
        }

        result.SignatureHasUnusedBits = unusedBits != 0;
        certificate.ThrowIfNotEmpty();

        var tbsOuter = new DerReader(result.Tbs.Of(der), result.Tbs.Offset);
        var tbs = tbsOuter.ReadSequence();
        tbsOuter.ThrowIfNotEmpty();
        result.Version = 1;
        if (tbs.NextIs(Context0))
        {
            var versionReader = tbs.ReadSequence(Context0);
            if (!versionReader.TryReadInt32(out var version) || version is < 0 or > 2)
            {
                throw new JpkiFormatException("version", "The version is not v1, v2 or v3.");
            }

            versionReader.ThrowIfNotEmpty();
            result.Version = version + 1;
        }

        result.SerialNumber = tbs.ReadIntegerContents();
        result.SignatureAlgorithm = ReadAlgorithm(ref tbs, der);
        if (!result.SignatureAlgorithm.Of(der).SequenceEqual(outerAlgorithm.Of(der)))
        {
            throw new JpkiFormatException("signatureAlgorithm", "The signature algorithm differs between the certificate and its TBSCertificate.");
        }

        result.Issuer = ReadName(ref tbs);
        var validity = tbs.ReadSequence();
        result.NotBefore = validity.ReadTime();
        result.NotAfter = validity.ReadTime();
        validity.ThrowIfNotEmpty();
        result.Subject = ReadName(ref tbs);
        result.SubjectPublicKeyInfo = tbs.ReadEncodedValue();
        result.PublicKeyAlgorithm = ReadPublicKeyAlgorithm(result.SubjectPublicKeyInfo, der);

        if (tbs.NextIs(Context1))
        {
            tbs.ReadEncodedValue();
        }

        if (tbs.NextIs(Context2))
        {
            tbs.ReadEncodedValue();
        }

        result.Extensions = [];
        result.Policies = [];
        result.OcspUris = [];
        if (tbs.HasData)
        {
            if (result.Version != 3)
            {
                throw new JpkiFormatException("extensions", "Only a v3 certificate may carry extensions.");
            }

            result.Extensions = ReadExtensionList(ref tbs, der);
        }

        tbs.ThrowIfNotEmpty();
        ReadExtensions(ref result, der);
        return result;
    }

    private static ExtensionEntry[] ReadExtensionList(ref DerReader tbs, byte[] der)
    {
        var wrapper = tbs.ReadSequence(Context3);
        var sequence = wrapper.ReadSequence();
        wrapper.ThrowIfNotEmpty();
        var extensions = new List<ExtensionEntry>(12);
        while (sequence.HasData)
        {
            var extension = sequence.ReadSequence();
            var oid = extension.ReadEncodedValue();
            var check = new DerReader(oid.Of(der));
            check.ReadOidEncoded();
            var critical = false;
            if (extension.NextIs(Asn1Tag.Boolean))
            {
                critical = extension.ReadBoolean();
            }

            if (!extension.TryReadPrimitiveOctetString(out var value))
            {
                throw new JpkiFormatException("extensions", "An extension value is not a primitive OCTET STRING.");
            }

            extension.ThrowIfNotEmpty();
            extensions.Add(new ExtensionEntry(oid, critical, value));
        }

        if (extensions.Count == 0)
        {
            throw new JpkiFormatException("extensions", "The extensions field is present but empty.");
        }

        var entries = extensions.ToArray();
        var oids = entries.Length <= PairwiseLimit ? stackalloc DerSlice[entries.Length] : new DerSlice[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            oids[i] = entries[i].Oid;
        }

        if (HasDuplicate(oids, der))
        {
            throw new JpkiFormatException("extensions", "An extension appears more than once.");
        }

        return entries;
    }

    private static bool HasDuplicate(ReadOnlySpan<DerSlice> slices, byte[] der)
    {
        if (slices.Length <= PairwiseLimit)
        {
            for (var i = 1; i < slices.Length; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (slices[i].Of(der).SequenceEqual(slices[j].Of(der)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        var seen = new HashSet<string>(slices.Length, StringComparer.Ordinal);
        foreach (var slice in slices)
        {
            if (!seen.Add(Convert.ToBase64String(slice.Of(der))))
            {
                return true;
            }
        }

        return false;
    }

    private static void ReadExtensions(ref ParsedCertificate result, byte[] der)
    {
        DerSlice? subjectAltName = null;
        foreach (var extension in result.Extensions)
        {
            var oid = extension.Oid.Of(der);
            var value = extension.Value.Of(der);
            if (oid.SequenceEqual(DerOid.KeyUsage))
            {
                result.KeyUsage = ReadKeyUsage(value);
                result.KeyUsageCritical = extension.Critical;
            }
            else if (oid.SequenceEqual(DerOid.BasicConstraints))
            {
                (result.IsCertificateAuthority, result.PathLengthConstraint) = ReadBasicConstraints(value);
            }
            else if (oid.SequenceEqual(DerOid.CertificatePolicies))
            {
                result.Policies = ReadPolicies(value, extension.Value.Offset, der);
            }
            else if (oid.SequenceEqual(DerOid.SubjectKeyIdentifier))
            {
                var reader = new DerReader(value, extension.Value.Offset);
                if (!reader.TryReadPrimitiveOctetString(out var ski))
                {
                    throw new JpkiFormatException("subjectKeyIdentifier", "The key identifier is not a primitive OCTET STRING.");
                }

                reader.ThrowIfNotEmpty();
                result.SubjectKeyIdentifier = ski;
            }
            else if (oid.SequenceEqual(DerOid.AuthorityKeyIdentifier))
            {
                result.AuthorityKeyIdentifier = ReadAuthorityKeyIdentifier(value, extension.Value.Offset);
            }
            else if (oid.SequenceEqual(DerOid.SubjectAltName))
            {
                subjectAltName = extension.Value;
            }
            else if (oid.SequenceEqual(DerOid.AuthorityInfoAccess))
            {
                result.OcspUris = ReadOcspUris(extension.Value, der);
            }
            else if (oid.SequenceEqual(DerOid.CrlDistributionPoints))
            {
                DistributionPoints.Validate(value);
                result.CrlDistributionPoints = extension.Value;
            }
        }

        result.Kind = KindOf(result.Policies, der);
        if (result.Kind == JpkiCertificateKind.Signature && subjectAltName is { } san)
        {
            result.FourFacts = FourFactsReader.Read(san.Of(der));
        }
    }

    private static JpkiCertificateKind KindOf(DerSlice[] policies, byte[] der)
    {
        var kind = JpkiCertificateKind.Other;
        foreach (var slice in policies)
        {
            var policy = slice.Of(der);
            var next = policy.SequenceEqual(DerOid.SignaturePolicy) || policy.SequenceEqual(DerOid.SignatureTestPolicy)
                ? JpkiCertificateKind.Signature
                : policy.SequenceEqual(DerOid.AuthenticationPolicy) ? JpkiCertificateKind.Authentication : JpkiCertificateKind.Other;
            if (next == JpkiCertificateKind.Other)
            {
                continue;
            }

            if (kind != JpkiCertificateKind.Other && kind != next)
            {
                // Both JPKI policies in one certificate: it is neither, and validation will say so.
                return JpkiCertificateKind.Other;
            }

            kind = next;
        }

        return kind;
    }

    /// <summary>Reads an AlgorithmIdentifier, checking its OID, and returns where its whole encoding is.</summary>
    private static DerSlice ReadAlgorithm(ref DerReader reader, byte[] der)
    {
        var encoded = reader.ReadEncodedValue();
        var outer = new DerReader(encoded.Of(der));
        var algorithm = outer.ReadSequence();
        algorithm.ReadOidEncoded();
        if (algorithm.HasData)
        {
            algorithm.ReadEncodedValue();
        }

        algorithm.ThrowIfNotEmpty();
        return encoded;
    }

    private static DerSlice ReadPublicKeyAlgorithm(DerSlice spki, byte[] der)
    {
        var outer = new DerReader(spki.Of(der), spki.Offset);
        var reader = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var algorithm = reader.ReadSequence();
        var oid = algorithm.ReadEncodedValue();
        new DerReader(oid.Of(der)).ReadOidEncoded();
        if (algorithm.HasData)
        {
            algorithm.ReadEncodedValue();
        }

        algorithm.ThrowIfNotEmpty();
        if (!reader.TryReadPrimitiveBitString(out var unused, out _) || unused != 0)
        {
            throw new JpkiFormatException("subjectPublicKey", "The public key is not a whole number of bytes.");
        }

        reader.ThrowIfNotEmpty();
        return oid;
    }

    private static DerSlice ReadName(ref DerReader reader)
    {
        var outer = reader;
        var name = reader.ReadEncodedValue();
        var sequence = outer.ReadSequence();
        while (sequence.HasData)
        {
            var rdn = sequence.ReadSetOf();
            if (!rdn.HasData)
            {
                throw new JpkiFormatException("name", "A relative distinguished name is empty.");
            }

            while (rdn.HasData)
            {
                var attribute = rdn.ReadSequence();
                attribute.ReadOidEncoded();
                attribute.ReadEncodedValue();
                attribute.ThrowIfNotEmpty();
            }
        }

        return name;
    }

    private static X509KeyUsageFlags ReadKeyUsage(ReadOnlySpan<byte> value)
    {
        var reader = new DerReader(value);
        if (!reader.TryReadPrimitiveBitString(out _, out var bits))
        {
            throw new JpkiFormatException("keyUsage", "The key usage is not a primitive BIT STRING.");
        }

        reader.ThrowIfNotEmpty();
        var bytes = bits.Of(value);
        var flags = 0;
        if (bytes.Length > 0)
        {
            flags |= bytes[0];
        }

        if (bytes.Length > 1)
        {
            flags |= (bytes[1] & 0x80) << 8;
        }

        return (X509KeyUsageFlags)flags;
    }

    private static (bool IsCa, int? PathLength) ReadBasicConstraints(ReadOnlySpan<byte> value)
    {
        var outer = new DerReader(value);
        var reader = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var isCa = false;
        int? pathLength = null;
        if (reader.NextIs(Asn1Tag.Boolean))
        {
            isCa = reader.ReadBoolean();
        }

        if (reader.HasData)
        {
            var length = reader.ReadIntegerContents().Of(value);
            if ((length[0] & 0x80) != 0)
            {
                throw new JpkiFormatException("basicConstraints", "pathLenConstraint is negative.");
            }

            pathLength = length.Length > 4 ? int.MaxValue : (int)Math.Min(int.MaxValue, ReadUnsigned(length));
        }

        reader.ThrowIfNotEmpty();
        return (isCa, pathLength);
    }

    private static long ReadUnsigned(ReadOnlySpan<byte> bigEndian)
    {
        long value = 0;
        foreach (var b in bigEndian)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private static DerSlice[] ReadPolicies(ReadOnlySpan<byte> value, int offset, byte[] der)
    {
        var outer = new DerReader(value, offset);
        var reader = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var policies = new List<DerSlice>(1);
        while (reader.HasData)
        {
            var information = reader.ReadSequence();
            var oid = information.ReadEncodedValue();
            new DerReader(oid.Of(der)).ReadOidEncoded();
            if (information.HasData)
            {
                information.ReadSequence();
            }

            information.ThrowIfNotEmpty();
            policies.Add(oid);
        }

        if (policies.Count == 0)
        {
            throw new JpkiFormatException("certificatePolicies", "The extension lists no policy.");
        }

        var result = policies.ToArray();
        if (HasDuplicate(result, der))
        {
            throw new JpkiFormatException("certificatePolicies", "A policy appears more than once.");
        }

        return result;
    }

    /// <summary>The id-ad-ocsp URIs of an authorityInfoAccess extension (RFC 5280 §4.2.2.1), as slices of IA5String contents.</summary>
    private static DerSlice[] ReadOcspUris(DerSlice extensionValue, byte[] der)
    {
        var outer = new DerReader(extensionValue.Of(der), extensionValue.Offset);
        var sequence = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        List<DerSlice>? uris = null;
        var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
        while (sequence.HasData)
        {
            var description = sequence.ReadSequence();
            var method = description.ReadOidEncoded();
            if (method.SequenceEqual(DerOid.OcspAccessMethod) && description.NextIs(uriTag))
            {
                if (!description.TryReadPrimitiveOctetString(out var uri, uriTag) || !System.Text.Ascii.IsValid(uri.Of(der)))
                {
                    throw new JpkiFormatException("authorityInfoAccess", "An access location URI is not ASCII.");
                }

                (uris ??= []).Add(uri);
            }
            else
            {
                description.ReadEncodedValue();
            }

            description.ThrowIfNotEmpty();
        }

        return uris?.ToArray() ?? [];
    }

    private static DerSlice? ReadAuthorityKeyIdentifier(ReadOnlySpan<byte> value, int offset)
    {
        var outer = new DerReader(value, offset);
        var reader = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        DerSlice? keyIdentifier = null;
        if (reader.NextIs(Context0Primitive))
        {
            if (!reader.TryReadPrimitiveOctetString(out var contents, Context0Primitive))
            {
                throw new JpkiFormatException("authorityKeyIdentifier", "keyIdentifier is not primitive.");
            }

            keyIdentifier = contents;
        }

        // authorityCertIssuer [1] and authorityCertSerialNumber [2] are read past, not used.
        while (reader.HasData)
        {
            var tag = reader.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific || tag.TagValue is not (1 or 2))
            {
                throw new JpkiFormatException("authorityKeyIdentifier", "An unexpected field is present.");
            }

            reader.ReadEncodedValue();
        }

        return keyIdentifier;
    }
}
