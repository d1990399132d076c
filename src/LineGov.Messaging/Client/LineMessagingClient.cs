using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LineGov.Messaging;

/// <summary>
/// The typed LINE Messaging API client over <c>api.line.me</c> and <c>api-data.line.me</c>. Create it once and reuse
/// it: it is immutable and thread-safe. The <see cref="HttpClient"/> it is given carries the resilience pipeline
/// (retries with the same <c>X-Line-Retry-Key</c>, timeouts, per-endpoint rate limits); this client sends each
/// logical request through it once and labels it with its endpoint and rate-limit group. Every method is virtual so
/// it can be mocked; for end-to-end tests use the LINE emulator of LineGov.Messaging.Testing.
/// </summary>
/// <example>
/// <code>
/// var client = new LineMessagingClient(httpClient, new StaticLineChannelAccessTokenProvider(token));
/// var result = await client.PushAsync(new PushMessageRequest(userId, new TextMessage("申請を受け付けました。")), retryKey: Guid.NewGuid());
/// </code>
/// </example>
public partial class LineMessagingClient
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly ILineChannelAccessTokenProvider _tokenProvider;
    private readonly Uri _apiBase;
    private readonly Uri _dataBase;
    private readonly ILogger _logger;

    /// <summary>Creates the client.</summary>
    /// <param name="httpClient">The client to send through, normally from <c>IHttpClientFactory</c> with the LineGov pipeline.</param>
    /// <param name="tokenProvider">Gives the channel access token of each request.</param>
    /// <param name="options">Base addresses; the LINE production hosts when null.</param>
    /// <param name="logger">Where request outcomes are logged (never tokens or message contents).</param>
    public LineMessagingClient(
        HttpClient httpClient,
        ILineChannelAccessTokenProvider tokenProvider,
        LineMessagingClientOptions? options = null,
        ILogger<LineMessagingClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        options ??= new LineMessagingClientOptions();
        _http = httpClient;
        _tokenProvider = tokenProvider;
        _apiBase = NormalizeBase(options.ApiBaseUri, nameof(options.ApiBaseUri));
        _dataBase = NormalizeBase(options.DataApiBaseUri, nameof(options.DataApiBaseUri));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>For mocking frameworks only: a client made this way fails on any member that is not overridden.</summary>
    protected LineMessagingClient()
    {
        _http = null!;
        _tokenProvider = null!;
        _apiBase = LineMessagingClientOptions.DefaultApiBaseUri;
        _dataBase = LineMessagingClientOptions.DefaultDataApiBaseUri;
        _logger = NullLogger.Instance;
    }

    private static Uri NormalizeBase(Uri? uri, string name)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new ArgumentException($"{name} must be an absolute URI.", name);
        }

        // Relative paths are resolved against the base, so a base with a path prefix (an emulator mount) must end in '/'.
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    /// <summary>One logical request: endpoint name (path template, never IDs), group, host, path and body.</summary>
    private readonly record struct LineRequest(
        HttpMethod Method,
        string Template,
        string Path,
        LineRateLimitGroup Group,
        bool Data = false,
        HttpContent? Content = null,
        Guid? RetryKey = null)
    {
        public string Name => $"{Method.Method} {Template}";
    }

    private static ByteArrayContent Json<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        // Serialized up front: the pipeline may send the same body more than once.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    private static string Segment(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return Uri.EscapeDataString(value);
    }

    /// <summary>
    /// Sends once through the pipeline. Returns the response on success (the caller disposes it); on 401 tells the
    /// token provider; on any other failure throws <see cref="LineApiException"/>, except the statuses in
    /// <paramref name="passThrough"/>, which are returned for the caller to interpret.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(
        LineRequest line,
        CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead,
        params HttpStatusCode[] passThrough) =>
        (await SendCoreAsync(line, completion, passThrough, cancellationToken).ConfigureAwait(false)).Response;

    /// <summary><see cref="SendAsync"/>, also giving the retry key the request went out with.</summary>
    private async Task<(HttpResponseMessage Response, Guid? RetryKey)> SendCoreAsync(
        LineRequest line,
        HttpCompletionOption completion,
        HttpStatusCode[] passThrough,
        CancellationToken cancellationToken)
    {
        var token = await _tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);

        // Disposing the request only disposes its content, which is ours (bytes, or a stream wrapper that leaves the
        // caller's stream open); a streamed response stays readable.
        using var request = new HttpRequestMessage(line.Method, new Uri(line.Data ? _dataBase : _apiBase, line.Path)) { Content = line.Content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Options.Set(LineEndpoints.Name, line.Name);
        request.Options.Set(LineEndpoints.Group, line.Group);
        if (line.RetryKey is { } retryKey)
        {
            request.Headers.TryAddWithoutValidation(LineEndpoints.RetryKeyHeader, retryKey.ToString("D"));
        }

        var response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        var requestId = RequestId(response);
        if (response.IsSuccessStatusCode || passThrough.Contains(response.StatusCode))
        {
            Log.Answered(_logger, line.Name, (int)response.StatusCode, requestId);

            // The pipeline adds a retry key when the caller gave none, possibly on a copy of the request per attempt.
            var sentKey = RetryKeyOf(response.RequestMessage) ?? RetryKeyOf(request);
            return (response, sentKey);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                _tokenProvider.Invalidate(token);
                Log.TokenRefused(_logger, line.Name, requestId);
            }
            else
            {
                Log.Failed(_logger, line.Name, (int)response.StatusCode, requestId);
            }

            throw await CreateExceptionAsync(response, line.Name, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Guid? RetryKeyOf(HttpRequestMessage? request) =>
        request is not null
        && request.Headers.TryGetValues(LineEndpoints.RetryKeyHeader, out var values)
        && Guid.TryParse(values.FirstOrDefault(), out var key)
            ? key
            : null;

    /// <summary>Sends and reads the JSON body of a successful answer.</summary>
    private async Task<T> SendForJsonAsync<T>(LineRequest line, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(line, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, typeInfo, line.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new LineApiException(response.StatusCode, "The response body was empty.", [], RequestId(response), line.Name);
    }

    /// <summary>Sends a request whose answer has no body worth reading.</summary>
    private async Task SendNoContentAsync(LineRequest line, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(line, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, string endpoint, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            // The body may hold personal data: say where it failed, not what it held.
            throw new LineApiException(response.StatusCode, "The response body is not the JSON LINE documents.", [], RequestId(response), endpoint, ex);
        }
    }

    private static string? RequestId(HttpResponseMessage response) => Header(response, LineEndpoints.RequestIdHeader);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static async Task<LineErrorResponse?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[MaxErrorBodyBytes];
                var length = 0;
                int read;
                while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                return length == 0 ? null : JsonSerializer.Deserialize(buffer.AsSpan(0, length), LineMessagingJsonContext.Default.LineErrorResponse);
            }
        }
        catch (JsonException)
        {
            // Not LINE's error shape (a proxy's HTML page, a truncated body): the status still tells the story.
            return null;
        }
    }

    private static async Task<LineApiException> CreateExceptionAsync(HttpResponseMessage response, string endpoint, CancellationToken cancellationToken)
    {
        var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        return new LineApiException(
            response.StatusCode,
            error?.Message ?? response.ReasonPhrase,
            error?.Details ?? [],
            RequestId(response),
            endpoint);
    }
}
