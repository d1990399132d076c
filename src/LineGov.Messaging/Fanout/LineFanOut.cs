using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace LineGov.Messaging;

/// <summary>How a fan-out splits and paces its work.</summary>
public sealed record LineFanOutOptions
{
    /// <summary>Recipients per multicast request (LINE's maximum, 500, by default).</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Batches in flight at once; the rate limiter of the HttpClient paces them. Default: 32.</summary>
    public int MaxConcurrency { get; init; } = 32;

    /// <summary>
    /// Names this fan-out. Each batch's X-Line-Retry-Key is derived from it, the batch's number and its recipients, so
    /// running the same fan-out again (after a crash, within LINE's 24 hours) sends nothing twice: batches already
    /// accepted come back as <see cref="LineFanOutBatchOutcome.AlreadyAccepted"/>. Default: a new id.
    /// </summary>
    public string? FanOutId { get; init; }
}

/// <summary>What happened to one batch.</summary>
public enum LineFanOutBatchOutcome
{
    /// <summary>LINE accepted it now.</summary>
    Accepted = 0,

    /// <summary>LINE had already accepted it (409 for its retry key): delivered once, earlier.</summary>
    AlreadyAccepted = 1,

    /// <summary>It failed; <see cref="LineFanOutBatchResult.Failure"/> says why. Run the fan-out again with the same id to resume.</summary>
    Failed = 2,
}

/// <summary>The result of one multicast batch.</summary>
public sealed class LineFanOutBatchResult
{
    internal LineFanOutBatchResult(int index, int start, int count, Guid retryKey, LineFanOutBatchOutcome outcome, string? requestId, string? acceptedRequestId, string? failure, HttpStatusCode? status, bool monthlyQuota)
    {
        Index = index;
        Start = start;
        Count = count;
        RetryKey = retryKey;
        Outcome = outcome;
        RequestId = requestId;
        AcceptedRequestId = acceptedRequestId;
        Failure = failure;
        StatusCode = status;
        IsMonthlyQuotaExceeded = monthlyQuota;
    }

    /// <summary>The batch's number, from 0.</summary>
    public int Index { get; }

    /// <summary>The position of its first recipient in the list given.</summary>
    public int Start { get; }

    /// <summary>How many recipients it holds.</summary>
    public int Count { get; }

    /// <summary>Its X-Line-Retry-Key.</summary>
    public Guid RetryKey { get; }

    /// <summary>What happened.</summary>
    public LineFanOutBatchOutcome Outcome { get; }

    /// <summary>The x-line-request-id of the request that was answered.</summary>
    public string? RequestId { get; }

    /// <summary>For <see cref="LineFanOutBatchOutcome.AlreadyAccepted"/>, the id of the request LINE accepted earlier.</summary>
    public string? AcceptedRequestId { get; }

    /// <summary>Why it failed (no message contents, no user ids).</summary>
    public string? Failure { get; }

    /// <summary>The HTTP status of a failure, when one arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Whether it failed on the monthly message quota (resuming will not help until the quota allows).</summary>
    public bool IsMonthlyQuotaExceeded { get; }
}

/// <summary>Progress of a fan-out, reported after each batch.</summary>
/// <param name="CompletedBatches">Batches done (any outcome).</param>
/// <param name="TotalBatches">Batches in all.</param>
/// <param name="DeliveredRecipients">Recipients in accepted or already-accepted batches.</param>
/// <param name="FailedRecipients">Recipients in failed batches.</param>
public sealed record LineFanOutProgress(int CompletedBatches, int TotalBatches, int DeliveredRecipients, int FailedRecipients)
{
    /// <summary>Batches done (any outcome).</summary>
    public int CompletedBatches { get; } = CompletedBatches;

    /// <summary>Batches in all.</summary>
    public int TotalBatches { get; } = TotalBatches;

    /// <summary>Recipients in accepted or already-accepted batches.</summary>
    public int DeliveredRecipients { get; } = DeliveredRecipients;

    /// <summary>Recipients in failed batches.</summary>
    public int FailedRecipients { get; } = FailedRecipients;
}

/// <summary>The outcome of a fan-out: one result per batch, in order.</summary>
public sealed class LineFanOutResult
{
    internal LineFanOutResult(string fanOutId, IReadOnlyList<LineFanOutBatchResult> batches)
    {
        FanOutId = fanOutId;
        Batches = batches;
    }

    /// <summary>The id to run it again with, to resume without sending twice.</summary>
    public string FanOutId { get; }

    /// <summary>Each batch's result.</summary>
    public IReadOnlyList<LineFanOutBatchResult> Batches { get; }

    /// <summary>Whether every batch was delivered (now or earlier).</summary>
    public bool IsComplete => Batches.All(b => b.Outcome != LineFanOutBatchOutcome.Failed);

    /// <summary>Recipients in delivered batches.</summary>
    public int DeliveredRecipients => Batches.Where(b => b.Outcome != LineFanOutBatchOutcome.Failed).Sum(b => b.Count);

    /// <summary>Recipients in failed batches.</summary>
    public int FailedRecipients => Batches.Where(b => b.Outcome == LineFanOutBatchOutcome.Failed).Sum(b => b.Count);
}

