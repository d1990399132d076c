using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LineGov.Cli.Infrastructure;

/// <summary>Writes the one JSON object of <c>--json</c>, Japanese left readable (not <c>\uXXXX</c>).</summary>
internal static class Json
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",

        // The output goes to a terminal or a pipe, never into HTML: keep 氏名 and 住所 readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteObject(TextWriter output, Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    public static void WriteStringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Writes <c>"name": [{ "code", "message", "chainIndex" }, …]</c>: the reasons (or warnings) of a check.</summary>
    public static void WriteReasons(this Utf8JsonWriter writer, string name, IEnumerable<(string Code, string Message, int? ChainIndex)> reasons)
    {
        writer.WriteStartArray(name);
        foreach (var (code, message, chainIndex) in reasons)
        {
            writer.WriteStartObject();
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            if (chainIndex is { } index)
            {
                writer.WriteNumber("chainIndex", index);
            }
            else
            {
                writer.WriteNull("chainIndex");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WriteInstantOrNull(this Utf8JsonWriter writer, string name, DateTimeOffset? value) =>
        writer.WriteStringOrNull(name, value is { } instant ? Text.IsoInstant(instant) : null);
}
