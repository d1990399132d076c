using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>
/// The emulated channel: its state and the request pipeline every endpoint goes through — host, authentication,
/// rate limit, retry-key format, content type, body, injected fault, JSON parsing, handler, then the answer (or a held
/// and dropped connection), and a line in the request log.
/// </summary>
internal sealed partial class EmulatorEngine : IDisposable
{
    public const string RequestIdHeader = "x-line-request-id";
    public const string AcceptedRequestIdHeader = "x-line-accepted-request-id";
    public const string RetryKeyHeader = "X-Line-Retry-Key";
    public const string RateLimitMessage = "The API rate limit has been exceeded. Try again later.";
    public const string MonthlyLimitMessage = "You have reached your monthly limit.";
    public const string RetryKeyAcceptedMessage = "The retry key is already accepted";
    public const string MissingAuthorizationMessage = "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'";
    public const string InvalidTokenMessage =
        "Authentication failed due to the following reason: invalid token. Confirm that the access token in the authorization header is valid.";
    public const string ServerErrorMessage = "Internal server error";

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<LineEmulatorRequest> _requests = new();
    private readonly int _requestLogCapacity;
    private long _requestSequence;
    private int _requestCount;

    public EmulatorEngine(LineEmulatorOptions options, ulong seed)
    {
        Options = options;
        Time = options.TimeProvider;
        Ids = new EmulatorIds(seed);
        Faults = new FaultInjector(seed);
        Users = new UserDirectory(options.Users);
        ChannelSecret = options.ChannelSecret;
        ChannelId = options.ChannelId;
        BotUserId = options.BotUserId;
        RetryKeyTtl = options.RetryKeyTtl;
        ReplyTokenLifetime = options.ReplyTokenLifetime;
        NarrowcastDuration = options.NarrowcastDuration;
        ValidateUserIds = options.ValidateUserIds;
        _requestLogCapacity = options.RequestLogCapacity;
        AcceptedTokens = options.AcceptedTokens is { } tokens ? new HashSet<string>(tokens, StringComparer.Ordinal) : null;
    }

    public LineEmulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public EmulatorIds Ids { get; }

    public FaultInjector Faults { get; }

    public UserDirectory Users { get; }

    public Inbox Inbox { get; } = new();

    public RetryKeyStore RetryKeys { get; } = new();

    public QuotaMeter Quota { get; } = new();

    public RateLimiter Rates { get; } = new();

    public string ChannelSecret { get; }

    public string ChannelId { get; }

    public string BotUserId { get; }

    public TimeSpan RetryKeyTtl { get; }

    public TimeSpan ReplyTokenLifetime { get; }

    public TimeSpan NarrowcastDuration { get; }

    public bool ValidateUserIds { get; }

    public HashSet<string>? AcceptedTokens { get; }

    public int DataPort { get; set; } = -1;

    public CancellationToken Stopping => _stopping.Token;

    public IReadOnlyList<LineEmulatorRequest> Requests => [.. _requests];

    public void Stop() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();

    /// <summary>Clears what tests assert on; configuration-like state (users, rich menus, audiences, content) stays.</summary>
    public void Reset()
    {
        Inbox.Clear();
        RetryKeys.Clear();
        Quota.Clear();
        Rates.Clear();
        Faults.Clear();
        _requests.Clear();
        Interlocked.Exchange(ref _requestCount, 0);
        Interlocked.Exchange(ref _requestSequence, 0);
        ResetMessaging();
        ResetChat();
    }

