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
    private const string SignedDataOid = "1.2.840.113549.1.7.2";
    private const string DataOid = "1.2.840.113549.1.7.1";
    private const string ContentTypeAttributeOid = "1.2.840.113549.1.9.3";
    private const string MessageDigestAttributeOid = "1.2.840.113549.1.9.4";
    private const string SigningTimeAttributeOid = "1.2.840.113549.1.9.5";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    private const string Sha384Oid = "2.16.840.1.101.3.4.2.2";
    private const string Sha512Oid = "2.16.840.1.101.3.4.2.3";

    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context0Primitive = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    private ReadOnlyMemory<byte> _signedAttributes;
    private ReadOnlyMemory<byte> _signature;
    private ReadOnlyMemory<byte>? _messageDigest;
    private ReadOnlyMemory<byte>? _signerSerial;
    private ReadOnlyMemory<byte>? _signerIssuer;
    private ReadOnlyMemory<byte>? _signerKeyId;
    private readonly List<ReadOnlyMemory<byte>> _certificates = [];

    private CmsSignedData()
    {
    }

    public ReadOnlyMemory<byte>? EncapsulatedContent { get; private set; }

    public string ContentType { get; private set; } = DataOid;

    public HashAlgorithmName DigestAlgorithm { get; private set; }

    public DateTimeOffset? SigningTime { get; private set; }

    public bool HasSignedAttributes { get; private set; }

    /// <summary>Reads the common profile directly; returns null when the message needs the general decoder.</summary>
    /// <exception cref="JpkiFormatException">The message is not well-formed DER of the profile in a way that no decoder would accept.</exception>
    public static CmsSignedData? TryReadDirect(ReadOnlyMemory<byte> encoded)
    {
        try
        {
            return ReadDirect(encoded);
        }
        catch (AsnContentException)
        {
            // Not DER (perhaps BER with indefinite lengths): let SignedCms decide.
            return null;
        }
    }

    /// <summary>Whether a certificate in the message could not be read (so the signer may be among them).</summary>
    public bool HasUnreadableCertificate { get; private set; }

    /// <summary>Finds the signer's certificate among the message's certificates.</summary>
    public JpkiCertificate? FindSignerCertificate()
    {
        foreach (var encoded in _certificates)
        {
            if (!JpkiCertificate.TryParse(encoded.Span, out var candidate, out _))
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

    /// <summary>Whether the signer identifier names <paramref name="certificate"/>.</summary>
    public bool Identifies(JpkiCertificate certificate)
    {
        if (_signerKeyId is { } keyId)
        {
            return certificate.SubjectKeyIdentifier is { } ski && ski.Span.SequenceEqual(keyId.Span);
        }

        return _signerSerial is { } serial && _signerIssuer is { } issuer &&
            serial.Span.SequenceEqual(certificate.SerialNumberBytes.Span) &&
            issuer.Span.SequenceEqual(certificate.IssuerRaw.Span);
    }

    /// <summary>Checks the signed attributes against the content and the signature with the signer's key.</summary>
    public JpkiSignatureFailure? Verify(ReadOnlySpan<byte> content, RSA signerKey)
    {
        if (!HasSignedAttributes)
        {
            if (ContentType != DataOid)
            {
                return new JpkiSignatureFailure(JpkiSignatureFailureReason.Malformed, "Signed attributes are required for content that is not id-data.");
            }

            return VerifySignature(signerKey, content);
        }

        if (_messageDigest is not { } expected)
        {
            return new JpkiSignatureFailure(JpkiSignatureFailureReason.Malformed, "The signed attributes lack messageDigest or contentType.");
        }

        Span<byte> digest = stackalloc byte[64];
        var written = CryptographicOperations.HashData(DigestAlgorithm, content, digest);
        if (!CryptographicOperations.FixedTimeEquals(digest[..written], expected.Span))
        {
            return new JpkiSignatureFailure(JpkiSignatureFailureReason.MessageDigestMismatch, "The messageDigest attribute does not match the content.");
        }

        // The signature covers the DER of the attributes with the [0] IMPLICIT tag replaced by SET OF.
        var toVerify = _signedAttributes.ToArray();
        toVerify[0] = 0x31;
        return VerifySignature(signerKey, toVerify);
    }

    private JpkiSignatureFailure? VerifySignature(RSA key, ReadOnlySpan<byte> data)
    {
        try
        {
            return key.VerifyData(data, _signature.Span, DigestAlgorithm, RSASignaturePadding.Pkcs1)
                ? null
                : new JpkiSignatureFailure(JpkiSignatureFailureReason.SignatureInvalid, "The CMS signature does not verify with the signer's key.");
        }
        catch (CryptographicException)
        {
            return new JpkiSignatureFailure(JpkiSignatureFailureReason.SignatureInvalid, "The CMS signature does not verify with the signer's key.");
        }
    }

    private static CmsSignedData? ReadDirect(ReadOnlyMemory<byte> encoded)
    {
        var result = new CmsSignedData();
        var outer = new AsnReader(encoded, AsnEncodingRules.DER);
        var contentInfo = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        if (contentInfo.ReadObjectIdentifier() != SignedDataOid)
        {
            throw new JpkiFormatException("cms", "The message is not CMS SignedData.");
        }

        var explicitContent = contentInfo.ReadSequence(Context0);
        contentInfo.ThrowIfNotEmpty();
        var signedData = explicitContent.ReadSequence();
        explicitContent.ThrowIfNotEmpty();

        signedData.ReadInteger();
        var digestAlgorithms = signedData.ReadSetOf();
        while (digestAlgorithms.HasData)
        {
            CertificateParser.ReadAlgorithm(digestAlgorithms);
        }

        var encapsulated = signedData.ReadSequence();
        result.ContentType = encapsulated.ReadObjectIdentifier();
        if (encapsulated.HasData)
        {
            var explicitOctets = encapsulated.ReadSequence(Context0);
            if (!explicitOctets.TryReadPrimitiveOctetString(out var content))
            {
                return null;
            }

            explicitOctets.ThrowIfNotEmpty();
            result.EncapsulatedContent = content;
        }

        encapsulated.ThrowIfNotEmpty();

        if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(Context0))
        {
            var certificates = signedData.ReadSetOf(skipSortOrderValidation: true, Context0);
            while (certificates.HasData)
            {
                if (!certificates.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
                {
                    // Attribute certificates and other choices: not the profile.
                    return null;
                }

                result._certificates.Add(certificates.ReadEncodedValue());
            }
        }

        if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(Context1))
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
        if (signerInfos.HasData)
        {
            // More than one signer: the general decoder reports them.
            return null;
        }

        return result.ReadSignerInfo(signerInfo) ? result : null;
    }

    private bool ReadSignerInfo(AsnReader signerInfo)
    {
        signerInfo.ReadInteger();
        var sidTag = signerInfo.PeekTag();
        if (sidTag.HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var issuerAndSerial = signerInfo.ReadSequence();
            _signerIssuer = issuerAndSerial.ReadEncodedValue();
            _signerSerial = issuerAndSerial.ReadIntegerBytes();
            issuerAndSerial.ThrowIfNotEmpty();
        }
        else if (sidTag.HasSameClassAndValue(Context0Primitive))
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

        var digestAlgorithm = CertificateParser.ReadAlgorithm(signerInfo);
        HashAlgorithmName? hash = digestAlgorithm.Oid switch
        {
            Sha256Oid => HashAlgorithmName.SHA256,
            Sha384Oid => HashAlgorithmName.SHA384,
            Sha512Oid => HashAlgorithmName.SHA512,
            _ => null,
        };

        if (hash is not { } digest)
        {
            return false;
        }

        DigestAlgorithm = digest;
        if (signerInfo.PeekTag().HasSameClassAndValue(Context0))
        {
            HasSignedAttributes = true;
            _signedAttributes = signerInfo.ReadEncodedValue();
            if (!ReadSignedAttributes())
            {
                return false;
            }
        }

        var signatureAlgorithm = CertificateParser.ReadAlgorithm(signerInfo);
        var signatureHash = signatureAlgorithm.Oid == SignatureAlgorithms.RsaEncryption
            ? digest
            : SignatureAlgorithms.RsaPkcs1Hash(signatureAlgorithm);
        if (signatureHash != digest)
        {
            return false;
        }

        if (!signerInfo.TryReadPrimitiveOctetString(out var signature))
        {
            return false;
        }

        _signature = signature;
        if (signerInfo.HasData && signerInfo.PeekTag().HasSameClassAndValue(Context1))
        {
            signerInfo.ReadEncodedValue();
        }

        signerInfo.ThrowIfNotEmpty();
        return true;
    }

    private bool ReadSignedAttributes()
    {
        var attributes = new AsnReader(_signedAttributes, AsnEncodingRules.DER).ReadSetOf(Context0);
        var sawContentType = false;
        while (attributes.HasData)
        {
            var attribute = attributes.ReadSequence();
            var type = attribute.ReadObjectIdentifier();
            var values = attribute.ReadSetOf();
            attribute.ThrowIfNotEmpty();
            switch (type)
            {
                case ContentTypeAttributeOid:
                    if (sawContentType || values.ReadObjectIdentifier() != ContentType || values.HasData)
                    {
                        return false;
                    }

                    sawContentType = true;
                    break;
                case MessageDigestAttributeOid:
                    if (_messageDigest is not null)
                    {
                        return false;
                    }

                    _messageDigest = values.ReadOctetString();
                    if (values.HasData)
                    {
                        return false;
                    }

                    break;
                case SigningTimeAttributeOid:
                    SigningTime = CertificateParser.ReadTime(values);
                    break;
            }
        }

        return sawContentType && _messageDigest is not null;
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
