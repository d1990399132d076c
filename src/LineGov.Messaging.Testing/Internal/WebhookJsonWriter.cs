using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>
/// Writes webhook bodies byte for byte as chosen: with every non-ASCII character as a <c>\uXXXX</c> escape (emoji as
/// surrogate pairs, as LINE's servers write them) or as raw UTF-8. System.Text.Json's encoders cannot do either
/// exactly (they escape HTML-sensitive characters, and emoji whatever the settings), so strings are written by hand.
/// </summary>
internal static class WebhookJsonWriter
{
    public static byte[] Write(JsonNode node, bool escapeNonAscii)
    {
        var builder = new StringBuilder(1024);
        WriteNode(builder, node, escapeNonAscii);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void WriteNode(StringBuilder b, JsonNode? node, bool escape)
    {
        switch (node)
        {
            case null:
                b.Append("null");
                break;
            case JsonObject obj:
                b.Append('{');
                var first = true;
                foreach (var (name, value) in obj)
                {
                    if (!first)
                    {
                        b.Append(',');
                    }

                    first = false;
                    WriteString(b, name, escape);
                    b.Append(':');
                    WriteNode(b, value, escape);
                }

                b.Append('}');
                break;
            case JsonArray array:
                b.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(',');
                    }

                    WriteNode(b, array[i], escape);
                }

                b.Append(']');
                break;
            default:
                var element = node.GetValueKind();
                if (element == JsonValueKind.String)
                {
                    WriteString(b, node.GetValue<string>(), escape);
                }
                else
                {
                    // Numbers, booleans: their JSON text has no characters to escape.
                    b.Append(node.ToJsonString());
                }

                break;
        }
    }

    private static void WriteString(StringBuilder b, string text, bool escape)
    {
        b.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    b.Append("\\\"");
                    break;
                case '\\':
                    b.Append("\\\\");
                    break;
                case '\n':
                    b.Append("\\n");
                    break;
                case '\r':
                    b.Append("\\r");
                    break;
                case '\t':
                    b.Append("\\t");
                    break;
                case '\b':
                    b.Append("\\b");
                    break;
                case '\f':
                    b.Append("\\f");
                    break;
                default:
                    if (c < 0x20 || (escape && c > 0x7E))
                    {
                        b.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        b.Append('"');
    }
}
