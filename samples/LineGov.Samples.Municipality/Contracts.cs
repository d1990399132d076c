using LineGov.Payouts;

namespace LineGov.Samples.Municipality;

/// <summary>The answer to an application, as the LIFF page, the counter form and the API show it.</summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="Status"><c>received</c>, <c>already-applied</c>, <c>ineligible</c>, <c>needs-review</c> or <c>error</c>.</param>
/// <param name="Message">What the resident reads (Japanese: what happened and what to do next).</param>
/// <param name="ClaimedAt">For already-applied: when the household applied.</param>
/// <param name="ClaimedVia">For already-applied: through which channel (LINE, 窓口).</param>
public sealed record ApplyResponse(string ApplicationId, string Status, string Message, DateTimeOffset? ClaimedAt = null, string? ClaimedVia = null);

/// <summary>An application as staff see it: personal data masked.</summary>
public sealed record ApplicationView(
    string ApplicationId,
    string? HouseholdId,
    string MaskedName,
    string Channel,
    string Status,
    IReadOnlyList<string> Reasons,
    DateTimeOffset ReceivedAt,
    long? Amount);

/// <summary>What staff enter at the counter for a resident without a phone (the four facts, read from the My Number Card or a 住民票).</summary>
public sealed record CounterApplication(string FamilyName, string GivenName, DateOnly DateOfBirth, string Gender, string Address);

/// <summary>What a payout run did.</summary>
public sealed record PayoutRunView(string RunId, string Channel, int Issued, int Failed, IReadOnlyList<string> Files);

/// <summary>The applications desk: counter applications, the review queue, approval. Implemented by the core; used by the staff side.</summary>
public interface IApplicationDesk
{
    /// <summary>A counter application entered by staff: the same household claim as LINE.</summary>
    Task<ApplyResponse> ApplyAtCounterAsync(CounterApplication application, string staffId, CancellationToken cancellationToken = default);

    /// <summary>Applications waiting for staff: needs-review ones with their reasons, and received ones waiting for approval.</summary>
    Task<IReadOnlyList<ApplicationView>> ReviewQueueAsync(CancellationToken cancellationToken = default);

    /// <summary>Approves applications (and the household claims behind them); returns how many were approved.</summary>
    Task<int> ApproveAsync(IReadOnlyCollection<string> applicationIds, string staffId, CancellationToken cancellationToken = default);

    /// <summary>Every application (for the dashboard).</summary>
    Task<IReadOnlyList<ApplicationView>> AllAsync(CancellationToken cancellationToken = default);
}

/// <summary>Payouts: runs through the fake e-money provider or into a Zengin file; notices on LINE. Implemented by the core; used by the staff side.</summary>
public interface IPayoutDesk
{
    /// <summary>Pays every approved household as points and tells each on LINE.</summary>
    Task<PayoutRunView> RunPointsAsync(string staffId, CancellationToken cancellationToken = default);

    /// <summary>Writes the approved households into 全銀 総合振込 files (one per batch) and tells each on LINE.</summary>
    Task<PayoutRunView> RunZenginAsync(string staffId, CancellationToken cancellationToken = default);

    /// <summary>The full path of a written Zengin file by its name, or null (names only from <see cref="PayoutRunView.Files"/>).</summary>
    string? ZenginFile(string name);

    /// <summary>The ledger's counts per state.</summary>
    Task<LedgerSummary> SummaryAsync(CancellationToken cancellationToken = default);
}
