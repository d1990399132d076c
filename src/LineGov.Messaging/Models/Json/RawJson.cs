using System.Text.Json;

namespace LineGov.Messaging;

/// <summary>Helpers of the <c>Unknown…</c> models.</summary>
internal static class RawJson
{
    public static JsonElement RequireObject(JsonElement raw, string parameterName) =>
        raw.ValueKind == JsonValueKind.Object
            ? raw.Clone()
            : throw new ArgumentException("A LINE model object is a JSON object.", parameterName);

    public static string TypeOf(JsonElement raw) =>
        raw.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : string.Empty;
}
