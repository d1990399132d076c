namespace LineGov.Jpki.Tests;

[Collection(AuthorityCollection.Name)]
public sealed class SmokeTests(AuthorityFixture fixture)
{
    [Fact]
    public async Task Card_signature_certificate_validates_on_the_direct_path()
    {
        using var card = fixture.Authority.IssueCard();
        var result = await fixture.CreateValidator().ValidateAsync(card.SignatureCertificate);
        result.Failures.ShouldBeEmpty();
        result.Path.ShouldBe(JpkiValidationPath.Direct);
        card.SignatureCertificate.FourFacts!.Name.FamilyName.ShouldBe("見本");
    }
}
