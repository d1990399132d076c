using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging;

/// <summary>A model that LINE sent with a <c>type</c> this package does not know: kept as the raw JSON and written back unchanged.</summary>
internal interface IRawJsonModel
{
    JsonElement Raw { get; }
}

/// <summary>An <see cref="IRawJsonModel"/> that can be made from raw JSON.</summary>
internal interface IRawJsonModel<TSelf> : IRawJsonModel
    where TSelf : class, IRawJsonModel<TSelf>
{
    static abstract TSelf FromRaw(JsonElement raw);
}

/// <summary>
/// Reads a polymorphic LINE object by its <c>type</c> property (wherever it sits in the object) into the concrete
/// model, or into the base's <c>Unknown…</c> model carrying the raw JSON when the type is new; writes the concrete
/// model, or the raw JSON back. The concrete types carry no converter of their own, so they serialize as objects.
/// </summary>
internal abstract class DiscriminatedJsonConverter<TBase> : JsonConverter<TBase>
    where TBase : class
{
    private const string Discriminator = "type";

    /// <summary>The concrete type for a <c>type</c> value, or null when it is not known.</summary>
    protected abstract Type? Resolve(string type);

    /// <summary>The base's unknown model around <paramref name="raw"/> (already cloned).</summary>
    protected abstract TBase CreateUnknown(JsonElement raw);

    public override TBase? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object for {typeof(TBase).Name}.");
        }

        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (!root.TryGetProperty(Discriminator, out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            // No usable discriminator: keep the object as it is rather than failing the whole payload.
            return CreateUnknown(root.Clone());
        }

        var concrete = Resolve(typeElement.GetString()!);
        if (concrete is null)
        {
            return CreateUnknown(root.Clone());
        }

        return (TBase?)root.Deserialize(options.GetTypeInfo(concrete));
    }

    public override void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value is IRawJsonModel raw)
        {
            raw.Raw.WriteTo(writer);
            return;
        }

        JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
    }
}

/// <summary>Writes an <c>Unknown…</c> model as its raw JSON even when it is serialized by its own type.</summary>
internal sealed class RawJsonModelConverter<T> : JsonConverter<T>
    where T : class, IRawJsonModel<T>
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return T.FromRaw(document.RootElement.Clone());
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.Raw.WriteTo(writer);
    }
}
