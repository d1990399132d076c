using LineGov.Payouts.Points;
using LineGov.Payouts.Testing;

namespace LineGov.Payouts.Tests.Points;

/// <summary>A fake points server and an HttpPointsProvider pointed at it, with delays small enough for fast tests.</summary>
internal sealed class PointsTestKit : IAsyncDisposable
{
    public const string ApiKey = "test-api-key-0123456789";

    private readonly HttpClient _http;

    private PointsTestKit(FakePointsServer server, PointsProviderOptions options)
    {
        Server = server;
        Options = options;
        _http = new HttpClient(new PointsResilienceHandler(options) { InnerHandler = new SocketsHttpHandler() }) { Timeout = Timeout.InfiniteTimeSpan };
        Provider = new HttpPointsProvider(_http, options);
    }

    public FakePointsServer Server { get; }

    public PointsProviderOptions Options { get; }

    public HttpPointsProvider Provider { get; }

    public static PointsProviderOptions FastOptions(Uri baseAddress, string apiKey = ApiKey) => new()
    {
        BaseAddress = baseAddress,
        ApiKey = apiKey,
        RetryDelay = TimeSpan.FromMilliseconds(1),
        AttemptTimeout = TimeSpan.FromSeconds(2),
        TotalTimeout = TimeSpan.FromSeconds(10),
        MaxRetryAttempts = 3,
    };

    public static async Task<PointsTestKit> StartAsync(FakePointsServerOptions? server = null, Action<PointsProviderOptions>? client = null)
    {
        server ??= new FakePointsServerOptions();
        server.ApiKey ??= ApiKey;
        server.Seed ??= 20240601;
        var started = await FakePointsServer.StartAsync(server);
        var options = FastOptions(started.BaseAddress);
        client?.Invoke(options);
        return new PointsTestKit(started, options);
    }

    public static PointsGrant Grant(string member = "M-0001", long points = 3000, string key = "prog:H0001:1", string? description = "物価高騰支援") =>
        new(member, points, key, description);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
    }
}
