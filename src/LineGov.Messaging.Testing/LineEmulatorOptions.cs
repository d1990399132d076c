using System.Security.Cryptography;

namespace LineGov.Messaging.Testing;

/// <summary>
/// Settings of a <see cref="LineEmulator"/>. Ports, users, secrets and the clock are read once at start;
/// <see cref="Faults"/>, <see cref="RateLimits"/> and <see cref="MonthlyQuota"/> are read on every request, so a test
/// may change them while the emulator runs.
/// </summary>
public sealed class LineEmulatorOptions
{
    /// <summary>
    /// The channel secret: the key of the webhook signature (<c>x-line-signature</c>) and the client secret the token
    /// endpoints accept. Default: a fixed 32-hex-digit test value.
    /// </summary>
    public string ChannelSecret { get; set; } = "0123456789abcdef0123456789abcdef";

    /// <summary>The channel id the token endpoints accept as <c>client_id</c>. Default: <c>2000000000</c>.</summary>
    public string ChannelId { get; set; } = "2000000000";

    /// <summary>
    /// The bot's user id: the webhook <c>destination</c> and <c>GET /v2/bot/info</c>'s <c>userId</c>
    /// (<c>U</c> + 32 hex digits). Default: a fixed test value.
    /// </summary>
    public string BotUserId { get; set; } = "U5e9a1c7f0b3d4e8a9c2f6b1d7e3a8c40";

    /// <summary>
    /// The channel access tokens accepted as <c>Authorization: Bearer …</c>. <see langword="null"/> (the default)
    /// accepts any non-empty bearer token; otherwise only these and the tokens the emulator's token endpoints issued.
    /// A missing or refused token gets LINE's 401.
    /// </summary>
    public IReadOnlyCollection<string>? AcceptedTokens { get; set; }

    /// <summary>
    /// The public keys of the channel's Assertion Signing Keys, by kid, for the v2.1 and stateless token endpoints.
    /// When set, a JWT assertion must be signed (RS256) by the key its <c>kid</c> names; <see langword="null"/>
    /// (the default) checks the assertion's claims but not its signature.
    /// </summary>
    public IReadOnlyDictionary<string, RSA>? AssertionSigningKeys { get; set; }

    /// <summary>
    /// The monthly message quota (the target limit <c>GET /v2/bot/message/quota</c> reports), counted as LINE counts:
    /// one message per recipient of a push, multicast, narrowcast or broadcast request, whatever the number of message
    /// objects; replies are free. A request that would exceed it gets 429 "You have reached your monthly limit." and
    /// delivers nothing. <see langword="null"/> (the default): no limit (<c>type: none</c>).
    /// </summary>
    public long? MonthlyQuota { get; set; }

    /// <summary>The per-endpoint rate limits (defaults as LINE documents them).</summary>
    public LineEmulatorRateLimits RateLimits { get; set; } = new();

    /// <summary>Injected faults: server errors, timeouts and slow responses. Default: none.</summary>
    public LineEmulatorFaults Faults { get; set; } = new();

    /// <summary>
    /// The seed of the fault draws and generated ids. Runs with the same seed and the same requests see the same
    /// faults, whatever order concurrent requests arrive in. <see langword="null"/> (the default): a random seed,
    /// reported by <see cref="LineEmulator.Seed"/> so a failing run can be repeated.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>How long an accepted <c>X-Line-Retry-Key</c> answers 409. Default: 24 hours, as LINE.</summary>
    public TimeSpan RetryKeyTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a reply token the emulator issued stays valid. Default: 1 minute.</summary>
    public TimeSpan ReplyTokenLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a narrowcast stays in the <c>sending</c> phase before its progress reads <c>succeeded</c>.
    /// Default: zero (done at once). Deliveries are recorded when the request is accepted either way.
    /// </summary>
    public TimeSpan NarrowcastDuration { get; set; }

