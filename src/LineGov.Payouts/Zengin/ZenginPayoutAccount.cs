namespace LineGov.Payouts.Zengin;

/// <summary>
/// The bank account a payout is transferred to (振込先口座), as the municipality holds it for a beneficiary: the
/// destination half of a <see cref="ZenginTransfer"/>. <see cref="ToString"/> leaves out the account number and name
/// (personal data).
/// </summary>
/// <param name="BankCode">被仕向銀行番号 (4 digits).</param>
/// <param name="BranchCode">被仕向支店番号 (3 digits).</param>
/// <param name="AccountType">預金種目.</param>
/// <param name="AccountNumber">口座番号 (7 digits).</param>
/// <param name="AccountName">受取人名 (account holder name in any kana or width; converted and truncated to 30).</param>
/// <param name="BankName">被仕向銀行名, or <see langword="null"/> to leave empty or fill from the bank master.</param>
/// <param name="BranchName">被仕向支店名, or <see langword="null"/> to leave empty or fill from the bank master.</param>
public sealed record ZenginPayoutAccount(
    string BankCode,
    string BranchCode,
    ZenginAccountType AccountType,
    string AccountNumber,
    string AccountName,
    string? BankName = null,
    string? BranchName = null)
{
    /// <summary>被仕向銀行番号 (4 digits).</summary>
    public string BankCode { get; } = BankCode;

    /// <summary>被仕向支店番号 (3 digits).</summary>
    public string BranchCode { get; } = BranchCode;

    /// <summary>預金種目.</summary>
    public ZenginAccountType AccountType { get; } = AccountType;

    /// <summary>口座番号 (7 digits).</summary>
    public string AccountNumber { get; } = AccountNumber;

    /// <summary>受取人名 (account holder name, any kana or width).</summary>
    public string AccountName { get; } = AccountName;

    /// <summary>被仕向銀行名, or <see langword="null"/>.</summary>
    public string? BankName { get; } = BankName;

    /// <summary>被仕向支店名, or <see langword="null"/>.</summary>
    public string? BranchName { get; } = BranchName;

    /// <inheritdoc />
    public override string ToString() => $"ZenginPayoutAccount {{ BankCode = {BankCode}, BranchCode = {BranchCode}, AccountType = {AccountType} }}";
}

/// <summary>
/// Finds the bank account of a payout's beneficiary for <see cref="ZenginPayoutChannel"/> (typically from the
/// municipality's 口座情報 table, keyed by <see cref="PayoutInstruction.BeneficiaryId"/>).
/// </summary>
public interface IZenginPayoutAccountResolver
{
    /// <summary>The account to pay <paramref name="instruction"/> into.</summary>
    /// <param name="instruction">The payout.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The account, or <see langword="null"/> when the beneficiary has no account on record (the payout then fails with a reason).</returns>
    ValueTask<ZenginPayoutAccount?> ResolveAsync(PayoutInstruction instruction, CancellationToken cancellationToken = default);
}