    /// <summary>Runs one request of a known operation through the pipeline.</summary>
    public async Task HandleAsync(HttpContext http, EmulatorOperation operation, Func<EmulatorCall, ValueTask<EmulatorResponse>> handler)
    {
        var now = Time.GetUtcNow();
        var call = new EmulatorCall(http, operation, Ids.RequestId(), now);
        http.Response.Headers[RequestIdHeader] = call.RequestId;
        var rawKey = http.Request.Headers.TryGetValue(RetryKeyHeader, out var keyValues) ? keyValues.ToString() : null;
        var fault = LineEmulatorFault.None;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
        var cancellationToken = cancellation.Token;

        var response = Gate(call, rawKey);
        if (response is null)
        {
            try
            {
                call.Body = await ReadBodyAsync(http.Request, cancellationToken).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                response = EmulatorResponse.Error(413, "Request Entity Too Large");
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException)
            {
                // The client left or broke the framing mid-body: there is nobody to answer.
                Log(call, rawKey, 0, fault, null);
                return;
            }
        }

        if (response is null)
        {
            var pathAndQuery = http.Request.Path.Value + http.Request.QueryString.Value;
            fault = Faults.Decide(Options.Faults, operation, pathAndQuery, call.RetryKey, call.Body);
            switch (fault)
            {
                case LineEmulatorFault.ServerError:
                    response = EmulatorResponse.Error(500, ServerErrorMessage);
                    break;
                case LineEmulatorFault.TimeoutDroppedBeforeProcessing:
                    await HoldAsync(Options.Faults.TimeoutDelay, cancellationToken).ConfigureAwait(false);
                    Log(call, rawKey, 0, fault, null);
                    http.Abort();
                    return;
                case LineEmulatorFault.SlowResponse:
                    if (!await HoldAsync(Options.Faults.SlowResponseDelay, cancellationToken).ConfigureAwait(false))
                    {
                        Log(call, rawKey, 0, fault, null);
                        return;
                    }

                    break;
            }

            response ??= await InvokeAsync(call, handler).ConfigureAwait(false);

            if (fault == LineEmulatorFault.TimeoutProcessedThenLost)
            {
                await HoldAsync(Options.Faults.TimeoutDelay, cancellationToken).ConfigureAwait(false);
                Log(call, rawKey, 0, fault, response);
                http.Abort();
                return;
            }

            if (fault == LineEmulatorFault.TimeoutProcessedThenAnsweredLate &&
                !await HoldAsync(Options.Faults.TimeoutDelay, cancellationToken).ConfigureAwait(false))
            {
                Log(call, rawKey, 0, fault, response);
                return;
            }
        }

        // Logged before the answer leaves, so a client's next request is always logged after this one.
        Log(call, rawKey, response.Status, fault, response);
        try
        {
            await WriteAsync(http, response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client left; the log says what was answered.
        }
    }

    /// <summary>A path no operation matches: LINE's 404.</summary>
    public async Task HandleUnknownAsync(HttpContext http)
    {
        var requestId = Ids.RequestId();
        http.Response.Headers[RequestIdHeader] = requestId;
        var response = EmulatorResponse.NotFound();
        var call = new EmulatorCall(http, new EmulatorOperation("", http.Request.Method, ""), requestId, Time.GetUtcNow());
        Log(call, http.Request.Headers.TryGetValue(RetryKeyHeader, out var key) ? key.ToString() : null, 404, LineEmulatorFault.None, response, unknown: true);
        try
        {
            await WriteAsync(http, response, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client left.
        }
    }

    /// <summary>Checks that need no body: host, authentication, rate limit, retry-key format, content type.</summary>
    private EmulatorResponse? Gate(EmulatorCall call, string? rawKey)
    {
        var http = call.Http;
        var operation = call.Operation;
        if (operation.DataHost != (http.Connection.LocalPort == DataPort))
        {
            // The endpoint lives on the other host (api.line.me vs api-data.line.me).
            return EmulatorResponse.NotFound();
        }

        if (operation.RequiresAuth && Authenticate(http, call.Now) is { } refused)
        {
            return refused;
        }

        var limits = Options.RateLimits;
        if (limits.Enabled && RateLimiter.LimitOf(limits, operation.Group) is { } limit && !Rates.TryAcquire(operation.OperationId, limit, call.Now))
        {
            return EmulatorResponse.Error(429, RateLimitMessage);
        }

        if (operation.TakesRetryKey && rawKey is not null)
        {
            if (!Guid.TryParseExact(rawKey.Trim(), "D", out var key))
            {
                return EmulatorResponse.Error(400,
                    "The value of the X-Line-Retry-Key header is invalid: specify a UUID such as 123e4567-e89b-12d3-a456-426614174000");
            }

            call.RetryKey = key.ToString("D");
        }

        var expected = operation.Body switch
        {
            BodyKind.Json => "application/json",
            BodyKind.Multipart => "multipart/form-data",
            BodyKind.Form => "application/x-www-form-urlencoded",
            _ => null,
        };
        if (expected is not null)
        {
            var contentType = http.Request.ContentType ?? "";
            var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
            var mediaType = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
            if (!mediaType.Equals(expected, StringComparison.OrdinalIgnoreCase) && !(mediaType.Length == 0 && http.Request.ContentLength is null or 0))
            {
                return EmulatorResponse.Error(415, $"The content type, '{contentType}', is not supported");
            }
        }

        return null;
    }

    private static async ValueTask<EmulatorResponse> InvokeAsync(EmulatorCall call, Func<EmulatorCall, ValueTask<EmulatorResponse>> handler)
    {
        JsonDocument? document = null;
        try
        {
            if (call.Operation.Body == BodyKind.Json)
            {
                // JsonDocument checks UTF-8 only when a string is read; LINE refuses such a body outright.
                if (FirstInvalidUtf8(call.Body) is { } bad)
                {
                    return EmulatorResponse.Error(400, string.Create(CultureInfo.InvariantCulture,
                        $"The request body could not be parsed as JSON (line: {bad.Line}, column: {bad.Column})"));
                }

                try
                {
                    document = JsonDocument.Parse(call.Body);
                }
                catch (JsonException e)
                {
                    return EmulatorResponse.Error(400, string.Create(CultureInfo.InvariantCulture,
                        $"The request body could not be parsed as JSON (line: {(e.LineNumber ?? 0) + 1}, column: {(e.BytePositionInLine ?? 0) + 1})"));
                }

                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return EmulatorResponse.Error(400, "The request body could not be parsed as JSON (line: 1, column: 1)");
                }

                call.Root = document.RootElement;
            }

            return await handler(call).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An emulator bug must not look like a dropped connection: answer what went wrong.
            return EmulatorResponse.Error(500, $"Emulator error in {call.Operation.OperationId}: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            document?.Dispose();
        }
    }

    private static (int Line, int Column)? FirstInvalidUtf8(byte[] body)
    {
        if (Utf8.IsValid(body))
        {
            return null;
        }

        var buffer = new char[body.Length];
        Utf8.ToUtf16(body, buffer, out var valid, out _, replaceInvalidSequences: false);
        var prefix = body.AsSpan(0, valid);
        var line = prefix.Count((byte)'\n') + 1;
        var column = valid - (prefix.LastIndexOf((byte)'\n') + 1) + 1;
        return (line, column);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0)
        {
            return [];
        }

        if (request.ContentLength is { } length)
        {
            var buffer = new byte[length];
            await request.Body.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer;
        }

        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        return copy.ToArray();
    }

    /// <summary>Waits <paramref name="delay"/>; false when the client left or the emulator stopped first.</summary>
    private async Task<bool> HoldAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return !cancellationToken.IsCancellationRequested;
        }

