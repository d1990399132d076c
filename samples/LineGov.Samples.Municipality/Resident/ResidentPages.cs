using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using LineGov.Eligibility;
using LineGov.Messaging.Testing;
using LineGov.Samples.Municipality.Infrastructure;

namespace LineGov.Samples.Municipality.Resident;

/// <summary>Server-rendered pages of the resident side (no CDN, no front-end build; a little inline CSS and JS).</summary>
internal static class ResidentPages
{
    private const string Style =
        """
        <style>
        body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;margin:0;background:#f6f7f9;color:#1b1f24;line-height:1.7}
        header{background:#06c755;color:#fff;padding:1rem 1.25rem}header h1{margin:0;font-size:1.25rem}
        main{max-width:44rem;margin:0 auto;padding:1rem 1.25rem}section{background:#fff;border-radius:.75rem;padding:1rem 1.25rem;margin:1rem 0;box-shadow:0 1px 2px #0001}
        a.button,button{display:inline-block;background:#06c755;color:#fff;border:0;border-radius:.5rem;padding:.75rem 1.25rem;font-size:1rem;text-decoration:none;cursor:pointer}
        button.secondary{background:#4b5563}button:disabled{background:#9ca3af}
        #result{margin-top:1rem;padding:1rem;border-radius:.5rem;background:#eef2f7;min-height:1rem}
        #result[data-status=received]{background:#e7f8ee}#result[data-status=already-applied]{background:#fff6e0}
        #result[data-status=ineligible],#result[data-status=error]{background:#fdecec}#result[data-status=needs-review]{background:#eaf2fd}
        table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-bottom:1px solid #e5e7eb;padding:.35rem;text-align:left}
        .note{color:#555;font-size:.9rem}.inline{display:inline}.inbox li{margin:.25rem 0}
        </style>
        """;

