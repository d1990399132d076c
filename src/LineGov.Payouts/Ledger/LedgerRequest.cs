namespace LineGov.Payouts;

/// <summary>
/// Who asks for a change, why, and the key that makes asking twice harmless: a request with a key the ledger has
/// already applied changes nothing and answers with the first outcome.
/// </summary>
public sealed class LedgerRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="idempotencyKey">Unique per intended change (e.g. the staff screen's form token, or "approve:{batch}:{household}").</param>
    /// <param name="actor">Who asks: a staff id or a system name. Recorded in the audit trail.</param>
    /// <param name="reason">Why, in words (no personal data); optional.</param>
    public LedgerRequest(string idempotencyKey, string actor, string? reason = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (idempotencyKey.Length > 200)
        {
            throw new ArgumentException("An idempotency key is at most 200 characters.", nameof(idempotencyKey));
        }

        IdempotencyKey = idempotencyKey;
        Actor = actor;
        Reason = reason;
    }

    /// <summary>The request's idempotency key.</summary>
    public string IdempotencyKey { get; }

    /// <summary>Who asks.</summary>
    public string Actor { get; }

    /// <summary>Why; may be null.</summary>
    public string? Reason { get; }

    /// <inheritdoc />
    public override string ToString() => $"LedgerRequest({Actor})";
}

/// <summary>What a change request did.</summary>
public enum LedgerOutcome
{
    /// <summary>The change was made (or, with <see cref="LedgerResult.IsRepeat"/>, had been made by the first request with this key).</summary>
    Applied = 0,

    /// <summary>No claim exists for (program, beneficiary).</summary>
    NotFound = 1,

    /// <summary>The entry's state does not allow the change (see <see cref="LedgerResult.Entry"/>).</summary>
    InvalidState = 2,
}

/// <summary>The answer to a change request.</summary>
public sealed class LedgerResult
{
    internal LedgerResult(LedgerOutcome outcome, bool isRepeat, LedgerEntry? entry)
    {
        Outcome = outcome;
        IsRepeat = isRepeat;
        Entry = entry;
    }

    /// <summary>What happened.</summary>
    public LedgerOutcome Outcome { get; }

    /// <summary>True when the key had already been applied: nothing changed now, and <see cref="Outcome"/> is the first outcome.</summary>
    public bool IsRepeat { get; }

    /// <summary>The entry as it is now; null when <see cref="LedgerOutcome.NotFound"/>.</summary>
    public LedgerEntry? Entry { get; }

    /// <summary>True when the change holds (applied now or before).</summary>
    public bool Succeeded => Outcome == LedgerOutcome.Applied;

    /// <inheritdoc />
    public override string ToString() => IsRepeat ? $"{Outcome} (repeat)" : Outcome.ToString();
}
