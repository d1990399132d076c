using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using LineGov.Payouts.Points;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LineGov.Payouts.Testing;

/// <summary>
/// A regional e-money points provider on 127.0.0.1 that speaks the reference points protocol (see
/// <see cref="HttpPointsProvider"/>): <c>POST /v1/grants</c> deduplicated by <c>Idempotency-Key</c> (201 first, 200 with
/// the first grant after, 409 for the key with a different body), <c>GET /v1/grants/{key}</c>, 404 unknown member, 422
/// account closed / limit exceeded / invalid, 401 without the API key. It injects seeded faults — 500 before applying,
/// 429 with Retry-After, and "lost answers" (applied, then the connection aborted, a 500, or an answer too late) — and
/// records every request and grant, so a test (also one whose payout run lives in another process) can prove that each
/// household was granted exactly once.
/// </summary>
/// <remarks>The grants are kept by a <see cref="FakePointsProvider"/> (<see cref="Ledger"/>): the same deduplication logic as the in-process fake.</remarks>
/// <example>
/// <code>
/// await using var server = await FakePointsServer.StartAsync(new() { ApiKey = "test-key", LostAnswerRate = 0.1, Seed = 1 });
/// services.AddLineGovPoints(o => { o.BaseAddress = server.BaseAddress; o.ApiKey = "test-key"; });
/// // … run the payouts …
/// server.Ledger.GrantCountsByMember().Values.ShouldAllBe(n => n == 1);
/// </code>
/// </example>
public sealed class FakePointsServer : IAsyncDisposable
{
    private const string GrantsPath = "/v1/grants";

    private readonly TimeProvider _time;
    private WebApplication _app = null!;
    private readonly FakePointsServerOptions _options;
    private readonly int _seed;
    private readonly Lock _lock = new();
    private readonly List<FakePointsServerRequest> _requests = [];
    private readonly Dictionary<string, int> _requestsByKey = new(StringComparer.Ordinal);
    private readonly Queue<FakePointsFault> _forced = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _sequence;
    private int _stopped;

    private FakePointsServer(FakePointsServerOptions options, int seed)
    {
        _options = options;
        _seed = seed;
        _time = options.TimeProvider ?? TimeProvider.System;
        Ledger = new FakePointsProvider(options.ToLedgerOptions(), _time);
    }

    /// <summary>The base address, <c>http://127.0.0.1:N/</c>: set it as <see cref="PointsProviderOptions.BaseAddress"/>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The seed in use: the options' or the random one drawn when none was given.</summary>
    public int Seed => _seed;

    /// <summary>The grants, kept with the in-process fake's logic: <see cref="FakePointsProvider.Grants"/>, <see cref="FakePointsProvider.GrantCountOf"/>, <see cref="FakePointsProvider.TotalPoints"/> …</summary>
    public FakePointsProvider Ledger { get; }

