using QRCoder;

namespace LineGov.Payouts.Coupons;

/// <summary>Options of <see cref="CouponQrCode"/>.</summary>
public sealed class CouponQrOptions
{
    /// <summary>The placeholder in <see cref="UrlTemplate"/> replaced by the compact code.</summary>
    public const string CodePlaceholder = "{code}";

    /// <summary>
    /// An absolute http(s) URL with <c>{code}</c> where the compact code goes (such as
    /// <c>https://coupon.example-town.jp/r?c={code}</c>), so a phone camera opens the redemption page; when null (the
    /// default) the QR code holds the code itself in its display form, for shop scanners.
    /// </summary>
    public string? UrlTemplate { get; set; }

    /// <summary>The size of one QR module in pixels (PNG) or user units (SVG), 1 to 64. Default 10.</summary>
    public int PixelsPerModule { get; set; } = 10;
}

/// <summary>
/// QR images (QR コード) of a coupon's code for a phone screen or a paper slip, at error-correction level M (15 % of
/// the symbol may be damaged or covered and it still reads).
/// </summary>
/// <remarks>The image carries the bearer secret: treat the bytes like the code itself (no logs, no caches).</remarks>
public static class CouponQrCode
{
    /// <summary>The text the QR code holds: the display form of the code, or the URL template with the compact code.</summary>
    public static string GetPayload(CouponCode code, CouponQrOptions? options = null)
    {
        if (code.IsDefault)
        {
            throw new ArgumentException("The code is default(CouponCode).", nameof(code));
        }

        var template = options?.UrlTemplate;
        if (template is null)
        {
            return code.ToDisplayString();
        }

        if (!template.Contains(CouponQrOptions.CodePlaceholder, StringComparison.Ordinal)
            || !Uri.TryCreate(template.Replace(CouponQrOptions.CodePlaceholder, "X", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            // Uri calls "/r?c=X" absolute on Unix (a file path): only a web address makes sense in a QR code.
            throw new ArgumentException("CouponQrOptions.UrlTemplate must be an absolute http(s) URL containing {code}.", nameof(options));
        }

        // The compact code is upper-case letters and digits only: safe in any part of a URL without escaping.
        return template.Replace(CouponQrOptions.CodePlaceholder, code.ToCompactString(), StringComparison.Ordinal);
    }

    /// <summary>A PNG image of the QR code (black on white, with the standard quiet zone).</summary>
    public static byte[] RenderPng(CouponCode code, CouponQrOptions? options = null)
    {
        using var data = Encode(code, options);
        return new PngByteQRCode(data).GetGraphic(PixelsPerModule(options));
    }

    /// <summary>An SVG document of the QR code (black on white, with the standard quiet zone).</summary>
    public static string RenderSvg(CouponCode code, CouponQrOptions? options = null)
    {
        using var data = Encode(code, options);
        return new SvgQRCode(data).GetGraphic(PixelsPerModule(options));
    }

    private static QRCodeData Encode(CouponCode code, CouponQrOptions? options)
    {
        var payload = GetPayload(code, options);
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
    }

    private static int PixelsPerModule(CouponQrOptions? options)
    {
        var pixels = options?.PixelsPerModule ?? 10;
        return pixels is >= 1 and <= 64
            ? pixels
            : throw new ArgumentException("CouponQrOptions.PixelsPerModule must be 1 to 64.", nameof(options));
    }
}
