using Microsoft.Data.Sqlite;

namespace LineGov.Payouts.Coupons;

/// <summary>
/// An <see cref="ICouponStore"/> in a SQLite database file (the embedded default): WAL journal, the table
/// <c>coupons</c> created if missing, and redemption as one conditional <c>UPDATE</c>, so that several processes
/// sharing the file still redeem each coupon exactly once.
/// </summary>
/// <remarks>
/// <para>
/// The schema is created on first use (<c>CREATE TABLE IF NOT EXISTS</c>) and its version recorded in the table
/// <c>coupons_schema</c>; a database written by a newer version of this library is refused rather than misread. The
/// file may be shared with other LineGov tables.
/// </para>
/// <para>
/// Writers that find the database locked wait (busy timeout, <see cref="BusyTimeout"/>) instead of failing. Instants are
/// stored as UTC ticks and read back in UTC.
/// </para>
/// <para>
/// Microsoft.Data.Sqlite's async methods complete synchronously, so this store does its (short) work on the calling
/// thread and returns completed tasks; the cancellation token is checked before each operation.
/// </para>
/// </remarks>
public sealed class SqliteCouponStore : ICouponStore
{
    /// <summary>The schema version this library writes and reads.</summary>
    public const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly Lock _initGate = new();
    private volatile bool _initialized;

