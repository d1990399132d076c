using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging;

/// <summary>A service-extensible string enumeration: any value LINE sends parses, known ones have names.</summary>
internal interface ILineEnum<TSelf>
    where TSelf : struct, ILineEnum<TSelf>
{
    string Value { get; }

    static abstract TSelf Create(string value);
}

/// <summary>Reads and writes an <see cref="ILineEnum{TSelf}"/> as its JSON string.</summary>
internal sealed class LineEnumJsonConverter<T> : JsonConverter<T>
    where T : struct, ILineEnum<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? T.Create(reader.GetString()!)
            : throw new JsonException($"Expected a string for {typeof(T).Name}.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
