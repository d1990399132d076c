using Microsoft.Data.Sqlite;

namespace LineGov.Payouts.Tests.Ledger;

public sealed class SqliteLedgerTests : LedgerStoreContract, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "linegov-ledger-" + Guid.NewGuid().ToString("N")[..12]);

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(Path.Combine(_folder, "ledger.db"));

    private protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
