using System.Text;

namespace LineGov.Jpki.Tests.Signatures;

[Collection(AuthorityCollection.Name)]
public sealed class CmsDirectPathTests(AuthorityFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cms_made_by_signed_cms_is_read_on_the_direct_path(bool detached)
    {
        using var card = fixture.Authority.IssueCard();
        var cms = card.SignCms(Encoding.UTF8.GetBytes("application"), new Testing.JpkiCmsSigningOptions { Detached = detached });

        var direct = CmsSignedData.TryReadDirect(cms);

        direct.ShouldNotBeNull();
        direct.FindSignerCertificate().ShouldNotBeNull();
    }
}
