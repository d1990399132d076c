using System.Globalization;
using System.Text;
using LineGov.Payouts;
using static LineGov.Samples.Municipality.Staff.StaffHtml;

namespace LineGov.Samples.Municipality.Staff;

/// <summary>The counter form's values as entered (strings: an invalid entry is shown again as typed).</summary>
internal sealed record CounterForm(string FamilyName, string GivenName, string DateOfBirth, string Gender, string Address)
{
    public static CounterForm Empty { get; } = new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
}

/// <summary>The pages of the staff side (server-rendered HTML).</summary>
internal static class StaffPages
{
    public static string Login(StaffPageContext context, string returnUrl, bool failed)
    {
        var body = new StringBuilder();
        body.Append("<h1>職員ログイン</h1><div class=\"panel\">");
        if (failed)
        {
            body.Append("<p class=\"error\" role=\"alert\">ユーザーIDまたはパスワードが正しくありません。もう一度入力してください。</p>");
        }

        body.Append("<form method=\"post\" action=\"/staff/login\">").Append(context.AntiforgeryField)
            .Append("<input type=\"hidden\" name=\"ReturnUrl\" value=\"").Append(Encode(returnUrl)).Append("\">")
            .Append("<label for=\"username\">ユーザーID</label><input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus>")
            .Append("<label for=\"password\">パスワード</label><input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>")
            .Append("<div class=\"actions\"><button id=\"login\" type=\"submit\">ログイン</button></div></form></div>");
        return Layout(context, "ログイン", null, body.ToString());
    }

    public static string Dashboard(StaffPageContext context, IReadOnlyList<ApplicationView> all, LedgerSummary summary, DateTimeOffset now)
    {
        var approved = summary.CountOf(PayoutState.Approved) + summary.CountOf(PayoutState.Issued) + summary.CountOf(PayoutState.Settled)
            + summary.CountOf(PayoutState.Failed) + summary.CountOf(PayoutState.Reversed);
        var paid = summary.CountOf(PayoutState.Issued) + summary.CountOf(PayoutState.Settled);
        var paidAmount = summary.Amounts.GetValueOrDefault(PayoutState.Issued) + summary.Amounts.GetValueOrDefault(PayoutState.Settled);
        var needsReview = all.Count(a => string.Equals(a.Status, "needs-review", StringComparison.OrdinalIgnoreCase));

        var body = new StringBuilder();
        body.Append("<h1>ダッシュボード</h1><section class=\"counts\" aria-label=\"件数\">");
        Count(body, "count-received", "申請受付（全申請）", all.Count);
        Count(body, "count-approved", "承認済み世帯", approved);
        Count(body, "count-paid", "支払済み世帯", paid);
        body.Append("</section><p class=\"note\">承認待ち世帯 ").Append(summary.CountOf(PayoutState.Received).ToString("N0", CultureInfo.InvariantCulture))
            .Append("件 ／ 要審査の申請 ").Append(needsReview.ToString("N0", CultureInfo.InvariantCulture))
            .Append("件 ／ 支払総額 ").Append(paidAmount.ToString("N0", CultureInfo.InvariantCulture)).Append("円（")
            .Append(StaffText.FormatJst(now)).Append(" 時点）</p>");

        body.Append("<h2>日別の申請件数</h2>").Append(PerDayChart(all, now));
        body.Append("<h2>時間帯別の申請件数</h2>").Append(PerHourChart(all));
        body.Append("<h2>申請方法別の申請・承認・支払</h2>").Append(ByChannelChart(all));
        return Layout(context, "ダッシュボード", "dashboard", body.ToString());
    }

    private static void Count(StringBuilder body, string id, string label, long value) =>
        body.Append("<div class=\"count\"><div class=\"label\">").Append(label).Append("</div><div class=\"value\"><span id=\"").Append(id).Append("\">")
            .Append(value.ToString(CultureInfo.InvariantCulture)).Append("</span> 件</div></div>");

