using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;

namespace LineGov.Jpki;

/// <summary>
/// The one signer of a CMS SignedData message, read into what verification needs. The common JPKI profile (DER, one
/// signer, RSA PKCS#1 v1.5 with SHA-2, signer certificate inside) is read directly over the DER; anything else is
/// decoded by <see cref="SignedCms"/>. Both verify the signature with the platform's RSA.
/// </summary>
internal sealed class CmsSignedData
{
    private static readonly byte[] SignedDataOid = Oid("1.2.840.113549.1.7.2");
    private static readonly byte[] DataOid = Oid("1.2.840.113549.1.7.1");
    private static readonly byte[] ContentTypeAttributeOid = Oid("1.2.840.113549.1.9.3");
    private static readonly byte[] MessageDigestAttributeOid = Oid("1.2.840.113549.1.9.4");
    private static readonly byte[] SigningTimeAttributeOid = Oid("1.2.840.113549.1.9.5");

    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context0Primitive = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    /// <summary>The most certificates a signed application's CMS may carry (the signer's, perhaps its issuer's).</summary>
    private const int MaxCertificates = 8;

    private readonly ReadOnlyMemory<byte> _encoded;
    private readonly List<DerSlice> _certificates = new(1);
    private DerSlice _contentType;
    private DerSlice _signedAttributes;
    private DerSlice _signature;
    private DerSlice? _messageDigest;
    private DerSlice? _signerSerial;
    private DerSlice? _signerIssuer;
    private DerSlice? _signerKeyId;

    private CmsSignedData(ReadOnlyMemory<byte> encoded)
    {
        _encoded = encoded;
    }

    public ReadOnlyMemory<byte>? EncapsulatedContent { get; private set; }

    public HashAlgorithmName DigestAlgorithm { get; private set; }

    public DateTimeOffset? SigningTime { get; private set; }

    public bool HasSignedAttributes { get; private set; }

    /// <summary>Whether a certificate in the message could not be read (so the signer may be among them).</summary>
    public bool HasUnreadableCertificate { get; private set; }

    private ReadOnlySpan<byte> Bytes => _encoded.Span;

    /// <summary>Reads the common profile directly; returns null when the message needs the general decoder.</summary>
    /// <exception cref="JpkiFormatException">The message is well-formed DER but not CMS SignedData, or has no signer.</exception>
    public static CmsSignedData? TryReadDirect(ReadOnlyMemory<byte> encoded)
    {
        var result = new CmsSignedData(encoded);
        try
        {
            return result.ReadDirect() ? result : null;
        }
        catch (AsnContentException)
        {
            // Not DER (perhaps BER with indefinite lengths): let SignedCms decide.
            return null;
        }
    }

