using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using B = LineGov.Jpki.Tests.Parsing.RawCertificateBuilder;

namespace LineGov.Jpki.Tests.Parsing;

/// <summary>Cross-checks the parser against an independent one (BouncyCastle) on the same bytes.</summary>
public sealed class BouncyCastleCrossCheckTests
{
    public static TheoryData<string> Shapes() => new()
    {
        "signature",
        "signature-test-card-bmp",
        "signature-leading-zero-serial",
        "signature-2050",
        "authentication",
        "ca",
    };

    private static byte[] Build(string shape)
    {
        switch (shape)
        {
            case "signature":
                return B.Signature().Build();
            case "signature-test-card-bmp":
                return B.Signature()
                    .WithPolicies(B.SignatureTestPolicyOid)
                    .WithOtherName(B.NameOid, "\U00020BB7野\u3000花子")
                    .WithOtherName(B.NameFlagsOid, "10000", RawStringKind.Printable)
                    .WithOtherName(B.AddressOid, "大阪府大阪市北区中之島一丁目3番20号", RawStringKind.Bmp)
                    .WithoutOtherName(B.AddressFlagsOid)
                    .AddOtherName(B.AddressFlagsOid, "0000000000000000010", RawStringKind.Ia5)
                    .WithOtherName(B.GenderOid, "3", RawStringKind.Printable)
                    .WithOtherName(B.DateOfBirthOid, "000000000")
                    .Build();
            case "signature-leading-zero-serial":
            {
                var builder = B.Signature().WithOtherName(B.DateOfBirthOid, "520190501");
                builder.SerialNumber = [0x00, 0xFF, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A];
                return builder.Build();
            }

            case "signature-2050":
            {
                var builder = B.Signature();
                builder.NotBefore = new DateTimeOffset(1950, 1, 1, 0, 0, 0, TimeSpan.Zero);
                builder.NotAfter = new DateTimeOffset(2050, 1, 1, 0, 0, 0, TimeSpan.Zero);
                return builder.Build();
            }

            case "authentication":
                return B.Authentication().Build();
            default:
                return B.CertificateAuthority().Build();
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Serial_and_validity_match_bouncy_castle(string shape)
    {
        var der = Build(shape);
        var ours = JpkiCertificate.Parse(der);
        var theirs = new X509CertificateParser().ReadCertificate(der);

        ours.SerialNumberBytes.ToArray().ShouldBe(theirs.SerialNumber.ToByteArray());
        ours.NotBefore.UtcDateTime.ShouldBe(theirs.NotBefore.ToUniversalTime());
        ours.NotAfter.UtcDateTime.ShouldBe(theirs.NotAfter.ToUniversalTime());
        ours.Version.ShouldBe(theirs.Version);
        ours.SignatureAlgorithmOid.ShouldBe(theirs.SigAlgOid);
        ours.IsCertificateAuthority.GetValueOrDefault().ShouldBe(theirs.GetBasicConstraints() >= 0);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Key_usage_matches_bouncy_castle(string shape)
    {
        var der = Build(shape);
        var ours = JpkiCertificate.Parse(der);
        var theirs = new X509CertificateParser().ReadCertificate(der).GetKeyUsage();

        if (theirs is null)
        {
            ours.KeyUsage.ShouldBeNull();
            return;
        }

        ours.KeyUsage.ShouldNotBeNull();
        var flags = (int)ours.KeyUsage.Value;
        (theirs.Length > 0 && theirs[0]).ShouldBe((flags & 0x80) != 0);
        (theirs.Length > 1 && theirs[1]).ShouldBe((flags & 0x40) != 0);
        (theirs.Length > 5 && theirs[5]).ShouldBe((flags & 0x04) != 0);
        (theirs.Length > 6 && theirs[6]).ShouldBe((flags & 0x02) != 0);
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("signature-test-card-bmp")]
    [InlineData("signature-leading-zero-serial")]
    public void Othername_values_match_bouncy_castle(string shape)
    {
        var der = Build(shape);
        var facts = JpkiCertificate.Parse(der).FourFacts;
        facts.ShouldNotBeNull();
        var theirs = ReadOtherNames(der);

        theirs.Count.ShouldBe(6);
        facts.Name.FullName.ShouldBe(theirs["1.2.392.200149.8.5.5.1"]);
        facts.Name.AlternateCharacterFlags.ShouldBe(theirs["1.2.392.200149.8.5.5.2"]);
        ((int)facts.Gender).ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(theirs["1.2.392.200149.8.5.5.3"]);
        facts.DateOfBirth.RawValue.ShouldBe(theirs["1.2.392.200149.8.5.5.4"]);
        facts.Address.Value.ShouldBe(theirs["1.2.392.200149.8.5.5.5"]);
        facts.Address.AlternateCharacterFlags.ShouldBe(theirs["1.2.392.200149.8.5.5.6"]);
    }

    [Fact]
    public void Subject_and_authority_key_identifiers_match_bouncy_castle()
    {
        var der = B.Signature().Build();
        var ours = JpkiCertificate.Parse(der);
        var theirs = new X509CertificateParser().ReadCertificate(der);

        var ski = SubjectKeyIdentifier.GetInstance(X509ExtensionUtilities.FromExtensionValue(theirs.GetExtensionValue(X509Extensions.SubjectKeyIdentifier)));
        var aki = AuthorityKeyIdentifier.GetInstance(X509ExtensionUtilities.FromExtensionValue(theirs.GetExtensionValue(X509Extensions.AuthorityKeyIdentifier)));

        ours.SubjectKeyIdentifier!.Value.ToArray().ShouldBe(ski.GetKeyIdentifier());
        ours.AuthorityKeyIdentifier!.Value.ToArray().ShouldBe(aki.GetKeyIdentifier());
    }

    [Fact]
    public void Bouncy_castle_verifies_the_builder_signature()
    {
        var theirs = new X509CertificateParser().ReadCertificate(B.Signature().Build());
        var key = Org.BouncyCastle.Security.DotNetUtilities.GetRsaPublicKey(B.Key);

        Should.NotThrow(() => theirs.Verify(key));
    }

    private static Dictionary<string, string> ReadOtherNames(byte[] der)
    {
        var certificate = new X509CertificateParser().ReadCertificate(der);
        var value = certificate.GetExtensionValue(X509Extensions.SubjectAlternativeName);
        var names = GeneralNames.GetInstance(X509ExtensionUtilities.FromExtensionValue(value));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names.GetNames())
        {
            if (name.TagNo != GeneralName.OtherName)
            {
                continue;
            }

            var sequence = Asn1Sequence.GetInstance(name.Name);
            var typeId = DerObjectIdentifier.GetInstance(sequence[0]).Id;
            var explicitValue = Asn1TaggedObject.GetInstance(sequence[1]);
            var text = ((IAsn1String)explicitValue.GetObject()).GetString();
            result.Add(typeId, text);
        }

        return result;
    }
}
