namespace LineGov.Payouts;

/// <summary>
/// Where a claim stands. The ledger moves it forward only:
/// received → approved → issued → settled | failed | reversed, and received / approved → rejected.
/// A failed payout goes back to approved only through a deliberate <see cref="PayoutLedger.ReissueAsync"/>.
/// </summary>
public enum PayoutState
{
    /// <summary>The application was received and holds the household's claim (受付).</summary>
    Received = 0,

    /// <summary>Approved with an amount; waiting for a payout run (決定).</summary>
    Approved = 1,

    /// <summary>Handed to a channel: the transfer file, points grant, coupon or cash code exists (支払処理済).</summary>
    Issued = 2,

    /// <summary>Confirmed paid by the bank or provider (支払完了).</summary>
    Settled = 3,

    /// <summary>The channel or the bank reported it did not reach the beneficiary (支払不能); re-issue is deliberate.</summary>
    Failed = 4,

    /// <summary>Taken back after issue or settlement (組戻し / 取消).</summary>
    Reversed = 5,

    /// <summary>Not approved by staff (却下). The household's claim stays recorded.</summary>
    Rejected = 6,
}

/// <summary>Text forms of <see cref="PayoutState"/> as stored in the database.</summary>
internal static class PayoutStates
{
    public static string ToStorage(PayoutState state) => state switch
    {
        PayoutState.Received => "received",
        PayoutState.Approved => "approved",
        PayoutState.Issued => "issued",
        PayoutState.Settled => "settled",
        PayoutState.Failed => "failed",
        PayoutState.Reversed => "reversed",
        PayoutState.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static PayoutState FromStorage(string text) => text switch
    {
        "received" => PayoutState.Received,
        "approved" => PayoutState.Approved,
        "issued" => PayoutState.Issued,
        "settled" => PayoutState.Settled,
        "failed" => PayoutState.Failed,
        "reversed" => PayoutState.Reversed,
        "rejected" => PayoutState.Rejected,
        _ => throw new LedgerStoreException($"The ledger holds an unknown state '{text}'."),
    };
}