    // Japanese stays readable in the page source; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Front(BenefitProgram program, SampleHost host)
    {
        var window = program.ApplicationWindow;
        var from = window.Opens.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        var to = window.Closes.ToOffset(TimeSpan.FromHours(9)).AddTicks(-1).ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        var reference = program.ReferenceDate.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <section><h2>どんな給付ですか</h2>
            <p>物価の高騰が続くなか、町民の皆さまの暮らしを応援するため、<strong>1世帯あたり30,000円分</strong>を当麻町地域ポイントでお支払いします。</p></section>
            <section><h2>対象となる方</h2>
            <p>基準日（{E(reference)}）に当麻町の住民基本台帳に記録されている世帯です。給付は<strong>1世帯に1回</strong>です。同じ世帯のどなたか1人が申請してください。</p></section>
            <section><h2>申請のしかた</h2>
            <ol><li>LINEで当麻町公式アカウントを友だち追加します。</li>
            <li>メニューの「物価高騰支援」を開き、マイナンバーカードをスマートフォンで読み取って申請します（署名用電子証明書の暗証番号が必要です）。</li>
            <li>その場で結果が表示され、LINEにもお知らせが届きます。お支払いのときもLINEでお知らせします。</li></ol>
            <p>申請期間：{E(from)}〜{E(to)}</p>
            <p><a id="apply-link" class="button" href="/liff/apply">申請ページを開く</a></p>
            <p class="note">スマートフォンをお持ちでない方は、{E(ResidentMessages.Contact(program))}の窓口で申請できます。</p></section>
            """);
        if (host.IsEmulator)
        {
            body.Append("""<section><h2>デモ環境</h2><p class="note">これは LineGov のサンプルです。住民とLINEはシミュレーターで再現しています。<a href="/simulator">シミュレーター</a>から住民として友だち追加・申請を試せます。職員画面は <a href="/staff">/staff</a> です。</p></section>""");
        }

        return Page(program.Name, body.ToString());
    }

    public static string Apply(BenefitProgram program, SampleHost host, string resident, string user, string? idToken)
    {
        var simulated = host.IsEmulator;
        var body = $$"""
            <section><h2>マイナンバーカードで申請</h2>
            <p>{{E(program.Name)}}（1世帯30,000円分）を申請します。「申請する」を押すと、マイナンバーカードの署名用電子証明書で本人確認を行います。</p>
            {{(simulated ? "<p class=\"note\">デモ：カードの読み取りはシミュレーターが行います。</p>" : string.Empty)}}
            <button id="apply" type="button">申請する</button>
            <div id="result" role="status" aria-live="polite"></div></section>
            <script>
            // In Emulator/TestAuthority mode the JPKI step is played on the server by the card simulator
            // (POST /api/simulator/sign) and the ID token is the one LINE would give this LIFF app for the user.
            // A real deployment loads the LIFF SDK (liff.js, from its own server: no CDN here), calls
            // liff.init({ liffId }) and liff.getIDToken(), and has its JPKI provider's app or SDK read the card and
            // sign the challenge's signed content with the signature certificate; it then posts the same body.
            const page = { simulated: {{(simulated ? "true" : "false")}}, resident: {{JsString(resident)}}, idToken: {{JsString(idToken ?? string.Empty)}} };
            const result = document.getElementById('result');
            function show(status, message) { result.dataset.status = status; result.textContent = message; }
            async function post(url, body) {
              const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) });
              const json = await response.json().catch(() => ({}));
              if (!response.ok) { throw new Error(json.error || '通信に失敗しました。もう一度お試しください。'); }
              return json;
            }
            document.getElementById('apply').addEventListener('click', async () => {
              const button = document.getElementById('apply');
              button.disabled = true;
              show('', '確認しています…');
              try {
                if (!page.simulated) { throw new Error('LINEアプリから開いてください。'); }
                if (!page.resident || !page.idToken) { throw new Error('シミュレーター（/simulator）から住民を選んで開いてください。'); }
                const challenge = await post('/api/applications/challenge');
                const signed = await post('/api/simulator/sign', { residentId: page.resident, challengeId: challenge.challengeId, challenge: challenge.challenge });
                const answer = await post('/api/applications', { idToken: page.idToken, challengeId: challenge.challengeId, signature: signed.signature, certificate: signed.certificate, format: signed.format });
                show(answer.status, answer.message);
              } catch (e) {
                show('error', e.message);
              } finally {
                button.disabled = false;
              }
            });
            </script>
            """;
        _ = user;
        return Page("申請 — " + program.Name, body);
    }

    public static string Simulator(BenefitProgram program, IReadOnlyList<TownPerson> people, string? user, IReadOnlyList<LineEmulatorDelivery>? inbox, string done)
    {
        var body = new StringBuilder();
        body.Append("""
            <section><h2>住民シミュレーター</h2>
            <p class="note">生成した町の住民として、LINEの友だち追加・申請・申請状況の確認を試せます。「申請ページ」はLIFFの申請画面を、その住民のLINEアカウントとマイナンバーカードで開きます。上の数名は職員の確認が必要になる例です（代替文字・同姓同名・住民記録なし）。</p>
            <table><thead><tr><th>宛名番号</th><th>世帯番号</th><th>例</th><th>操作</th></tr></thead><tbody>
            """);
        foreach (var person in people.Take(40))
        {
            var scenario = person.Scenario switch
            {
                CardScenario.AlternateCharacter => "代替文字",
                CardScenario.Ambiguous => "同姓同名",
                CardScenario.NotFound => "住民記録なし",
                _ => string.Empty,
            };
            var u = Uri.EscapeDataString(person.LineUserId);
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr class="resident" data-resident="{E(person.ResidentId)}" data-user="{E(person.LineUserId)}"><td>{E(person.ResidentId)}</td><td>{E(person.HouseholdId)}</td><td>{E(scenario)}</td><td>
                <form class="inline" method="post" action="/simulator/follow?user={u}"><button class="follow secondary" type="submit">友だち追加</button></form>
                <a class="button open-liff" href="/liff/apply?resident={Uri.EscapeDataString(person.ResidentId)}&amp;user={u}">申請ページ</a>
                <form class="inline" method="post" action="/simulator/status?user={u}"><button class="status secondary" type="submit">申請状況</button></form>
                <a href="/simulator?user={u}#inbox">受信箱</a></td></tr>
                """);
        }

        body.Append("</tbody></table></section>");
        if (user is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<section id="inbox"><h2>LINE 受信箱</h2><p class="note">{E(user)}{(done.Length > 0 ? "（送信しました）" : string.Empty)}</p><ul class="inbox">""");
            foreach (var delivery in inbox ?? [])
            {
                foreach (var text in delivery.Texts)
                {
                    body.Append(CultureInfo.InvariantCulture, $"<li>{E(text)}</li>");
                }
            }

            body.Append(CultureInfo.InvariantCulture, $"""</ul><form class="inline" method="post" action="/simulator/contact?user={Uri.EscapeDataString(user)}"><button class="secondary" type="submit">「お問い合わせ」を送る</button></form></section>""");
        }

        return Page("シミュレーター — " + program.Name, body.ToString());
    }

    private static string Page(string title, string body) => $"""
        <!doctype html>
        <html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{E(title)}</title>{Style}</head>
        <body><header><h1>当麻町 物価高騰対応 生活応援給付金</h1></header><main>{body}</main></body></html>
        """;

    private static string E(string text) => Encoder.Encode(text);

    /// <summary>A JavaScript string literal that is safe inside a script element.</summary>
    private static string JsString(string value) => JavaScriptEncoder.Default.Encode(value) is var encoded ? $"\"{encoded}\"" : "\"\"";
}
