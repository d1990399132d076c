using LineGov.Payouts.Tests.Infrastructure;
using LineGov.Samples.Municipality.Tests.Infrastructure;
using Npgsql;

namespace LineGov.Samples.Municipality.Tests.Smoke;

/// <summary>The test infrastructure itself: the host on a loopback port with a temporary data folder, the PostgreSQL server.</summary>
public sealed class HostFixtureTests
{
    [SampleFact]
    public async Task Host_starts_on_a_loopback_port_serves_the_front_page_and_deletes_its_data_folder()
    {
        string folder;
        await using (var host = await TestHost.StartAsync(TestStore.Sqlite))
        {
            folder = host.DataFolder;
            Directory.Exists(folder).ShouldBeTrue();
            folder.ShouldStartWith(Path.GetTempPath());
            host.App.BaseAddress.Host.ShouldBe("127.0.0.1");
            host.App.BaseAddress.Port.ShouldBeGreaterThan(0);

            using var response = await host.Http.GetAsync(new Uri("/", UriKind.Relative));
            ((int)response.StatusCode).ShouldBe(200);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
            Inbox.IsJapanese(await response.Content.ReadAsStringAsync()).ShouldBeTrue();
        }

        Directory.Exists(folder).ShouldBeFalse();
    }

    [SampleFact]
    public async Task Two_hosts_run_side_by_side_on_different_ports_and_folders()
    {
        await using var first = await TestHost.StartAsync(TestStore.Sqlite);
        await using var second = await TestHost.StartAsync(TestStore.Sqlite);
        first.App.BaseAddress.ShouldNotBe(second.App.BaseAddress);
        first.DataFolder.ShouldNotBe(second.DataFolder);
    }
}

/// <summary>The throw-away PostgreSQL server the PostgreSQL suites run on.</summary>
public sealed class PostgresFixtureTests
{
    [SampleFact]
    public async Task A_new_database_on_the_throw_away_server_answers()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        var name = (string?)await command.ExecuteScalarAsync();
        name.ShouldNotBeNull().ShouldStartWith("linegov_");
    }

    [SampleFact]
    public async Task Host_starts_on_a_new_postgres_database()
    {
        await using var host = await TestHost.StartAsync(TestStore.Postgres);
        using var response = await host.Http.GetAsync(new Uri("/", UriKind.Relative));
        ((int)response.StatusCode).ShouldBe(200);
    }
}