    /// <summary>Requests received, every kind and outcome.</summary>
    public int RequestCount
    {
        get
        {
            lock (_lock)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>Every request received, in order (a snapshot).</summary>
    public IReadOnlyList<FakePointsServerRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Grant requests (POST) that carried <paramref name="idempotencyKey"/>.</summary>
    public int RequestCountOf(string idempotencyKey)
    {
        lock (_lock)
        {
            return _requestsByKey.GetValueOrDefault(idempotencyKey);
        }
    }

    /// <summary>Starts a server on 127.0.0.1.</summary>
    /// <param name="options">Its settings; <see langword="null"/> for the defaults (any API key, any member, no faults).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">The options are inconsistent (a rate above 1, a negative delay …).</exception>
    public static async Task<FakePointsServer> StartAsync(FakePointsServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakePointsServerOptions();
        options.Validate();
        var server = new FakePointsServer(options, options.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue));

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(FakePointsServer).Assembly.GetName().Name });
        Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions? listen = null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Listen(IPAddress.Loopback, options.Port, l => listen = l);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        server._app = app;
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            server._stopping.Dispose();
            throw;
        }

        server.BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{listen!.IPEndPoint!.Port}/"));
        return server;
    }

    /// <summary>Makes the next <paramref name="count"/> grant requests suffer <paramref name="fault"/>, whatever the rates say.</summary>
    public void InjectFault(FakePointsFault fault, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _forced.Enqueue(fault);
            }
        }
    }

    /// <summary>Stops listening; answers held late end at once.</summary>
    /// <param name="cancellationToken">Cancels a graceful stop.</param>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var path = request.Path.Value ?? string.Empty;
        string? key = request.Headers.TryGetValue(PointsResilienceHandler.IdempotencyKeyHeader, out var header) ? header.ToString() : null;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
        var token = cancellation.Token;

        if (HttpMethods.IsPost(request.Method) && path == GrantsPath)
        {
            await GrantAsync(http, path, key, token).ConfigureAwait(false);
        }
        else if (HttpMethods.IsGet(request.Method) && path.StartsWith(GrantsPath + "/", StringComparison.Ordinal) && path.Length > GrantsPath.Length + 1)
        {
            // Request.Path is already decoded (but for %2F): decode the raw target once, not the decoded path again.
            var raw = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? path;
            var query = raw.IndexOf('?', StringComparison.Ordinal);
            raw = query >= 0 ? raw[..query] : raw;
            var marker = raw.IndexOf(GrantsPath + "/", StringComparison.Ordinal);
            key = marker >= 0 ? Uri.UnescapeDataString(raw[(marker + GrantsPath.Length + 1)..]) : path[(GrantsPath.Length + 1)..];
            if (!Authorized(request))
            {
                await AnswerErrorAsync(http, path, key, 401, PointsErrorCodes.Unauthorized, "Authentication failed.", token).ConfigureAwait(false);
                return;
            }

            var found = Ledger.Find(key);
            if (found is null)
            {
                await AnswerErrorAsync(http, path, key, 404, PointsErrorCodes.NotFound, "No grant has this key.", token).ConfigureAwait(false);
            }
            else
            {
                Log(request.Method, path, key, 200, FakePointsFault.None);
                await WriteGrantAsync(http, 200, found.ToResult(alreadyGranted: true), token).ConfigureAwait(false);
            }
        }
        else
        {
            await AnswerErrorAsync(http, path, key, 404, PointsErrorCodes.NotFound, "No such endpoint.", token).ConfigureAwait(false);
        }
    }

    private async Task GrantAsync(HttpContext http, string path, string? key, CancellationToken token)
    {
        if (!Authorized(http.Request))
        {
            await AnswerErrorAsync(http, path, key, 401, PointsErrorCodes.Unauthorized, "Authentication failed.", token).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(key))
        {
            await AnswerErrorAsync(http, path, key, 400, PointsErrorCodes.InvalidRequest, "The Idempotency-Key header is required.", token).ConfigureAwait(false);
            return;
        }

        var (grant, status, error) = await ReadGrantAsync(http.Request, key, token).ConfigureAwait(false);
        if (grant is null)
        {
            await AnswerErrorAsync(http, path, key, status, PointsErrorCodes.InvalidRequest, error!, token).ConfigureAwait(false);
            return;
        }

        var fault = DecideFault(key);
        switch (fault)
        {
            case FakePointsFault.ServerError:
                await AnswerErrorAsync(http, path, key, 500, PointsErrorCodes.ServerError, "Injected failure: nothing was granted.", token, fault).ConfigureAwait(false);
                return;
            case FakePointsFault.RateLimited:
                http.Response.Headers.RetryAfter = _options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await AnswerErrorAsync(http, path, key, 429, PointsErrorCodes.RateLimited, "Too many requests.", token, fault).ConfigureAwait(false);
                return;
        }

        PointsGrantResult result;
        try
        {
            result = Ledger.Grant(grant, injectFaults: false);
        }
        catch (PointsProviderException e)
        {
            var code = e.Kind == PointsProviderErrorKind.IdempotencyKeyReused ? 409 : (int)(e.StatusCode ?? HttpStatusCode.UnprocessableEntity);
            await AnswerErrorAsync(http, path, key, code, e.ErrorCode ?? PointsErrorCodes.InvalidRequest, e.Message, token).ConfigureAwait(false);
            return;
        }

        var ok = result.AlreadyGranted ? 200 : 201;
        if (fault == FakePointsFault.LostAnswer)
        {
            switch (_options.LostAnswerMode)
            {
                case FakePointsLostAnswerMode.AbortConnection:
                    Log(http.Request.Method, path, key, 0, fault);
                    http.Abort();
                    return;
                case FakePointsLostAnswerMode.ServerError:
                    await AnswerErrorAsync(http, path, key, 500, PointsErrorCodes.ServerError, "Injected failure after the grant was applied.", token, fault).ConfigureAwait(false);
                    return;
                default:
                    Log(http.Request.Method, path, key, ok, fault);
                    try
                    {
                        await Task.Delay(_options.LostAnswerDelay, _time, token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return; // the client gave up first, as intended
                    }

                    await WriteGrantAsync(http, ok, result, token).ConfigureAwait(false);
                    return;
            }
        }

        Log(http.Request.Method, path, key, ok, fault);
        await WriteGrantAsync(http, ok, result, token).ConfigureAwait(false);
    }

    private bool Authorized(HttpRequest request)
    {
        var value = request.Headers.Authorization.ToString();
        if (!value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || value.Length == "Bearer ".Length)
        {
            return false;
        }

        if (_options.ApiKey is null)
        {
            return true;
        }

        var given = System.Text.Encoding.UTF8.GetBytes(value["Bearer ".Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, System.Text.Encoding.UTF8.GetBytes(_options.ApiKey));
    }

    private FakePointsFault DecideFault(string key)
    {
        int number;
        lock (_lock)
        {
            number = _requestsByKey.GetValueOrDefault(key) + 1;
            _requestsByKey[key] = number;
            if (_forced.TryDequeue(out var forced))
            {
                return forced;
            }
        }

        var draw = FaultDraw.Unit(_seed, key, number);
        return draw < _options.ServerErrorRate ? FakePointsFault.ServerError
            : draw < _options.ServerErrorRate + _options.RateLimitRate ? FakePointsFault.RateLimited
            : draw < _options.ServerErrorRate + _options.RateLimitRate + _options.LostAnswerRate ? FakePointsFault.LostAnswer
            : FakePointsFault.None;
    }

    private static async Task<(PointsGrant? Grant, int Status, string? Error)> ReadGrantAsync(HttpRequest request, string key, CancellationToken token)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 8 }, token).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return (null, 400, "The body is not JSON.");
        }
        catch (BadHttpRequestException e)
        {
            return (null, e.StatusCode, "The body could not be read.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("member_id", out var member) || member.ValueKind != JsonValueKind.String ||
                !root.TryGetProperty("points", out var points) || points.ValueKind != JsonValueKind.Number)
            {
                return (null, 400, "member_id (string) and points (number) are required.");
            }

            string? description = null;
            if (root.TryGetProperty("description", out var d))
            {
                if (d.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return (null, 400, "description must be a string.");
                }

                description = d.GetString();
            }

            try
            {
                return points.TryGetInt64(out var amount)
                    ? (new PointsGrant(member.GetString()!, amount, key, description), 0, null)
                    : (null, 422, "points must be a whole number.");
            }
            catch (ArgumentException)
            {
                // Points not positive, an empty member, a key or description out of bounds.
                return (null, 422, "The grant is invalid (points must be positive, member_id non-empty, the key 1-255 printable ASCII).");
            }
        }
    }

    private async Task AnswerErrorAsync(HttpContext http, string path, string? key, int status, string code, string message, CancellationToken token,
        FakePointsFault fault = FakePointsFault.None)
    {
        Log(http.Request.Method, path, key, status, fault);
        await WriteJsonAsync(http, status, json =>
        {
            json.WriteString("error", code);
            json.WriteString("message", message);
        }, token).ConfigureAwait(false);
    }

    private static Task WriteGrantAsync(HttpContext http, int status, PointsGrantResult grant, CancellationToken token) =>
        WriteJsonAsync(http, status, json =>
        {
            json.WriteString("transaction_id", grant.TransactionId);
            json.WriteString("member_id", grant.MemberId);
            json.WriteNumber("points", grant.Points);
            json.WriteString("granted_at", grant.GrantedAt.ToString("O", CultureInfo.InvariantCulture));
        }, token);

    private static async Task WriteJsonAsync(HttpContext http, int status, Action<Utf8JsonWriter> write, CancellationToken token)
    {
        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = buffer.Length;
        try
        {
            await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client left; the log says what was answered.
        }
    }

    private void Log(string method, string path, string? key, int status, FakePointsFault fault)
    {
        lock (_lock)
        {
            _requests.Add(new FakePointsServerRequest(++_sequence, method, path, key, status, fault, _time.GetUtcNow()));
        }
    }
}