    /// <summary>
    /// The users the channel knows: profiles, the followers list (in this order), the audience of broadcasts. Users
    /// with <see cref="LineEmulatorUser.IsFollower"/> false have blocked the account and receive nothing.
    /// </summary>
    public IReadOnlyList<LineEmulatorUser> Users { get; set; } = [];

    /// <summary>
    /// Whether user ids must look like LINE's (<c>U</c> + 32 lowercase hex digits; <c>C…</c>/<c>R…</c> for push to
    /// groups and rooms), as the platform checks. Default: yes.
    /// </summary>
    public bool ValidateUserIds { get; set; } = true;

    /// <summary>
    /// The clock of retry-key expiry, quota months, rate-limit windows, delays and timestamps. Injected delays run on its
    /// timers: with a fake clock whose timers only fire when it is advanced, a held request waits until then (or until
    /// the client gives up).
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The port of the <c>api.line.me</c> listener on 127.0.0.1. Default: 0 (an ephemeral port).</summary>
    public int Port { get; set; }

    /// <summary>The port of the <c>api-data.line.me</c> listener on 127.0.0.1. Default: 0 (an ephemeral port).</summary>
    public int DataPort { get; set; }

    /// <summary>
    /// Whether webhook bodies write every non-ASCII character as a <c>\uXXXX</c> escape (an emoji as a surrogate
    /// pair, <c>\uD83E\uDD28</c>), as LINE's do, so a receiver that re-serializes before checking the signature fails
    /// as it would in production. Default: yes.
    /// </summary>
    public bool WebhookEscapeNonAscii { get; set; } = true;

    /// <summary>How long the webhook sender waits for the app's answer. Default: 2 seconds, as LINE expects.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many entries <see cref="LineEmulator.Requests"/> keeps; the oldest go first. Default: 1,000,000 (enough for
    /// any test; it bounds the memory of an emulator left running).
    /// </summary>
    public int RequestLogCapacity { get; set; } = 1_000_000;

    /// <summary>The largest request body accepted (LINE's file upload limit drives it). Default: 64 MiB.</summary>
    public long MaxRequestBodySize { get; set; } = 64L * 1024 * 1024;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(ChannelSecret, nameof(ChannelSecret));
        ArgumentException.ThrowIfNullOrEmpty(ChannelId, nameof(ChannelId));
        ArgumentException.ThrowIfNullOrEmpty(BotUserId, nameof(BotUserId));
        ArgumentNullException.ThrowIfNull(RateLimits, nameof(RateLimits));
        ArgumentNullException.ThrowIfNull(Faults, nameof(Faults));
        ArgumentNullException.ThrowIfNull(Users, nameof(Users));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentOutOfRangeException.ThrowIfNegative(MonthlyQuota ?? 0, nameof(MonthlyQuota));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryKeyTtl, TimeSpan.Zero, nameof(RetryKeyTtl));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReplyTokenLifetime, TimeSpan.Zero, nameof(ReplyTokenLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThan(NarrowcastDuration, TimeSpan.Zero, nameof(NarrowcastDuration));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WebhookTimeout, TimeSpan.Zero, nameof(WebhookTimeout));
        ArgumentOutOfRangeException.ThrowIfNegative(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfNegative(DataPort, nameof(DataPort));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DataPort, 65535, nameof(DataPort));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestBodySize, 1024, nameof(MaxRequestBodySize));
        ArgumentOutOfRangeException.ThrowIfLessThan(RequestLogCapacity, 1, nameof(RequestLogCapacity));
        if (Port != 0 && Port == DataPort)
        {
            throw new ArgumentException("The API and data API listeners need different ports.", nameof(DataPort));
        }

        RateLimits.Validate();
        Faults.Validate();
        foreach (var user in Users)
        {
            ArgumentNullException.ThrowIfNull(user, nameof(Users));
            ArgumentException.ThrowIfNullOrEmpty(user.UserId, nameof(Users));
        }
    }
}

