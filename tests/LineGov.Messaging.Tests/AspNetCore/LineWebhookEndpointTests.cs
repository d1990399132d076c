using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LineGov.Messaging.AspNetCore;
using LineGov.Messaging.Tests.Webhooks;
using LineGov.Messaging.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineGov.Messaging.Tests.AspNetCore;

public sealed class LineWebhookEndpointTests : IAsyncLifetime
{
    private const string Secret = WebhookSignatureTests.Secret;

    private readonly ConcurrentQueue<LineWebhookDelivery> _deliveries = new();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebApplication? _app;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task<Uri> StartAsync(LineWebhookHandler handler, Action<LineWebhookOptions>? configure = null, Action<IServiceCollection>? services = null, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddLineWebhooks(o =>
        {
            o.ChannelSecret = Secret;
            configure?.Invoke(o);
        });
        services?.Invoke(builder.Services);
        _app = builder.Build();
        if (map is null)
        {
            _app.MapLineWebhook("/callback", handler);
        }
        else
        {
            map(_app);
        }

        await _app.StartAsync();
        return new Uri(_app.Urls.First() + "/callback");
    }

    private Task Record(LineWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        _deliveries.Enqueue(delivery);
        return Task.CompletedTask;
    }

    private async Task<HttpResponseMessage> PostAsync(Uri uri, string json, string? signature = "sign")
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("x-line-signature", signature == "sign" ? WebhookSignatureTests.Sign(body) : signature);
        }

        return await _client.SendAsync(request);
    }

    private async Task WaitForDeliveriesAsync(int count)
    {
        for (var i = 0; i < 1000 && _deliveries.Count < count; i++)
        {
            await Task.Delay(10);
        }

        _deliveries.Count.ShouldBeGreaterThanOrEqualTo(count);
    }

    private IEnumerable<string> HandledIds => _deliveries.SelectMany(d => d.Events).Select(e => e.WebhookEventId);

    [Fact]
    public async Task The_endpoint_answers_200_at_once_while_the_handler_is_slow()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var uri = await StartAsync(async (delivery, ct) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(ct);
            _deliveries.Enqueue(delivery);
        });

        var clock = Stopwatch.StartNew();
        using (var response = await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01SLOW"))))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _deliveries.ShouldBeEmpty("the handler is still running");

        release.SetResult();
        await WaitForDeliveriesAsync(1);
        HandledIds.ShouldBe(["01SLOW"]);
    }

    [Fact]
    public async Task A_bad_signature_is_401_and_never_reaches_the_handler()
    {
        var uri = await StartAsync(Record, o => o.HandlerConcurrency = 1);

        using (var forged = await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01FORGED")), signature: "bm90IHRoZSBzaWduYXR1cmUgb2YgdGhpcyBib2R5IQ=="))
        {
            forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var missing = await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01MISSING")), signature: null))
        {
            missing.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var forgedGarbage = await PostAsync(uri, "{not json", signature: WebhookSignatureTests.Sign("x"u8.ToArray())))
        {
            forgedGarbage.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "verification comes before parsing");
        }

        using (var good = await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01GOOD"))))
        {
            good.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await WaitForDeliveriesAsync(1);
        await Task.Delay(100);
        HandledIds.ShouldBe(["01GOOD"]);
    }

    [Fact]
    public async Task A_signed_body_that_is_not_json_is_400()
    {
        var uri = await StartAsync(Record);

        using var response = await PostAsync(uri, "{\"destination\":\"U1\",\"events\":[{]}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_redelivered_event_is_handled_once()
    {
        var uri = await StartAsync(Record, o => o.HandlerConcurrency = 1);

        (await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01ONCE")))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01ONCE", isRedelivery: true), WebhookExamples.TextEvent("01NEXT")))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01ONCE", isRedelivery: true)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01LAST")))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await WaitForDeliveriesAsync(3);
        await Task.Delay(100);
        HandledIds.Order(StringComparer.Ordinal).ShouldBe(["01LAST", "01NEXT", "01ONCE"]);
        _deliveries.Single(d => d.Events.Any(e => e.WebhookEventId == "01NEXT")).DuplicatesSkipped.ShouldBe(1);
    }

    [Fact]
    public async Task The_url_check_with_no_events_is_200_and_calls_nothing()
    {
        var uri = await StartAsync(Record);

        using var response = await PostAsync(uri, """{"destination":"Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","events":[]}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Task.Delay(100);
        _deliveries.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var uri = await StartAsync(Record, o => o.MaxBodyBytes = 2048);
        var big = WebhookExamples.Body(WebhookExamples.TextEvent("01BIG", text: new string('あ', 2000)));

        using var response = await PostAsync(uri, big);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        _deliveries.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_body_sent_in_chunks_without_a_length_is_verified_on_its_raw_bytes()
    {
        var uri = await StartAsync(Record);
        var body = Encoding.UTF8.GetBytes(WebhookExamples.Body(WebhookExamples.TextEvent("01CHUNKED", text: "\\uD83E\\uDD28 🤨")));
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StreamContent(new TrickleStream(body)) };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("x-line-signature", WebhookSignatureTests.Sign(body));

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await WaitForDeliveriesAsync(1);
        _deliveries.Single().Events.Single().ShouldBeOfType<MessageEvent>().Message.ShouldBeOfType<TextMessageContent>().Text.ShouldBe("🤨 🤨");
    }

    [Fact]
    public async Task A_full_queue_answers_503_so_LINE_can_redeliver()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var uri = await StartAsync(
            async (delivery, ct) =>
            {
                await release.Task.WaitAsync(ct);
                _deliveries.Enqueue(delivery);
            },
            o => (o.QueueCapacity, o.HandlerConcurrency) = (1, 1));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01Q" + i)));
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldContain(HttpStatusCode.ServiceUnavailable);
        release.SetResult();
    }

    [Fact]
    public async Task A_failing_handler_does_not_stop_later_deliveries()
    {
        var uri = await StartAsync(
            (delivery, ct) => delivery.Events[0].WebhookEventId == "01BOOM" ? throw new InvalidOperationException("boom") : Record(delivery, ct),
            o => o.HandlerConcurrency = 1);

        (await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01BOOM")))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01AFTER")))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await WaitForDeliveriesAsync(1);
        HandledIds.ShouldBe(["01AFTER"]);
    }

    [Fact]
    public async Task A_typed_handler_is_resolved_in_a_scope_per_delivery()
    {
        var scopeIds = new ConcurrentQueue<Guid>();
        var uri = await StartAsync(
            Record,
            services: s => s.AddSingleton(_deliveries).AddSingleton(scopeIds).AddScoped<ScopedThing>(),
            map: app => app.MapLineWebhook<RecordingHandler>("/callback"));

        (await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01T1")))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01T2")))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await WaitForDeliveriesAsync(2);
        scopeIds.Distinct().Count().ShouldBe(2);
        Should.Throw<ObjectDisposedException>(() => _deliveries.First().Services.GetRequiredService<ScopedThing>(), "the scope ends with the handler");
    }

    [Fact]
    public async Task A_custom_event_store_replaces_the_in_memory_one()
    {
        var store = new RecordingStore();
        var uri = await StartAsync(Record, services: s => s.AddSingleton<ILineWebhookEventStore>(store));

        (await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01STORE")))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await WaitForDeliveriesAsync(1);
        store.Marked.ShouldBe(["01STORE"]);
    }

    [Fact]
    public async Task A_scoped_event_store_is_resolved_per_delivery()
    {
        var store = new RecordingStore();
        var scopes = 0;
        var uri = await StartAsync(Record, services: s => s.AddScoped<ILineWebhookEventStore>(_ =>
        {
            Interlocked.Increment(ref scopes);
            return store;
        }));

        (await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01S1")))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(uri, WebhookExamples.Body(WebhookExamples.TextEvent("01S2")))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await WaitForDeliveriesAsync(2);
        store.Marked.Order(StringComparer.Ordinal).ShouldBe(["01S1", "01S2"]);
        Volatile.Read(ref scopes).ShouldBe(2);
    }

    [Fact]
    public async Task Mapping_without_AddLineWebhooks_fails_with_a_clear_message()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        Should.Throw<InvalidOperationException>(() => app.MapLineWebhook("/callback", Record)).Message.ShouldContain("AddLineWebhooks");
    }

    [Fact]
    public async Task A_missing_channel_secret_stops_the_host_at_start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddLineWebhooks(_ => { });
        await using var app = builder.Build();

        await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync());
    }

    [Fact]
    public void The_options_never_show_the_secret()
    {
        new LineWebhookOptions { ChannelSecret = Secret }.ToString().ShouldNotContain(Secret);
    }

    private sealed class ScopedThing
    {
        public Guid Id { get; } = Guid.NewGuid();
    }

    private sealed class RecordingHandler(ConcurrentQueue<LineWebhookDelivery> deliveries, ConcurrentQueue<Guid> scopeIds, ScopedThing scoped) : ILineWebhookHandler
    {
        public Task HandleAsync(LineWebhookDelivery delivery, CancellationToken cancellationToken = default)
        {
            scoped.ShouldBeSameAs(delivery.Services.GetRequiredService<ScopedThing>());
            scopeIds.Enqueue(scoped.Id);
            deliveries.Enqueue(delivery);
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingStore : ILineWebhookEventStore
    {
        public ConcurrentQueue<string> Marked { get; } = new();

        public ValueTask<bool> TryMarkAsync(string webhookEventId, CancellationToken cancellationToken = default)
        {
            Marked.Enqueue(webhookEventId);
            return ValueTask.FromResult(true);
        }
    }

    /// <summary>Hands out a body a few bytes at a time, so the server sees it in several segments.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 7));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 7)]);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, 7)], cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
