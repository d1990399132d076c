using System.Globalization;
using Npgsql;

namespace LineGov.Payouts.Coupons;

/// <summary>
/// An <see cref="ICouponStore"/> in PostgreSQL, for programs whose shops redeem from many terminals and servers at once:
/// redemption is one conditional <c>UPDATE … WHERE state = 'active' AND expires_at &gt; now</c>, which PostgreSQL runs
/// under the row's lock, so of any number of concurrent redeem calls exactly one succeeds.
/// </summary>
/// <remarks>
/// The table <c>coupons</c> (and <c>coupons_schema</c>, its version) is created on first use in the connection's current
/// schema; a database written by a newer version of this library is refused. Instants are stored as UTC ticks, as in
/// <see cref="SqliteCouponStore"/>, so the two stores hold the same values.
/// </remarks>
public sealed class PostgresCouponStore : ICouponStore, IAsyncDisposable
{
    private const long SchemaLockKey = 0x4C47436F7570; // "LGCoup"
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Opens the store in the database named by a connection string.</summary>
    public PostgresCouponStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _ownsDataSource = true;
    }

    /// <summary>Opens the store over an existing data source (the caller keeps ownership).</summary>
    public PostgresCouponStore(NpgsqlDataSource dataSource) => _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    /// <inheritdoc />
    public async ValueTask<CouponAddResult> AddAsync(Coupon coupon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var insert = connection.CreateCommand();
        await using (insert.ConfigureAwait(false))
        {
            insert.CommandText = CouponRows.InsertSql;
            CouponRows.BindInsert(insert, coupon);
            try
            {
                if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    return new CouponAddResult(coupon, created: true);
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new InvalidOperationException("Another coupon already has this id or code hash.", ex);
            }
        }

        var existing = await FindAsync(connection, "issue_key", coupon.IssueKey, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("A coupon with this issue key was reported and then not found.");
        return new CouponAddResult(existing, created: false);
    }

    /// <inheritdoc />
    public async ValueTask<Coupon?> FindByIdAsync(string couponId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(couponId);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        return await FindAsync(connection, "id", couponId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<Coupon?> FindByCodeHashAsync(string codeHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(codeHash);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        return await FindAsync(connection, "code_hash", codeHash, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<CouponRedemption> TryRedeemAsync(string codeHash, string redeemerId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(codeHash);
        ArgumentException.ThrowIfNullOrEmpty(redeemerId);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        int affected;
        var update = connection.CreateCommand();
        await using (update.ConfigureAwait(false))
        {
            // One statement decides: a concurrent second UPDATE waits for the first's row lock, then re-checks the
            // WHERE clause against the committed row (no longer active) and changes nothing.
            update.CommandText = """
                UPDATE coupons SET state = 'redeemed', redeemed_at = @now, redeemed_by = @by
                WHERE code_hash = @code_hash AND state = 'active' AND expires_at > @now
                """;
            update.Parameters.AddWithValue("now", now.UtcTicks);
            update.Parameters.AddWithValue("by", redeemerId);
            update.Parameters.AddWithValue("code_hash", codeHash);
            affected = await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var coupon = await FindAsync(connection, "code_hash", codeHash, cancellationToken).ConfigureAwait(false);
        if (coupon is null)
        {
            return new CouponRedemption(CouponRedeemOutcome.NotFound, null);
        }

        return affected == 1 ? new CouponRedemption(CouponRedeemOutcome.Redeemed, coupon) : CouponStoreOutcomes.NotRedeemed(coupon, now);
    }

    /// <inheritdoc />
    public async ValueTask<CouponVoidResult> VoidAsync(string couponId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(couponId);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        int affected;
        var update = connection.CreateCommand();
        await using (update.ConfigureAwait(false))
        {
            update.CommandText = "UPDATE coupons SET state = 'voided', voided_at = @now WHERE id = @id AND state IN ('active', 'expired')";
            update.Parameters.AddWithValue("now", now.UtcTicks);
            update.Parameters.AddWithValue("id", couponId);
            affected = await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var coupon = await FindAsync(connection, "id", couponId, cancellationToken).ConfigureAwait(false);
        return coupon switch
        {
            null => new CouponVoidResult(CouponVoidOutcome.NotFound, null),
            _ when affected == 1 => new CouponVoidResult(CouponVoidOutcome.Voided, coupon),
            { State: CouponState.Redeemed } => new CouponVoidResult(CouponVoidOutcome.AlreadyRedeemed, coupon),
            _ => new CouponVoidResult(CouponVoidOutcome.AlreadyVoided, coupon),
        };
    }

    /// <inheritdoc />
    public async ValueTask<int> ExpireDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var update = connection.CreateCommand();
        await using var updateScope = update.ConfigureAwait(false);
        update.CommandText = "UPDATE coupons SET state = 'expired' WHERE state = 'active' AND expires_at <= @now";
        update.Parameters.AddWithValue("now", now.UtcTicks);
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }

        _initGate.Dispose();
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await InitializeAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InitializeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            var create = connection.CreateCommand();
            await using (create.ConfigureAwait(false))
            {
                // The advisory lock makes processes that create the schema at once take turns.
                create.Transaction = transaction;
                create.CommandText = $"""
                    SELECT pg_advisory_xact_lock({SchemaLockKey});
                    CREATE TABLE IF NOT EXISTS coupons_schema (version INTEGER NOT NULL);
                    CREATE TABLE IF NOT EXISTS coupons (
                        id             TEXT    NOT NULL PRIMARY KEY,
                        issue_key      TEXT    NOT NULL UNIQUE,
                        program_id     TEXT    NOT NULL,
                        beneficiary_id TEXT    NOT NULL,
                        face_value     BIGINT  NOT NULL CHECK (face_value > 0),
                        issued_at      BIGINT  NOT NULL,
                        expires_at     BIGINT  NOT NULL,
                        state          TEXT    NOT NULL CHECK (state IN ('active', 'redeemed', 'expired', 'voided')),
                        code_hash      TEXT    NOT NULL UNIQUE,
                        protected_code BYTEA   NOT NULL,
                        redeemed_at    BIGINT  NULL,
                        redeemed_by    TEXT    NULL,
                        voided_at      BIGINT  NULL
                    );
                    CREATE INDEX IF NOT EXISTS coupons_active_expiry ON coupons (expires_at) WHERE state = 'active';
                    """;
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var version = connection.CreateCommand();
            await using (version.ConfigureAwait(false))
            {
                version.Transaction = transaction;
                version.CommandText = "SELECT MAX(version) FROM coupons_schema";
                var found = await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                if (found is null or DBNull)
                {
                    version.CommandText = string.Create(CultureInfo.InvariantCulture, $"INSERT INTO coupons_schema (version) VALUES ({SqliteCouponStore.SchemaVersion})");
                    await version.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (Convert.ToInt64(found, CultureInfo.InvariantCulture) != SqliteCouponStore.SchemaVersion)
                {
                    throw new InvalidOperationException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"The coupons table has schema version {found}; this version of LineGov.Payouts reads version {SqliteCouponStore.SchemaVersion} only."));
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    private static async Task<Coupon?> FindAsync(NpgsqlConnection connection, string column, string value, CancellationToken cancellationToken)
    {
        var select = connection.CreateCommand();
        await using var selectScope = select.ConfigureAwait(false);

        // column is one of three constants of this class, never input.
        select.CommandText = $"SELECT {CouponRows.Columns} FROM coupons WHERE {column} = @value";
        select.Parameters.AddWithValue("value", value);
        var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return CouponRows.Read(reader);
    }
}

/// <summary>The stored text of <see cref="CouponState"/>, shared by the SQL stores.</summary>
internal static class CouponStates
{
    public static string ToText(CouponState state) => state switch
    {
        CouponState.Active => "active",
        CouponState.Redeemed => "redeemed",
        CouponState.Expired => "expired",
        CouponState.Voided => "voided",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static CouponState Parse(string text) => text switch
    {
        "active" => CouponState.Active,
        "redeemed" => CouponState.Redeemed,
        "expired" => CouponState.Expired,
        "voided" => CouponState.Voided,
        _ => throw new InvalidOperationException("The coupons table holds an unknown state."),
    };
}
