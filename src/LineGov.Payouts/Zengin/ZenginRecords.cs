namespace LineGov.Payouts.Zengin;

/// <summary>
/// ヘッダー・レコード (header record, データ区分 1) of a 総合振込 file: who pays, from which account, on which day.
/// 種別 is always 21 (総合振込) and コード区分 always 0 (JIS). Names may be given in any kana or width:
/// <see cref="ZenginWriter"/> converts them with <see cref="ZenginKana.ToZengin(string, string)"/> and truncates them
/// to their width.
/// </summary>
/// <param name="RequesterCode">依頼人コード (requester code): the 10 digits the bank assigned to the municipality.</param>
/// <param name="RequesterName">依頼人名 (requester name), at most 40 half-width characters after conversion.</param>
/// <param name="TransferDate">振込指定日 (transfer date) as <c>MMDD</c>, for example <c>"0325"</c>.</param>
/// <param name="BankCode">仕向銀行番号 (the paying bank's code, 4 digits).</param>
/// <param name="BranchCode">仕向支店番号 (the paying branch's code, 3 digits).</param>
/// <param name="AccountNumber">口座番号 (the paying account number, 7 digits).</param>
/// <param name="BankName">仕向銀行名 (15), or <see langword="null"/> to fill from the bank master.</param>
/// <param name="BranchName">仕向支店名 (15), or <see langword="null"/> to fill from the bank master.</param>
/// <param name="AccountType">預金種目 (type of the paying account).</param>
public sealed record ZenginHeader(
    string RequesterCode,
    string RequesterName,
    string TransferDate,
    string BankCode,
    string BranchCode,
    string AccountNumber,
    string? BankName = null,
    string? BranchName = null,
    ZenginAccountType AccountType = ZenginAccountType.Ordinary)
{
    /// <summary>依頼人コード (requester code): the 10 digits the bank assigned to the municipality.</summary>
    public string RequesterCode { get; } = RequesterCode;

    /// <summary>依頼人名 (requester name), at most 40 half-width characters after conversion.</summary>
    public string RequesterName { get; } = RequesterName;

    /// <summary>振込指定日 (transfer date) as <c>MMDD</c>, for example <c>"0325"</c>.</summary>
    public string TransferDate { get; } = TransferDate;

    /// <summary>仕向銀行番号 (the paying bank's code, 4 digits).</summary>
    public string BankCode { get; } = BankCode;

    /// <summary>仕向銀行名 (paying bank name, 15); filled from the bank master when empty and a master is given.</summary>
    public string? BankName { get; } = BankName;

    /// <summary>仕向支店番号 (the paying branch's code, 3 digits).</summary>
    public string BranchCode { get; } = BranchCode;

    /// <summary>仕向支店名 (paying branch name, 15); filled from the bank master when empty and a master is given.</summary>
    public string? BranchName { get; } = BranchName;

    /// <summary>預金種目 (type of the paying account).</summary>
    public ZenginAccountType AccountType { get; } = AccountType;

    /// <summary>口座番号 (the paying account number, 7 digits).</summary>
    public string AccountNumber { get; } = AccountNumber;
}

