using LineGov.Messaging.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LineGov.Messaging.Tests.Integration;

/// <summary>
/// The SDK as an application registers it (<c>AddLineGovMessaging</c>: IHttpClientFactory, the resilience handler, the
/// rate limiter) pointed at an in-process emulator. Nothing is mocked: every request crosses a real socket.
/// </summary>
internal sealed class IntegrationKit : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private IntegrationKit(LineEmulator line, ServiceProvider services)
    {
        Line = line;
        _services = services;
        Client = services.GetRequiredService<LineMessagingClient>();
    }

    public LineEmulator Line { get; }

    public LineMessagingClient Client { get; }

    public static async Task<IntegrationKit> StartAsync(LineEmulatorOptions? emulator = null, Action<LineResilienceOptions>? resilience = null)
    {
        var line = await LineEmulator.StartAsync(emulator ?? new LineEmulatorOptions());
        var services = new ServiceCollection();
        services.AddLineGovMessaging(o =>
        {
            o.ChannelAccessToken = "integration-test-token";
            o.ApiBaseUri = line.ApiBaseUri;
            o.DataApiBaseUri = line.DataApiBaseUri;
            o.Resilience.RetryDelay = TimeSpan.FromMilliseconds(20);
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
            resilience?.Invoke(o.Resilience);
        });
        return new IntegrationKit(line, services.BuildServiceProvider(validateScopes: true));
    }

    public static string User(int n) => LineEmulatorUser.UserIdFor(n);

    public static IReadOnlyList<string> Users(int start, int count) => [.. Enumerable.Range(start, count).Select(i => LineEmulatorUser.UserIdFor(i))];

    public IReadOnlyList<LineEmulatorRequest> RequestsOf(string operation) => [.. Line.Requests.Where(r => r.Operation == operation)];

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Line.DisposeAsync();
    }
}
