using System.Globalization;
using LineGov.Messaging.Flex;
using static LineGov.Messaging.Flex.FlexBuilder;

namespace LineGov.Messaging;

/// <summary>
/// A notice to a resident as a Flex message and the same words as plain text. The Flex message's alternative text is
/// the full text, so notifications and older clients say everything too.
/// </summary>
public sealed class LineMunicipalNotice
{
    internal LineMunicipalNotice(FlexMessage flex, TextMessage text)
    {
        Flex = flex;
        Text = text;
    }

    /// <summary>The Flex message (its alternative text is <see cref="Text"/>'s).</summary>
    public FlexMessage Flex { get; }

    /// <summary>The plain-text version.</summary>
    public TextMessage Text { get; }

    /// <summary>The message to send: the Flex message, or the text when <paramref name="plainText"/> is set.</summary>
    public Message ToMessage(bool plainText = false) => plainText ? Text : Flex;
}

/// <summary>
/// Notices a municipal benefit service sends on LINE, in polite, short Japanese that says what to do next. Personal data
/// stays out: no names, no addresses, and "already applied" never says who in the household applied.
/// </summary>
/// <example>
/// <code>
/// var notice = LineMunicipalTemplates.Approved("物価高騰支援給付", 40000, "ポイント", "当麻町地域ポイント", new DateOnly(2026, 12, 1));
/// await client.PushAsync(new PushMessageRequest(userId, notice.Flex), cancellationToken: ct);
/// </code>
/// </example>
public static class LineMunicipalTemplates
{
    private const string Accent = "#06C755";
    private const string Warning = "#E8A317";
    private const string Muted = "#888888";
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");

    /// <summary>申請を受け付けました.</summary>
    public static LineMunicipalNotice ApplicationReceived(string programName, DateOnly receivedOn, Uri? statusUri = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(programName);
        var lines = new List<string>
        {
            $"{programName}の申請を{Date(receivedOn)}に受け付けました。",
            "審査の結果はこのLINEでお知らせします。",
        };
        if (statusUri is not null)
        {
            lines.Add("申請状況はメニューの「申請状況」からご確認いただけます。");
        }

        return Build("申請を受け付けました", Accent, programName, lines, statusUri is null ? null : new UriAction("申請状況を見る", statusUri.AbsoluteUri));
    }

    /// <summary>支給が決まりました: the amount and how it is paid.</summary>
    /// <param name="programName">The program, e.g. 物価高騰支援給付.</param>
    /// <param name="amount">The amount.</param>
    /// <param name="unit">円 or ポイント.</param>
    /// <param name="payoutChannel">How it is paid, e.g. 口座振込, 当麻町地域ポイント.</param>
    /// <param name="expectedOn">When it should arrive, if known.</param>
    public static LineMunicipalNotice Approved(string programName, decimal amount, string unit, string payoutChannel, DateOnly? expectedOn = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(programName);
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        ArgumentException.ThrowIfNullOrWhiteSpace(payoutChannel);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var lines = new List<string>
        {
            $"{programName}の支給が決まりました。",
            $"支給額：{amount.ToString("#,0", Japanese)}{unit}",
            $"お支払い方法：{payoutChannel}",
        };
        lines.Add(expectedOn is { } date
            ? $"{Date(date)}ごろのお支払いを予定しています。お手続きは不要です。"
            : "お支払いの準備ができ次第、このLINEでお知らせします。お手続きは不要です。");
        return Build("支給が決まりました", Accent, programName, lines, null);
    }

    /// <summary>支給の対象外でした: the reason and what to do.</summary>
    public static LineMunicipalNotice Rejected(string programName, string reason, string whatToDo, string? contact = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(programName);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(whatToDo);
        var lines = new List<string>
        {
            $"申し訳ありませんが、{programName}の支給の対象となりませんでした。",
            $"理由：{reason}",
            whatToDo,
        };
        if (contact is not null)
        {
            lines.Add($"ご不明な点は{contact}までお問い合わせください。");
        }

        return Build("審査の結果のお知らせ", Muted, programName, lines, null);
    }

    /// <summary>
    /// ご世帯ですでに申請があります: when and through which channel, never who. The household is paid once, so nothing more
    /// is needed.
    /// </summary>
    public static LineMunicipalNotice HouseholdAlreadyApplied(string programName, DateOnly appliedOn, string channel, string? contact = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(programName);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        var lines = new List<string>
        {
            $"{programName}は、同じ世帯の方から{Date(appliedOn)}に{channel}で申請をいただいています。",
            "給付は世帯ごとに1回のため、改めての申請は不要です。",
        };
        lines.Add(contact is null
            ? "お心当たりがない場合は、役場の担当窓口へお問い合わせください。"
            : $"お心当たりがない場合は、{contact}までお問い合わせください。");
        return Build("ご世帯ですでに申請があります", Warning, programName, lines, null);
    }

    /// <summary>追加の確認が必要です: what is needed, and by when.</summary>
    public static LineMunicipalNotice MoreInformationNeeded(string programName, string whatIsNeeded, DateOnly? by = null, Uri? uri = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(programName);
        ArgumentException.ThrowIfNullOrWhiteSpace(whatIsNeeded);
        var lines = new List<string>
        {
            $"{programName}の申請について、確認させていただきたいことがあります。",
            $"必要なもの：{whatIsNeeded}",
            by is { } date ? $"{Date(date)}までにご対応をお願いします。" : "お早めにご対応をお願いします。",
        };
        return Build("追加の確認が必要です", Warning, programName, lines, uri is null ? null : new UriAction("手続きへ進む", uri.AbsoluteUri));
    }

    /// <summary>申請期限のお知らせ.</summary>
    public static LineMunicipalNotice DeadlineReminder(string programName, DateOnly deadline, Uri? applyUri = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(programName);
        var lines = new List<string>
        {
            $"{programName}の申請期限は{Date(deadline)}です。",
            "まだ申請されていない方は、お早めにお手続きください。",
            "すでに申請された方は、このお知らせへの対応は不要です。",
        };
        return Build("申請期限のお知らせ", Warning, programName, lines, applyUri is null ? null : new UriAction("申請する", applyUri.AbsoluteUri));
    }

    private static string Date(DateOnly date) => date.ToString("yyyy年M月d日", Japanese);

    private static LineMunicipalNotice Build(string title, string color, string programName, List<string> lines, UriAction? action)
    {
        var text = $"【{title}】\n" + string.Join("\n", lines);
        var body = new List<FlexComponent>
        {
            Text(programName, size: FlexKeywords.Xs, color: Muted, wrap: true),
            Text(title, size: FlexKeywords.Lg, weight: FlexWeight.Bold, color: color, wrap: true, margin: FlexKeywords.Sm),
            Separator(margin: FlexKeywords.Md),
        };
        body.AddRange(lines.Select(line => (FlexComponent)Text(line, size: FlexKeywords.Sm, wrap: true, margin: FlexKeywords.Md)));
        var bubble = Bubble(
            body: VerticalBox([.. body]),
            footer: action is null ? null : VerticalBox(Button(action, style: FlexButtonStyle.Primary, color: Accent)));

        // LINE allows 400 characters of alternative text: the whole notice fits; a longer one is cut with an ellipsis.
        var altText = text.Length <= 400 ? text : text[..399] + "…";
        return new LineMunicipalNotice(new FlexMessage(altText, bubble), new TextMessage(text));
    }
}
