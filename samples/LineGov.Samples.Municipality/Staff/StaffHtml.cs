using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace LineGov.Samples.Municipality.Staff;

/// <summary>What every staff page needs from the request: who is logged in, the anti-forgery field, the CSP nonce.</summary>
/// <param name="UserId">The logged-in staff id; null on the login page.</param>
/// <param name="IsApprover">True when the user has the approver role.</param>
/// <param name="AntiforgeryField">The hidden input carrying the anti-forgery token (already HTML).</param>
/// <param name="Nonce">The CSP nonce for the inline style and script.</param>
internal sealed record StaffPageContext(string? UserId, bool IsApprover, string AntiforgeryField, string Nonce);

/// <summary>The common layout and the HTML helpers of the staff side.</summary>
internal static class StaffHtml
{
    // Japanese text stays readable in the page source (and in tests reading it); only markup characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Css = """
        :root { --ink: #1a1a1a; --muted: #555; --line: #d0d5dc; --brand: #0b5394; --bg: #f6f7f9; --error: #b00020; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: "Hiragino Sans", "Noto Sans JP", "Yu Gothic", sans-serif; color: var(--ink); background: var(--bg); line-height: 1.6; }
        header { background: var(--brand); color: #fff; padding: .6rem 1.2rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
        header .brand { font-weight: bold; font-size: 1.1rem; margin-right: auto; }
        header nav a { color: #fff; margin-right: .9rem; text-decoration: none; padding: .2rem .3rem; border-bottom: 2px solid transparent; }
        header nav a[aria-current="page"] { border-bottom-color: #fff; font-weight: bold; }
        header .user { display: flex; gap: .5rem; align-items: center; }
        header form { margin: 0; }
        main { max-width: 1100px; margin: 1.2rem auto; padding: 0 1.2rem; }
        h1 { font-size: 1.4rem; margin: .4rem 0 1rem; }
        h2 { font-size: 1.1rem; margin: 1.4rem 0 .6rem; }
        .panel { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.2rem; margin-bottom: 1rem; }
        .counts { display: flex; flex-wrap: wrap; gap: 1rem; }
        .count { flex: 1 1 10rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; }
        .count .label { color: var(--muted); font-size: .9rem; }
        .count .value { font-size: 1.8rem; font-weight: bold; }
        .note { color: var(--muted); font-size: .9rem; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { border-bottom: 1px solid var(--line); padding: .45rem .5rem; text-align: left; vertical-align: top; font-size: .95rem; }
        th { background: #eef1f5; }
        button, input[type=submit] { font: inherit; padding: .45rem 1rem; border-radius: 4px; border: 1px solid var(--brand); background: var(--brand); color: #fff; cursor: pointer; }
        button.secondary { background: #fff; color: var(--brand); }
        header button { background: transparent; border-color: #fff; padding: .15rem .6rem; }
        label { display: block; font-weight: bold; margin-top: .8rem; }
        input[type=text], input[type=password], input[type=date], select { font: inherit; padding: .4rem; width: 100%; max-width: 28rem; border: 1px solid #8a939e; border-radius: 4px; }
        .error, .field-error { color: var(--error); }
        .flash { background: #e7f4ea; border: 1px solid #9ccaa6; padding: .6rem 1rem; border-radius: 4px; }
        #result, #payout-result { border-left: 6px solid var(--brand); }
        #result[data-status="ineligible"], #result[data-status="error"], #payout-result[data-status="error"] { border-left-color: var(--error); }
        #result[data-status="needs-review"], #result[data-status="already-applied"] { border-left-color: #b26a00; }
        svg.chart { width: 100%; height: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
        svg.chart .grid { stroke: #e3e6ea; }
        svg.chart .axis { stroke: #333; }
        svg.chart text { font-size: 12px; fill: #333; }
        svg.chart .axis-label { font-size: 13px; font-weight: bold; }
        .actions { display: flex; gap: .8rem; flex-wrap: wrap; align-items: center; margin: .8rem 0; }
        """;

    /// <summary>Encodes text for HTML content and attribute values.</summary>
    public static string Encode(string? value) => Encoder.Encode(value ?? string.Empty);

    /// <summary>The page in the common layout.</summary>
    /// <param name="context">The request's page context.</param>
    /// <param name="title">The page title.</param>
    /// <param name="active">The current nav entry: dashboard, review, counter, payouts (or null).</param>
    /// <param name="body">The main content (HTML).</param>
    /// <param name="script">Optional inline script (runs with the CSP nonce).</param>
    public static string Layout(StaffPageContext context, string title, string? active, string body, string? script = null)
    {
        var html = new StringBuilder(4096 + body.Length);
        html.Append("<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(Encode(title)).Append(" | ").Append(StaffText.Municipality).Append(' ').Append(StaffText.Service).Append("</title>");
        html.Append("<style nonce=\"").Append(Encode(context.Nonce)).Append("\">").Append(Css).Append("</style></head><body>");
        html.Append("<header><div class=\"brand\">").Append(StaffText.Municipality).Append(' ').Append(StaffText.Service).Append("</div>");
        if (context.UserId is not null)
        {
            html.Append("<nav aria-label=\"職員メニュー\">");
            NavLink(html, "/staff", "ダッシュボード", active == "dashboard");
            NavLink(html, "/staff/review", "審査", active == "review");
            NavLink(html, "/staff/counter", "窓口申請", active == "counter");
            NavLink(html, "/staff/payouts", "支払", active == "payouts");
            html.Append("</nav><div class=\"user\"><span id=\"current-user\">")
                .Append(Encode(context.UserId)).Append(context.IsApprover ? "（承認者）" : "（審査担当）").Append("</span>")
                .Append("<form method=\"post\" action=\"/staff/logout\">").Append(context.AntiforgeryField)
                .Append("<button id=\"logout\" type=\"submit\">ログアウト</button></form></div>");
        }

        html.Append("</header><main>").Append(body).Append("</main>");
        if (script is not null)
        {
            html.Append("<script nonce=\"").Append(Encode(context.Nonce)).Append("\">").Append(script).Append("</script>");
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    private static void NavLink(StringBuilder html, string href, string text, bool current)
    {
        html.Append("<a href=\"").Append(href).Append('"');
        if (current)
        {
            html.Append(" aria-current=\"page\"");
        }

        html.Append('>').Append(text).Append("</a>");
    }
}
