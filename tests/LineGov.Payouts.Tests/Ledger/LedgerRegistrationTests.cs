using LineGov.Eligibility;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LineGov.Payouts.Tests.Ledger;

public sealed class LedgerRegistrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "linegov-ledger-di-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task The_ledger_is_registered_as_the_household_claim_book_over_an_sqlite_file()
    {
        var services = new ServiceCollection();
        services.AddSingleton<HouseholdClaimBook>(new InMemoryHouseholdClaimBook());
        services.AddLineGovPayoutLedger(Path.Combine(_folder, "ledger.db"));
        await using var provider = services.BuildServiceProvider();

        var book = provider.GetRequiredService<HouseholdClaimBook>();
        book.ShouldBeSameAs(provider.GetRequiredService<PayoutLedger>(), "the durable ledger replaces an earlier in-memory book");
        provider.GetRequiredService<LedgerStore>().ShouldBeOfType<SqliteLedgerStore>();
        (await book.TryClaimAsync("P", "H", "A", ApplicationChannel.Counter)).IsFirstClaim.ShouldBeTrue();
        (await book.TryClaimAsync("P", "H", "B", ApplicationChannel.Line)).Claim.Channel.ShouldBe(ApplicationChannel.Counter);
    }

    [Theory]
    [InlineData("Host=db.example.lg.jp;Database=payouts;Username=app", typeof(PostgresLedgerStore))]
    [InlineData("Server=10.0.0.5;Port=5432;Database=payouts", typeof(PostgresLedgerStore))]
    [InlineData("data/ledger.db", typeof(SqliteLedgerStore))]
    [InlineData("Data Source=data/ledger.db", typeof(SqliteLedgerStore))]
    public void Open_chooses_the_store_by_the_connection_text(string connection, Type expected) =>
        LedgerStore.LooksLikePostgres(connection).ShouldBe(expected == typeof(PostgresLedgerStore));

    [Theory]
    [InlineData("postgresql://app:secret@db.example.lg.jp/payouts")]
    [InlineData("file:///var/lib/ledger.db")]
    public void A_uri_is_refused_rather_than_taken_as_a_file_path(string connection)
    {
        var error = Should.Throw<ArgumentException>(() => LedgerStore.Open(connection));
        error.Message.ShouldNotContain("secret");
    }

    [Fact]
    public async Task A_postgres_store_does_not_show_its_password()
    {
        await using var store = new PostgresLedgerStore("Host=db.example.lg.jp;Database=payouts;Username=app;Password=s3cret");
        store.ToString().ShouldNotContain("s3cret");
        store.ToString().ShouldContain("db.example.lg.jp/payouts");
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
