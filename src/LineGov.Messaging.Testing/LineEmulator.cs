using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using LineGov.Messaging.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LineGov.Messaging.Testing;

/// <summary>
/// A LINE platform emulator: an HTTP server on 127.0.0.1 that implements the Messaging API endpoints a LINE service
/// uses — reply, push, multicast, narrowcast (+ progress), broadcast, message validation, quota and consumption,
/// profile, followers, rich menus (and their images, aliases, links), message content, loading animation, mark as
/// read, audiences, channel access tokens — with the spec's limits and LINE's error shape, retry-key semantics,
/// monthly quota, per-endpoint rate limits, injected faults, a recorded inbox per user, and a webhook sender that
/// signs events. Run it in-process for tests, or standalone through the CLI.
/// </summary>
/// <remarks>
/// <para>
/// Two listeners stand for the two hosts: <see cref="ApiBaseUri"/> (<c>api.line.me</c>) and
/// <see cref="DataApiBaseUri"/> (<c>api-data.line.me</c>: content download, rich menu images, audience file uploads).
/// An endpoint asked on the wrong host answers 404, as the real hosts do.
/// </para>
/// <para>
/// Every answer carries <c>x-line-request-id</c>. Errors use LINE's shape:
/// <c>{"message": "The request body has 1 error(s)", "details": [{"message": "Size must be between 1 and 5", "property": "messages[5]"}]}</c>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using var line = await LineEmulator.StartAsync(new() { Users = LineEmulatorUser.CreateMany(3) });
/// using var http = new HttpClient { BaseAddress = line.ApiBaseUri };
/// http.DefaultRequestHeaders.Authorization = new("Bearer", "any-token");
/// var to = LineEmulatorUser.UserIdFor(0);
/// await http.PostAsync("v2/bot/message/push", JsonContent.Create(new { to, messages = new[] { new { type = "text", text = "申請を受け付けました" } } }));
/// line.InboxOf(to).Single().Texts.ShouldBe(["申請を受け付けました"]);
/// </code>
/// </example>
public sealed partial class LineEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorEngine _engine;
    private readonly HttpClient _webhookClient;
    private int _stopped;

    private LineEmulator(WebApplication app, EmulatorEngine engine, Uri apiBaseUri, Uri dataApiBaseUri, int seed)
    {
        _app = app;
        _engine = engine;
        ApiBaseUri = apiBaseUri;
        DataApiBaseUri = dataApiBaseUri;
        Seed = seed;
        _webhookClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _webhookClient.DefaultRequestHeaders.UserAgent.ParseAdd("LineBotWebhook/2.0");
    }

    /// <summary>The base address standing for <c>https://api.line.me/</c> (ends with a slash).</summary>
    public Uri ApiBaseUri { get; }

    /// <summary>The base address standing for <c>https://api-data.line.me/</c> (ends with a slash).</summary>
    public Uri DataApiBaseUri { get; }

    /// <summary>The seed in use: the one from the options, or the random one drawn when none was given.</summary>
    public int Seed { get; }

    /// <summary>The channel secret webhooks are signed with.</summary>
    public string ChannelSecret => _engine.ChannelSecret;

    /// <summary>The bot's user id (the webhook <c>destination</c>).</summary>
    public string BotUserId => _engine.BotUserId;

    /// <summary>The options the emulator started with; changes to faults, rate limits and quota apply at once.</summary>
    public LineEmulatorOptions Options => _engine.Options;

    /// <summary>
    /// Starts an emulator on 127.0.0.1 (ephemeral ports unless <see cref="LineEmulatorOptions.Port"/> and
    /// <see cref="LineEmulatorOptions.DataPort"/> say otherwise).
    /// </summary>
    /// <param name="options">Its settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">The options are inconsistent (a probability above 1, a negative TTL …).</exception>
    public static async Task<LineEmulator> StartAsync(LineEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LineEmulatorOptions();
        options.Validate();
        var seed = options.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var engine = new EmulatorEngine(options, EmulatorIds.Mix((ulong)(uint)seed));

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LineEmulator).Assembly.GetName().Name,
        });
        ListenOptions? api = null;
        ListenOptions? data = null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodySize;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => api = listen);
            kestrel.Listen(IPAddress.Loopback, options.DataPort, listen => data = listen);
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<EmulatorOperation>() is null)
            {
                await engine.HandleUnknownAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        foreach (var (operation, handler) in engine.Routes())
        {
            app.MapMethods(operation.Pattern, [operation.Method], context => engine.HandleAsync(context, operation, handler))
                .WithMetadata(operation);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var apiPort = api!.IPEndPoint!.Port;
        var dataPort = data!.IPEndPoint!.Port;
        engine.DataPort = dataPort;
        return new LineEmulator(app, engine,
            new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{apiPort}/")),
            new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{dataPort}/")),
            seed);
    }

    /// <summary>Stops listening; requests held by injected timeouts end at once.</summary>
    /// <param name="cancellationToken">Cancels a graceful stop.</param>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _engine.Stop();
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the emulator and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _webhookClient.Dispose();
        _engine.Dispose();
    }

    /// <summary>What <paramref name="userId"/> received, in order (empty when nothing).</summary>
    public IReadOnlyList<LineEmulatorDelivery> InboxOf(string userId) => _engine.Inbox.Of(userId);

    /// <summary>Every delivery, in the order it was recorded.</summary>
    public IReadOnlyList<LineEmulatorDelivery> Deliveries => _engine.Inbox.All();

    /// <summary>Deliveries per recipient.</summary>
    public IReadOnlyDictionary<string, int> DeliveryCountsByUser() => _engine.Inbox.Counts();

    /// <summary>Totals: deliveries, recipients, duplicates (a recipient receiving identical messages twice).</summary>
    public LineEmulatorInboxStatistics GetInboxStatistics() => _engine.Inbox.Statistics();

    /// <summary>Every request received, in order: endpoint, status, retry key, fault, time.</summary>
    public IReadOnlyList<LineEmulatorRequest> Requests => _engine.Requests;

    /// <summary>Loading animations shown and read marks, in order.</summary>
    public IReadOnlyList<LineEmulatorChatAction> ChatActions => _engine.ChatActions;

    /// <summary>Messages counted against the quota this month (what <c>GET /v2/bot/message/quota/consumption</c> reports).</summary>
    public long QuotaConsumption => _engine.Quota.Used(_engine.Time.GetUtcNow());

    /// <summary>The default rich menu's id, or <see langword="null"/>.</summary>
    public string? DefaultRichMenuId => _engine.DefaultRichMenuId;

    /// <summary>The rich menu <paramref name="userId"/> sees: their own link, else the default, else <see langword="null"/>.</summary>
    public string? RichMenuIdOf(string userId) => _engine.RichMenuIdOf(userId);

    /// <summary>An audience's members in upload order, or <see langword="null"/> when there is no such audience.</summary>
    public IReadOnlyList<string>? AudienceMembersOf(long audienceGroupId) => _engine.AudienceMembersOf(audienceGroupId);

    /// <summary>
    /// Clears what tests assert on: the inbox, the request log, accepted retry keys, quota usage, rate-limit windows,
    /// fault draws and forced faults, narrowcasts, chat actions and webhook deliveries. Users, rich menus, audiences,
    /// content and tokens stay.
    /// </summary>
    public void Reset()
    {
        _engine.Reset();
        ResetWebhooks();
    }

    /// <summary>Adds or replaces a user (a profile, a follower).</summary>
    public void AddUser(LineEmulatorUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(user.UserId, nameof(user));
        _engine.Users.Add(user);
    }

    /// <summary>
    /// Makes <c>GET /v2/bot/message/{messageId}/content</c> (and <c>/content/preview</c>) on the data host answer
    /// <paramref name="content"/>.
    /// </summary>
    public void AddMessageContent(string messageId, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream")
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        _engine.AddContent(messageId, content.ToArray(), contentType);
    }

    /// <summary>
    /// Issues a reply token for a message from <paramref name="userId"/>, usable once within
    /// <see cref="LineEmulatorOptions.ReplyTokenLifetime"/> (the event builders do this for you).
    /// </summary>
    public string IssueReplyToken(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return _engine.IssueReplyToken(userId);
    }

    /// <summary>
    /// Forces <paramref name="fault"/> on the next <paramref name="count"/> requests of <paramref name="operation"/>
    /// (an OpenAPI operationId such as <c>pushMessage</c>; <see langword="null"/>: any operation), before any random
    /// draw. For tests that need "the next push times out" exactly.
    /// </summary>
    public void InjectFault(LineEmulatorFault fault, string? operation = null, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!Enum.IsDefined(fault))
        {
            throw new ArgumentOutOfRangeException(nameof(fault), fault, "Unknown fault.");
        }

        _engine.Faults.Force(fault, operation, count);
    }
}
