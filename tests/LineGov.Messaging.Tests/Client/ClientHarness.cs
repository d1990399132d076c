using System.Collections.Concurrent;

namespace LineGov.Messaging.Tests.Client;

/// <summary>Records what the client put in <see cref="HttpRequestMessage.Options"/>, in front of the real socket handler.</summary>
public sealed class OptionsRecordingHandler : DelegatingHandler
{
    public OptionsRecordingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public ConcurrentQueue<(string? Endpoint, LineRateLimitGroup? Group)> Seen { get; } = new();

    /// <summary>Stands in for the pipeline's retry-key handler: adds a key when the request has none.</summary>
    public Guid? AddRetryKeyWhenMissing { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Seen.Enqueue((
            request.Options.TryGetValue(LineEndpoints.Name, out var name) ? name : null,
            request.Options.TryGetValue(LineEndpoints.Group, out var group) ? group : null));
        if (AddRetryKeyWhenMissing is { } key && !request.Headers.Contains(LineEndpoints.RetryKeyHeader))
        {
            request.Headers.Add(LineEndpoints.RetryKeyHeader, key.ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>A token provider that hands out <c>token-N</c> and records invalidations.</summary>
public sealed class CountingTokenProvider : ILineChannelAccessTokenProvider
{
    private int _generation = 1;

    public ConcurrentQueue<string> Invalidated { get; } = new();

    public string Current => $"token-{_generation}";

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Current);
    }

    public void Invalidate(string token)
    {
        Invalidated.Enqueue(token);
        if (token == Current)
        {
            _generation++;
        }
    }
}

/// <summary>A client wired to a loopback server through the recording handler.</summary>
public sealed class ClientHarness : IAsyncDisposable
{
    public ClientHarness()
    {
        Recorder = new OptionsRecordingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) });
        Http = new HttpClient(Recorder) { Timeout = TimeSpan.FromSeconds(30) };
        Client = new LineMessagingClient(Http, Tokens, new LineMessagingClientOptions { ApiBaseUri = Server.ApiBase, DataApiBaseUri = Server.DataBase });
    }

    public LoopbackLineServer Server { get; } = new();

    public CountingTokenProvider Tokens { get; } = new();

    public OptionsRecordingHandler Recorder { get; }

    public HttpClient Http { get; }

    public LineMessagingClient Client { get; }

    public (string? Endpoint, LineRateLimitGroup? Group) SingleOptions => Recorder.Seen.ShouldHaveSingleItem();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
