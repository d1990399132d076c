using LineGov.Messaging.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineGov.Messaging.AspNetCore;

/// <summary>
/// Takes verified requests off the queue, leaves out events already handled (by <c>webhookEventId</c>), and calls the
/// handler in a fresh DI scope. A failing handler is logged and does not stop the others.
/// </summary>
internal sealed partial class LineWebhookWorker : BackgroundService
{
    private readonly LineWebhookQueue _queue;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly int _concurrency;
    private readonly ILogger<LineWebhookWorker> _logger;

    public LineWebhookWorker(
        LineWebhookQueue queue,
        IServiceScopeFactory scopeFactory,
        IOptions<LineWebhookOptions> options,
        ILogger<LineWebhookWorker> logger)
    {
        _queue = queue;
        _scopeFactory = scopeFactory;
        _concurrency = options.Value.HandlerConcurrency;
        _logger = logger;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_queue.Reader.CanCount && _queue.Reader.Count > 0)
        {
            LogDropped(_logger, _queue.Reader.Count);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = new Task[_concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = WorkAsync(stoppingToken);
        }

        return Task.WhenAll(workers);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var item))
                {
                    await ProcessAsync(item, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task ProcessAsync(LineWebhookWorkItem item, CancellationToken stoppingToken)
    {
        // One scope per delivery, for the store (it may be scoped, over a DbContext) and for the handler.
        var scope = _scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var events = item.Payload.Events;
            IReadOnlyList<LineWebhookEvent> fresh;
            try
            {
                var store = scope.ServiceProvider.GetRequiredService<ILineWebhookEventStore>();
                fresh = await store.DeduplicateAsync(events, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Losing a resident's message is worse than handling it twice: handlers must be idempotent anyway (a
                // restart forgets the in-memory store), so deliver everything and say so.
                LogStoreFailed(_logger, e, events.Count);
                fresh = events;
            }

            if (fresh.Count == 0)
            {
                LogAllDuplicates(_logger, events.Count);
                return;
            }

            var delivery = new LineWebhookDelivery(item.Payload.Destination, fresh, events.Count - fresh.Count, item.ReceivedAt, scope.ServiceProvider);
            try
            {
                await item.Handler(delivery, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One failing delivery must not stop the worker: log it and go on with the next.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogHandlerFailed(_logger, e, fresh.Count);
            }
        }
    }

    [LoggerMessage(EventId = 411, Level = LogLevel.Error, Message = "LINE webhook handler failed on a delivery of {EventCount} events")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, int eventCount);

    [LoggerMessage(EventId = 412, Level = LogLevel.Warning, Message = "LINE webhook dedupe store failed; delivering {EventCount} events without dedupe")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, int eventCount);

    [LoggerMessage(EventId = 413, Level = LogLevel.Debug, Message = "LINE webhook request of {EventCount} events held only events already handled")]
    private static partial void LogAllDuplicates(ILogger logger, int eventCount);

    [LoggerMessage(EventId = 414, Level = LogLevel.Warning, Message = "LINE webhook queue stopped with {Count} requests not handled")]
    private static partial void LogDropped(ILogger logger, int count);
}
