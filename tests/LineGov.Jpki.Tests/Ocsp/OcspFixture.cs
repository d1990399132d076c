using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LineGov.Jpki.Testing;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using BcCertificateParser = Org.BouncyCastle.X509.X509CertificateParser;

namespace LineGov.Jpki.Tests.Ocsp;

/// <summary>A test authority for the OCSP tests, with delegated responder certificates of every kind the tests need.</summary>
public sealed class OcspFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private const string OcspSigningOid = "1.3.6.1.5.5.7.3.9";
    private const string NoCheckOid = "1.3.6.1.5.5.7.48.1.5";

    private readonly List<IDisposable> _owned = [];

    public OcspFixture()
    {
        Clock = new FakeTimeProvider(Start);
        Authority = JpkiTestAuthority.Create(new JpkiTestAuthorityOptions { TimeProvider = Clock, ReuseCardKeys = true });
        var ca = Authority.GetCa(JpkiCertificateKind.Signature);
        var olderCa = Authority.GetCa(JpkiCertificateKind.Signature, "02");
        var otherKindCa = Authority.GetCa(JpkiCertificateKind.Authentication);
        Issuer = new OcspSigner(ca.Certificate, Own(ca.Certificate.GetRSAPrivateKey()!));
        OlderGenerationIssuer = new OcspSigner(olderCa.Certificate, Own(olderCa.Certificate.GetRSAPrivateKey()!));
        OtherKindIssuer = new OcspSigner(otherKindCa.Certificate, Own(otherKindCa.Certificate.GetRSAPrivateKey()!));

        Delegated = IssueResponder(ca.Certificate, "Delegated", ocspSigning: true, noCheck: false, Start.AddDays(-1), Start.AddDays(30));
        DelegatedNoCheck = IssueResponder(ca.Certificate, "Delegated nocheck", ocspSigning: true, noCheck: true, Start.AddDays(-1), Start.AddDays(30));
        DelegatedWithoutEku = IssueResponder(ca.Certificate, "Delegated without EKU", ocspSigning: false, noCheck: true, Start.AddDays(-1), Start.AddDays(30));
        DelegatedExpired = IssueResponder(ca.Certificate, "Delegated expired", ocspSigning: true, noCheck: true, Start.AddDays(-30), Start.AddDays(-1));
        DelegatedByOlderGeneration = IssueResponder(olderCa.Certificate, "Delegated by generation 02", ocspSigning: true, noCheck: true, Start.AddDays(-1), Start.AddDays(30));
        DelegatedByOtherKind = IssueResponder(otherKindCa.Certificate, "Delegated by the authentication CA", ocspSigning: true, noCheck: true, Start.AddDays(-1), Start.AddDays(30));
        DelegatedEcdsa = IssueEcdsaResponder(ca.Certificate);
        Card = Authority.IssueCard();
        OtherCard = Authority.IssueCard();
    }

    public FakeTimeProvider Clock { get; }

    public JpkiTestAuthority Authority { get; }

    /// <summary>The newest signature CA: the issuer of <see cref="Card"/>.</summary>
    public OcspSigner Issuer { get; }

    /// <summary>Generation 02 of the signature CA: the same subject name, another key.</summary>
    public OcspSigner OlderGenerationIssuer { get; }

    public OcspSigner OtherKindIssuer { get; }

    public OcspSigner Delegated { get; }

    public OcspSigner DelegatedNoCheck { get; }

    public OcspSigner DelegatedWithoutEku { get; }

    public OcspSigner DelegatedExpired { get; }

    public OcspSigner DelegatedByOlderGeneration { get; }

    public OcspSigner DelegatedByOtherKind { get; }

    /// <summary>A delegated responder with a P-256 key (BouncyCastle's), certified by the signature CA.</summary>
    public OcspSigner DelegatedEcdsa { get; }

    public JpkiTestCard Card { get; }

    public JpkiTestCard OtherCard { get; }

    public JpkiCertificate Certificate => Card.SignatureCertificate;

    public JpkiCertificate IssuerCertificate => Authority.GetCa(JpkiCertificateKind.Signature).Parsed;

    public void Dispose()
    {
        Card.Dispose();
        OtherCard.Dispose();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        Authority.Dispose();
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <summary>An end-entity certificate of the signature CA whose authorityInfoAccess names <paramref name="ocspUris"/>.</summary>
    public JpkiCertificate IssueWithOcspUris(params string[] ocspUris)
    {
        var ca = Authority.GetCa(JpkiCertificateKind.Signature).Certificate;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("C=JP, CN=OCSP AIA test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(ocspUris, null));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        using var certificate = request.Create(ca, Start.AddDays(-1), Start.AddDays(30), serial);
        return JpkiCertificate.FromX509Certificate(certificate);
    }

    private OcspSigner IssueEcdsaResponder(X509Certificate2 ca)
    {
        var generator = GeneratorUtilities.GetKeyPairGenerator("ECDSA");
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var spki = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded();
        var request = new CertificateRequest(
            new X500DistinguishedName("C=JP, O=LineGov Test, CN=OCSP Delegated ECDSA"),
            PublicKey.CreateFromSubjectPublicKeyInfo(spki, out _),
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(OcspSigningOid)], critical: false));
        using var caKey = ca.GetRSAPrivateKey()!;
        var generator2 = X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1);
        var certificate = Own(request.Create(ca.SubjectName, generator2, Start.AddDays(-1), Start.AddDays(30), [0x42, 0x01]));
        return new OcspSigner(certificate, pair.Private);
    }

    private OcspSigner IssueResponder(X509Certificate2 ca, string name, bool ocspSigning, bool noCheck, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var key = Own(RSA.Create(2048));
        var request = new CertificateRequest($"C=JP, O=LineGov Test, CN=OCSP {name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(ocspSigning
            ? new X509EnhancedKeyUsageExtension([new Oid(OcspSigningOid)], critical: false)
            : new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        if (noCheck)
        {
            request.CertificateExtensions.Add(new X509Extension(NoCheckOid, [0x05, 0x00], critical: false));
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        var certificate = Own(request.Create(ca, notBefore, notAfter, serial));
        return new OcspSigner(certificate, key);
    }
}

/// <summary>A certificate and the key that signs with it, in both the platform's and BouncyCastle's forms.</summary>
public sealed class OcspSigner
{
    public OcspSigner(X509Certificate2 certificate, RSA key)
        : this(certificate, DotNetUtilities.GetRsaKeyPair(key).Private)
    {
    }

    public OcspSigner(X509Certificate2 certificate, AsymmetricKeyParameter privateKey)
    {
        Certificate = certificate;
        Parsed = JpkiCertificate.FromX509Certificate(certificate);
        BcCertificate = new BcCertificateParser().ReadCertificate(certificate.RawData);
        PrivateKey = privateKey;
    }

    public X509Certificate2 Certificate { get; }

    public JpkiCertificate Parsed { get; }

    public BcCertificate BcCertificate { get; }

    public AsymmetricKeyParameter PrivateKey { get; }
}

[CollectionDefinition(Name)]
public sealed class OcspCollection : ICollectionFixture<OcspFixture>
{
    public const string Name = "ocsp";
}
