using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>The rate-limit group of an operation (LINE documents limits per group, counted per endpoint).</summary>
internal enum RateGroup
{
    Default = 0,
    Multicast,
    Narrowcast,
    Broadcast,
    RichMenuWrite,
    Audience,
    None,
}

/// <summary>What the request body of an operation is.</summary>
internal enum BodyKind
{
    None = 0,
    Json,
    Binary,
    Multipart,
    Form,
}

/// <summary>One endpoint of the spec: its operationId, route, host and the pipeline's rules for it.</summary>
internal sealed record EmulatorOperation(
    string OperationId,
    string Method,
    string Pattern,
    RateGroup Group = RateGroup.Default,
    BodyKind Body = BodyKind.None,
    bool DataHost = false,
    bool TakesRetryKey = false,
    bool RequiresAuth = true);

/// <summary>One request on its way through the pipeline to a handler.</summary>
internal sealed class EmulatorCall(HttpContext http, EmulatorOperation operation, string requestId, DateTimeOffset now)
{
    public HttpContext Http { get; } = http;

    public EmulatorOperation Operation { get; } = operation;

    public string RequestId { get; } = requestId;

    public DateTimeOffset Now { get; } = now;

    public byte[] Body { get; set; } = [];

    /// <summary>The retry key, normalized (lowercase "D" format), when the operation takes one and it was sent.</summary>
    public string? RetryKey { get; set; }

    /// <summary>The parsed JSON body (operations with a JSON body only).</summary>
    public JsonElement Root { get; set; }

    public string? Route(string name) => Http.Request.RouteValues.TryGetValue(name, out var value) ? value as string : null;

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
}
