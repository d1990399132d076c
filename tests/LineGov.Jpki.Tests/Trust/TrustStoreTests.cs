using LineGov.Jpki.Testing;

namespace LineGov.Jpki.Tests.Trust;

[Collection(AuthorityCollection.Name)]
public sealed class TrustStoreTests(AuthorityFixture fixture)
{
    /// <summary>The J-LIS roots as published at www.jpki.go.jp/ca/ (generations 01 and 03).</summary>
    public static TheoryData<string, string> ProductionRoots => new()
    {
        { "sign_ca_2015.pem", "19645405A1FE14377434BD55957628AC4038557C542403A2243F21C706FC9355" },
        { "sign_ca_2023.pem", "D227F6CDE11D35C5252178F106F843D24651944975413B539FA2FB68DBFA365F" },
        { "auth_ca_2015.pem", "4DCFC4CA0AAF9FB2A3081B3F0C991C320B3ACC008667A341EEAEC5AF1D58CA7D" },
        { "auth_ca_2023.pem", "64114F29620C24ED2631D46476A040E7EE740D956089C00B036A6A8118C322B5" },
    };

    [Theory]
    [MemberData(nameof(ProductionRoots))]
    public void Embedded_production_root_has_the_published_fingerprint(string label, string sha256)
    {
        var anchor = JpkiTrustStore.Production.Anchors.Single(a => a.Label == label);

        anchor.Sha256Thumbprint.ShouldBe(sha256);
        anchor.Source.ShouldBe(JpkiTrustAnchorSource.EmbeddedProduction);
        anchor.Certificate.IsCertificateAuthority.ShouldBe(true);
        anchor.Certificate.IsSelfIssued.ShouldBeTrue();
    }

    [Fact]
    public void Production_store_holds_exactly_the_four_published_roots()
    {
        JpkiTrustStore.Production.Anchors.Select(a => a.Sha256Thumbprint).ShouldBe(ProductionRoots.Select(r => (string)r[1]), ignoreOrder: true);
    }

    [Fact]
    public void Generations_of_one_ca_share_a_subject_and_differ_by_key_identifier()
    {
        var signature = JpkiTrustStore.Production.Anchors.Where(a => a.Label.StartsWith("sign_", StringComparison.Ordinal)).ToList();

        signature.Select(a => a.Certificate.Subject).Distinct().ShouldHaveSingleItem();
        signature.Select(a => Convert.ToHexString(a.Certificate.SubjectKeyIdentifier!.Value.Span)).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public void Adding_anchors_returns_a_new_store_and_ignores_duplicates()
    {
        var roots = fixture.Authority.Roots;
        var store = JpkiTrustStore.Production.With(roots).With(roots[0]);

        store.Anchors.Count.ShouldBe(JpkiTrustStore.Production.Anchors.Count + roots.Count);
        store.Anchors.Skip(JpkiTrustStore.Production.Anchors.Count).ShouldAllBe(a => a.Source == JpkiTrustAnchorSource.Added);
        JpkiTrustStore.Production.Anchors.Count.ShouldBe(4);
    }

    [Fact]
    public async Task Anchors_load_from_a_folder_of_pem_and_der_files()
    {
        var folder = Directory.CreateTempSubdirectory("linegov-trust-");
        try
        {
            var ca = fixture.Authority.GetCa(JpkiCertificateKind.Signature, "02").Parsed;
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "generation-02.pem"), "J-LIS generation 02 (テスト)\n" + ca.ExportPem());
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "authentication.der"), fixture.Authority.GetCa(JpkiCertificateKind.Authentication).Parsed.RawData.ToArray());
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "notes.txt"), "not a certificate, not read");

            var store = await JpkiTrustStore.Empty.WithAnchorsFromAsync(folder.FullName);

            store.Anchors.Count.ShouldBe(2);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_a_certificate_is_a_clear_error()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

            var error = await Should.ThrowAsync<JpkiFormatException>(() => JpkiTrustStore.Empty.WithAnchorsFromAsync(file));

            error.Message.ShouldContain(Path.GetFileName(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Issuer_candidates_put_the_key_identifier_match_first()
    {
        using var certificate = fixture.Authority.IssueSignatureCertificate(JpkiTestIdentity.Default, new JpkiTestCertificateOptions { Generation = "02" });
        var parsed = JpkiCertificate.FromX509Certificate(certificate);

        var candidates = fixture.TrustStore.FindIssuerCandidates(parsed);

        candidates[0].Sha256Thumbprint.ShouldBe(fixture.Authority.GetCa(JpkiCertificateKind.Signature, "02").Parsed.Sha256Thumbprint);
        candidates.Count.ShouldBe(3);
    }
}
