using System.Globalization;

namespace LineGov.Samples.Municipality.Staff;

/// <summary>Japanese labels for the codes the desks return, and times shown in JST.</summary>
internal static class StaffText
{
    /// <summary>The municipality the sample serves (shown in the header).</summary>
    public const string Municipality = "当麻町";

    /// <summary>The service name shown in the header.</summary>
    public const string Service = "生活応援給付金 職員ページ";

    // Japan has no daylight saving time: a fixed offset avoids depending on the tz database of the machine.
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AmbiguousMatch"] = "住民記録の候補が複数",
        ["AlternateCharacterName"] = "外字・異体字の氏名",
        ["NotFoundInRegister"] = "住民記録に該当なし",
        ["AddressNotResolved"] = "住所を特定できない",
        ["HouseholdIncompleteInRegister"] = "世帯情報が不完全",
        ["AmountNotDetermined"] = "支給額が未確定",
        ["NotResidentOnReferenceDate"] = "基準日に住民登録なし",
        ["OutsideApplicationWindow"] = "申請期間外",
        ["OutsideAgeBand"] = "対象年齢外",
        ["OutsideCohort"] = "対象者の範囲外",
        ["OutsideResidencyArea"] = "対象地域外",
        ["ChannelNotAccepted"] = "受付できない申請方法",
        ["GenderNotEligible"] = "対象外の性別",
        ["NoEligibleMember"] = "対象となる世帯員なし",
        ["HouseholdAlreadyApplied"] = "世帯で申請済み",
        ["AlreadyApplied"] = "申請済み",
        ["DuplicateApplicationId"] = "申請番号の重複",
        ["InvalidApplication"] = "申請内容に不備",
        ["AwaitingApproval"] = "承認待ち",
    };

    private static readonly Dictionary<string, string> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["received"] = "受付",
        ["needs-review"] = "要審査",
        ["already-applied"] = "申請済み",
        ["ineligible"] = "対象外",
        ["approved"] = "承認済み",
        ["issued"] = "支払済み",
        ["paid"] = "支払済み",
        ["settled"] = "支払確認済み",
        ["failed"] = "支払失敗",
        ["rejected"] = "却下",
        ["error"] = "エラー",
    };

    /// <summary>A short Japanese label for a reason code, or the code itself when unknown.</summary>
    public static string Reason(string code) => Reasons.TryGetValue(code, out var text) ? text : code;

    /// <summary>A short Japanese label for an application status, or the status itself when unknown.</summary>
    public static string Status(string status) => Statuses.TryGetValue(status, out var text) ? text : status;

    /// <summary>LINE or 窓口 (the desks may give the channel's value or its display name).</summary>
    public static string Channel(string channel) => NormalizeChannel(channel) switch
    {
        ChannelKind.Line => "LINE",
        ChannelKind.Counter => "窓口",
        _ => channel,
    };

    /// <summary>Which of the two channels an application came through.</summary>
    public static ChannelKind NormalizeChannel(string channel) => channel.Trim().ToUpperInvariant() switch
    {
        "LINE" => ChannelKind.Line,
        "COUNTER" or "窓口" => ChannelKind.Counter,
        _ => ChannelKind.Other,
    };

    /// <summary>True for statuses that mean the application was approved (including later paid).</summary>
    public static bool IsApproved(string status) => status.ToUpperInvariant() is "APPROVED" or "ISSUED" or "PAID" or "SETTLED" or "FAILED";

    /// <summary>True for statuses that mean the money went out.</summary>
    public static bool IsPaid(string status) => status.ToUpperInvariant() is "ISSUED" or "PAID" or "SETTLED";

    /// <summary>The instant in Japan Standard Time.</summary>
    public static DateTimeOffset ToJst(DateTimeOffset instant) => instant.ToOffset(Jst);

    /// <summary>e.g. 2026/11/03 14:05.</summary>
    public static string FormatJst(DateTimeOffset instant) => ToJst(instant).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>The channels the dashboard distinguishes.</summary>
internal enum ChannelKind
{
    Other,
    Line,
    Counter,
}