    internal static string PerDayChart(IReadOnlyList<ApplicationView> all, DateTimeOffset now)
    {
        const int MaxDays = 31;
        var byDay = all.GroupBy(a => DateOnly.FromDateTime(StaffText.ToJst(a.ReceivedAt).DateTime)).ToDictionary(g => g.Key, g => (long)g.Count());
        var last = byDay.Count > 0 ? byDay.Keys.Max() : DateOnly.FromDateTime(StaffText.ToJst(now).DateTime);
        var first = byDay.Count > 0 ? byDay.Keys.Min() : last;
        if (last.DayNumber - first.DayNumber >= MaxDays)
        {
            first = last.AddDays(-(MaxDays - 1));
        }

        var days = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays).ToList();
        var values = days.Select(d => byDay.GetValueOrDefault(d)).ToList();
        var labels = days.Select(d => d.ToString("M/d", CultureInfo.InvariantCulture)).ToList();
        var peak = days.Count == 0 ? "" : $"最多は{days[values.IndexOf(values.Max())]:M月d日}の{values.Max()}件。";
        return SvgCharts.BarChart(
            "chart-per-day",
            "日別の申請件数",
            $"{first:yyyy年M月d日}から{last:yyyy年M月d日}までの日別の申請件数（日本時間）。合計{values.Sum()}件。{peak}",
            labels,
            [new ChartSeries("申請", "#0b5394", values)],
            "受付日（日本時間）",
            "申請件数（件）",
            labelEvery: Math.Max(1, (int)Math.Ceiling(days.Count / 12.0)));
    }

    internal static string PerHourChart(IReadOnlyList<ApplicationView> all)
    {
        var values = new long[24];
        foreach (var application in all)
        {
            values[StaffText.ToJst(application.ReceivedAt).Hour]++;
        }

        var peakHour = Array.IndexOf(values, values.Max());
        return SvgCharts.BarChart(
            "chart-per-hour",
            "時間帯別の申請件数",
            $"受付時刻（日本時間、0時から23時）ごとの申請件数。合計{values.Sum()}件。最多は{peakHour}時台の{values[peakHour]}件。",
            Enumerable.Range(0, 24).Select(h => h.ToString(CultureInfo.InvariantCulture)).ToList(),
            [new ChartSeries("申請", "#0b5394", values)],
            "受付時刻（時、日本時間）",
            "申請件数（件）",
            labelEvery: 2);
    }

    internal static string ByChannelChart(IReadOnlyList<ApplicationView> all)
    {
        long[] Row(ChannelKind kind)
        {
            var mine = all.Where(a => StaffText.NormalizeChannel(a.Channel) == kind).ToList();
            return [mine.Count, mine.Count(a => StaffText.IsApproved(a.Status)), mine.Count(a => StaffText.IsPaid(a.Status))];
        }

        var line = Row(ChannelKind.Line);
        var counter = Row(ChannelKind.Counter);
        return SvgCharts.BarChart(
            "chart-by-channel",
            "申請方法別の申請・承認・支払",
            $"LINE：申請{line[0]}件、承認{line[1]}件、支払{line[2]}件。窓口：申請{counter[0]}件、承認{counter[1]}件、支払{counter[2]}件。",
            ["申請", "承認", "支払"],
            [new ChartSeries("LINE", "#06803a", line), new ChartSeries("窓口", "#b35c00", counter)],
            "段階",
            "件数（件）");
    }

    public static string Review(StaffPageContext context, IReadOnlyList<ApplicationView> queue, string? flash)
    {
        var body = new StringBuilder();
        body.Append("<h1>審査</h1>");
        if (flash is not null)
        {
            body.Append("<p class=\"flash\" id=\"flash\" role=\"status\">").Append(Encode(flash)).Append("</p>");
        }

        body.Append("<p class=\"note\">住民記録との照合で確認が必要な申請（候補が複数、外字・異体字の氏名、該当なし）と、承認待ちの申請です。氏名は一部を伏せて表示しています。</p>");
        body.Append("<p>対象 <span id=\"queue-count\">").Append(queue.Count.ToString(CultureInfo.InvariantCulture)).Append("</span> 件</p>");
        body.Append("<form method=\"post\" action=\"/staff/review/approve\">").Append(context.AntiforgeryField);
        if (context.IsApprover)
        {
            body.Append("<div class=\"actions\"><button id=\"bulk-approve\" type=\"submit\">選択した申請を承認</button></div>");
        }
        else
        {
            body.Append("<p class=\"note\">承認は承認者が行います。</p>");
        }

        body.Append("<table><caption class=\"note\">審査待ちの申請一覧</caption><thead><tr>")
            .Append("<th scope=\"col\"><input type=\"checkbox\" id=\"select-all\" aria-label=\"すべて選択\"></th>")
            .Append("<th scope=\"col\">申請番号</th><th scope=\"col\">氏名</th><th scope=\"col\">申請方法</th><th scope=\"col\">受付日時（日本時間）</th><th scope=\"col\">状態</th><th scope=\"col\">理由</th></tr></thead><tbody>");
        foreach (var application in queue)
        {
            var id = Encode(application.ApplicationId);
            body.Append("<tr class=\"application\" data-application-id=\"").Append(id).Append("\">")
                .Append("<td><input type=\"checkbox\" name=\"selected\" value=\"").Append(id).Append("\" aria-label=\"").Append(id).Append(" を選択\"></td>")
                .Append("<td>").Append(id).Append("</td>")
                .Append("<td class=\"name\">").Append(Encode(application.MaskedName)).Append("</td>")
                .Append("<td class=\"channel\">").Append(Encode(StaffText.Channel(application.Channel))).Append("</td>")
                .Append("<td class=\"received-at\"><time datetime=\"").Append(Encode(StaffText.ToJst(application.ReceivedAt).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)))
                .Append("\">").Append(StaffText.FormatJst(application.ReceivedAt)).Append("</time></td>")
                .Append("<td class=\"status\" data-status=\"").Append(Encode(application.Status)).Append("\">").Append(Encode(StaffText.Status(application.Status))).Append("</td>")
                .Append("<td class=\"reasons\">");
            if (application.Reasons.Count == 0 && string.Equals(application.Status, "received", StringComparison.OrdinalIgnoreCase))
            {
                body.Append("<span class=\"reason\" data-reason=\"awaiting-approval\">承認待ち</span>");
            }

            for (var i = 0; i < application.Reasons.Count; i++)
            {
                var code = application.Reasons[i];
                body.Append(i > 0 ? "、" : string.Empty).Append("<span class=\"reason\" data-reason=\"").Append(Encode(code)).Append("\" title=\"")
                    .Append(Encode(code)).Append("\">").Append(Encode(StaffText.Reason(code))).Append("</span>");
            }

            body.Append("</td></tr>");
        }

        if (queue.Count == 0)
        {
            body.Append("<tr><td colspan=\"7\">審査待ちの申請はありません。</td></tr>");
        }

        body.Append("</tbody></table></form>");
        const string Script = """
            document.getElementById('select-all').addEventListener('change', function (e) {
              document.querySelectorAll('input[name=selected]').forEach(function (box) { box.checked = e.target.checked; });
            });
            """;
        return Layout(context, "審査", "review", body.ToString(), Script);
    }

    public static string Counter(StaffPageContext context, CounterForm form, IReadOnlyDictionary<string, string> errors, ApplyResponse? result)
    {
        var body = new StringBuilder();
        body.Append("<h1>窓口申請</h1>");
        if (result is not null)
        {
            body.Append("<section class=\"panel\" id=\"result\" role=\"status\" data-status=\"").Append(Encode(result.Status)).Append("\">")
                .Append("<p><strong>").Append(Encode(StaffText.Status(result.Status))).Append("</strong></p><p class=\"message\">").Append(Encode(result.Message)).Append("</p>");
            if (!string.IsNullOrEmpty(result.ApplicationId))
            {
                body.Append("<p class=\"note\">申請番号 <span id=\"application-id\">").Append(Encode(result.ApplicationId)).Append("</span></p>");
            }

            body.Append("</section>");
        }

        body.Append("<div class=\"panel\"><p class=\"note\">スマートフォンをお持ちでない方の申請を、マイナンバーカードまたは住民票の記載どおりに入力してください。LINEでの申請と同じく、1世帯1回の受付です。</p>");
        if (errors.Count > 0)
        {
            body.Append("<p class=\"error\" role=\"alert\">入力内容を確認してください。</p>");
        }

        body.Append("<form method=\"post\" action=\"/staff/counter\" novalidate>").Append(context.AntiforgeryField);
        TextField(body, "family-name", "familyName", "氏", form.FamilyName, errors, "text");
        TextField(body, "given-name", "givenName", "名", form.GivenName, errors, "text");
        TextField(body, "date-of-birth", "dateOfBirth", "生年月日（西暦 yyyy-MM-dd）", form.DateOfBirth, errors, "date");
        body.Append("<label for=\"gender\">性別</label><select id=\"gender\" name=\"gender\" required").Append(Described("gender", errors)).Append('>')
            .Append("<option value=\"\">選択してください</option>")
            .Append("<option value=\"male\"").Append(form.Gender == "male" ? " selected" : string.Empty).Append(">男性</option>")
            .Append("<option value=\"female\"").Append(form.Gender == "female" ? " selected" : string.Empty).Append(">女性</option></select>");
        FieldError(body, "gender", errors);
        TextField(body, "address", "address", "住所", form.Address, errors, "text");
        body.Append("<div class=\"actions\"><button id=\"submit\" type=\"submit\">申請を受け付ける</button></div></form></div>");
        return Layout(context, "窓口申請", "counter", body.ToString());
    }

    private static void TextField(StringBuilder body, string id, string name, string label, string value, IReadOnlyDictionary<string, string> errors, string type)
    {
        body.Append("<label for=\"").Append(id).Append("\">").Append(label).Append("</label><input type=\"").Append(type).Append("\" id=\"").Append(id)
            .Append("\" name=\"").Append(name).Append("\" value=\"").Append(Encode(value)).Append("\" autocomplete=\"off\" required").Append(Described(id, errors)).Append('>');
        FieldError(body, id, errors);
    }

    private static string Described(string id, IReadOnlyDictionary<string, string> errors) =>
        errors.ContainsKey(id) ? $" aria-invalid=\"true\" aria-describedby=\"{id}-error\"" : string.Empty;

    private static void FieldError(StringBuilder body, string id, IReadOnlyDictionary<string, string> errors)
    {
        if (errors.TryGetValue(id, out var message))
        {
            body.Append("<div class=\"field-error\" id=\"").Append(id).Append("-error\" data-field=\"").Append(id).Append("\">").Append(Encode(message)).Append("</div>");
        }
    }

    public static string Payouts(StaffPageContext context, LedgerSummary summary, PayoutRunView? run, string? error)
    {
        var body = new StringBuilder();
        body.Append("<h1>支払</h1>");
        if (error is not null)
        {
            body.Append("<section class=\"panel\" id=\"payout-result\" role=\"status\" data-status=\"error\"><p class=\"error\">").Append(Encode(error)).Append("</p></section>");
        }
        else if (run is not null)
        {
            var points = string.Equals(run.Channel, "points", StringComparison.OrdinalIgnoreCase);
            body.Append("<section class=\"panel\" id=\"payout-result\" role=\"status\" data-status=\"done\" data-channel=\"").Append(Encode(run.Channel))
                .Append("\" data-issued=\"").Append(run.Issued.ToString(CultureInfo.InvariantCulture))
                .Append("\" data-failed=\"").Append(run.Failed.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append("<p>").Append(points ? "ポイントでの支払" : "全銀ファイルの作成").Append("が終わりました（実行番号 ").Append(Encode(run.RunId)).Append("）。</p>")
                .Append("<p>支払 <strong class=\"issued\">").Append(run.Issued.ToString(CultureInfo.InvariantCulture)).Append("</strong> 件、失敗 <strong class=\"failed\">")
                .Append(run.Failed.ToString(CultureInfo.InvariantCulture)).Append("</strong> 件。支払った世帯の申請者にはLINEでお知らせしました。</p>");
            if (run.Files.Count > 0)
            {
                body.Append("<p>全銀ファイル（銀行へ送るファイル）：</p><ul>");
                for (var i = 0; i < run.Files.Count; i++)
                {
                    var name = run.Files[i];
                    body.Append("<li><a").Append(i == 0 ? " id=\"download-zengin\"" : string.Empty).Append(" class=\"download-zengin\" href=\"/staff/payouts/files/")
                        .Append(Encode(Uri.EscapeDataString(name))).Append("\" download>").Append(Encode(name)).Append("</a></li>");
                }

                body.Append("</ul>");
            }
            else if (!points)
            {
                body.Append("<p class=\"note\">支払う世帯がなかったため、ファイルは作成していません。</p>");
            }

            body.Append("</section>");
        }

        body.Append("<div class=\"panel\"><p>承認済みで支払待ちの世帯：<strong id=\"count-approved-waiting\">")
            .Append(summary.CountOf(PayoutState.Approved).ToString(CultureInfo.InvariantCulture)).Append("</strong> 件（")
            .Append(summary.Amounts.GetValueOrDefault(PayoutState.Approved).ToString("N0", CultureInfo.InvariantCulture)).Append("円）</p>")
            .Append("<p class=\"note\">支払は世帯ごとに1回だけ行われます。同じ操作をもう一度行っても二重には支払われません。</p>")
            .Append("<div class=\"actions\"><form method=\"post\" action=\"/staff/payouts/points\">").Append(context.AntiforgeryField)
            .Append("<button id=\"run-points\" type=\"submit\">ポイントで支払う</button></form>")
            .Append("<form method=\"post\" action=\"/staff/payouts/zengin\">").Append(context.AntiforgeryField)
            .Append("<button id=\"run-zengin\" type=\"submit\" class=\"secondary\">全銀ファイルを作成する</button></form></div></div>");
        return Layout(context, "支払", "payouts", body.ToString());
    }

    public static string Message(StaffPageContext context, string title, string message) =>
        Layout(context, title, null, $"<h1>{Encode(title)}</h1><div class=\"panel\"><p class=\"error\">{Encode(message)}</p><p><a href=\"/staff\">ダッシュボードへ戻る</a></p></div>");
}
