namespace LineGov.Payouts;

/// <summary>The ledger's database failed, or holds something this library cannot read.</summary>
public class LedgerStoreException : Exception
{
    /// <summary>Creates an exception.</summary>
    public LedgerStoreException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public LedgerStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public LedgerStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The database's schema is newer than this library knows, or a migration failed.</summary>
public sealed class LedgerSchemaException : LedgerStoreException
{
    /// <summary>Creates an exception.</summary>
    public LedgerSchemaException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public LedgerSchemaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public LedgerSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// An idempotency key was used again for a different request (another operation, entry or amount). The first request
/// stands; the second is refused so that a reused key can never silently apply something else.
/// </summary>
public sealed class LedgerIdempotencyConflictException : Exception
{
    /// <summary>Creates an exception.</summary>
    public LedgerIdempotencyConflictException()
        : base("The idempotency key was already used for a different request.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public LedgerIdempotencyConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public LedgerIdempotencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A payout run cannot go on: it belongs to another program or channel, or a batch keeps failing.</summary>
public sealed class PayoutRunException : Exception
{
    /// <summary>Creates an exception.</summary>
    public PayoutRunException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public PayoutRunException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public PayoutRunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
