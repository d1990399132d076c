using System.Data.Common;
using System.Globalization;
using LineGov.Eligibility;

namespace LineGov.Payouts;

/// <summary>
/// Where the ledger lives: <see cref="SqliteLedgerStore"/> (embedded, a file path is all it needs) or
/// <see cref="PostgresLedgerStore"/> (one database shared by many workers). The store creates and migrates its own
/// schema (<see cref="MigrateAsync"/>); every change is one database transaction, so killing the process at any instant
/// leaves either all of a change or none of it.
/// </summary>
public abstract partial class LedgerStore : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private volatile bool _migrated;

    private protected LedgerStore()
    {
    }

    /// <summary>The clock of schema bookkeeping (when a migration ran); every change is dated by the ledger's own clock.</summary>
    internal TimeProvider Clock { get; } = TimeProvider.System;

    /// <summary>"sqlite" or "postgresql".</summary>
    public abstract string Provider { get; }

    /// <summary>The schema version this library creates and understands.</summary>
    public static int CurrentSchemaVersion => LedgerMigrations.Latest;

    /// <summary>
    /// Opens the store named by <paramref name="connection"/>: a PostgreSQL connection string (it contains <c>Host=</c>)
    /// or, otherwise, an SQLite file path or connection string (<c>Data Source=…</c>).
    /// </summary>
    public static LedgerStore Open(string connection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        if (connection.Contains("://", StringComparison.Ordinal))
        {
            // A URI (postgresql://user:password@host/db) is neither a file path nor a connection string Npgsql reads;
            // taken as a path it would create folders named after the password.
            throw new ArgumentException("A URI is not accepted: give an SQLite file path or a PostgreSQL connection string (Host=…;Database=…;Username=…).", nameof(connection));
        }

        return LooksLikePostgres(connection) ? new PostgresLedgerStore(connection) : new SqliteLedgerStore(connection);
    }

    /// <summary>True when <paramref name="connection"/> is a PostgreSQL connection string rather than an SQLite path.</summary>
    public static bool LooksLikePostgres(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || connection.Contains("Server=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Creates the schema or brings it to <see cref="CurrentSchemaVersion"/>. Idempotent and safe when several processes
    /// call it at once (the migration runs under a database lock). Every other operation calls it first if it has not
    /// run in this instance yet.
    /// </summary>
    /// <exception cref="LedgerSchemaException">The database was migrated by a newer library version.</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (_migrated)
        {
            return;
        }

        await _migrationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Read the version first: an up-to-date database is used without DDL (an application role may lack the
            // right to create tables) and without the migration lock.
            if (!_migrated && await GetSchemaVersionAsync(cancellationToken).ConfigureAwait(false) == LedgerMigrations.Latest)
            {
                _migrated = true;
            }

            if (!_migrated)
            {
                await InTransactionCoreAsync(
                    async (connection, transaction) =>
                    {
                        await LockForMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                        await LedgerMigrations.ApplyAsync(this, connection, transaction, cancellationToken).ConfigureAwait(false);
                        return true;
                    },
                    cancellationToken).ConfigureAwait(false);
                _migrated = true;
            }
        }
        finally
        {
            _migrationGate.Release();
        }
    }

    /// <summary>The schema version of the database (0 when it has no ledger yet).</summary>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default) =>
        await InTransactionCoreAsync(
            (connection, transaction) => LedgerMigrations.ReadVersionAsync(this, connection, transaction, cancellationToken),
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    /// <remarks>For containers that dispose synchronously; prefer <see cref="DisposeAsync"/>.</remarks>
    public void Dispose()
    {
        DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync().ConfigureAwait(false);
        _migrationGate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the store's connections.</summary>
    private protected abstract ValueTask DisposeCoreAsync();

    // ---- dialect ----

    /// <summary>Opens a connection (pooled).</summary>
    private protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Begins the write transaction: SQLite takes the write lock at once (BEGIN IMMEDIATE), PostgreSQL reads committed.</summary>
    private protected abstract ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Serializes concurrent migrations.</summary>
    private protected abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>" FOR UPDATE" where row locks exist (PostgreSQL); empty for SQLite, whose write transaction locks the database.</summary>
    internal abstract string ForUpdate { get; }

    /// <summary>" FOR UPDATE SKIP LOCKED" for PostgreSQL batch claiming; empty for SQLite.</summary>
    internal abstract string ForUpdateSkipLocked { get; }

    /// <summary>The migration scripts of this dialect, by version.</summary>
    internal abstract IReadOnlyList<string> MigrationScript(int version);

    /// <summary>True for errors worth running the whole transaction again (busy, serialization failure, deadlock).</summary>
    private protected abstract bool IsTransient(Exception exception);

    // ---- transactions ----

    internal async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await InTransactionCoreAsync(work, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> InTransactionCoreAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        const int MaxAttempts = 8;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
                    await using (transaction.ConfigureAwait(false))
                    {
                        var result = await work(connection, transaction).ConfigureAwait(false);
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        return result;
                    }
                }
            }
            catch (Exception exception) when (attempt < MaxAttempts && IsTransient(exception) && !cancellationToken.IsCancellationRequested)
            {
                // Busy database, serialization failure or deadlock: nothing was committed; run it again after a short,
                // jittered pause so that competing writers do not collide in step.
                await Task.Delay(TimeSpan.FromMilliseconds(System.Security.Cryptography.RandomNumberGenerator.GetInt32(5, 20) * attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (DbException exception) when (exception is not null)
            {
                throw new LedgerStoreException($"The ledger database ({Provider}) failed: {exception.Message}", exception);
            }
        }
    }

    // ---- command helpers ----

    internal static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    internal static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is DBNull ? null : value;
        }
    }

    internal static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction transaction, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var list = new List<T>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    list.Add(map(reader));
                }

                return list;
            }
        }
    }

    internal static long Ticks(DateTimeOffset at) => at.UtcTicks;

    internal static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    internal const string EntryColumns =
        "program_id, beneficiary_id, application_id, applicant_id, application_channel, received_at, state, amount, attempt, payout_channel, reference, failure_reason, run_id, version, updated_at";

    internal static LedgerEntry ReadEntry(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3),
        new ApplicationChannel(r.GetString(4)),
        FromTicks(r.GetInt64(5)),
        PayoutStates.FromStorage(r.GetString(6)),
        r.IsDBNull(7) ? null : r.GetInt64(7),
        Convert.ToInt32(r.GetValue(8), CultureInfo.InvariantCulture),
        r.IsDBNull(9) ? null : r.GetString(9),
        r.IsDBNull(10) ? null : r.GetString(10),
        r.IsDBNull(11) ? null : r.GetString(11),
        r.IsDBNull(12) ? null : r.GetString(12),
        r.GetInt64(13),
        FromTicks(r.GetInt64(14)));
}
