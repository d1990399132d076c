using System.Globalization;
using LineGov.Eligibility;

namespace LineGov.Samples.Municipality.Infrastructure;

/// <summary>What residents read, on the LIFF page and on LINE: polite, short Japanese that says what to do next.</summary>
internal static class ResidentMessages
{
    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    public static string ChannelName(string channel) => channel == ApplicationChannel.Counter.Value ? "窓口" : channel == ApplicationChannel.Mail.Value ? "郵送" : "LINE";

    public static string Day(DateTimeOffset instant) => instant.ToOffset(Japan).ToString("M月d日", CultureInfo.InvariantCulture);

    public static string Received(BenefitProgram program, string applicationId) =>
        $"{program.Name}の申請を受け付けました（受付番号：{applicationId}）。内容を確認し、お支払いのときにLINEでお知らせします。状況はメニューの「申請状況」から確認できます。";

    public static string AlreadyApplied(BenefitProgram program, DateTimeOffset claimedAt, string channel) =>
        $"お住まいの世帯は、{Day(claimedAt)}に{ChannelName(channel)}で申請済みです。給付は1世帯に1回のため、今回の申請は受け付けていません。ご不明な点は{Contact(program)}までお問い合わせください。";

    public static string Ineligible(BenefitProgram program, ApplicationResult result)
    {
        var reason = result.Reasons.FirstOrDefault(r => r.LeadsTo == EligibilityOutcome.Ineligible)?.ResidentMessage ?? result.ResidentMessage;
        return $"申し訳ありませんが、今回の{program.Name}の対象外です。{reason}";
    }

    public static string NeedsReview(BenefitProgram program, string applicationId) =>
        $"申請を受け付けました（受付番号：{applicationId}）。ご本人の確認のため、担当者が内容を確認します。確認が終わりましたらLINEでお知らせします。お急ぎの場合は{Contact(program)}までお問い合わせください。";

    public static string Paid(BenefitProgram program, long amount, bool points) => points
        ? $"{program.Name}として、{amount.ToString("N0", CultureInfo.InvariantCulture)}円分を当麻町地域ポイントでお支払いしました。お店でご利用ください。"
        : $"{program.Name}として、{amount.ToString("N0", CultureInfo.InvariantCulture)}円をお支払いしました。数日以内にご指定の口座へ振り込まれます。";

    public static string Greeting(BenefitProgram program) =>
        $"当麻町公式アカウントです。友だち追加ありがとうございます。\n{program.Name}（1世帯30,000円分）の申請を受け付けています。下のメニューの「物価高騰支援」から、マイナンバーカードで申請できます。";

    public static string Contact(BenefitProgram program) => program.Contact ?? "当麻町役場";

    public static string ContactText(BenefitProgram program) =>
        $"お問い合わせは{Contact(program)}（平日8時30分〜17時15分）までお願いします。スマートフォンをお持ちでない方は、役場の窓口でも申請できます。";

    public static string Help() =>
        "ご用件をメニューからお選びください。「物価高騰支援」で申請、「申請状況」で申請の状況、「お問い合わせ」で連絡先をご案内します。";

    public static string NoApplication() =>
        "まだ申請を受け付けていません。メニューの「物価高騰支援」から申請できます。";
}
