using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LineGov.Payouts.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL server on a loopback port for the tests: initdb into a temporary folder, pg_ctl start,
/// stopped and deleted when the test process exits. Uses Debian's binaries (/usr/lib/postgresql/N/bin), which
/// <c>.ci/run</c> installs. Set LINEGOV_TEST_POSTGRES to an admin connection string to use an existing server instead.
/// Outside CI, a machine without PostgreSQL skips the PostgreSQL tests (with the reason); under CI=true they fail.
/// </summary>
internal static class PostgresServer
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// False (tests): fsync off, for speed; the tests kill clients, never the server. True (benchmarks): the server's
    /// defaults, so a commit costs what it costs in production. Set before the first database is created.
    /// </summary>
    public static bool Durable { get; set; }

    /// <summary>Null when PostgreSQL tests can run; otherwise why they are skipped.</summary>
    public static string? SkipReason { get; } = FindSkipReason();

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A connection string to a new, empty database.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await Server.Value.ConfigureAwait(false);
        var name = "linegov_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 40 }.ToString();
    }

    private static string? FindSkipReason()
    {
        if (Environment.GetEnvironmentVariable("LINEGOV_TEST_POSTGRES") is { Length: > 0 })
        {
            return null;
        }

        if (FindBinDirectory() is null)
        {
            return IsCi ? null : "PostgreSQL is not installed (apt-get install postgresql, or set LINEGOV_TEST_POSTGRES); .ci/run installs it.";
        }

        return null;
    }

    private static string? FindBinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.GetDirectories(Root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("LINEGOV_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return given;
        }

        var bin = FindBinDirectory() ?? throw new InvalidOperationException("PostgreSQL binaries not found under /usr/lib/postgresql; install the postgresql package.");
        var asRoot = Environment.UserName == "root";
        var dataDir = Path.Combine(Path.GetTempPath(), "linegov-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDir);
        if (asRoot)
        {
            // initdb refuses to run as root: the server runs as the postgres user the Debian package creates.
            await RunAsync("chown", ["postgres:postgres", dataDir]).ConfigureAwait(false);
        }

        var port = FreePort();
        await RunAsPostgresAsync(asRoot, Path.Combine(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"]).ConfigureAwait(false);
        await RunAsPostgresAsync(
            asRoot,
            Path.Combine(bin, "pg_ctl"),
            [
                "-D", dataDir, "-l", Path.Combine(dataDir, "server.log"), "-w", "-t", "60", "start",
                "-o", $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c max_connections=300" + (Durable ? string.Empty : " -c fsync=off -c full_page_writes=off"),
            ]).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAsPostgresAsync(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "stop"]).GetAwaiter().GetResult();
                Directory.Delete(dataDir, recursive: true);
            }
            catch (InvalidOperationException)
            {
                // Best effort at exit.
            }
            catch (IOException)
            {
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Timeout=30;Command Timeout=120";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsPostgresAsync(bool asRoot, string program, string[] arguments) =>
        asRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await error.ConfigureAwait(false)} {await output.ConfigureAwait(false)}");
        }
    }
}
