namespace LineGov.Samples.Municipality.Tests.Infrastructure;

/// <summary>The database the host runs on (configuration <c>Municipality:Database</c>).</summary>
public enum TestStore
{
    /// <summary>Empty <c>Database</c>: the SQLite file in the temporary data folder.</summary>
    Sqlite,

    /// <summary>A new database on the throw-away PostgreSQL server.</summary>
    Postgres,
}
