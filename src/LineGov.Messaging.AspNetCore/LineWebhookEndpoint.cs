using System.Buffers;
using System.IO.Pipelines;
using LineGov.Messaging.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineGov.Messaging.AspNetCore;

/// <summary>
/// The request side of a LINE webhook: reads the raw body (size-limited), verifies <c>x-line-signature</c> over it
/// before any parsing, parses, queues the events for the background workers and answers at once: 200, 401 for a
/// missing or bad signature, 400 for a signed body that is not a webhook payload, 413 when too large, 503 when the
/// queue is full.
/// </summary>
internal sealed partial class LineWebhookEndpoint
{
    private readonly LineWebhookParser _parser;
    private readonly LineWebhookQueue _queue;
    private readonly TimeProvider _timeProvider;
    private readonly long _maxBodyBytes;
    private readonly ILogger<LineWebhookEndpoint> _logger;

    public LineWebhookEndpoint(IOptions<LineWebhookOptions> options, LineWebhookQueue queue, TimeProvider timeProvider, ILogger<LineWebhookEndpoint> logger)
    {
        _parser = new LineWebhookParser(options.Value.ChannelSecret);
        _maxBodyBytes = options.Value.MaxBodyBytes;
        _queue = queue;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context, LineWebhookHandler handler)
    {
        var receivedAt = _timeProvider.GetUtcNow();
        var request = context.Request;
        var response = context.Response;
        var signatures = request.Headers[LineWebhookSignature.HeaderName];
        if (signatures.Count != 1 || signatures[0] is not { } signature || string.IsNullOrWhiteSpace(signature))
        {
            LogRefused(_logger, LineWebhookError.MissingSignature);
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (request.ContentLength > _maxBodyBytes)
        {
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = _maxBodyBytes;
        }

        var reader = request.BodyReader;
        ReadResult read;
        try
        {
            read = await ReadAllAsync(reader, _maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            response.StatusCode = e.StatusCode;
            return;
        }

        if (read.Buffer.Length > _maxBodyBytes)
        {
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        LineWebhookPayload? payload;
        LineWebhookError error;
        try
        {
            (payload, error) = VerifyAndParse(read.Buffer, signature);
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }

        if (payload is null)
        {
            LogRefused(_logger, error);
            response.StatusCode = error == LineWebhookError.MalformedPayload
                ? StatusCodes.Status400BadRequest
                : StatusCodes.Status401Unauthorized;
            return;
        }

        // An empty events array is LINE checking the URL: nothing to hand off.
        if (payload.Events.Count > 0 && !_queue.TryEnqueue(new LineWebhookWorkItem(payload, handler, receivedAt)))
        {
            LogQueueFull(_logger, payload.Events.Count);
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task<ReadResult> ReadAllAsync(PipeReader reader, long maxBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCompleted || result.IsCanceled || result.Buffer.Length > maxBytes)
            {
                return result;
            }

            // Examined everything, consumed nothing: the next read returns the whole body so far plus more.
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private (LineWebhookPayload? Payload, LineWebhookError Error) VerifyAndParse(ReadOnlySequence<byte> body, string signature)
    {
        if (body.IsSingleSegment)
        {
            return _parser.TryVerifyAndParse(body.FirstSpan, signature, out var payload, out var error) ? (payload, error) : (null, error);
        }

        var length = checked((int)body.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(rented);
            return _parser.TryVerifyAndParse(rented.AsSpan(0, length), signature, out var payload, out var error) ? (payload, error) : (null, error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "LINE webhook request refused: {Error}")]
    private static partial void LogRefused(ILogger logger, LineWebhookError error);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "LINE webhook queue is full: a request of {EventCount} events was answered 503")]
    private static partial void LogQueueFull(ILogger logger, int eventCount);
}
