using System.Data;
using System.Data.Common;
using Npgsql;

namespace LineGov.Payouts;

/// <summary>
/// The ledger in PostgreSQL, for a city, a prefecture or a national program: many processes share one database; payout
/// workers claim batches with <c>SELECT … FOR UPDATE SKIP LOCKED</c> so they never wait on, or take, each other's rows.
/// Tables live in the connection's current schema (set <c>Search Path</c> in the connection string to choose one).
/// </summary>
public sealed class PostgresLedgerStore : LedgerStore
{
    private const long MigrationLockKey = 0x4C696E65476F76; // "LineGov"
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;

    /// <summary>Opens the ledger in the database named by a connection string.</summary>
    public PostgresLedgerStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _ownsDataSource = true;
    }

    /// <summary>Opens the ledger over an existing data source (for example one registered in DI); the caller keeps ownership.</summary>
    public PostgresLedgerStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
    }

    /// <inheritdoc />
    public override string Provider => "postgresql";

    /// <inheritdoc />
    /// <remarks>Host and database only; never the password.</remarks>
    public override string ToString()
    {
        var builder = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
        return $"PostgresLedgerStore({builder.Host}/{builder.Database})";
    }

    internal override string ForUpdate => " FOR UPDATE";

    internal override string ForUpdateSkipLocked => " FOR UPDATE SKIP LOCKED";

    internal override IReadOnlyList<string> MigrationScript(int version) => LedgerMigrations.Postgres(version);

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    private protected override async ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    private protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        ScalarAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", MigrationLockKey));

    private protected override bool IsTransient(Exception exception) => exception switch
    {
        PostgresException { SqlState: "40001" or "40P01" or "55P03" } => true, // serialization failure, deadlock, lock not available
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    private protected override async ValueTask DisposeCoreAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
