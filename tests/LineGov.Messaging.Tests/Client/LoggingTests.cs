using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LineGov.Messaging.Tests.Client;

public sealed class LoggingTests
{
    [Fact]
    public async Task Logs_name_the_endpoint_and_request_id_but_never_the_token_ids_or_contents()
    {
        await using var h = new ClientHarness();
        var logger = new RecordingLogger();
        var client = new LineMessagingClient(h.Http, h.Tokens, new LineMessagingClientOptions { ApiBaseUri = h.Server.ApiBase, DataApiBaseUri = h.Server.DataBase }, logger);
        var answers = new ConcurrentQueue<(int Status, string Body, (string, string)[] Headers)>([
            (200, """{"sentMessages":[]}""", [("x-line-request-id", "req-ok")]),
            (409, """{"message":"The retry key is already accepted"}""", [("x-line-request-id", "req-dup"), ("x-line-accepted-request-id", "req-ok")]),
            (400, """{"message":"bad","details":[{"message":"May not be empty","property":"messages[0].text"}]}""", [("x-line-request-id", "req-bad")]),
            (401, """{"message":"Authentication failed."}""", [("x-line-request-id", "req-401")]),
        ]);
        h.Server.Handler = (_, r) =>
        {
            answers.TryDequeue(out var answer).ShouldBeTrue();
            return LoopbackLineServer.Respond(r, answer.Status, answer.Body, answer.Headers);
        };
        var push = new PushMessageRequest("U-secret-user", new TextMessage("本文は記録しない"));

        await client.PushAsync(push, Guid.NewGuid());
        await client.PushAsync(push, Guid.NewGuid());
        await Should.ThrowAsync<LineApiException>(() => client.PushAsync(push, Guid.NewGuid()));
        await Should.ThrowAsync<LineApiException>(() => client.GetProfileAsync("U-secret-user"));

        var lines = logger.Lines.ToList();
        lines.Count.ShouldBe(5);
        lines.ShouldAllBe(l => !l.Contains("token-1") && !l.Contains("U-secret-user") && !l.Contains("本文は記録しない"));
        lines[0].ShouldContain("POST /v2/bot/message/push");
        lines[0].ShouldContain("req-ok");
        lines[1].ShouldContain("answered 409");
        lines[2].ShouldContain("already accepted this retry key as request req-ok");
        lines[3].ShouldContain("req-bad");
        lines[4].ShouldContain("GET /v2/bot/profile/{userId}");
        logger.Levels.ShouldBe([LogLevel.Debug, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Warning]);
    }

    private sealed class RecordingLogger : ILogger<LineMessagingClient>
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ConcurrentQueue<LogLevel> Levels { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Levels.Enqueue(logLevel);
            Lines.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
