using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace LineGov.Jpki.Tests.Ocsp;

/// <summary>An in-memory transport for unit-level cases: each request goes to a function, no socket is opened.</summary>
public sealed class OcspStubHandler(Func<HttpRequestMessage, byte[], HttpResponseMessage> respond) : HttpMessageHandler
{
    public ConcurrentQueue<HttpRequestMessage> Requests { get; } = new();

    public int Count => Requests.Count;

    public static OcspStubHandler For(OcspTestResponder responder) => new((request, body) =>
    {
        var der = request.Method == HttpMethod.Post
            ? body
            : Convert.FromBase64String(Uri.UnescapeDataString(request.RequestUri!.AbsolutePath[(request.RequestUri.AbsolutePath.LastIndexOf('/') + 1)..]));
        return Ocsp(responder.Respond(request.Method.Method, der));
    });

    public static HttpResponseMessage Ocsp(byte[] body, HttpStatusCode status = HttpStatusCode.OK)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-response");
        return new HttpResponseMessage(status) { Content = content };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        return respond(request, body);
    }
}

/// <summary>Collects formatted log lines.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception)));
}

/// <summary>Options for tests: fast retries, a fixed responder URI.</summary>
public static class OcspTestOptions
{
    public static readonly Uri StubUri = new("http://ocsp.test.invalid/responder");

    public static JpkiOcspClientOptions Create(Uri? responder = null, Action<JpkiOcspClientOptions>? configure = null)
    {
        var options = new JpkiOcspClientOptions
        {
            ResponderUri = responder ?? StubUri,
            RetryDelay = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        return options;
    }
}
