using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LineGov.Messaging;

/// <summary>
/// The JSON settings of the LINE Messaging API models (camelCase, nulls left out, polymorphic types by <c>type</c>),
/// backed by a source-generated context so nothing is reflected at run time. Use it to read a message or a Flex
/// container designed elsewhere (the Flex Message Simulator) or to write one for a log-free inspection.
/// </summary>
/// <example>
/// <code>
/// var bubble = LineJson.Deserialize&lt;FlexContainer&gt;(File.ReadAllText("notice.json"));
/// var json = LineJson.Serialize&lt;Message&gt;(new FlexMessage("お知らせ", bubble!));
/// </code>
/// </example>
public static class LineJson
{
    /// <summary>Read-only options whose resolver knows every model of the package.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes <paramref name="value"/> as LINE expects it.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a model of this package.</exception>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    /// <summary>Reads a model from LINE's JSON. Unknown <c>type</c> values become the matching <c>Unknown…</c> model.</summary>
    /// <exception cref="JsonException">The JSON is malformed or does not fit <typeparamref name="T"/>.</exception>
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize(json, TypeInfo<T>());

    /// <summary>Reads a model from LINE's JSON (UTF-8 bytes).</summary>
    /// <exception cref="JsonException">The JSON is malformed or does not fit <typeparamref name="T"/>.</exception>
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize(utf8Json, TypeInfo<T>());

    internal static JsonTypeInfo<T> TypeInfo<T>() =>
        Options.TryGetTypeInfo(typeof(T), out var info)
            ? (JsonTypeInfo<T>)info
            : throw new NotSupportedException($"{typeof(T).Name} is not a LINE Messaging API model of LineGov.Messaging.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(LineMessagingJsonContext.Default.Options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
