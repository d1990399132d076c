using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging.Webhooks;

/// <summary>A service-extensible string value: known values are singletons, any other value is kept as sent.</summary>
internal interface ILineStringValue<TSelf>
    where TSelf : struct, ILineStringValue<TSelf>
{
    /// <summary>The value as LINE sends it.</summary>
    string Value { get; }

    /// <summary>The values the library knows, matched without allocating.</summary>
    static abstract IReadOnlyList<TSelf> KnownValues { get; }

    /// <summary>Wraps a value the library does not know yet.</summary>
    static abstract TSelf Create(string value);
}

/// <summary>Reads and writes an <see cref="ILineStringValue{TSelf}"/> as a JSON string; a new value never breaks parsing.</summary>
internal sealed class LineStringValueConverter<T> : JsonConverter<T>
    where T : struct, ILineStringValue<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}.");
        }

        foreach (var known in T.KnownValues)
        {
            if (reader.ValueTextEquals(known.Value))
            {
                return known;
            }
        }

        return T.Create(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}

/// <summary>Reads a JSON number of milliseconds since the Unix epoch (LINE's <c>timestamp</c>, <c>expireAt</c>).</summary>
internal sealed class UnixMillisecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var milliseconds))
        {
            throw new JsonException("Expected milliseconds since the Unix epoch.");
        }

        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new JsonException("The timestamp is out of range.", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds());
}
