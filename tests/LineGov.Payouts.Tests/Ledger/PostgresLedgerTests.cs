using LineGov.Payouts.Tests.Infrastructure;
using Npgsql;

namespace LineGov.Payouts.Tests.Ledger;

/// <summary>The contract against a real PostgreSQL server started by the tests (see <see cref="PostgresServer"/>).</summary>
[Trait("Requires", "postgresql")]
public sealed class PostgresLedgerTests : LedgerStoreContract
{
    protected override Task<string> CreateDatabaseAsync() => PostgresServer.CreateDatabaseAsync();

    private protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
