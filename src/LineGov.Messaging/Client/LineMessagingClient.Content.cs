namespace LineGov.Messaging;

public partial class LineMessagingClient
{
    /// <summary>
    /// Downloads the image, video, audio or file a user sent (<c>GET /v2/bot/message/{messageId}/content</c> on
    /// api-data). The body is streamed, not buffered: dispose the stream to release the connection.
    /// </summary>
    /// <exception cref="LineApiException">LINE refused the request (404 once the content has expired).</exception>
    public virtual Task<Stream> GetMessageContentAsync(string messageId, CancellationToken cancellationToken = default) =>
        StreamAsync(
            new LineRequest(HttpMethod.Get, "/v2/bot/message/{messageId}/content", "v2/bot/message/" + Segment(messageId, nameof(messageId)) + "/content", LineRateLimitGroup.Default, Data: true),
            cancellationToken);

    /// <summary>Downloads the preview image of an image or video a user sent (<c>GET /v2/bot/message/{messageId}/content/preview</c>), streamed.</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task<Stream> GetMessageContentPreviewAsync(string messageId, CancellationToken cancellationToken = default) =>
        StreamAsync(
            new LineRequest(HttpMethod.Get, "/v2/bot/message/{messageId}/content/preview", "v2/bot/message/" + Segment(messageId, nameof(messageId)) + "/content/preview", LineRateLimitGroup.Default, Data: true),
            cancellationToken);

    /// <summary>Asks whether a video or audio a user sent is ready to download (<c>GET /v2/bot/message/{messageId}/content/transcoding</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task<MessageContentTranscodingResponse> GetMessageContentTranscodingAsync(string messageId, CancellationToken cancellationToken = default) =>
        SendForJsonAsync(
            new LineRequest(HttpMethod.Get, "/v2/bot/message/{messageId}/content/transcoding", "v2/bot/message/" + Segment(messageId, nameof(messageId)) + "/content/transcoding", LineRateLimitGroup.Default, Data: true),
            LineMessagingJsonContext.Default.MessageContentTranscodingResponse,
            cancellationToken);

    private async Task<Stream> StreamAsync(LineRequest line, CancellationToken cancellationToken)
    {
        var response = await SendAsync(line, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new ResponseStream(body, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
