using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki.Tests.Review;

/// <summary>One signed attribute: its type and its values (each a complete TLV).</summary>
internal sealed record ReviewCmsAttribute(string Oid, params byte[][] Values);

/// <summary>Who signs: the certificate's DER, the issuer name and serial that identify it, and the private key.</summary>
internal sealed record ReviewCmsSigner(byte[] Certificate, byte[] IssuerName, byte[] SerialNumber, RSA Key)
{
    public static ReviewCmsSigner From(X509Certificate2 certificate, RSA key) =>
        new(certificate.RawData, certificate.IssuerName.RawData, certificate.SerialNumberBytes.ToArray(), key);

    public static ReviewCmsSigner From(JpkiCertificate certificate, RSA key) =>
        new(certificate.RawData.ToArray(), certificate.IssuerRaw.ToArray(), certificate.SerialNumberBytes.ToArray(), key);
}

/// <summary>
/// Writes CMS SignedData by hand (one signer, issuer-and-serial identifier), so the signed attributes, the content type and
/// the algorithms can be anything; the signature is made with the given key over the DER of the attributes (or over the
/// content when there are none), as RFC 5652 §5.4 says.
/// </summary>
internal static class ReviewCms
{
    public const string DataOid = "1.2.840.113549.1.7.1";
    public const string OtherContentOid = "1.2.3.4";
    public const string ContentTypeOid = "1.2.840.113549.1.9.3";
    public const string MessageDigestOid = "1.2.840.113549.1.9.4";
    public const string SigningTimeOid = "1.2.840.113549.1.9.5";
    public const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    public const string Sha1Oid = "1.3.14.3.2.26";
    public const string Md5Oid = "1.2.840.113549.2.5";

    private const string SignedDataOid = "1.2.840.113549.1.7.2";

    public static byte[] Time(DateTimeOffset instant)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteUtcTime(instant);
        return writer.Encode();
    }

    /// <summary>contentType (id-data) and messageDigest (SHA-256 of <paramref name="content"/>): the minimal valid attributes.</summary>
    public static ReviewCmsAttribute[] StandardAttributes(byte[] content) =>
    [
        new(ContentTypeOid, ReviewDer.OidTlv(DataOid)),
        new(MessageDigestOid, ReviewDer.Octets(SHA256.HashData(content))),
    ];

    public static byte[] Build(
        byte[]? content,
        ReviewCmsSigner signer,
        IReadOnlyList<ReviewCmsAttribute>? attributes,
        string eContentType = DataOid,
        string digestOid = Sha256Oid,
        HashAlgorithmName? signatureHash = null,
        IReadOnlyList<byte[]>? certificates = null)
    {
        var hash = signatureHash ?? HashAlgorithmName.SHA256;
        byte[]? attributesDer = null;
        if (attributes is not null)
        {
            // DER: the SET OF is sorted, so the direct reader (which insists on DER) reads it.
            var attributeWriter = new AsnWriter(AsnEncodingRules.DER);
            using (attributeWriter.PushSetOf())
            {
                foreach (var attribute in attributes)
                {
                    using (attributeWriter.PushSequence())
                    {
                        attributeWriter.WriteObjectIdentifier(attribute.Oid);
                        using (attributeWriter.PushSetOf())
                        {
                            foreach (var value in attribute.Values)
                            {
                                attributeWriter.WriteEncodedValue(value);
                            }
                        }
                    }
                }
            }

            attributesDer = attributeWriter.Encode();
        }

        var signature = signer.Key.SignData(attributesDer ?? content ?? [], hash, RSASignaturePadding.Pkcs1);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        var context0 = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(SignedDataOid);
            using (writer.PushSequence(context0))
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSetOf())
                {
                    writer.WriteEncodedValue(ReviewDer.Algorithm(digestOid));
                }

                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(eContentType);
                    if (content is not null)
                    {
                        using (writer.PushSequence(context0))
                        {
                            writer.WriteOctetString(content);
                        }
                    }
                }

                var certificateList = certificates ?? [signer.Certificate];
                if (certificateList.Count > 0)
                {
                    // Not sorted: the certificates stay in the given order, as many encoders write them.
                    writer.WriteEncodedValue(ReviewDer.Tlv(0xA0, [.. certificateList.SelectMany(c => c)]));
                }

                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    writer.WriteInteger(1);
                    using (writer.PushSequence())
                    {
                        writer.WriteEncodedValue(signer.IssuerName);
                        writer.WriteInteger(signer.SerialNumber);
                    }

                    writer.WriteEncodedValue(ReviewDer.Algorithm(digestOid));
                    if (attributesDer is not null)
                    {
                        var implicitTagged = attributesDer.ToArray();
                        implicitTagged[0] = 0xA0;
                        writer.WriteEncodedValue(implicitTagged);
                    }

                    writer.WriteEncodedValue(ReviewDer.Algorithm(ReviewDer.RsaEncryption));
                    writer.WriteOctetString(signature);
                }
            }
        }

        return writer.Encode();
    }
}
