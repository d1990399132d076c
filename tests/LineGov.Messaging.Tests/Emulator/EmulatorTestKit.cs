using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LineGov.Messaging.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace LineGov.Messaging.Tests.Emulator;

/// <summary>Raw-HTTP helpers: the emulator is tested with plain JSON, independently of the LineGov client.</summary>
internal static class EmulatorTestKit
{
    public const string Token = "test-channel-access-token";

    public static readonly string Alice = LineEmulatorUser.UserIdFor(1);
    public static readonly string Bob = LineEmulatorUser.UserIdFor(2);

    public static HttpClient Client(this LineEmulator emulator, bool data = false, string? token = Token, TimeSpan? timeout = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = data ? emulator.DataApiBaseUri : emulator.ApiBaseUri,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json, string? retryKey = null,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        if (retryKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Line-Retry-Key", retryKey);
        }

        return await client.SendAsync(request, cancellationToken);
    }

    /// <summary>Waits (up to 10 s) until <paramref name="condition"/> holds: for what the emulator does in the background.</summary>
    public static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        condition().ShouldBeTrue();
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return document.RootElement.Clone();
    }

    public static string TextMessage(string text) => JsonSerializer.Serialize(new { type = "text", text });

    public static string Messages(int count, string prefix = "お知らせ") =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(i => TextMessage($"{prefix} {i}"))) + "]";

    public static string Push(string to, string text = "申請を受け付けました") =>
        $$"""{"to":"{{to}}","messages":[{{TextMessage(text)}}]}""";

    public static string Multicast(IEnumerable<string> to, string text = "給付金のお知らせ") =>
        $$"""{"to":{{JsonSerializer.Serialize(to)}},"messages":[{{TextMessage(text)}}]}""";

    public static IReadOnlyList<string> UserIds(int start, int count) => [.. Enumerable.Range(start, count).Select(i => LineEmulatorUser.UserIdFor(i))];

    /// <summary>Asserts LINE's error shape and returns the details as (property, message) pairs.</summary>
    public static async Task<List<(string Property, string Message)>> ShouldBeLineErrorAsync(this HttpResponseMessage response, HttpStatusCode status,
        string? message = null)
    {
        response.StatusCode.ShouldBe(status);
        response.Headers.Contains("x-line-request-id").ShouldBeTrue();
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        var body = await response.ReadJsonAsync();
        body.ValueKind.ShouldBe(JsonValueKind.Object);
        body.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
        if (message is not null)
        {
            body.GetProperty("message").GetString().ShouldBe(message);
        }

        var details = new List<(string, string)>();
        if (body.TryGetProperty("details", out var array))
        {
            foreach (var detail in array.EnumerateArray())
            {
                details.Add((detail.GetProperty("property").GetString()!, detail.GetProperty("message").GetString()!));
            }
        }

        return details;
    }

    public static string NewKey() => Guid.NewGuid().ToString();
}

/// <summary>A clock the test moves by hand (timers stay real).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}

/// <summary>What a webhook receiver got: the raw body bytes and the headers.</summary>
internal sealed record ReceivedWebhook(byte[] Body, string? Signature, string? ContentType, string? UserAgent);

/// <summary>A tiny app on loopback Kestrel that records webhook requests and answers as told.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedWebhook> _received = [];
    private readonly Lock _gate = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int Status { get; set; } = 200;

    public TimeSpan Delay { get; set; }

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        ListenOptions? listen = null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => listen = l));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            lock (receiver._gate)
            {
                receiver._received.Add(new ReceivedWebhook(body.ToArray(), context.Request.Headers["x-line-signature"].ToString(),
                    context.Request.ContentType, context.Request.Headers.UserAgent.ToString()));
            }

            if (receiver.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(receiver.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            context.Response.StatusCode = receiver.Status;
        });
        await app.StartAsync();
        receiver.Url = new Uri($"http://127.0.0.1:{listen!.IPEndPoint!.Port}/callback");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
