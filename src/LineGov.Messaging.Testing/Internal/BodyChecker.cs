using System.Globalization;
using System.Text.Json;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>
/// Collects a request body's errors the way LINE reports them: one detail per problem, each naming the property
/// (<c>messages[0].text</c>). Over-long arrays are reported at the first item past the limit (<c>messages[5]</c>,
/// <c>to[500]</c>), empty ones at the array itself.
/// </summary>
internal sealed class BodyChecker
{
    public const string MayNotBeEmpty = "May not be empty";

    public List<ErrorDetail> Errors { get; } = [];

    public bool HasErrors => Errors.Count > 0;

    public void Add(string property, string message) => Errors.Add(new ErrorDetail(message, property));

    public static string Size(int min, int max) => string.Create(CultureInfo.InvariantCulture, $"Size must be between {min} and {max}");

    public static string Length(int min, int max) => string.Create(CultureInfo.InvariantCulture, $"Length must be between {min} and {max}");

    public static string Range(long min, long max) => string.Create(CultureInfo.InvariantCulture, $"Must be between {min} and {max}");

    public static string Child(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    public static string Item(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");

    /// <summary>A required non-empty string of at most <paramref name="maxLength"/> UTF-16 units.</summary>
    public string? RequiredString(JsonElement obj, string name, string property, int maxLength = int.MaxValue, bool allowEmpty = false)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Add(property, MayNotBeEmpty);
            return null;
        }

        return CheckString(value, property, maxLength, allowEmpty);
    }

    /// <summary>An optional string: checked when present.</summary>
    public string? OptionalString(JsonElement obj, string name, string property, int maxLength = int.MaxValue)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return CheckString(value, property, maxLength, allowEmpty: true);
    }

    private string? CheckString(JsonElement value, string property, int maxLength, bool allowEmpty)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Add(property, "Must be a string");
            return null;
        }

        var text = value.GetString()!;
        if (!allowEmpty && text.Length == 0)
        {
            Add(property, MayNotBeEmpty);
            return null;
        }

        if (text.Length > maxLength)
        {
            Add(property, Length(allowEmpty ? 0 : 1, maxLength));
            return null;
        }

        return text;
    }

    /// <summary>A required HTTPS URL (LINE refuses plain HTTP for media) of at most 2,000 characters.</summary>
    public void RequiredHttpsUrl(JsonElement obj, string name, string property, int maxLength = 2000)
    {
        var url = RequiredString(obj, name, property, maxLength);
        CheckHttps(url, property);
    }

    public void OptionalHttpsUrl(JsonElement obj, string name, string property, int maxLength = 2000)
    {
        var url = OptionalString(obj, name, property, maxLength);
        CheckHttps(url, property);
    }

    private void CheckHttps(string? url, string property)
    {
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            Add(property, "Must be a valid HTTPS URL");
        }
    }

    /// <summary>A required array of <paramref name="min"/>–<paramref name="max"/> items.</summary>
    public JsonElement? RequiredArray(JsonElement obj, string name, string property, int min, int max)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Add(property, MayNotBeEmpty);
            return null;
        }

        return CheckArray(value, property, min, max);
    }

    public JsonElement? OptionalArray(JsonElement obj, string name, string property, int min, int max)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return CheckArray(value, property, min, max);
    }

    private JsonElement? CheckArray(JsonElement value, string property, int min, int max)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Add(property, "Must be an array");
            return null;
        }

        var count = value.GetArrayLength();
        if (count < min)
        {
            Add(property, Size(min, max));
            return null;
        }

        if (count > max)
        {
            Add(Item(property, max), Size(min, max));
            return null;
        }

        return value;
    }

    public JsonElement? RequiredObject(JsonElement obj, string name, string property)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Add(property, MayNotBeEmpty);
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Add(property, "Must be an object");
            return null;
        }

        return value;
    }

    public JsonElement? OptionalObject(JsonElement obj, string name, string property)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Add(property, "Must be an object");
            return null;
        }

        return value;
    }

    public long? RequiredInteger(JsonElement obj, string name, string property, long min = long.MinValue, long max = long.MaxValue)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Add(property, MayNotBeEmpty);
            return null;
        }

        return CheckInteger(value, property, min, max);
    }

    public long? OptionalInteger(JsonElement obj, string name, string property, long min = long.MinValue, long max = long.MaxValue)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return CheckInteger(value, property, min, max);
    }

    private long? CheckInteger(JsonElement value, string property, long min, long max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Add(property, "Must be an integer");
            return null;
        }

        if (number < min || number > max)
        {
            Add(property, Range(min, max));
            return null;
        }

        return number;
    }

    public void RequiredNumber(JsonElement obj, string name, string property, double min, double max)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Add(property, MayNotBeEmpty);
            return;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            Add(property, "Must be a number");
            return;
        }

        if (number < min || number > max)
        {
            Add(property, string.Create(CultureInfo.InvariantCulture, $"Must be between {min} and {max}"));
        }
    }

    public bool? OptionalBoolean(JsonElement obj, string name, string property)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Add(property, "Must be a boolean");
            return null;
        }

        return value.GetBoolean();
    }

    public bool? RequiredBoolean(JsonElement obj, string name, string property)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Add(property, MayNotBeEmpty);
            return null;
        }

        return OptionalBoolean(obj, name, property);
    }

    /// <summary>A LINE user id: <c>U</c> + 32 lowercase hex digits.</summary>
    public static bool IsUserId(string? id) => id is { Length: 33 } && id[0] == 'U' && IsLowerHex(id.AsSpan(1));

    /// <summary>A push target: a user, group (<c>C…</c>) or room (<c>R…</c>) id.</summary>
    public static bool IsChatId(string? id) => id is { Length: 33 } && id[0] is 'U' or 'C' or 'R' && IsLowerHex(id.AsSpan(1));

    // Checked by hand rather than by a regex: a multicast checks 500 ids, and this runs in nanoseconds.
    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
