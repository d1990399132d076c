using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LineGov.Messaging.Tests.Client;

/// <summary>A request the loopback server received, as it arrived on the wire.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body, string? ContentType)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener on an ephemeral port) that records every request and answers with
/// the handler a test sets: the client under test goes through a real socket, not a mocked handler.
/// </summary>
public sealed class LoopbackLineServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    public LoopbackLineServer()
    {
        // HttpListener needs a concrete port: take a free one from the OS, then listen on it.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            BaseUri = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(BaseUri.AbsoluteUri);
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUri { get; }

    /// <summary>The API base the client is pointed at (a path prefix proves relative paths are kept).</summary>
    public Uri ApiBase => new(BaseUri, "api/");

    /// <summary>The data API base (api-data.line.me in production).</summary>
    public Uri DataBase => new(BaseUri, "data/");

    /// <summary>Answers each request; the default is 200 with <c>{}</c>.</summary>
    public Func<ReceivedRequest, HttpListenerResponse, Task> Handler { get; set; } = (_, response) => Respond(response, 200, "{}");

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public ReceivedRequest SingleRequest => Requests.ShouldHaveSingleItem();

    public static async Task Respond(HttpListenerResponse response, int status, string? json, params (string Name, string Value)[] headers)
    {
        response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            response.AddHeader(name, value);
        }

        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            response.ContentType = "application/json";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }

        response.Close();
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string? key in context.Request.Headers.AllKeys)
        {
            if (key is not null)
            {
                headers[key.ToLowerInvariant()] = context.Request.Headers[key]!;
            }
        }

        var received = new ReceivedRequest(
            context.Request.HttpMethod,
            context.Request.Url!.PathAndQuery,
            headers,
            body.ToArray(),
            context.Request.ContentType);
        _requests.Enqueue(received);
        try
        {
            await Handler(received, context.Response);
        }
        catch (Exception)
        {
            // The client went away (cancellation tests) or the handler failed: the test asserts on the client side.
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
