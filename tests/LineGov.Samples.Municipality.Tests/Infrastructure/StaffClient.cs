using System.Net;

namespace LineGov.Samples.Municipality.Tests.Infrastructure;

/// <summary>A staff member's browser without a browser: a cookie jar and the login form of <c>/staff/login</c>.</summary>
public sealed class StaffClient : IDisposable
{
    /// <summary>The demo approver (reviewer + approver).</summary>
    public const string Approver = "approver";

    /// <summary>The demo approver's password.</summary>
    public const string ApproverPassword = "approver-pass";

    /// <summary>The demo reviewer.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>The demo reviewer's password.</summary>
    public const string ReviewerPassword = "reviewer-pass";

    private StaffClient(HttpClient http) => Http = http;

    /// <summary>The client (cookies kept, redirects not followed: the tests look at them).</summary>
    public HttpClient Http { get; }

    /// <summary>A client that has not logged in.</summary>
    public static StaffClient Anonymous(TestHost host) => new(host.NewClient(allowRedirects: false, new CookieContainer()));

    /// <summary>Logs in through the form; throws when the login does not redirect away from it.</summary>
    public static async Task<StaffClient> LoginAsync(TestHost host, string user, string password, CancellationToken cancellationToken = default)
    {
        var client = Anonymous(host);
        using var response = await client.PostLoginAsync(user, password, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.OK)
            || (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("id=\"login\"", StringComparison.Ordinal)))
        {
            client.Dispose();
            throw new InvalidOperationException($"Login of '{user}' failed: {(int)response.StatusCode}.");
        }

        return client;
    }

    /// <summary>Fills and posts the login form.</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        var page = await GetPageAsync("staff/login", cancellationToken);
        var form = HtmlForm.Containing(page, "login") ?? throw new InvalidOperationException("The login page has no form with #login.");
        form.Set("username", user).Set("password", password);
        return await form.SubmitAsync(Http, "staff/login", "login", cancellationToken);
    }

    /// <summary>GETs a page and returns its HTML (200 expected).</summary>
    public async Task<string> GetPageAsync(string url, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(url, cancellationToken);
        ((int)response.StatusCode).ShouldBe(200, $"GET {url}");
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Reads a response after a POST/redirect/GET: follows one redirect on the same host.</summary>
    public async Task<string> FollowAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && response.Headers.Location is { } location)
        {
            return await GetPageAsync(location.IsAbsoluteUri ? location.PathAndQuery.TrimStart('/') : location.OriginalString.TrimStart('/'), cancellationToken);
        }

        ((int)response.StatusCode).ShouldBe(200);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => Http.Dispose();
}