/// <summary>
/// Sends one message to many users as multicast batches of up to 500, concurrently within the HttpClient's rate
/// limit, with a retry key per batch derived from the fan-out id — so a crashed or interrupted fan-out run again with
/// the same id delivers each recipient exactly once. Thread-safe.
/// </summary>
public static class LineFanOut
{
    /// <summary>Sends one batch: the recipients and the batch's retry key; returns LINE's answer (a 409 is an accepted answer).</summary>
    public delegate Task<LineSendResult> SendBatch(IReadOnlyList<string> userIds, Guid retryKey, CancellationToken cancellationToken);

    /// <summary>
    /// Sends <paramref name="messages"/> to every user of <paramref name="userIds"/> through <paramref name="client"/>'s
    /// multicast, in batches of up to 500 with a derived retry key each.
    /// </summary>
    /// <example>
    /// <code>
    /// var result = await LineFanOut.MulticastAsync(client, followers, [new TextMessage("給付金のお知らせ…")],
    ///     new LineFanOutOptions { FanOutId = "notice-2026-11-22" }, progress, ct);
    /// if (!result.IsComplete) { /* run again with the same FanOutId: delivered batches come back AlreadyAccepted */ }
    /// </code>
    /// </example>
    public static Task<LineFanOutResult> MulticastAsync(
        LineMessagingClient client,
        IReadOnlyList<string> userIds,
        IReadOnlyList<Message> messages,
        LineFanOutOptions? options = null,
        IProgress<LineFanOutProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(messages);
        return RunAsync(
            userIds,
            (batch, key, token) => client.MulticastAsync(new MulticastRequest(batch, messages), key, token),
            options,
            progress,
            cancellationToken);
    }

    /// <summary>Runs a fan-out over <paramref name="send"/> (a multicast of your messages).</summary>
    public static async Task<LineFanOutResult> RunAsync(
        IReadOnlyList<string> userIds,
        SendBatch send,
        LineFanOutOptions? options = null,
        IProgress<LineFanOutProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(send);
        options ??= new LineFanOutOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.BatchSize, 500, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrency, 1, nameof(options));
        var fanOutId = options.FanOutId ?? Guid.NewGuid().ToString("N");
        var total = (userIds.Count + options.BatchSize - 1) / options.BatchSize;
        var results = new LineFanOutBatchResult[total];
        int completed = 0, delivered = 0, failed = 0;

        await Parallel.ForAsync(0, total, new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken }, async (index, token) =>
        {
            var start = index * options.BatchSize;
            var count = Math.Min(options.BatchSize, userIds.Count - start);
            string[] batch = [.. userIds.Skip(start).Take(count)];
            var key = RetryKeyOf(fanOutId, index, batch);
            var result = await SendOneAsync(send, batch, index, start, key, token).ConfigureAwait(false);
            results[index] = result;
            var done = Interlocked.Increment(ref completed);
            var ok = result.Outcome == LineFanOutBatchOutcome.Failed ? Volatile.Read(ref delivered) : Interlocked.Add(ref delivered, count);
            var bad = result.Outcome == LineFanOutBatchOutcome.Failed ? Interlocked.Add(ref failed, count) : Volatile.Read(ref failed);
            progress?.Report(new LineFanOutProgress(done, total, ok, bad));
        }).ConfigureAwait(false);

        return new LineFanOutResult(fanOutId, results);
    }

    /// <summary>
    /// The retry key of a batch: a name-based UUID (version 5 layout, SHA-256 based) of the fan-out id, the batch number
    /// and its recipients — the same batch of the same fan-out always gets the same key.
    /// </summary>
    public static Guid RetryKeyOf(string fanOutId, int batchIndex, IReadOnlyList<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(fanOutId);
        ArgumentNullException.ThrowIfNull(userIds);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"linegov-fanout/1\n{fanOutId}\n{batchIndex}\n")));
        foreach (var userId in userIds)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(userId));
            hash.AppendData("\n"u8);
        }

        Span<byte> bytes = stackalloc byte[32];
        hash.GetHashAndReset(bytes);
        var guid = bytes[..16];
        guid[6] = (byte)((guid[6] & 0x0F) | 0x50);
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid, bigEndian: true);
    }

    private static async Task<LineFanOutBatchResult> SendOneAsync(SendBatch send, string[] batch, int index, int start, Guid key, CancellationToken cancellationToken)
    {
        try
        {
            var sent = await send(batch, key, cancellationToken).ConfigureAwait(false);
            return new LineFanOutBatchResult(
                index,
                start,
                batch.Length,
                key,
                sent.AlreadyAccepted ? LineFanOutBatchOutcome.AlreadyAccepted : LineFanOutBatchOutcome.Accepted,
                sent.RequestId,
                sent.AcceptedRequestId,
                null,
                null,
                false);
        }
        catch (LineApiException e)
        {
            return new LineFanOutBatchResult(index, start, batch.Length, key, LineFanOutBatchOutcome.Failed, e.RequestId, null, e.LineMessage ?? e.GetType().Name, e.StatusCode, e.IsMonthlyQuotaExceeded);
        }
        catch (HttpRequestException e)
        {
            return new LineFanOutBatchResult(index, start, batch.Length, key, LineFanOutBatchOutcome.Failed, null, null, "The LINE platform could not be reached: " + e.HttpRequestError, null, false);
        }
        catch (Polly.Timeout.TimeoutRejectedException)
        {
            return new LineFanOutBatchResult(index, start, batch.Length, key, LineFanOutBatchOutcome.Failed, null, null, "The request timed out after its retries.", null, false);
        }
    }
}
