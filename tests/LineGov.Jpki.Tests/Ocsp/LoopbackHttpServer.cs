using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LineGov.Jpki.Tests.Ocsp;

/// <summary>An HTTP request as the loopback server read it.</summary>
public sealed record LoopbackRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>An answer; <see cref="Delay"/> is waited before the status line is written.</summary>
public sealed record LoopbackResponse(int StatusCode, byte[] Body, string ContentType = "application/ocsp-response", TimeSpan Delay = default);

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 with an ephemeral port, over a raw socket so tests control everything a
/// misbehaving responder does: answer late, never answer (the handler returns null), or send what it likes. One request
/// per connection (Connection: close).
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<LoopbackRequest, Task<LoopbackResponse?>> _handler;
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _acceptLoop;

    public LoopbackHttpServer(Func<LoopbackRequest, Task<LoopbackResponse?>> handler)
    {
        _handler = handler;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    public Uri Uri => new($"http://127.0.0.1:{Port}/ocsp");

    public ConcurrentQueue<LoopbackRequest> Requests { get; } = new();

    /// <summary>An OCSP responder over HTTP: POST bodies and GET paths (RFC 6960 Appendix A) go to <paramref name="responder"/>.</summary>
    public static LoopbackHttpServer ForResponder(OcspTestResponder responder, TimeSpan delay = default) =>
        new(request => Task.FromResult<LoopbackResponse?>(new LoopbackResponse(200, responder.Respond(request.Method, DecodeOcspRequest(request)), Delay: delay)));

    public static byte[] DecodeOcspRequest(LoopbackRequest request)
    {
        if (request.Method == "POST")
        {
            return request.Body;
        }

        var encoded = request.Target[(request.Target.LastIndexOf('/') + 1)..];
        return Convert.FromBase64String(Uri.UnescapeDataString(encoded));
    }

    /// <summary>A port nothing listens on: connecting to it is refused.</summary>
    public static int UnusedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(_connections).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _connections.Add(Task.Run(() => ServeAsync(client)));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var request = await ReadRequestAsync(stream, _stop.Token);
            if (request is null)
            {
                return;
            }

            Requests.Enqueue(request);
            var response = await _handler(request);
            if (response is null)
            {
                // Never answer: hold the connection open until the server stops.
                await Task.Delay(Timeout.Infinite, _stop.Token);
                return;
            }

            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, _stop.Token);
            }

            var head = $"HTTP/1.1 {response.StatusCode} {ReasonPhrase(response.StatusCode)}\r\nContent-Type: {response.ContentType}\r\nContent-Length: {response.Body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            await stream.WriteAsync(response.Body, _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client gave up or the server stopped.
        }
    }

    private static async Task<LoopbackRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0 || buffer.Length > 64 * 1024)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var all = buffer.ToArray();
        var lines = Encoding.ASCII.GetString(all, 0, headerEnd).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = new MemoryStream();
        body.Write(all, headerEnd + 4, all.Length - headerEnd - 4);
        while (body.Length < length)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            body.Write(chunk, 0, read);
        }

        return new LoopbackRequest(requestLine[0], requestLine[1], headers, body.ToArray());
    }

    private static int IndexOfHeaderEnd(MemoryStream buffer) =>
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf("\r\n\r\n"u8);

    private static string ReasonPhrase(int code) => code switch
    {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
