using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LineGov.Jpki;

namespace LineGov.Benchmarks.Jpki;

/// <summary>
/// Verifying a signed application: the signer's certificate (one level under a JPKI root) and the signature over the
/// application, cycling over 1,000 distinct certificates and keys so no per-certificate cache can help.
/// Two categories, each with its baseline: Raw (X509Chain + RSA.VerifyData) and Cms (X509Chain + SignedCms detached).
/// The Floor rows do only what the platform cannot avoid: import the leaf's RSA key and the two RSA verifications
/// (certificate signature with the root key imported once, application signature).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SignedApplicationVerification
{
    private SignedApplicationCorpus _corpus = null!;
    private JpkiSignatureVerifier _verifier = null!;
    private JpkiValidationPolicy _policy = null!;
    private X509Certificate2 _rootPlatform = null!;
    private RSA _rootKey = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _corpus = SignedApplicationCorpus.LoadOrCreate();
        var root = JpkiCertificate.Parse(_corpus.Root);
        _verifier = new JpkiSignatureVerifier(new JpkiCertificateValidator(new JpkiCertificateValidatorOptions { TrustStore = JpkiTrustStore.Empty.With(root) }));
        _policy = JpkiValidationPolicy.Default with { RevocationMode = JpkiRevocationMode.None, VerificationTime = _corpus.VerificationTime };
        _rootPlatform = X509CertificateLoader.LoadCertificate(_corpus.Root);
        _rootKey = _rootPlatform.GetRSAPublicKey()!;

        // Every row must accept every item, or the comparison means nothing.
        for (var i = 0; i < _corpus.Count; i++)
        {
            if (!BaselineRaw() || !BaselineCms() || !LineGovRaw() || !LineGovCms() || !FloorRaw() || !FloorCms())
            {
                throw new InvalidOperationException($"Item {i} does not verify in every row.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rootPlatform.Dispose();
        _rootKey.Dispose();
    }

    [Benchmark(Baseline = true, Description = "X509Chain + RSA.VerifyData")]
    [BenchmarkCategory("Raw")]
    public bool BaselineRaw()
    {
        var item = Next();
        using var certificate = X509CertificateLoader.LoadCertificate(item.Certificate);
        if (!BuildChain(certificate))
        {
            return false;
        }

        using var key = certificate.GetRSAPublicKey()!;
        return key.VerifyData(_corpus.Data, item.RawSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    [Benchmark(Description = "LineGov raw")]
    [BenchmarkCategory("Raw")]
    public bool LineGovRaw()
    {
        var item = Next();
        var certificate = JpkiCertificate.Parse(item.Certificate);
        var task = _verifier.VerifyRawAsync(certificate, _corpus.Data, item.RawSignature, _policy);
        return task.IsCompletedSuccessfully ? task.Result.IsValid : task.AsTask().GetAwaiter().GetResult().IsValid;
    }

    [Benchmark(Description = "Floor: key import + 2 RSA verifications")]
    [BenchmarkCategory("Raw")]
    public bool FloorRaw()
    {
        var item = Next();
        if (!_rootKey.VerifyData(item.Tbs, item.CertificateSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return false;
        }

        using var key = RSA.Create();
        key.ImportSubjectPublicKeyInfo(item.SubjectPublicKeyInfo, out _);
        return key.VerifyData(_corpus.Data, item.RawSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    [Benchmark(Baseline = true, Description = "X509Chain + SignedCms.CheckSignature")]
    [BenchmarkCategory("Cms")]
    public bool BaselineCms()
    {
        var item = Next();
        var cms = new SignedCms(new ContentInfo(_corpus.Data), detached: true);
        cms.Decode(item.Cms);
        var signer = cms.SignerInfos[0];
        using var certificate = signer.Certificate!;
        if (!BuildChain(certificate))
        {
            return false;
        }

        try
        {
            signer.CheckSignature(verifySignatureOnly: true);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    [Benchmark(Description = "LineGov CMS detached")]
    [BenchmarkCategory("Cms")]
    public bool LineGovCms()
    {
        var item = Next();
        var task = _verifier.VerifyDetachedCmsAsync(item.Cms, _corpus.Data, policy: _policy);
        return task.IsCompletedSuccessfully ? task.Result.IsValid : task.AsTask().GetAwaiter().GetResult().IsValid;
    }

    [Benchmark(Description = "Floor: key import + 2 RSA verifications")]
    [BenchmarkCategory("Cms")]
    public bool FloorCms()
    {
        var item = Next();
        if (!_rootKey.VerifyData(item.Tbs, item.CertificateSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return false;
        }

        using var key = RSA.Create();
        key.ImportSubjectPublicKeyInfo(item.SubjectPublicKeyInfo, out _);
        return key.VerifyData(item.SignedAttributes, item.CmsSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private bool BuildChain(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_rootPlatform);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = _corpus.VerificationTime.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        return chain.Build(certificate);
    }

    private SignedApplicationCorpus.Item Next()
    {
        var index = _next;
        _next = index + 1 == _corpus.Count ? 0 : index + 1;
        return _corpus.Items[index];
    }
}