/// <summary>
/// Per-endpoint rate limits: each endpoint (operation) of a group has its own counter per channel, in fixed windows of
/// the <see cref="LineEmulatorOptions.TimeProvider"/>'s clock. A request over the limit gets 429
/// "The API rate limit has been exceeded. Try again later." (no Retry-After header, as LINE). A limit of
/// <see langword="null"/> means unlimited.
/// </summary>
public sealed class LineEmulatorRateLimits
{
    /// <summary>Whether rate limits apply at all. Default: yes.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most endpoints: 2,000 requests per second.</summary>
    public LineEmulatorRateLimit? Default { get; set; } = LineEmulatorRateLimit.PerSecond(2000);

    /// <summary>Multicast: 2,000 requests per second (some sources say 200; set it if you plan for that).</summary>
    public LineEmulatorRateLimit? Multicast { get; set; } = LineEmulatorRateLimit.PerSecond(2000);

    /// <summary>Narrowcast: 60 requests per hour.</summary>
    public LineEmulatorRateLimit? Narrowcast { get; set; } = LineEmulatorRateLimit.PerHour(60);

    /// <summary>Broadcast: 60 requests per hour.</summary>
    public LineEmulatorRateLimit? Broadcast { get; set; } = LineEmulatorRateLimit.PerHour(60);

    /// <summary>Rich menu creation and deletion: 100 requests per hour.</summary>
    public LineEmulatorRateLimit? RichMenuWrite { get; set; } = LineEmulatorRateLimit.PerHour(100);

    /// <summary>Audience uploads (create and add, by JSON or file): 60 requests per minute.</summary>
    public LineEmulatorRateLimit? Audience { get; set; } = LineEmulatorRateLimit.PerMinute(60);

    internal void Validate()
    {
        foreach (var limit in new[] { Default, Multicast, Narrowcast, Broadcast, RichMenuWrite, Audience })
        {
            if (limit is not null)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(limit.PermitLimit, 1, nameof(LineEmulatorRateLimit.PermitLimit));
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit.Window, TimeSpan.Zero, nameof(LineEmulatorRateLimit.Window));
            }
        }
    }
}

/// <summary>A rate limit: at most <paramref name="PermitLimit"/> requests in each <paramref name="Window"/>.</summary>
/// <param name="PermitLimit">Requests allowed per window.</param>
/// <param name="Window">The fixed window's length.</param>
public sealed record LineEmulatorRateLimit(int PermitLimit, TimeSpan Window)
{
    /// <summary>Requests allowed per window.</summary>
    public int PermitLimit { get; } = PermitLimit;

    /// <summary>The fixed window's length.</summary>
    public TimeSpan Window { get; } = Window;

    /// <summary><paramref name="requests"/> per second.</summary>
    public static LineEmulatorRateLimit PerSecond(int requests) => new(requests, TimeSpan.FromSeconds(1));

    /// <summary><paramref name="requests"/> per minute.</summary>
    public static LineEmulatorRateLimit PerMinute(int requests) => new(requests, TimeSpan.FromMinutes(1));

    /// <summary><paramref name="requests"/> per hour.</summary>
    public static LineEmulatorRateLimit PerHour(int requests) => new(requests, TimeSpan.FromHours(1));
}

/// <summary>
/// Faults injected into requests that passed authentication and rate limiting. Each request draws once from the
/// seeded generator, keyed by its retry key (or its body) and how many times that key was seen, so the same requests
/// see the same faults in every run with the same <see cref="LineEmulatorOptions.Seed"/>, whatever their order.
/// </summary>
public sealed class LineEmulatorFaults
{
    /// <summary>
    /// The probability of a 500 answered before any processing: nothing is delivered and the retry key is not
    /// recorded, so a retry with the same key delivers.
    /// </summary>
    public double ServerErrorProbability { get; set; }

