using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace LineGov.Payouts;

/// <summary>
/// The embedded ledger: one SQLite file in WAL mode, shared safely by several connections and processes (each change
/// takes the database's write lock with <c>BEGIN IMMEDIATE</c>; other writers wait up to the busy timeout).
/// <c>synchronous=FULL</c> by default: a committed change survives a power cut, not only a killed process.
/// </summary>
public sealed class SqliteLedgerStore : LedgerStore
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly string _synchronous;
    private int _walSet;

    /// <summary>Opens (and on first use creates) the ledger in an SQLite file.</summary>
    /// <param name="pathOrConnectionString">A file path (its folder is created), or an SQLite connection string (<c>Data Source=…</c>).</param>
    /// <param name="options">Busy timeout and durability; defaults when null.</param>
    public SqliteLedgerStore(string pathOrConnectionString, SqliteLedgerStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrConnectionString);
        options ??= new SqliteLedgerStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero);
        SqliteConnectionStringBuilder builder;
        if (pathOrConnectionString.Contains('=', StringComparison.Ordinal))
        {
            builder = new SqliteConnectionStringBuilder(pathOrConnectionString);
        }
        else
        {
            var fullPath = Path.GetFullPath(pathOrConnectionString);
            var folder = Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            builder = new SqliteConnectionStringBuilder { DataSource = fullPath };
        }

        builder.Pooling = true;
        // Microsoft.Data.Sqlite retries a busy statement for DefaultTimeout seconds on its own: keep it to the busy timeout
        // so that the caller's BusyTimeout is what a waiting writer waits (plus the ledger's few transaction retries).
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds));
        DataSource = builder.DataSource;
        _connectionString = builder.ToString();
        _busyTimeoutMilliseconds = (int)Math.Min(int.MaxValue, options.BusyTimeout.TotalMilliseconds);
        _synchronous = options.SynchronousFull ? "FULL" : "NORMAL";
    }

    /// <summary>The database file (or <c>:memory:</c>).</summary>
    public string DataSource { get; }

    /// <inheritdoc />
    public override string Provider => "sqlite";

    /// <inheritdoc />
    public override string ToString() => $"SqliteLedgerStore({Path.GetFileName(DataSource)})";

    internal override string ForUpdate => string.Empty;

    internal override string ForUpdateSkipLocked => string.Empty;

    internal override IReadOnlyList<string> MigrationScript(int version) => LedgerMigrations.Sqlite(version);

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using (var pragma = connection.CreateCommand())
            {
                // Per-connection settings; WAL is a property of the file and is set once.
                pragma.CommandText = $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}; PRAGMA synchronous = {_synchronous}; PRAGMA foreign_keys = ON;";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (Volatile.Read(ref _walSet) == 0)
                {
                    // Marked done only once it succeeded: a busy first attempt is tried again on the next open.
                    pragma.CommandText = "PRAGMA journal_mode = WAL;";
                    await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref _walSet, 1);
                }
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private protected override ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // deferred: false → BEGIN IMMEDIATE: the write lock is taken now, so two read-then-write transactions never
        // deadlock on lock upgrade; a competing writer waits up to busy_timeout.
        DbTransaction transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
        return ValueTask.FromResult(transaction);
    }

    private protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private protected override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED

    private protected override ValueTask DisposeCoreAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Settings of <see cref="SqliteLedgerStore"/>.</summary>
public sealed class SqliteLedgerStoreOptions
{
    /// <summary>How long a writer waits for another writer's lock before failing. Default 30 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>synchronous=FULL</c> (default, true): every commit is on disk before it returns. False gives
    /// <c>NORMAL</c>: still safe against a killed process, but the last commits may be lost in a power cut.
    /// </summary>
    public bool SynchronousFull { get; set; } = true;
}
