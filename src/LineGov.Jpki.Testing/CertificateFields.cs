using System.Formats.Asn1;

namespace LineGov.Jpki.Testing;

/// <summary>
/// The few fields of a certificate the test authority needs to find it again (issuer, serial, authority key id),
/// read leniently so that certificates minted with defects (bad four facts, bad signatures) can be revoked too.
/// </summary>
internal readonly record struct CertificateFields(ReadOnlyMemory<byte> Issuer, ReadOnlyMemory<byte> SerialNumber, ReadOnlyMemory<byte>? AuthorityKeyIdentifier)
{
    public string SerialHex => Convert.ToHexString(SerialNumber.Span);

    public static CertificateFields Read(ReadOnlyMemory<byte> der)
    {
        try
        {
            var certificate = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var tbs = certificate.ReadSequence();
            var versionTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            if (tbs.PeekTag().HasSameClassAndValue(versionTag))
            {
                tbs.ReadEncodedValue();
            }

            var serial = tbs.ReadIntegerBytes();
            tbs.ReadEncodedValue(); // signature
            var issuer = tbs.ReadEncodedValue();
            tbs.ReadEncodedValue(); // validity
            tbs.ReadEncodedValue(); // subject
            tbs.ReadEncodedValue(); // subjectPublicKeyInfo
            ReadOnlyMemory<byte>? keyId = null;
            var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true);
            while (tbs.HasData)
            {
                if (!tbs.PeekTag().HasSameClassAndValue(extensionsTag))
                {
                    tbs.ReadEncodedValue();
                    continue;
                }

                var extensions = tbs.ReadSequence(extensionsTag).ReadSequence();
                while (extensions.HasData)
                {
                    var extension = extensions.ReadSequence();
                    var oid = extension.ReadObjectIdentifier();
                    if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
                    {
                        extension.ReadBoolean();
                    }

                    var value = extension.ReadOctetString();
                    if (oid == Der.AuthorityKeyIdentifierOid)
                    {
                        var aki = new AsnReader(value, AsnEncodingRules.DER).ReadSequence();
                        var keyIdTag = new Asn1Tag(TagClass.ContextSpecific, 0);
                        if (aki.HasData && aki.PeekTag().HasSameClassAndValue(keyIdTag))
                        {
                            keyId = aki.ReadOctetString(keyIdTag);
                        }
                    }
                }
            }

            return new CertificateFields(issuer, serial, keyId);
        }
        catch (AsnContentException e)
        {
            throw new ArgumentException("The certificate cannot be read.", e);
        }
    }
}