/// <summary>
/// データ・レコード (data record, データ区分 2): one transfer to one account. <see cref="ToString"/> leaves out the
/// account number and name (personal data).
/// </summary>
/// <param name="BankCode">被仕向銀行番号 (the receiving bank's code, 4 digits).</param>
/// <param name="BranchCode">被仕向支店番号 (the receiving branch's code, 3 digits).</param>
/// <param name="AccountNumber">口座番号 (the receiving account number, 7 digits).</param>
/// <param name="AccountName">受取人名 (account holder name, any kana or width).</param>
/// <param name="Amount">振込金額 (amount in yen, 1 to 9,999,999,999).</param>
/// <param name="BankName">被仕向銀行名 (15), or <see langword="null"/> to fill from the bank master.</param>
/// <param name="BranchName">被仕向支店名 (15), or <see langword="null"/> to fill from the bank master.</param>
/// <param name="AccountType">預金種目 (type of the receiving account).</param>
/// <param name="ClearingHouseCode">手形交換所番号 (4 digits), usually <see langword="null"/>.</param>
/// <param name="NewCode">新規コード: <c>'0'</c>, <c>'1'</c> or <c>'2'</c>.</param>
/// <param name="CustomerCode1">顧客コード1 (up to 10 characters), or <see langword="null"/>.</param>
/// <param name="CustomerCode2">顧客コード2 (up to 10 characters), or <see langword="null"/>.</param>
/// <param name="TransferDesignation">振込指定区分: <c>'7'</c>, <c>'8'</c> or <c>' '</c>.</param>
/// <param name="Identification">識別表示: <c>'Y'</c> or <c>' '</c>.</param>
public sealed record ZenginTransfer(
    string BankCode,
    string BranchCode,
    string AccountNumber,
    string AccountName,
    long Amount,
    string? BankName = null,
    string? BranchName = null,
    ZenginAccountType AccountType = ZenginAccountType.Ordinary,
    string? ClearingHouseCode = null,
    char NewCode = '0',
    string? CustomerCode1 = null,
    string? CustomerCode2 = null,
    char TransferDesignation = ' ',
    char Identification = ' ')
{
    /// <summary>被仕向銀行番号 (the receiving bank's code, 4 digits).</summary>
    public string BankCode { get; } = BankCode;

    /// <summary>被仕向銀行名 (receiving bank name, 15); filled from the bank master when empty and a master is given.</summary>
    public string? BankName { get; } = BankName;

    /// <summary>被仕向支店番号 (the receiving branch's code, 3 digits).</summary>
    public string BranchCode { get; } = BranchCode;

    /// <summary>被仕向支店名 (receiving branch name, 15); filled from the bank master when empty and a master is given.</summary>
    public string? BranchName { get; } = BranchName;

    /// <summary>手形交換所番号 (clearing house, 4 digits); usually empty (written as spaces).</summary>
    public string? ClearingHouseCode { get; } = ClearingHouseCode;

    /// <summary>預金種目 (type of the receiving account).</summary>
    public ZenginAccountType AccountType { get; } = AccountType;

    /// <summary>口座番号 (the receiving account number, 7 digits).</summary>
    public string AccountNumber { get; } = AccountNumber;

    /// <summary>受取人名 (account holder name, 30 half-width characters after conversion; longer names are truncated).</summary>
    public string AccountName { get; } = AccountName;

    /// <summary>振込金額 (amount in yen, 1 to 9,999,999,999).</summary>
    public long Amount { get; } = Amount;

    /// <summary>新規コード: <c>'0'</c> other (the default), <c>'1'</c> first transfer, <c>'2'</c> changed details.</summary>
    public char NewCode { get; } = NewCode;

    /// <summary>顧客コード1 (customer code 1, up to 10 characters), or <see langword="null"/>.</summary>
    public string? CustomerCode1 { get; } = CustomerCode1;

    /// <summary>顧客コード2 (customer code 2, up to 10 characters), or <see langword="null"/>.</summary>
    public string? CustomerCode2 { get; } = CustomerCode2;

    /// <summary>振込指定区分: <c>'7'</c> テレ振込, <c>'8'</c> 文書振込, or <c>' '</c> (unspecified, the default).</summary>
    public char TransferDesignation { get; } = TransferDesignation;

    /// <summary>識別表示: <c>'Y'</c> when the customer codes carry EDI information, otherwise <c>' '</c> (the default).</summary>
    public char Identification { get; } = Identification;

    /// <inheritdoc />
    public override string ToString() => $"ZenginTransfer {{ BankCode = {BankCode}, BranchCode = {BranchCode}, Amount = {Amount} }}";
}

/// <summary>トレーラ・レコード (trailer record, データ区分 8): the number of transfers and their total.</summary>
/// <param name="Count">合計件数 (number of data records, at most 999,999).</param>
/// <param name="TotalAmount">合計金額 (sum of the amounts, at most 999,999,999,999).</param>
public sealed record ZenginTrailer(int Count, long TotalAmount)
{
    /// <summary>合計件数 (number of data records).</summary>
    public int Count { get; } = Count;

    /// <summary>合計金額 (sum of the amounts, yen).</summary>
    public long TotalAmount { get; } = TotalAmount;
}

/// <summary>A whole 総合振込 file as <see cref="ZenginReader"/> reads it: header, transfers, trailer (the end record carries nothing).</summary>
/// <param name="Header">The header record.</param>
/// <param name="Transfers">The data records, in file order.</param>
/// <param name="Trailer">The trailer record, already checked against <paramref name="Transfers"/>.</param>
/// <param name="HasLineBreaks">Whether the records were separated by CRLF (122 bytes each) rather than packed (120).</param>
public sealed record ZenginFile(ZenginHeader Header, IReadOnlyList<ZenginTransfer> Transfers, ZenginTrailer Trailer, bool HasLineBreaks)
{
    /// <summary>The header record.</summary>
    public ZenginHeader Header { get; } = Header;

    /// <summary>The data records, in file order.</summary>
    public IReadOnlyList<ZenginTransfer> Transfers { get; } = Transfers;

    /// <summary>The trailer record.</summary>
    public ZenginTrailer Trailer { get; } = Trailer;

    /// <summary>Whether the records were separated by CRLF.</summary>
    public bool HasLineBreaks { get; } = HasLineBreaks;
}
