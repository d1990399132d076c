using System.Globalization;
using System.Net;
using LineGov.Eligibility;
using LineGov.Messaging.Testing;
using LineGov.Payouts;
using LineGov.Payouts.Points;
using LineGov.Payouts.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LineGov.Samples.Municipality.Tests.Infrastructure;

/// <summary>
/// The municipal host as the tests run it: Kestrel on a loopback port (<c>--urls http://127.0.0.1:0</c>), a temporary
/// data folder, the fixed clock <see cref="Now"/>, SQLite or a new PostgreSQL database; disposing stops the host and
/// deletes the folder.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    /// <summary>The program's identifier (samples/programs, embedded in the host).</summary>
    public const string ProgramId = "touma-bukka-2026";

    /// <summary>The fixed "now" of every test: 2026-12-01 09:00 JST, inside the application window.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(9));

    /// <summary>How the resident reads <see cref="Now"/>'s date in an already-applied answer.</summary>
    public const string NowDateJapanese = "12月1日";

    private TestHost(MunicipalityApp app, string dataFolder, TestStore store)
    {
        App = app;
        DataFolder = dataFolder;
        Store = store;
        Http = NewClient(allowRedirects: true);
    }

    /// <summary>The running host.</summary>
    public MunicipalityApp App { get; }

    /// <summary>The temporary data folder (deleted on dispose).</summary>
    public string DataFolder { get; }

    /// <summary>The database.</summary>
    public TestStore Store { get; }

    /// <summary>A client on <see cref="MunicipalityApp.BaseAddress"/> (follows redirects, no cookies).</summary>
    public HttpClient Http { get; }

    /// <summary>The in-process LINE emulator (Emulator mode is the default).</summary>
    public LineEmulator Line => App.Line ?? throw new InvalidOperationException("The host runs without the LINE emulator.");

    /// <summary>The applications desk (counter applications, review queue, approval).</summary>
    public IApplicationDesk Applications => App.Services.GetRequiredService<IApplicationDesk>();

    /// <summary>The payout desk.</summary>
    public IPayoutDesk Payouts => App.Services.GetRequiredService<IPayoutDesk>();

    /// <summary>The ledger, when the host registers it in DI (not in the contract: checks that need it say so when it is missing).</summary>
    public PayoutLedger? Ledger => App.Services.GetService<PayoutLedger>();

    /// <summary>The fake e-money provider, when the host registers it in DI.</summary>
    public FakePointsProvider? Points => App.Services.GetService<FakePointsProvider>();

    /// <summary>
    /// The resident register (住民基本台帳) of the generated town. Counter applications need a resident's four facts,
    /// which the simulator deliberately does not expose: the tests read them from the register the host registers in DI.
    /// </summary>
    public ResidentRegister Register => App.Services.GetService<ResidentRegister>() ?? RegisterOfGeneratedTown()
        ?? throw new InvalidOperationException("The host does not register its ResidentRegister in DI; the counter tests need it to know a resident's four facts.");

    // Until the host registers the ResidentRegister itself: the generated town's (an internal type, found by name so that
    // this project compiles against any state of the host).
    private ResidentRegister? RegisterOfGeneratedTown()
    {
        var type = typeof(MunicipalityHost).Assembly.GetType("LineGov.Samples.Municipality.Infrastructure.GeneratedTown");
        var town = type is null ? null : App.Services.GetService(type);
        return town?.GetType().GetProperty("Register")?.GetValue(town) as ResidentRegister;
    }

    /// <summary>Starts a host on <paramref name="store"/>; <paramref name="settings"/> (keys like <c>Municipality:Town:Households</c>) override the defaults.</summary>
    public static async Task<TestHost> StartAsync(TestStore store, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "linegov-municipality-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Municipality:DataFolder"] = folder,
            ["Municipality:Clock:Now"] = Now.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.Antiforgery"] = "Error", // "headers overridden to no-cache" on every form page
        };
        try
        {
            if (store == TestStore.Postgres)
            {
                configuration["Municipality:Database"] = await PostgresServer.CreateDatabaseAsync();
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                configuration[key] = value;
            }

            var app = await MunicipalityHost.StartAsync(
                ["--urls", "http://127.0.0.1:0"],
                builder => builder.Configuration.AddInMemoryCollection(configuration),
                cancellationToken);
            return new TestHost(app, folder, store);
        }
        catch
        {
            DeleteFolder(folder);
            throw;
        }
    }

    /// <summary>A new client on the host; with <paramref name="cookies"/> it keeps a login.</summary>
    public HttpClient NewClient(bool allowRedirects, CookieContainer? cookies = null, int maxConnections = int.MaxValue)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = allowRedirects,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        return new HttpClient(handler) { BaseAddress = App.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        DeleteFolder(DataFolder);
    }

    private static void DeleteFolder(string folder)
    {
        for (var attempt = 0; attempt < 5 && Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }
}
