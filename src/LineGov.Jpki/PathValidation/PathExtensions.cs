using System.Formats.Asn1;
using System.Text;

namespace LineGov.Jpki;

/// <summary>The extensions RFC 5280 path processing reads beyond what <see cref="JpkiCertificate"/> exposes.</summary>
internal static class PathExtensions
{
    public const string AnyPolicy = "2.5.29.32.0";

    private static readonly byte[] EmailAddressAttribute = Oid("1.2.840.113549.1.9.1");

    /// <summary>Extensions the path validator processes; any other critical extension makes a certificate invalid.</summary>
    public static readonly byte[][] Processed =
    [
        DerOid.KeyUsage, DerOid.BasicConstraints, DerOid.CertificatePolicies, DerOid.SubjectAltName, DerOid.SubjectKeyIdentifier,
        DerOid.AuthorityKeyIdentifier, DerOid.CrlDistributionPoints, DerOid.ExtendedKeyUsage, DerOid.IssuerAltName,
        DerOid.AuthorityInfoAccess, DerOid.PolicyMappings, DerOid.PolicyConstraints, DerOid.InhibitAnyPolicy,
        DerOid.NameConstraints, DerOid.FreshestCrl, DerOid.SubjectInfoAccess,
    ];

    public static bool HasPolicies(JpkiCertificate certificate) => certificate.TryGetExtension(DerOid.CertificatePolicies, out _, out _);

    public static List<(string IssuerDomain, string SubjectDomain)> PolicyMappings(JpkiCertificate certificate)
    {
        var result = new List<(string, string)>();
        if (!certificate.TryGetExtension(DerOid.PolicyMappings, out var value, out _))
        {
            return result;
        }

        var outer = new DerReader(value.Span);
        var sequence = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        while (sequence.HasData)
        {
            var mapping = sequence.ReadSequence();
            var issuerDomain = mapping.ReadOid();
            var subjectDomain = mapping.ReadOid();
            mapping.ThrowIfNotEmpty();
            result.Add((issuerDomain, subjectDomain));
        }

        if (result.Count == 0)
        {
            throw new AsnContentException("policyMappings is empty.");
        }

        return result;
    }

    public static (int? RequireExplicitPolicy, int? InhibitPolicyMapping)? PolicyConstraints(JpkiCertificate certificate)
    {
        if (!certificate.TryGetExtension(DerOid.PolicyConstraints, out var value, out _))
        {
            return null;
        }

        var outer = new DerReader(value.Span);
        var sequence = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        int? require = null, inhibit = null;
        var requireTag = new Asn1Tag(TagClass.ContextSpecific, 0);
        var inhibitTag = new Asn1Tag(TagClass.ContextSpecific, 1);
        if (sequence.NextIs(requireTag))
        {
            require = SkipCerts(sequence.ReadEncodedSpan(), requireTag);
        }

        if (sequence.NextIs(inhibitTag))
        {
            inhibit = SkipCerts(sequence.ReadEncodedSpan(), inhibitTag);
        }

        sequence.ThrowIfNotEmpty();
        if (require is null && inhibit is null)
        {
            throw new AsnContentException("policyConstraints is empty.");
        }

        return (require, inhibit);
    }

    public static int? InhibitAnyPolicy(JpkiCertificate certificate)
    {
        if (!certificate.TryGetExtension(DerOid.InhibitAnyPolicy, out var value, out _))
        {
            return null;
        }

        return SkipCerts(value.Span, Asn1Tag.Integer);
    }

    public static GeneralNameValue[] SubjectAltNames(JpkiCertificate certificate)
    {
        if (!certificate.TryGetExtension(DerOid.SubjectAltName, out var value, out _))
        {
            return [];
        }

        var outer = new DerReader(value.Span);
        var names = GeneralNameValue.ReadAll(value, outer.ReadSequence());
        outer.ThrowIfNotEmpty();
        return names;
    }

    /// <summary>The emailAddress attributes of the subject name (legacy e-mail in the DN, RFC 5280 §4.1.2.6).</summary>
    public static List<string> SubjectEmailAddresses(JpkiCertificate certificate)
    {
        var result = new List<string>();
        var outer = new DerReader(certificate.SubjectRaw.Span);
        var name = outer.ReadSequence();
        while (name.HasData)
        {
            var rdn = name.ReadSetOf();
            while (rdn.HasData)
            {
                var attribute = rdn.ReadSequence();
                var type = attribute.ReadOidEncoded();
                if (type.SequenceEqual(EmailAddressAttribute))
                {
                    result.Add(attribute.ReadCharacterString(UniversalTagNumber.IA5String));
                }
                else
                {
                    attribute.ReadEncodedValue();
                }
            }
        }

        return result;
    }

    public static (List<GeneralNameValue> Permitted, List<GeneralNameValue> Excluded)? NameConstraints(JpkiCertificate certificate)
    {
        if (!certificate.TryGetExtension(DerOid.NameConstraints, out var value, out _))
        {
            return null;
        }

        var outer = new DerReader(value.Span);
        var sequence = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var permitted = new List<GeneralNameValue>();
        var excluded = new List<GeneralNameValue>();
        var permittedTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        var excludedTag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
        if (sequence.NextIs(permittedTag))
        {
            ReadSubtrees(value, sequence.ReadSequence(permittedTag), permitted);
        }

        if (sequence.NextIs(excludedTag))
        {
            ReadSubtrees(value, sequence.ReadSequence(excludedTag), excluded);
        }

        sequence.ThrowIfNotEmpty();
        return (permitted, excluded);
    }

    private static void ReadSubtrees(ReadOnlyMemory<byte> owner, DerReader subtrees, List<GeneralNameValue> into)
    {
        while (subtrees.HasData)
        {
            var subtree = subtrees.ReadSequence();
            var start = subtree;
            var slice = subtree.ReadEncodedValue();
            var names = GeneralNameValue.ReadAll(owner, new DerReader(owner.Span.Slice(slice.Offset, slice.Length), slice.Offset));
            _ = start;

            // minimum [0] DEFAULT 0 and maximum [1]: RFC 5280 profiles them out; read past.
            while (subtree.HasData)
            {
                subtree.ReadEncodedValue();
            }

            into.AddRange(names);
        }
    }

    private static int SkipCerts(ReadOnlySpan<byte> encoded, Asn1Tag tag)
    {
        var value = AsnDecoder.ReadInteger(encoded, AsnEncodingRules.DER, out var consumed, tag);
        if (consumed != encoded.Length || value.Sign < 0)
        {
            throw new AsnContentException("SkipCerts is malformed.");
        }

        return value > 1000 ? 1000 : (int)value;
    }

    public static string ToText(ReadOnlySpan<byte> ia5) => Encoding.ASCII.GetString(ia5);

    private static byte[] Oid(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return writer.Encode();
    }
}
