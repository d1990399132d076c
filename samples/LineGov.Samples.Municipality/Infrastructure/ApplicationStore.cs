using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LineGov.Samples.Municipality.Infrastructure;

/// <summary>One application as the sample keeps it (the ledger keeps the household claim and the payout).</summary>
internal sealed record ApplicationRecord(
    string Id,
    string? LineUserId,
    string? ResidentId,
    string? HouseholdId,
    string Status,
    IReadOnlyList<string> ReasonCodes,
    string Channel,
    DateTimeOffset ReceivedAt,
    string MaskedName,
    long? Amount,
    DateTimeOffset? ClaimedAt,
    string? ClaimedVia)
{
    public override string ToString() => $"{Id} {Status}";
}

/// <summary>
/// The sample's table <c>sample_applications</c>, in the ledger's database (SQLite or PostgreSQL), over plain ADO.NET with
/// SQL both accept. Holds no personal data beyond a masked name: the four facts stay in the register and on the card.
/// </summary>
internal sealed class ApplicationStore : IAsyncDisposable
{
    private const string Columns = "id, line_user_id, resident_id, household_id, status, reason_codes, channel, received_at, masked_name, amount, claimed_at, claimed_via";

    private readonly Func<DbConnection> _connect;
    private readonly NpgsqlDataSource? _postgres;

    // SQLite has one writer at a time; queueing here keeps writers off its busy loop.
    private readonly SemaphoreSlim? _sqliteWriter;

    private ApplicationStore(Func<DbConnection> connect, NpgsqlDataSource? postgres, bool sqlite)
    {
        _connect = connect;
        _postgres = postgres;
        _sqliteWriter = sqlite ? new SemaphoreSlim(1, 1) : null;
    }

    public static async Task<ApplicationStore> OpenAsync(string connection, bool postgres, CancellationToken cancellationToken)
    {
        ApplicationStore store;
        if (postgres)
        {
            var dataSource = NpgsqlDataSource.Create(connection);
            store = new ApplicationStore(dataSource.CreateConnection, dataSource, sqlite: false);
        }
        else
        {
            var text = new SqliteConnectionStringBuilder { DataSource = connection, DefaultTimeout = 30, Pooling = true }.ToString();
            store = new ApplicationStore(() => new SqliteConnection(text), null, sqlite: true);
        }

        await store.ExecuteAsync(
            """
            CREATE TABLE IF NOT EXISTS sample_applications (
                id TEXT PRIMARY KEY,
                line_user_id TEXT NULL,
                resident_id TEXT NULL,
                household_id TEXT NULL,
                status TEXT NOT NULL,
                reason_codes TEXT NOT NULL,
                channel TEXT NOT NULL,
                received_at TEXT NOT NULL,
                masked_name TEXT NOT NULL,
                amount BIGINT NULL,
                claimed_at TEXT NULL,
                claimed_via TEXT NULL
            )
            """,
            [],
            cancellationToken);
        await store.ExecuteAsync("CREATE INDEX IF NOT EXISTS ix_sample_applications_user ON sample_applications (line_user_id)", [], cancellationToken);
        await store.ExecuteAsync("CREATE INDEX IF NOT EXISTS ix_sample_applications_household ON sample_applications (household_id)", [], cancellationToken);
        return store;
    }

    public Task AddAsync(ApplicationRecord record, CancellationToken cancellationToken) => ExecuteAsync(
        $"INSERT INTO sample_applications ({Columns}) VALUES (@id, @line_user_id, @resident_id, @household_id, @status, @reason_codes, @channel, @received_at, @masked_name, @amount, @claimed_at, @claimed_via)",
        [
            ("@id", record.Id),
            ("@line_user_id", record.LineUserId),
            ("@resident_id", record.ResidentId),
            ("@household_id", record.HouseholdId),
            ("@status", record.Status),
            ("@reason_codes", string.Join(',', record.ReasonCodes)),
            ("@channel", record.Channel),
            ("@received_at", Instant(record.ReceivedAt)),
            ("@masked_name", record.MaskedName),
            ("@amount", record.Amount),
            ("@claimed_at", record.ClaimedAt is { } at ? Instant(at) : null),
            ("@claimed_via", record.ClaimedVia),
        ],
        cancellationToken);

