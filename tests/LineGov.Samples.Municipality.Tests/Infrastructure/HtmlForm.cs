using System.Net;
using System.Text.RegularExpressions;

namespace LineGov.Samples.Municipality.Tests.Infrastructure;

/// <summary>
/// A server-rendered form read from HTML, to submit it as a browser would without one: the fields the contract names
/// by id are mapped to their names, hidden fields (an antiforgery token, a return URL) are sent back as they are.
/// </summary>
public sealed partial class HtmlForm
{
    private readonly Dictionary<string, string> _idToName = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _fields = [];
    private readonly List<(string Name, string Value, bool Checked)> _checkboxes = [];

    private HtmlForm(string action, string method)
    {
        Action = action;
        Method = method;
    }

    /// <summary>Where it posts (relative to the page; empty: the page itself).</summary>
    public string Action { get; }

    /// <summary>GET or POST.</summary>
    public string Method { get; }

    /// <summary>The values of the checkboxes named <paramref name="name"/>.</summary>
    public IReadOnlyList<string> CheckboxValues(string name) => [.. _checkboxes.Where(c => c.Name == name).Select(c => c.Value)];

    /// <summary>The form that contains the element with id <paramref name="elementId"/>, or null.</summary>
    public static HtmlForm? Containing(string html, string elementId)
    {
        foreach (Match form in FormPattern().Matches(html))
        {
            var body = form.Groups["body"].Value;
            if (!Regex.IsMatch(body, $"""\bid\s*=\s*["']?{Regex.Escape(elementId)}["'\s>/]""", RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                continue;
            }

            var attributes = Attributes(form.Groups["attrs"].Value);
            var result = new HtmlForm(attributes.GetValueOrDefault("action", string.Empty), attributes.GetValueOrDefault("method", "get").ToUpperInvariant());
            foreach (Match element in ElementPattern().Matches(body))
            {
                var a = Attributes(element.Groups["attrs"].Value);
                var name = a.GetValueOrDefault("name");
                if (a.TryGetValue("id", out var id) && name is not null)
                {
                    result._idToName[id] = name;
                }

                if (name is null)
                {
                    continue;
                }

                var tag = element.Groups["tag"].Value.ToLowerInvariant();
                var type = a.GetValueOrDefault("type", tag == "input" ? "text" : tag).ToLowerInvariant();
                if (type == "checkbox")
                {
                    result._checkboxes.Add((name, a.GetValueOrDefault("value", "on"), a.ContainsKey("checked")));
                }
                else if (type is "hidden" or "text" or "password" or "date" or "email" or "tel" or "number")
                {
                    result._fields.Add(new(name, a.GetValueOrDefault("value", string.Empty)));
                }
            }

            return result;
        }

        return null;
    }

    /// <summary>Sets the field with id <paramref name="elementId"/>.</summary>
    public HtmlForm Set(string elementId, string value)
    {
        var name = _idToName.GetValueOrDefault(elementId) ?? throw new InvalidOperationException($"The form has no named field with id '{elementId}'.");
        _fields.RemoveAll(f => f.Key == name);
        _fields.Add(new(name, value));
        return this;
    }

    /// <summary>Checks every checkbox named <paramref name="name"/>.</summary>
    /// <summary>Adds a field as a browser would send it (e.g. many more checkboxes than the page has).</summary>
    public HtmlForm Add(string name, string value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    public HtmlForm CheckAll(string name)
    {
        for (var i = 0; i < _checkboxes.Count; i++)
        {
            if (_checkboxes[i].Name == name)
            {
                _checkboxes[i] = _checkboxes[i] with { Checked = true };
            }
        }

        return this;
    }

    /// <summary>Submits the form (as the button with id <paramref name="submitId"/> would, sending its name/value if it has one).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(HttpClient http, string pageUrl, string? submitId = null, CancellationToken cancellationToken = default)
    {
        var fields = new List<KeyValuePair<string, string>>(_fields);
        fields.AddRange(_checkboxes.Where(c => c.Checked).Select(c => new KeyValuePair<string, string>(c.Name, c.Value)));
        if (submitId is not null && _idToName.TryGetValue(submitId, out var buttonName))
        {
            fields.Add(new(buttonName, string.Empty));
        }

        var target = new Uri(new Uri(http.BaseAddress!, pageUrl), Action.Length == 0 ? pageUrl : WebUtility.HtmlDecode(Action));
        using var content = new FormUrlEncodedContent(fields);
        if (Method == "GET")
        {
            var query = await content.ReadAsStringAsync(cancellationToken);
            return await http.GetAsync(new Uri(target, "?" + query), cancellationToken);
        }

        return await http.PostAsync(target, content, cancellationToken);
    }

    /// <summary>The value of attribute <paramref name="attribute"/> of the element with id <paramref name="elementId"/>, or null.</summary>
    public static string? AttributeOf(string html, string elementId, string attribute)
    {
        foreach (Match element in AnyElementPattern().Matches(html))
        {
            var a = Attributes(element.Groups["attrs"].Value);
            if (a.TryGetValue("id", out var id) && id == elementId)
            {
                return a.GetValueOrDefault(attribute);
            }
        }

        return null;
    }

    /// <summary>True when an element with id <paramref name="elementId"/> exists.</summary>
    public static bool HasElement(string html, string elementId) =>
        Regex.IsMatch(html, $"""\bid\s*=\s*["']?{Regex.Escape(elementId)}["'\s>/]""", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static Dictionary<string, string> Attributes(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in AttributePattern().Matches(text))
        {
            var value = m.Groups["dq"].Success ? m.Groups["dq"].Value : m.Groups["sq"].Success ? m.Groups["sq"].Value : m.Groups["bare"].Value;
            result.TryAdd(m.Groups["name"].Value, WebUtility.HtmlDecode(value));
        }

        return result;
    }

    [GeneratedRegex("""<form\b(?<attrs>[^>]*)>(?<body>.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<(?<tag>input|select|textarea|button)\b(?<attrs>[^>]*)>""", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ElementPattern();

    [GeneratedRegex("""<(?<tag>[a-zA-Z][\w-]*)\b(?<attrs>[^>]*)>""", RegexOptions.None, 1000)]
    private static partial Regex AnyElementPattern();

    [GeneratedRegex("""(?<name>[a-zA-Z_:][\w:.-]*)(?:\s*=\s*(?:"(?<dq>[^"]*)"|'(?<sq>[^']*)'|(?<bare>[^\s"'>]+)))?""", RegexOptions.None, 1000)]
    private static partial Regex AttributePattern();
}
