using System.Collections.Concurrent;

namespace LineGov.Payouts.Tests.Infrastructure;

/// <summary>
/// A channel that behaves like a deduplicating provider: the first call with a key "pays", later calls with the same
/// key return the first reference. It counts both, so a test can tell retries (harmless) from double payments.
/// </summary>
internal sealed class RecordingChannel : IPayoutChannel
{
    private readonly ConcurrentDictionary<string, string> _paid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private int _failuresLeft;
    private int _lostAnswersLeft;
    private int _payments;

    public string Name => "recording";

    /// <summary>Beneficiaries the channel refuses for good.</summary>
    public HashSet<string> Refuse { get; } = new(StringComparer.Ordinal);

    /// <summary>The next N calls throw before doing anything.</summary>
    public int FailNextCalls { set => _failuresLeft = value; }

    /// <summary>The next N calls pay and then throw (the answer is lost).</summary>
    public int LoseNextAnswers { set => _lostAnswersLeft = value; }

    public TimeSpan Delay { get; set; }

    /// <summary>Payments made (one per key at most).</summary>
    public int Payments => Volatile.Read(ref _payments);

    public IReadOnlyDictionary<string, string> Paid => _paid;

    public int CallsFor(string key) => _calls.GetValueOrDefault(key);

    public async ValueTask<IReadOnlyList<PayoutIssueResult>> IssueAsync(PayoutBatch batch, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new HttpRequestException("simulated outage");
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        var results = new List<PayoutIssueResult>();
        foreach (var item in batch.Items)
        {
            _calls.AddOrUpdate(item.IdempotencyKey, 1, (_, n) => n + 1);
            if (Refuse.Contains(item.BeneficiaryId))
            {
                results.Add(PayoutIssueResult.Failed(item.IdempotencyKey, "account closed"));
                continue;
            }

            var reference = "tx-" + item.IdempotencyKey;
            if (_paid.TryAdd(item.IdempotencyKey, reference))
            {
                Interlocked.Increment(ref _payments);
            }

            results.Add(PayoutIssueResult.Issued(item.IdempotencyKey, _paid[item.IdempotencyKey]));
        }

        if (Interlocked.Decrement(ref _lostAnswersLeft) >= 0)
        {
            throw new TimeoutException("simulated lost answer");
        }

        return results;
    }
}
