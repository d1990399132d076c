namespace LineGov.Payouts.Zengin;

/// <summary>One fixed-width field: numeric fields are zero-padded on the left, text fields space-padded on the right.</summary>
internal readonly record struct ZenginField(string Name, int Width, bool Numeric);

/// <summary>The four record layouts. Writer and reader both walk these arrays, so a width is stated once.</summary>
internal static class ZenginLayout
{
    public const int RecordLength = 120;

    public static readonly ZenginField[] Header =
    [
        new("DataType", 1, true),          // データ区分 1
        new("Kind", 2, true),              // 種別 21
        new("CodeType", 1, true),          // コード区分 0 = JIS
        new("RequesterCode", 10, true),    // 依頼人コード
        new("RequesterName", 40, false),   // 依頼人名
        new("TransferDate", 4, true),      // 振込指定日 MMDD
        new("BankCode", 4, true),          // 仕向銀行番号
        new("BankName", 15, false),        // 仕向銀行名
        new("BranchCode", 3, true),        // 仕向支店番号
        new("BranchName", 15, false),      // 仕向支店名
        new("AccountType", 1, true),       // 預金種目
        new("AccountNumber", 7, true),     // 口座番号
        new("Dummy", 17, false),           // ダミー
    ];

    public static readonly ZenginField[] Data =
    [
        new("DataType", 1, true),             // データ区分 2
        new("BankCode", 4, true),             // 被仕向銀行番号
        new("BankName", 15, false),           // 被仕向銀行名
        new("BranchCode", 3, true),           // 被仕向支店番号
        new("BranchName", 15, false),         // 被仕向支店名
        new("ClearingHouseCode", 4, false),   // 手形交換所番号: digits or spaces
        new("AccountType", 1, true),          // 預金種目
        new("AccountNumber", 7, true),        // 口座番号
        new("AccountName", 30, false),        // 受取人名
        new("Amount", 10, true),              // 振込金額
        new("NewCode", 1, true),              // 新規コード
        new("CustomerCode1", 10, false),      // 顧客コード1
        new("CustomerCode2", 10, false),      // 顧客コード2
        new("TransferDesignation", 1, false), // 振込指定区分: 7, 8 or space
        new("Identification", 1, false),      // 識別表示: Y or space
        new("Dummy", 7, false),               // ダミー
    ];

    public static readonly ZenginField[] Trailer =
    [
        new("DataType", 1, true),        // データ区分 8
        new("Count", 6, true),           // 合計件数
        new("TotalAmount", 12, true),    // 合計金額
        new("Dummy", 101, false),        // ダミー
    ];

    public static readonly ZenginField[] End =
    [
        new("DataType", 1, true),        // データ区分 9
        new("Dummy", 119, false),        // ダミー
    ];
}