    public Task UpdateStatusAsync(string id, string status, IReadOnlyList<string>? reasonCodes, CancellationToken cancellationToken) => reasonCodes is null
        ? ExecuteAsync("UPDATE sample_applications SET status = @status WHERE id = @id", [("@status", status), ("@id", id)], cancellationToken)
        : ExecuteAsync("UPDATE sample_applications SET status = @status, reason_codes = @reason_codes WHERE id = @id", [("@status", status), ("@reason_codes", string.Join(',', reasonCodes)), ("@id", id)], cancellationToken);

    public Task MarkPaidAsync(string householdId, CancellationToken cancellationToken) => ExecuteAsync(
        "UPDATE sample_applications SET status = 'paid' WHERE household_id = @household_id AND status = 'approved'",
        [("@household_id", householdId)],
        cancellationToken);

    public async Task<ApplicationRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        First(await QueryAsync($"SELECT {Columns} FROM sample_applications WHERE id = @id", [("@id", id)], cancellationToken));

    /// <summary>The application of a LINE user that matters most: the one holding the household's claim, else the latest.</summary>
    public async Task<ApplicationRecord?> LatestOfUserAsync(string lineUserId, CancellationToken cancellationToken)
    {
        var records = await QueryAsync($"SELECT {Columns} FROM sample_applications WHERE line_user_id = @u ORDER BY received_at DESC, id DESC", [("@u", lineUserId)], cancellationToken);
        return records.FirstOrDefault(r => r.Status is "received" or "approved" or "paid") ?? First(records);
    }

    /// <summary>The applications of a household that hold or held its claim (received, approved, paid).</summary>
    public Task<IReadOnlyList<ApplicationRecord>> HoldersAsync(string householdId, CancellationToken cancellationToken) => QueryAsync(
        $"SELECT {Columns} FROM sample_applications WHERE household_id = @h AND status IN ('received', 'approved', 'paid') ORDER BY received_at",
        [("@h", householdId)],
        cancellationToken);

    public Task<IReadOnlyList<ApplicationRecord>> ByStatusAsync(IReadOnlyList<string> statuses, CancellationToken cancellationToken)
    {
        var names = statuses.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"@s{i}")).ToArray();
        return QueryAsync(
            $"SELECT {Columns} FROM sample_applications WHERE status IN ({string.Join(", ", names)}) ORDER BY received_at, id",
            [.. names.Select((n, i) => (n, (object?)statuses[i]))],
            cancellationToken);
    }

    public Task<IReadOnlyList<ApplicationRecord>> AllAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM sample_applications ORDER BY received_at, id", [], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _sqliteWriter?.Dispose();
    }

    private static ApplicationRecord? First(IReadOnlyList<ApplicationRecord> records) => records.Count > 0 ? records[0] : null;

    private static string Instant(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private async Task ExecuteAsync(string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        if (_sqliteWriter is not null)
        {
            await _sqliteWriter.WaitAsync(cancellationToken);
        }

        try
        {
            await using var connection = _connect();
            await connection.OpenAsync(cancellationToken);
            await using var command = Command(connection, sql, parameters);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _sqliteWriter?.Release();
        }
    }

    private async Task<IReadOnlyList<ApplicationRecord>> QueryAsync(string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        await using var connection = _connect();
        await connection.OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<ApplicationRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new ApplicationRecord(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5).Split(',', StringSplitOptions.RemoveEmptyEntries),
                reader.GetString(6),
                ParseInstant(reader.GetString(7)),
                reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetInt64(9),
                reader.IsDBNull(10) ? null : ParseInstant(reader.GetString(10)),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return records;
    }

    private static DateTimeOffset ParseInstant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static DbCommand Command(DbConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is the sample's own text; every value goes in a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is null)
            {
                parameter.DbType = name == "@amount" ? System.Data.DbType.Int64 : System.Data.DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }
}