    /// <summary>Finds the signer's certificate among the message's certificates.</summary>
    public JpkiCertificate? FindSignerCertificate()
    {
        foreach (var slice in _certificates)
        {
            JpkiCertificate candidate;
            try
            {
                // DER only: a certificate inside CMS is never PEM text.
                candidate = CertificateParser.Parse(slice.Of(Bytes).ToArray());
            }
            catch (JpkiFormatException)
            {
                HasUnreadableCertificate = true;
                continue;
            }

            if (Identifies(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Whether the signer identifier names <paramref name="certificate"/> (byte for byte, as SignedCms does).</summary>
    public bool Identifies(JpkiCertificate certificate)
    {
        if (_signerKeyId is { } keyId)
        {
            return certificate.SubjectKeyIdentifier is { } ski && ski.Span.SequenceEqual(keyId.Of(Bytes));
        }

        return _signerSerial is { } serial && _signerIssuer is { } issuer &&
            serial.Of(Bytes).SequenceEqual(certificate.SerialNumberBytes.Span) &&
            issuer.Of(Bytes).SequenceEqual(certificate.IssuerRaw.Span);
    }

    /// <summary>Checks the signed attributes against the content and the signature with the signer's key.</summary>
    public JpkiSignatureFailure? Verify(ReadOnlySpan<byte> content, RSA signerKey)
    {
        if (!HasSignedAttributes)
        {
            if (!_contentType.Of(Bytes).SequenceEqual(DataOid))
            {
                return new JpkiSignatureFailure(JpkiSignatureFailureReason.Malformed, "Signed attributes are required for content that is not id-data.");
            }

            return VerifySignature(signerKey, content);
        }

        Span<byte> digest = stackalloc byte[64];
        var written = CryptographicOperations.HashData(DigestAlgorithm, content, digest);
        if (!CryptographicOperations.FixedTimeEquals(digest[..written], _messageDigest!.Value.Of(Bytes)))
        {
            return new JpkiSignatureFailure(JpkiSignatureFailureReason.MessageDigestMismatch, "The messageDigest attribute does not match the content.");
        }

        // The signature covers the DER of the attributes with the [0] IMPLICIT tag replaced by SET OF.
        var attributes = _signedAttributes.Of(Bytes);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(attributes.Length);
        try
        {
            var toVerify = rented.AsSpan(0, attributes.Length);
            attributes.CopyTo(toVerify);
            toVerify[0] = 0x31;
            return VerifySignature(signerKey, toVerify);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private JpkiSignatureFailure? VerifySignature(RSA key, ReadOnlySpan<byte> data)
    {
        try
        {
            return key.VerifyData(data, _signature.Of(Bytes), DigestAlgorithm, RSASignaturePadding.Pkcs1)
                ? null
                : new JpkiSignatureFailure(JpkiSignatureFailureReason.SignatureInvalid, "The CMS signature does not verify with the signer's key.");
        }
        catch (CryptographicException)
        {
            return new JpkiSignatureFailure(JpkiSignatureFailureReason.SignatureInvalid, "The CMS signature does not verify with the signer's key.");
        }
    }

    private bool ReadDirect()
    {
        var outer = new DerReader(Bytes);
        var contentInfo = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        if (!contentInfo.ReadOidEncoded().SequenceEqual(SignedDataOid))
        {
            throw new JpkiFormatException("cms", "The message is not CMS SignedData.");
        }

        var explicitContent = contentInfo.ReadSequence(Context0);
        contentInfo.ThrowIfNotEmpty();
        var signedData = explicitContent.ReadSequence();
        explicitContent.ThrowIfNotEmpty();

        signedData.ReadIntegerContents();
        var digestAlgorithms = signedData.ReadSetOf();
        while (digestAlgorithms.HasData)
        {
            var algorithm = digestAlgorithms.ReadSequence();
            algorithm.ReadOidEncoded();
            if (algorithm.HasData)
            {
                algorithm.ReadEncodedValue();
            }

            algorithm.ThrowIfNotEmpty();
        }

        var encapsulated = signedData.ReadSequence();
        var contentTypeStart = encapsulated;
        _contentType = encapsulated.ReadEncodedValue();
        contentTypeStart.ReadOidEncoded();
        if (encapsulated.HasData)
        {
            var explicitOctets = encapsulated.ReadSequence(Context0);
            if (!explicitOctets.TryReadPrimitiveOctetString(out var content))
            {
                return false;
            }

            explicitOctets.ThrowIfNotEmpty();
            EncapsulatedContent = _encoded.Slice(content.Offset, content.Length);
        }

        encapsulated.ThrowIfNotEmpty();

        if (signedData.NextIs(Context0))
        {
            var certificates = signedData.ReadSetOf(Context0, skipSortOrderValidation: true);
            while (certificates.HasData)
            {
                if (!certificates.NextIs(Asn1Tag.Sequence))
                {
                    // Attribute certificates and other choices: not the profile.
                    return false;
                }

                if (_certificates.Count == MaxCertificates)
                {
                    throw new JpkiFormatException("cms", $"The message carries more than {MaxCertificates} certificates.");
                }

                _certificates.Add(certificates.ReadEncodedValue());
            }
        }

        if (signedData.NextIs(Context1))
        {
            signedData.ReadEncodedValue();
        }

        var signerInfos = signedData.ReadSetOf();
        signedData.ThrowIfNotEmpty();
        if (!signerInfos.HasData)
        {
            throw new JpkiFormatException("cms", "The message has no signer.");
        }

        var signerInfo = signerInfos.ReadSequence();

        // More than one signer: the general decoder reports them.
        return !signerInfos.HasData && ReadSignerInfo(ref signerInfo);
    }

    private bool ReadSignerInfo(ref DerReader signerInfo)
    {
        signerInfo.ReadIntegerContents();
        if (signerInfo.NextIs(Asn1Tag.Sequence))
        {
            var issuerAndSerial = signerInfo.ReadSequence();
            _signerIssuer = issuerAndSerial.ReadEncodedValue();
            _signerSerial = issuerAndSerial.ReadIntegerContents();
            issuerAndSerial.ThrowIfNotEmpty();
        }
        else if (signerInfo.NextIs(Context0Primitive))
        {
            if (!signerInfo.TryReadPrimitiveOctetString(out var keyId, Context0Primitive))
            {
                return false;
            }

            _signerKeyId = keyId;
        }
        else
        {
            return false;
        }

        if (SignatureAlgorithms.DigestHash(signerInfo.ReadEncodedSpan()) is not { } digest)
        {
            return false;
        }

        DigestAlgorithm = digest;
        if (signerInfo.NextIs(Context0))
        {
            HasSignedAttributes = true;
            _signedAttributes = signerInfo.ReadEncodedValue();
            ReadSignedAttributes();
        }

        var signatureAlgorithm = signerInfo.ReadEncodedSpan();
        var signatureHash = SignatureAlgorithms.IsRsaEncryption(signatureAlgorithm) ? digest : SignatureAlgorithms.RsaPkcs1Hash(signatureAlgorithm);
        if (signatureHash is null)
        {
            // Another signature algorithm: the general decoder decides (and the verifier restricts algorithms there too).
            return false;
        }

        if (signatureHash != digest)
        {
            throw new JpkiFormatException("cms", "The signature algorithm's hash differs from the digest algorithm.");
        }

        if (!signerInfo.TryReadPrimitiveOctetString(out _signature))
        {
            throw new JpkiFormatException("cms", "The signature is not a primitive OCTET STRING.");
        }

        if (signerInfo.NextIs(Context1))
        {
            signerInfo.ReadEncodedValue();
        }

        signerInfo.ThrowIfNotEmpty();
        return true;
    }

    /// <summary>
    /// Reads the signed attributes, failing closed on anything RFC 5652 §5.3/§11 forbids: exactly one contentType equal
    /// to the eContentType, exactly one single-valued messageDigest, at most one single-valued signingTime.
    /// </summary>
    private void ReadSignedAttributes()
    {
        var wrapper = new DerReader(_signedAttributes.Of(Bytes), _signedAttributes.Offset);
        var attributes = wrapper.ReadSetOf(Context0);
        var sawContentType = false;
        var sawSigningTime = false;
        while (attributes.HasData)
        {
            var attribute = attributes.ReadSequence();
            var type = attribute.ReadOidEncoded();
            var values = attribute.ReadSetOf();
            attribute.ThrowIfNotEmpty();
            if (type.SequenceEqual(ContentTypeAttributeOid))
            {
                Expect(!sawContentType, "contentType appears more than once.");
                Expect(values.ReadEncodedSpan().SequenceEqual(_contentType.Of(Bytes)) && !values.HasData, "contentType does not name the encapsulated content's type.");
                sawContentType = true;
            }
            else if (type.SequenceEqual(MessageDigestAttributeOid))
            {
                Expect(_messageDigest is null, "messageDigest appears more than once.");
                Expect(values.TryReadPrimitiveOctetString(out var digest) && !values.HasData, "messageDigest is not one OCTET STRING.");
                _messageDigest = digest;
            }
            else if (type.SequenceEqual(SigningTimeAttributeOid))
            {
                Expect(!sawSigningTime, "signingTime appears more than once.");
                SigningTime = values.ReadTime();
                Expect(!values.HasData, "signingTime has more than one value.");
                sawSigningTime = true;
            }
        }

        Expect(sawContentType && _messageDigest is not null, "The signed attributes lack contentType or messageDigest.");
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new JpkiFormatException("cms", message);
        }
    }

    private static byte[] Oid(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return writer.Encode();
    }
}

/// <summary>The general CMS path over <see cref="SignedCms"/>, for messages outside the direct profile.</summary>
internal static class PlatformCms
{
    public static (JpkiCertificate? Signer, JpkiSignatureFailure? Failure, ReadOnlyMemory<byte> Content, DateTimeOffset? SigningTime) Verify(
        ReadOnlyMemory<byte> encoded,
        ReadOnlyMemory<byte>? detachedContent,
        JpkiCertificate? certificate)
    {
        try
        {
            return VerifyCore(encoded, detachedContent, certificate);
        }
        catch (CryptographicException)
        {
            // SignedCms decodes attributes and certificates lazily: a malformed part surfaces only when touched.
            return (null, new JpkiSignatureFailure(JpkiSignatureFailureReason.Malformed, "The CMS message cannot be decoded."), default, null);
        }
    }

    private static (JpkiCertificate? Signer, JpkiSignatureFailure? Failure, ReadOnlyMemory<byte> Content, DateTimeOffset? SigningTime) VerifyCore(
        ReadOnlyMemory<byte> encoded,
        ReadOnlyMemory<byte>? detachedContent,
        JpkiCertificate? certificate)
    {
        var detached = detachedContent is not null;
        var cms = detached ? new SignedCms(new ContentInfo(detachedContent!.Value.ToArray()), detached: true) : new SignedCms();
        try
        {
            cms.Decode(encoded.Span);
        }
        catch (CryptographicException)
        {
            return (null, new JpkiSignatureFailure(JpkiSignatureFailureReason.Malformed, "The CMS message cannot be decoded."), default, null);
        }

        if (cms.SignerInfos.Count != 1)
        {
            return (null, new JpkiSignatureFailure(JpkiSignatureFailureReason.Malformed, "A signed application must have exactly one signer."), default, null);
        }

        if (!detached && (cms.Detached || cms.ContentInfo.Content.Length == 0))
        {
            return (null, new JpkiSignatureFailure(JpkiSignatureFailureReason.ContentMissing, "The CMS signature is detached and no content was given."), default, null);
        }

        var signer = cms.SignerInfos[0];
        if (RejectProfile(cms, signer) is { } refused)
        {
            return (null, refused, default, null);
        }

        var extra = new X509Certificate2Collection();
        X509Certificate2? given = null;
        if (certificate is not null)
        {
            given = certificate.ToX509Certificate2();
            extra.Add(given);
        }

        try
        {
            var signerCertificate = signer.Certificate ?? FindSigner(signer, extra);
            if (signerCertificate is null)
            {
                return (null, new JpkiSignatureFailure(JpkiSignatureFailureReason.SignerCertificateMissing, "The signer's certificate is not in the message and none was given."), default, null);
            }

            DateTimeOffset? signingTime = null;
            foreach (var attribute in signer.SignedAttributes)
            {
                if (attribute.Values.Count == 1 && attribute.Values[0] is Pkcs9SigningTime time)
                {
                    signingTime = new DateTimeOffset(time.SigningTime.ToUniversalTime(), TimeSpan.Zero);
                }
            }

            JpkiCertificate parsed;
            try
            {
                parsed = JpkiCertificate.FromX509Certificate(signerCertificate);
            }
            catch (JpkiFormatException)
            {
                return (null, new JpkiSignatureFailure(JpkiSignatureFailureReason.Malformed, "The signer's certificate is malformed."), default, null);
            }

            try
            {
                signer.CheckSignature(extra, verifySignatureOnly: true);
            }
            catch (CryptographicException)
            {
                return (parsed, new JpkiSignatureFailure(JpkiSignatureFailureReason.SignatureInvalid, "The CMS signature does not verify with the signer's key."), cms.ContentInfo.Content, signingTime);
            }

            return (parsed, null, cms.ContentInfo.Content, signingTime);
        }
        finally
        {
            given?.Dispose();
        }
    }

    private static readonly string[] StrongDigests = ["2.16.840.1.101.3.4.2.1", "2.16.840.1.101.3.4.2.2", "2.16.840.1.101.3.4.2.3"];

    /// <summary>
    /// SignedCms accepts what the direct reader refuses (SHA-1, MD5, missing or contradictory attributes). The same rules
    /// apply whichever path a message takes, so an attacker gains nothing by forcing the fallback (with BER, say).
    /// </summary>
    private static JpkiSignatureFailure? RejectProfile(SignedCms cms, SignerInfo signer)
    {
        if (!StrongDigests.Contains(signer.DigestAlgorithm.Value))
        {
            return new JpkiSignatureFailure(JpkiSignatureFailureReason.UnsupportedAlgorithm, "The digest algorithm is not SHA-256, SHA-384 or SHA-512.");
        }

        var signatureOid = signer.SignatureAlgorithm.Value;
        if (signatureOid is not (SignatureAlgorithms.RsaEncryption or "1.2.840.113549.1.1.11" or "1.2.840.113549.1.1.12" or "1.2.840.113549.1.1.13"))
        {
            return new JpkiSignatureFailure(JpkiSignatureFailureReason.UnsupportedAlgorithm, "The signature algorithm is not RSA PKCS#1 v1.5 with SHA-2.");
        }

        var attributes = signer.SignedAttributes;
        if (attributes.Count == 0)
        {
            return cms.ContentInfo.ContentType.Value == "1.2.840.113549.1.7.1"
                ? null
                : new JpkiSignatureFailure(JpkiSignatureFailureReason.Malformed, "Signed attributes are required for content that is not id-data.");
        }

        int contentTypes = 0, digests = 0, signingTimes = 0;
        foreach (var attribute in attributes)
        {
            switch (attribute.Oid.Value)
            {
                case "1.2.840.113549.1.9.3":
                    contentTypes++;
                    if (attribute.Values.Count != 1 || attribute.Values[0] is not Pkcs9ContentType type || type.ContentType.Value != cms.ContentInfo.ContentType.Value)
                    {
                        return new JpkiSignatureFailure(JpkiSignatureFailureReason.Malformed, "contentType does not name the encapsulated content's type.");
                    }

                    break;
                case "1.2.840.113549.1.9.4":
                    digests++;
                    if (attribute.Values.Count != 1)
                    {
                        return new JpkiSignatureFailure(JpkiSignatureFailureReason.Malformed, "messageDigest is not one value.");
                    }

                    break;
                case "1.2.840.113549.1.9.5":
                    signingTimes++;
                    if (attribute.Values.Count != 1)
                    {
                        return new JpkiSignatureFailure(JpkiSignatureFailureReason.Malformed, "signingTime has more than one value.");
                    }

                    break;
            }
        }

        return contentTypes == 1 && digests == 1 && signingTimes <= 1
            ? null
            : new JpkiSignatureFailure(JpkiSignatureFailureReason.Malformed, "The signed attributes must hold exactly one contentType and one messageDigest.");
    }

    private static X509Certificate2? FindSigner(SignerInfo signer, X509Certificate2Collection extra)
    {
        foreach (var candidate in extra)
        {
            var matches = signer.SignerIdentifier.Type switch
            {
                SubjectIdentifierType.IssuerAndSerialNumber when signer.SignerIdentifier.Value is X509IssuerSerial issuerSerial =>
                    string.Equals(candidate.SerialNumber, issuerSerial.SerialNumber, StringComparison.OrdinalIgnoreCase) &&
                    candidate.IssuerName.Name == issuerSerial.IssuerName,
                SubjectIdentifierType.SubjectKeyIdentifier when signer.SignerIdentifier.Value is string keyId =>
                    candidate.Extensions[CertificateParser.SubjectKeyIdentifierOid] is X509SubjectKeyIdentifierExtension ski &&
                    string.Equals(ski.SubjectKeyIdentifier, keyId, StringComparison.OrdinalIgnoreCase),
                _ => false,
            };

            if (matches)
            {
                return candidate;
            }
        }

        return null;
    }
}