        try
        {
            await Task.Delay(delay, Time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task WriteAsync(HttpContext http, EmulatorResponse response, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = response.Status;
        if (response.AcceptedRequestId is not null)
        {
            http.Response.Headers[AcceptedRequestIdHeader] = response.AcceptedRequestId;
        }

        http.Response.ContentType = response.ContentType;
        http.Response.ContentLength = response.Body.Length;
        await http.Response.Body.WriteAsync(response.Body, cancellationToken).ConfigureAwait(false);
    }

    private void Log(EmulatorCall call, string? rawKey, int status, LineEmulatorFault fault, EmulatorResponse? response, bool unknown = false)
    {
        var request = call.Http.Request;
        // Token endpoints carry tokens and assertions in the query: the log keeps the path only.
        var path = request.Path.Value + (call.Operation.RequiresAuth || !request.QueryString.HasValue ? request.QueryString.Value : "?…");
        _requests.Enqueue(new LineEmulatorRequest(
            Interlocked.Increment(ref _requestSequence),
            call.Now,
            request.Method,
            path,
            unknown ? null : call.Operation.OperationId,
            call.RequestId,
            rawKey,
            status,
            response?.AcceptedRequestId,
            fault,
            response?.Recipients ?? 0,
            response?.ErrorMessage));
        if (Interlocked.Increment(ref _requestCount) > _requestLogCapacity && _requests.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _requestCount);
        }
    }

    /// <summary>The <c>acceptedTime</c>/<c>completedTime</c> format: ISO 8601 UTC with milliseconds.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
