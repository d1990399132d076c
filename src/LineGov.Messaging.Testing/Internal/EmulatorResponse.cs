using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>One entry of LINE's error <c>details</c>.</summary>
internal readonly record struct ErrorDetail(string Message, string Property);

/// <summary>What a handler answers; the pipeline writes it (or holds and drops it, for an injected timeout).</summary>
internal sealed record EmulatorResponse
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions NodeOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private EmulatorResponse(int status, ReadOnlyMemory<byte> body, string contentType, string? errorMessage)
    {
        Status = status;
        Body = body;
        ContentType = contentType;
        ErrorMessage = errorMessage;
    }

    public int Status { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public string ContentType { get; }

    public string? ErrorMessage { get; }

    /// <summary>For a 409: the request that was accepted with the retry key.</summary>
    public string? AcceptedRequestId { get; init; }

    /// <summary>Recipients delivered to (for the request log).</summary>
    public int Recipients { get; init; }

    public static EmulatorResponse Ok(int status = 200) => new(status, EmptyObject, "application/json", null);

    public static EmulatorResponse Json(int status, byte[] body) => new(status, body, "application/json", null);

    public static EmulatorResponse Json(int status, JsonNode node) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(node, NodeOptions), "application/json", null);

    public static EmulatorResponse Json(int status, Action<Utf8JsonWriter> write) => new(status, Write(write), "application/json", null);

    public static EmulatorResponse Binary(byte[] body, string contentType) => new(200, body, contentType, null);

    /// <summary>LINE's error shape: <c>{"message": …, "details": [{"message": …, "property": …}]}</c>.</summary>
    public static EmulatorResponse Error(int status, string message, IReadOnlyList<ErrorDetail>? details = null, Action<Utf8JsonWriter>? extra = null)
    {
        var body = Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("message", message);
            if (details is { Count: > 0 })
            {
                w.WriteStartArray("details");
                foreach (var detail in details)
                {
                    w.WriteStartObject();
                    w.WriteString("message", detail.Message);
                    w.WriteString("property", detail.Property);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            extra?.Invoke(w);
            w.WriteEndObject();
        });
        return new EmulatorResponse(status, body, "application/json", message);
    }

    /// <summary>400 "The request body has N error(s)" with one detail per error.</summary>
    public static EmulatorResponse Invalid(IReadOnlyList<ErrorDetail> details) =>
        Error(400, string.Create(CultureInfo.InvariantCulture, $"The request body has {details.Count} error(s)"), details);

    public static EmulatorResponse Invalid(string property, string message) => Invalid([new ErrorDetail(message, property)]);

    public static EmulatorResponse NotFound(string message = "Not found") => Error(404, message);

    /// <summary>The OAuth endpoints' error shape: <c>{"error": …, "error_description": …}</c>.</summary>
    public static EmulatorResponse OAuthError(int status, string error, string description)
    {
        var body = Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        });
        return new EmulatorResponse(status, body, "application/json", error + ": " + description);
    }

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