    /// <summary>The probability of a timeout: the request is held <see cref="TimeoutDelay"/>, see <see cref="TimeoutMode"/>.</summary>
    public double TimeoutProbability { get; set; }

    /// <summary>What a timeout does. Default: <see cref="LineEmulatorTimeoutMode.ProcessedThenLost"/>.</summary>
    public LineEmulatorTimeoutMode TimeoutMode { get; set; } = LineEmulatorTimeoutMode.ProcessedThenLost;

    /// <summary>
    /// How long a timed-out request is held: longer than the client's timeout. The hold ends early when the client
    /// gives up (the connection closes) or the emulator stops. Default: 30 seconds.
    /// </summary>
    public TimeSpan TimeoutDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The probability of a slow but otherwise normal response (drawn independently of the others).</summary>
    public double SlowResponseProbability { get; set; }

    /// <summary>The latency added to a slow response. Default: 500 ms.</summary>
    public TimeSpan SlowResponseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The operations faults apply to, by the OpenAPI operationId (<c>pushMessage</c>, <c>multicast</c>,
    /// <c>narrowcast</c>, <c>broadcast</c>, <c>replyMessage</c>, <c>getFollowers</c> …). <see langword="null"/>
    /// (the default): every operation.
    /// </summary>
    public IReadOnlyCollection<string>? Operations { get; set; }

    internal bool Any => ServerErrorProbability > 0 || TimeoutProbability > 0 || SlowResponseProbability > 0;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ServerErrorProbability, nameof(ServerErrorProbability));
        ArgumentOutOfRangeException.ThrowIfNegative(TimeoutProbability, nameof(TimeoutProbability));
        ArgumentOutOfRangeException.ThrowIfNegative(SlowResponseProbability, nameof(SlowResponseProbability));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ServerErrorProbability + TimeoutProbability, 1.0, nameof(TimeoutProbability));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SlowResponseProbability, 1.0, nameof(SlowResponseProbability));
        ArgumentOutOfRangeException.ThrowIfLessThan(TimeoutDelay, TimeSpan.Zero, nameof(TimeoutDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(SlowResponseDelay, TimeSpan.Zero, nameof(SlowResponseDelay));
        if (!Enum.IsDefined(TimeoutMode))
        {
            throw new ArgumentOutOfRangeException(nameof(TimeoutMode), TimeoutMode, "Unknown timeout mode.");
        }
    }
}

/// <summary>What an injected timeout does to the request it holds.</summary>
public enum LineEmulatorTimeoutMode
{
    /// <summary>
    /// The request was processed (delivered, quota counted, retry key accepted) but the answer is lost: after the
    /// delay the connection is dropped. A retry with the same key gets 409, so delivery stays exactly once; a retry
    /// without a key delivers twice (visible in the inbox). This is the case retry keys exist for.
    /// </summary>
    ProcessedThenLost = 0,

    /// <summary>The request never reached processing: after the delay the connection is dropped and nothing happened.</summary>
    DroppedBeforeProcessing,

    /// <summary>The request was processed, and the answer is sent after the delay (usually after the client gave up).</summary>
    ProcessedThenAnsweredLate,
}

/// <summary>A fault applied to one request, as the request log records it and <see cref="LineEmulator.InjectFault"/> forces it.</summary>
public enum LineEmulatorFault
{
    /// <summary>No fault.</summary>
    None = 0,

    /// <summary>A 500 before processing.</summary>
    ServerError,

    /// <summary>A timeout: processed, then the connection dropped after the delay.</summary>
    TimeoutProcessedThenLost,

    /// <summary>A timeout: the connection dropped after the delay, nothing processed.</summary>
    TimeoutDroppedBeforeProcessing,

    /// <summary>A timeout: processed, answered after the delay.</summary>
    TimeoutProcessedThenAnsweredLate,

    /// <summary>A normal answer after <see cref="LineEmulatorFaults.SlowResponseDelay"/>.</summary>
    SlowResponse,
}
