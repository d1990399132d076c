using System.Globalization;
using System.Text.Json;

namespace LineGov.Payouts.Points;

/// <summary>The JSON of the reference points protocol, written and read by hand (small, fixed shapes, no reflection).</summary>
internal static class PointsWire
{
    public const string GrantsPath = "v1/grants";

    public static byte[] WriteGrantRequest(PointsGrant grant)
    {
        using var buffer = new MemoryStream(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("member_id", grant.MemberId);
            json.WriteNumber("points", grant.Points);
            if (grant.Description is not null)
            {
                json.WriteString("description", grant.Description);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A grant body, or null when the body is not one (missing member, wrong type, bad date).</summary>
    public static (string TransactionId, string MemberId, long Points, DateTimeOffset GrantedAt)? ReadGrant(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 8 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !TryString(root, "transaction_id", out var transactionId) ||
                !TryString(root, "member_id", out var memberId) ||
                !root.TryGetProperty("points", out var pointsElement) || pointsElement.ValueKind != JsonValueKind.Number ||
                !pointsElement.TryGetInt64(out var points) ||
                !TryString(root, "granted_at", out var grantedAtText) ||
                !DateTimeOffset.TryParse(grantedAtText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var grantedAt))
            {
                return null;
            }

            return (transactionId, memberId, points, grantedAt);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The <c>error</c> code of an error body, if it looks like a code (so no free text or personal data is carried on).</summary>
    public static string? ReadErrorCode(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 8 });
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                TryString(document.RootElement, "error", out var code) && IsCode(code)
                ? code
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsCode(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-');

    private static bool TryString(JsonElement obj, string name, out string value)
    {
        if (obj.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text)
        {
            value = text;
            return true;
        }

        value = string.Empty;
        return false;
    }
}
