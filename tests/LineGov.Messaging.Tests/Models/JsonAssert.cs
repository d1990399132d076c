using System.Text.Json;

namespace LineGov.Messaging.Tests.Models;

/// <summary>JSON equality that ignores property order and number spelling (<c>1.0</c> = <c>1</c>).</summary>
public static class JsonAssert
{
    public static void Equal(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        if (!JsonElement.DeepEquals(e.RootElement, a.RootElement))
        {
            Assert.Fail($"JSON differs.\nExpected: {Normalize(e.RootElement)}\nActual:   {Normalize(a.RootElement)}");
        }
    }

    public static void Equal(JsonElement expected, string actual) => Equal(expected.GetRawText(), actual);

    private static string Normalize(JsonElement element) => JsonSerializer.Serialize(element);
}
