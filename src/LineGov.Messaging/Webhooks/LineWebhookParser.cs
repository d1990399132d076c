using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace LineGov.Messaging.Webhooks;

/// <summary>
/// Verifies the <c>x-line-signature</c> of a webhook request over the raw body bytes, in constant time, and only then
/// parses the body, straight from UTF-8. A request with a missing or wrong signature is never parsed.
/// Thread-safe; create one per channel secret and reuse it.
/// </summary>
/// <example>
/// <code>
/// var parser = new LineWebhookParser(channelSecret);
/// if (!parser.TryVerifyAndParse(body, request.Headers["x-line-signature"], out var payload, out var error))
/// {
///     return error == LineWebhookError.MalformedPayload ? 400 : 401;
/// }
/// foreach (var e in payload.Events) { … }
/// </code>
/// </example>
public sealed class LineWebhookParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    private readonly byte[] _key;

    /// <summary>Creates a parser for a channel.</summary>
    /// <param name="channelSecret">The channel secret of the Messaging API channel (LINE Developers console, Basic settings).</param>
    public LineWebhookParser(string channelSecret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelSecret);
        _key = Encoding.UTF8.GetBytes(channelSecret);
    }

    /// <summary>Whether <paramref name="signatureHeader"/> is the signature of <paramref name="body"/> (constant-time comparison).</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="signatureHeader">The <c>x-line-signature</c> header value, or <see langword="null"/> when absent.</param>
    public bool VerifySignature(ReadOnlySpan<byte> body, string? signatureHeader) =>
        signatureHeader is not null && LineWebhookSignature.IsValid(body, signatureHeader, _key);

    /// <summary>Verifies the signature, then parses the body.</summary>
    /// <param name="body">The raw request body, exactly as received: never a decoded and re-encoded copy.</param>
    /// <param name="signatureHeader">The <c>x-line-signature</c> header value, or <see langword="null"/> when absent.</param>
    /// <param name="payload">The parsed payload, when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why the request was refused, when the method returns <see langword="false"/>.</param>
    /// <returns>Whether the request is authentic and well-formed.</returns>
    public bool TryVerifyAndParse(
        ReadOnlySpan<byte> body,
        string? signatureHeader,
        [NotNullWhen(true)] out LineWebhookPayload? payload,
        out LineWebhookError error)
    {
        payload = null;
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            error = LineWebhookError.MissingSignature;
            return false;
        }

        if (!LineWebhookSignature.IsValid(body, signatureHeader, _key))
        {
            error = LineWebhookError.InvalidSignature;
            return false;
        }

        payload = Parse(body);
        error = payload is null ? LineWebhookError.MalformedPayload : LineWebhookError.None;
        return payload is not null;
    }

    /// <summary>Parses a body whose signature was verified; <see langword="null"/> when it is not a webhook payload.</summary>
    internal static LineWebhookPayload? Parse(ReadOnlySpan<byte> body)
    {
        // The payload owns a copy of the body: events keep slices of it as their raw JSON, and the handler may run
        // after the request buffer is gone.
        var copy = body.ToArray();
        try
        {
            return Read(copy);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static LineWebhookPayload? Read(byte[] body)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? destination = null;
        List<LineWebhookEvent>? events = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("destination"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                destination = reader.GetString();
            }
            else if (reader.ValueTextEquals("events"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray || events is not null)
                {
                    return null;
                }

                events = ReadEvents(ref reader, body);
                if (events is null)
                {
                    return null;
                }
            }
            else
            {
                // Unknown top-level fields stay in the body the payload keeps.
                reader.Read();
                reader.Skip();
            }
        }

        // The root object must end here, with nothing after it (the reader throws on trailing content).
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || events is null)
        {
            return null;
        }

        return new LineWebhookPayload(destination ?? string.Empty, events, body);
    }

    private static List<LineWebhookEvent>? ReadEvents(ref Utf8JsonReader reader, byte[] body)
    {
        var events = new List<LineWebhookEvent>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var start = checked((int)reader.TokenStartIndex);
            var e = ReadEvent(ref reader);
            e.RawJson = body.AsMemory(start, checked((int)reader.BytesConsumed) - start);
            events.Add(e);
        }

        return events;
    }

    private static LineWebhookEvent ReadEvent(ref Utf8JsonReader reader)
    {
        var typeInfo = LineWebhookTypeMap.ForEvent(reader);
        if (typeInfo.Type != typeof(UnknownWebhookEvent))
        {
            var start = reader;
            try
            {
                return (LineWebhookEvent)JsonSerializer.Deserialize(ref reader, typeInfo)!;
            }
            catch (JsonException)
            {
                // A known type in a shape this version does not expect (a field LINE changed): keep the event as
                // unknown rather than lose the whole request. Its common fields still allow dedupe.
                reader = start;
            }
        }

        return JsonSerializer.Deserialize(ref reader, LineWebhookJsonContext.Default.UnknownWebhookEvent)!;
    }

    /// <summary>Returns a redacted description: the channel secret is a secret.</summary>
    public override string ToString() => "LineWebhookParser { (channel secret redacted) }";
}
