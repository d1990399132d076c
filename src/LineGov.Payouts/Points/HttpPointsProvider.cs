using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Timeout;

namespace LineGov.Payouts.Points;

/// <summary>
/// An <see cref="IPointsProvider"/> that speaks the reference points protocol over HTTP. Meant to be used through
/// <c>services.AddLineGovPoints(...)</c>, which gives it an HttpClient from IHttpClientFactory carrying
/// <see cref="PointsResilienceHandler"/> (timeouts, retries with the same Idempotency-Key).
/// </summary>
/// <remarks>
/// <para>The reference protocol (a provider whose API differs adapts to it or implements <see cref="IPointsProvider"/>):</para>
/// <list type="table">
/// <item><term><c>POST {base}/v1/grants</c></term><description>
/// Headers <c>Idempotency-Key: &lt;key&gt;</c> and <c>Authorization: Bearer &lt;api key&gt;</c>; body
/// <c>{"member_id": "…", "points": 3000, "description": "…"}</c> (description optional).
/// <c>201 Created</c> with <c>{"transaction_id", "member_id", "points", "granted_at"}</c> (ISO 8601) for a new grant;
/// <c>200 OK</c> with the <em>first</em> grant's body when the key was granted before with the same body (no second
/// grant); <c>409</c> when the key was used with a different body.
/// </description></item>
/// <item><term><c>GET {base}/v1/grants/{key}</c></term><description>
/// <c>200</c> with the grant's body, or <c>404</c> when no grant has that key (the key is URL-escaped).
/// </description></item>
/// <item><term>Errors</term><description>
/// A body <c>{"error": "&lt;code&gt;", "message": "…"}</c> (codes in <see cref="PointsErrorCodes"/>).
/// 404 unknown member and 422 (account closed, limit exceeded, invalid amount) → <see cref="PointsProviderErrorKind.Rejected"/>;
/// 401/403 → <see cref="PointsProviderErrorKind.Unauthorized"/>; 409 → <see cref="PointsProviderErrorKind.IdempotencyKeyReused"/>;
/// 408, 429 (with <c>Retry-After</c>) and 5xx → retried, then <see cref="PointsProviderErrorKind.Transient"/>;
/// 400 and anything unexpected → <see cref="PointsProviderErrorKind.Protocol"/>.
/// </description></item>
/// </list>
/// <para>Thread-safe. The API key is sent per request and never logged or put in an exception.</para>
/// </remarks>
/// <example>
/// <code>
/// services.AddLineGovPoints(o =>
/// {
///     o.BaseAddress = new Uri("https://points.example.jp/api/");
///     o.ApiKey = configuration["Points:ApiKey"];
/// });
/// // …
/// var result = await provider.GrantAsync(new PointsGrant(memberId, 3000, instruction.IdempotencyKey, "物価高騰支援"));
/// </code>
/// </example>
public sealed partial class HttpPointsProvider : IPointsProvider
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly Uri _grants;
    private readonly string _apiKey;
    private readonly ILogger _logger;

    /// <summary>Creates the provider over an HttpClient (which should carry a <see cref="PointsResilienceHandler"/>).</summary>
    /// <param name="httpClient">The client; its BaseAddress is not used (the options' is).</param>
    /// <param name="options">Base address and API key (validated here).</param>
    /// <param name="logger">Where outcomes are logged: status, kind and transaction id, never member ids, keys or the API key.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public HttpPointsProvider(HttpClient httpClient, PointsProviderOptions options, ILogger<HttpPointsProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid(nameof(options));
        _http = httpClient;
        _grants = new Uri(options.NormalizedBaseAddress(), PointsWire.GrantsPath);
        _apiKey = options.ApiKey!;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<PointsGrantResult> GrantAsync(PointsGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        using var request = new HttpRequestMessage(HttpMethod.Post, _grants);
        request.Headers.TryAddWithoutValidation(PointsResilienceHandler.IdempotencyKeyHeader, grant.IdempotencyKey);
        var content = new ByteArrayContent(PointsWire.WriteGrantRequest(grant));
        content.Headers.ContentType = JsonMediaType;
        request.Content = content;

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            var result = ReadGrant(response.StatusCode, body);
            if (result.MemberId != grant.MemberId || result.Points != grant.Points)
            {
                // A provider must never hand back someone else's grant for our key; stop rather than record it.
                throw Fail(new PointsProviderException(PointsProviderErrorKind.Protocol,
                    $"The points provider answered {(int)response.StatusCode} with a grant that does not match the request.", response.StatusCode));
            }

            LogGranted(_logger, (int)response.StatusCode, result.TransactionId, result.AlreadyGranted);
            return result;
        }

        throw Fail(ErrorFor(response.StatusCode, PointsWire.ReadErrorCode(body), "grant"));
    }

    /// <inheritdoc />
    public async Task<PointsGrantResult?> GetGrantAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_grants.AbsoluteUri + "/" + Uri.EscapeDataString(idempotencyKey)));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return ReadGrant(response.StatusCode, body);
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        throw Fail(ErrorFor(response.StatusCode, PointsWire.ReadErrorCode(body), "grant lookup"));
    }

    /// <summary>The error a non-success answer stands for (no personal data: status and error code only).</summary>
    internal static PointsProviderException ErrorFor(HttpStatusCode status, string? errorCode, string what)
    {
        var code = (int)status;
        var detail = errorCode is null
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"HTTP {code}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"HTTP {code}, {errorCode}");
        return status switch
        {
            // A 404 is a rejection only when the provider says so (unknown member): a 404 from a wrong base path or a
            // proxy must not fail every payout of a run.
            HttpStatusCode.NotFound when errorCode != PointsErrorCodes.UnknownMember => new(PointsProviderErrorKind.Protocol,
                $"The points provider answered 404 without saying the member is unknown ({detail}); check the base address.", status, errorCode),
            HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity => new(PointsProviderErrorKind.Rejected,
                $"The points provider rejected the {what} ({detail}).", status, errorCode),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new(PointsProviderErrorKind.Unauthorized,
                $"The points provider refused the API key ({detail}); check the configured key.", status, errorCode),
            HttpStatusCode.Conflict => new(PointsProviderErrorKind.IdempotencyKeyReused,
                $"The idempotency key was already used for a different grant ({detail}); the earlier grant stands.", status, errorCode),
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => new(PointsProviderErrorKind.Transient,
                $"The points provider kept refusing for now ({detail}); ask again later with the same key.", status, errorCode),
            _ when code >= 500 => new(PointsProviderErrorKind.Transient,
                $"The points provider kept failing ({detail}); ask again later with the same key.", status, errorCode),
            _ => new(PointsProviderErrorKind.Protocol, $"The points provider answered the {what} unexpectedly ({detail}).", status, errorCode),
        };
    }

    private static PointsGrantResult ReadGrant(HttpStatusCode status, byte[] body) =>
        PointsWire.ReadGrant(body) is { } grant
            ? new PointsGrantResult(grant.TransactionId, grant.MemberId, grant.Points, grant.GrantedAt, alreadyGranted: status == HttpStatusCode.OK)
            : throw new PointsProviderException(PointsProviderErrorKind.Protocol,
                $"The points provider answered {(int)status} with a body that is not a grant.", status);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException e)
        {
            throw Fail(new PointsProviderException(PointsProviderErrorKind.Transient,
                "The points provider did not answer in time; ask again later with the same key.", innerException: e));
        }
        catch (OperationCanceledException e)
        {
            // HttpClient.Timeout, when a host set one.
            throw Fail(new PointsProviderException(PointsProviderErrorKind.Transient,
                "The points provider did not answer in time; ask again later with the same key.", innerException: e));
        }
        catch (HttpRequestException e)
        {
            // The inner exception names the host and the socket error only; no keys or bodies.
            throw Fail(new PointsProviderException(PointsProviderErrorKind.Transient,
                "The points provider could not be reached; ask again later with the same key.", innerException: e));
        }
    }

    private PointsProviderException Fail(PointsProviderException exception)
    {
        LogFailed(_logger, exception.StatusCode is { } s ? (int)s : 0, exception.Kind, exception.ErrorCode);
        return exception;
    }

    [LoggerMessage(EventId = 611, Level = LogLevel.Debug, Message = "Points provider answered {Status}: transaction {TransactionId}, already granted {AlreadyGranted}")]
    private static partial void LogGranted(ILogger logger, int status, string transactionId, bool alreadyGranted);

    [LoggerMessage(EventId = 612, Level = LogLevel.Warning, Message = "Points provider request failed: HTTP status {Status}, {Kind}, error code {ErrorCode}")]
    private static partial void LogFailed(ILogger logger, int status, PointsProviderErrorKind kind, string? errorCode);
}
