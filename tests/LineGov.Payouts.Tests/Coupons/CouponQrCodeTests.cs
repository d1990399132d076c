using System.Buffers.Binary;
using System.Xml.Linq;
using LineGov.Payouts.Coupons;

namespace LineGov.Payouts.Tests.Coupons;

public class CouponQrCodeTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly CouponCode Code = CouponCode.Generate();

    [Fact]
    public void Png_has_the_signature_and_a_square_size_for_a_phone_screen()
    {
        var png = CouponQrCode.RenderPng(Code);

        png.AsSpan(0, 8).ToArray().ShouldBe(PngSignature);
        System.Text.Encoding.ASCII.GetString(png, 12, 4).ShouldBe("IHDR");
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        width.ShouldBe(height);

        // 21 alphanumeric characters at level M need version 2 (25 modules) plus a 4-module quiet zone each side.
        width.ShouldBe((25 + 8) * 10);
        png.Length.ShouldBeInRange(200, 20_000);
    }

    [Fact]
    public void Png_scales_with_the_module_size()
    {
        var png = CouponQrCode.RenderPng(Code, new CouponQrOptions { PixelsPerModule = 4 });

        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)).ShouldBe((25 + 8) * 4);
    }

    [Fact]
    public void Svg_is_well_formed_xml()
    {
        var svg = CouponQrCode.RenderSvg(Code);

        var document = XDocument.Parse(svg);
        document.Root!.Name.LocalName.ShouldBe("svg");
        document.Descendants().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public void The_payload_is_the_display_form_or_the_url_with_the_compact_code()
    {
        CouponQrCode.GetPayload(Code).ShouldBe(Code.ToDisplayString());
        CouponQrCode.GetPayload(Code, new CouponQrOptions { UrlTemplate = "https://coupon.example-town.jp/r?c={code}" })
            .ShouldBe("https://coupon.example-town.jp/r?c=" + Code.ToCompactString());
    }

    [Fact]
    public void A_url_payload_renders_a_larger_symbol()
    {
        var options = new CouponQrOptions { UrlTemplate = "https://coupon.example-town.jp/redeem?code={code}" };

        var png = CouponQrCode.RenderPng(Code, options);
        var svg = CouponQrCode.RenderSvg(Code, options);

        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)).ShouldBeGreaterThan((25 + 8) * 10);
        XDocument.Parse(svg).Root!.Name.LocalName.ShouldBe("svg");
    }

    [Theory]
    [InlineData("https://coupon.example-town.jp/r")]
    [InlineData("/r?c={code}")]
    public void A_template_without_the_placeholder_or_not_absolute_is_refused(string template) =>
        Should.Throw<ArgumentException>(() => CouponQrCode.RenderPng(Code, new CouponQrOptions { UrlTemplate = template }));

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void A_module_size_out_of_range_is_refused(int pixels) =>
        Should.Throw<ArgumentException>(() => CouponQrCode.RenderSvg(Code, new CouponQrOptions { PixelsPerModule = pixels }));

    [Fact]
    public void The_default_code_cannot_be_rendered() =>
        Should.Throw<ArgumentException>(() => CouponQrCode.RenderPng(default));
}