    /// <summary>Opens (and on first use creates) the store.</summary>
    /// <param name="pathOrConnectionString">A database file path, or a Microsoft.Data.Sqlite connection string (any text with <c>=</c>).</param>
    public SqliteCouponStore(string pathOrConnectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrConnectionString);
        var builder = pathOrConnectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(pathOrConnectionString)
            : new SqliteConnectionStringBuilder { DataSource = pathOrConnectionString };
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            throw new ArgumentException("SqliteCouponStore needs a database file; use InMemoryCouponStore for a store in memory.", nameof(pathOrConnectionString));
        }

        // Microsoft.Data.Sqlite also retries a busy statement until the command timeout: keep it above the busy timeout.
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, (int)BusyTimeout.TotalSeconds + 5);
        _connectionString = builder.ToString();
    }

    /// <summary>How long a statement waits for another writer's lock before failing.</summary>
    public static TimeSpan BusyTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public ValueTask<CouponAddResult> AddAsync(Coupon coupon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        using var connection = Open(cancellationToken);
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = CouponRows.InsertSql;
            CouponRows.BindInsert(insert, coupon);
            try
            {
                if (insert.ExecuteNonQuery() == 1)
                {
                    return ValueTask.FromResult(new CouponAddResult(coupon, created: true));
                }
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                // SQLITE_CONSTRAINT on id or code_hash: a duplicate random id or an 80-bit code collision.
                throw new InvalidOperationException("Another coupon already has this id or code hash.", ex);
            }
        }

        var existing = Find(connection, "issue_key", coupon.IssueKey)
            ?? throw new InvalidOperationException("A coupon with this issue key was reported and then not found.");
        return ValueTask.FromResult(new CouponAddResult(existing, created: false));
    }

    /// <inheritdoc />
    public ValueTask<Coupon?> FindByIdAsync(string couponId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(couponId);
        using var connection = Open(cancellationToken);
        return ValueTask.FromResult(Find(connection, "id", couponId));
    }

    /// <inheritdoc />
    public ValueTask<Coupon?> FindByCodeHashAsync(string codeHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(codeHash);
        using var connection = Open(cancellationToken);
        return ValueTask.FromResult(Find(connection, "code_hash", codeHash));
    }

    /// <inheritdoc />
    public ValueTask<CouponRedemption> TryRedeemAsync(string codeHash, string redeemerId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(codeHash);
        ArgumentException.ThrowIfNullOrEmpty(redeemerId);
        using var connection = Open(cancellationToken);
        int affected;
        using (var update = connection.CreateCommand())
        {
            // The whole decision is in the WHERE clause of one statement: SQLite runs it under the write lock, so of
            // N concurrent calls (from any number of processes) exactly one finds the row still active.
            update.CommandText = """
                UPDATE coupons SET state = 'redeemed', redeemed_at = @now, redeemed_by = @by
                WHERE code_hash = @code_hash AND state = 'active' AND expires_at > @now
                """;
            update.Parameters.AddWithValue("@now", now.UtcTicks);
            update.Parameters.AddWithValue("@by", redeemerId);
            update.Parameters.AddWithValue("@code_hash", codeHash);
            affected = update.ExecuteNonQuery();
        }

        var coupon = Find(connection, "code_hash", codeHash);
        if (coupon is null)
        {
            return ValueTask.FromResult(new CouponRedemption(CouponRedeemOutcome.NotFound, null));
        }

        return ValueTask.FromResult(affected == 1
            ? new CouponRedemption(CouponRedeemOutcome.Redeemed, coupon)
            : CouponStoreOutcomes.NotRedeemed(coupon, now));
    }

    /// <inheritdoc />
    public ValueTask<CouponVoidResult> VoidAsync(string couponId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(couponId);
        using var connection = Open(cancellationToken);
        int affected;
        using (var update = connection.CreateCommand())
        {
            update.CommandText = "UPDATE coupons SET state = 'voided', voided_at = @now WHERE id = @id AND state IN ('active', 'expired')";
            update.Parameters.AddWithValue("@now", now.UtcTicks);
            update.Parameters.AddWithValue("@id", couponId);
            affected = update.ExecuteNonQuery();
        }

        var coupon = Find(connection, "id", couponId);
        return ValueTask.FromResult(coupon switch
        {
            null => new CouponVoidResult(CouponVoidOutcome.NotFound, null),
            _ when affected == 1 => new CouponVoidResult(CouponVoidOutcome.Voided, coupon),
            { State: CouponState.Redeemed } => new CouponVoidResult(CouponVoidOutcome.AlreadyRedeemed, coupon),
            _ => new CouponVoidResult(CouponVoidOutcome.AlreadyVoided, coupon),
        });
    }

    /// <inheritdoc />
    public ValueTask<int> ExpireDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var connection = Open(cancellationToken);
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE coupons SET state = 'expired' WHERE state = 'active' AND expires_at <= @now";
        update.Parameters.AddWithValue("@now", now.UtcTicks);
        return ValueTask.FromResult(update.ExecuteNonQuery());
    }

    private SqliteConnection Open(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                // Per connection: SQLite waits this long for a lock before it reports SQLITE_BUSY.
                pragma.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};";
                pragma.ExecuteNonQuery();
            }

            if (!_initialized)
            {
                Initialize(connection);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Initialize(SqliteConnection connection)
    {
        lock (_initGate)
        {
            if (_initialized)
            {
                return;
            }

            using (var wal = connection.CreateCommand())
            {
                // WAL lets readers run beside the one writer; the mode is stored in the file, so this is needed once.
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteScalar();
            }

            // BEGIN IMMEDIATE: two processes creating the schema at once take turns instead of racing.
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var create = connection.CreateCommand())
            {
                create.Transaction = transaction;
                create.CommandText = """
                    CREATE TABLE IF NOT EXISTS coupons_schema (version INTEGER NOT NULL);
                    CREATE TABLE IF NOT EXISTS coupons (
                        id             TEXT    NOT NULL PRIMARY KEY,
                        issue_key      TEXT    NOT NULL UNIQUE,
                        program_id     TEXT    NOT NULL,
                        beneficiary_id TEXT    NOT NULL,
                        face_value     INTEGER NOT NULL CHECK (face_value > 0),
                        issued_at      INTEGER NOT NULL,
                        expires_at     INTEGER NOT NULL,
                        state          TEXT    NOT NULL CHECK (state IN ('active', 'redeemed', 'expired', 'voided')),
                        code_hash      TEXT    NOT NULL UNIQUE,
                        protected_code BLOB    NOT NULL,
                        redeemed_at    INTEGER NULL,
                        redeemed_by    TEXT    NULL,
                        voided_at      INTEGER NULL
                    );
                    CREATE INDEX IF NOT EXISTS coupons_active_expiry ON coupons (expires_at) WHERE state = 'active';
                    """;
                create.ExecuteNonQuery();
            }

            using (var version = connection.CreateCommand())
            {
                version.Transaction = transaction;
                version.CommandText = "SELECT MAX(version) FROM coupons_schema";
                var found = version.ExecuteScalar();
                if (found is null or DBNull)
                {
                    version.CommandText = $"INSERT INTO coupons_schema (version) VALUES ({SchemaVersion})";
                    version.ExecuteNonQuery();
                }
                else if (Convert.ToInt64(found, System.Globalization.CultureInfo.InvariantCulture) != SchemaVersion)
                {
                    throw new InvalidOperationException(
                        $"The coupons table has schema version {found}; this version of LineGov.Payouts reads version {SchemaVersion} only.");
                }
            }

            transaction.Commit();
            _initialized = true;
        }
    }

    private static Coupon? Find(SqliteConnection connection, string column, string value)
    {
        using var select = connection.CreateCommand();

        // column is one of three constants of this class, never input.
        select.CommandText = $"SELECT {CouponRows.Columns} FROM coupons WHERE {column} = @value";
        select.Parameters.AddWithValue("@value", value);
        using var reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return CouponRows.Read(reader);
    }
}
