using System.Data.Common;
using System.Globalization;

namespace LineGov.Payouts;

/// <summary>
/// Versioned schema migrations. Each version is a script per dialect applied once, in order, inside the migrating
/// transaction; the version reached is recorded in <c>linegov_schema</c>. A database ahead of this library is refused.
/// </summary>
internal static class LedgerMigrations
{
    public const string Component = "payouts";

    /// <summary>1: entries, audit trail (append-only), requests; 2: payout runs; 3: refused requests remembered with their outcome.</summary>
    public const int Latest = 3;

    public static async Task<int> ReadVersionAsync(LedgerStore store, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var exists = await LedgerStore.ScalarAsync(
            connection,
            transaction,
            store.Provider == "sqlite"
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'linegov_schema'"
                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'linegov_schema'",
            cancellationToken).ConfigureAwait(false);
        if (Convert.ToInt64(exists, CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        var version = await LedgerStore.ScalarAsync(
            connection,
            transaction,
            "SELECT version FROM linegov_schema WHERE component = @component",
            cancellationToken,
            ("component", Component)).ConfigureAwait(false);
        return version is null ? 0 : Convert.ToInt32(version, CultureInfo.InvariantCulture);
    }

    public static async Task ApplyAsync(LedgerStore store, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await LedgerStore.ExecuteAsync(
            connection,
            transaction,
            "CREATE TABLE IF NOT EXISTS linegov_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL, applied_at BIGINT NOT NULL)",
            cancellationToken).ConfigureAwait(false);
        var version = await ReadVersionAsync(store, connection, transaction, cancellationToken).ConfigureAwait(false);
        if (version > Latest)
        {
            throw new LedgerSchemaException(string.Create(
                CultureInfo.InvariantCulture,
                $"The ledger database has schema version {version}; this library knows up to {Latest}. Upgrade LineGov.Payouts."));
        }

        for (var next = version + 1; next <= Latest; next++)
        {
            foreach (var statement in store.MigrationScript(next))
            {
                await LedgerStore.ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            }
        }

        if (version < Latest)
        {
            await LedgerStore.ExecuteAsync(
                connection,
                transaction,
                "INSERT INTO linegov_schema (component, version, applied_at) VALUES (@component, @version, @at) " +
                "ON CONFLICT (component) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at",
                cancellationToken,
                ("component", Component),
                ("version", Latest),
                ("at", store.Clock.GetUtcNow().UtcTicks)).ConfigureAwait(false);
        }
    }

    public static IReadOnlyList<string> Sqlite(int version) => version switch
    {
        1 =>
        [
            """
            CREATE TABLE payout_entries (
                program_id TEXT NOT NULL, beneficiary_id TEXT NOT NULL,
                application_id TEXT NOT NULL, applicant_id TEXT, application_channel TEXT NOT NULL, received_at INTEGER NOT NULL,
                state TEXT NOT NULL, amount INTEGER, attempt INTEGER NOT NULL,
                payout_channel TEXT, reference TEXT, failure_reason TEXT,
                run_id TEXT, batch_number INTEGER, lease_owner TEXT, lease_until INTEGER,
                version INTEGER NOT NULL, updated_at INTEGER NOT NULL,
                PRIMARY KEY (program_id, beneficiary_id)) WITHOUT ROWID
            """,
            "CREATE INDEX ix_payout_entries_state ON payout_entries (program_id, state, batch_number)",
            """
            CREATE TABLE payout_audit (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                program_id TEXT NOT NULL, beneficiary_id TEXT NOT NULL,
                from_state TEXT, to_state TEXT NOT NULL, actor TEXT NOT NULL, at INTEGER NOT NULL,
                reason TEXT, idempotency_key TEXT)
            """,
            "CREATE INDEX ix_payout_audit_entry ON payout_audit (program_id, beneficiary_id, sequence)",
            "CREATE TRIGGER payout_audit_no_update BEFORE UPDATE ON payout_audit BEGIN SELECT RAISE(ABORT, 'payout_audit is append-only'); END",
            "CREATE TRIGGER payout_audit_no_delete BEFORE DELETE ON payout_audit BEGIN SELECT RAISE(ABORT, 'payout_audit is append-only'); END",
            "CREATE TABLE payout_requests (idempotency_key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, at INTEGER NOT NULL) WITHOUT ROWID",
        ],
        2 =>
        [
            """
            CREATE TABLE payout_runs (
                run_id TEXT PRIMARY KEY, program_id TEXT NOT NULL, channel TEXT NOT NULL,
                created_by TEXT NOT NULL, created_at INTEGER NOT NULL, next_batch INTEGER NOT NULL, completed_at INTEGER) WITHOUT ROWID
            """,
            "CREATE INDEX ix_payout_entries_run ON payout_entries (run_id, batch_number)",
            "CREATE INDEX ix_payout_entries_reference ON payout_entries (program_id, reference)",
        ],
        3 => ["ALTER TABLE payout_requests ADD COLUMN outcome TEXT"],
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    public static IReadOnlyList<string> Postgres(int version) => version switch
    {
        1 =>
        [
            """
            CREATE TABLE payout_entries (
                program_id TEXT NOT NULL, beneficiary_id TEXT NOT NULL,
                application_id TEXT NOT NULL, applicant_id TEXT, application_channel TEXT NOT NULL, received_at BIGINT NOT NULL,
                state TEXT NOT NULL, amount BIGINT, attempt INTEGER NOT NULL,
                payout_channel TEXT, reference TEXT, failure_reason TEXT,
                run_id TEXT, batch_number BIGINT, lease_owner TEXT, lease_until BIGINT,
                version BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                PRIMARY KEY (program_id, beneficiary_id))
            """,
            "CREATE INDEX ix_payout_entries_state ON payout_entries (program_id, state, batch_number)",
            """
            CREATE TABLE payout_audit (
                sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                program_id TEXT NOT NULL, beneficiary_id TEXT NOT NULL,
                from_state TEXT, to_state TEXT NOT NULL, actor TEXT NOT NULL, at BIGINT NOT NULL,
                reason TEXT, idempotency_key TEXT)
            """,
            "CREATE INDEX ix_payout_audit_entry ON payout_audit (program_id, beneficiary_id, sequence)",
            """
            CREATE FUNCTION payout_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'payout_audit is append-only'; END $$
            """,
            "CREATE TRIGGER payout_audit_no_change BEFORE UPDATE OR DELETE ON payout_audit FOR EACH ROW EXECUTE FUNCTION payout_audit_append_only()",
            "CREATE TRIGGER payout_audit_no_truncate BEFORE TRUNCATE ON payout_audit FOR EACH STATEMENT EXECUTE FUNCTION payout_audit_append_only()",
            "CREATE TABLE payout_requests (idempotency_key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, at BIGINT NOT NULL)",
        ],
        2 =>
        [
            """
            CREATE TABLE payout_runs (
                run_id TEXT PRIMARY KEY, program_id TEXT NOT NULL, channel TEXT NOT NULL,
                created_by TEXT NOT NULL, created_at BIGINT NOT NULL, next_batch BIGINT NOT NULL, completed_at BIGINT)
            """,
            "CREATE INDEX ix_payout_entries_run ON payout_entries (run_id, batch_number)",
            "CREATE INDEX ix_payout_entries_reference ON payout_entries (program_id, reference)",
        ],
        3 => ["ALTER TABLE payout_requests ADD COLUMN outcome TEXT"],
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };
}
