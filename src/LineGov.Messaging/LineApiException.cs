using System.Net;

namespace LineGov.Messaging;

/// <summary>One entry of the <c>details</c> array of a LINE error response.</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Property">The request property it concerns, e.g. <c>messages[0].text</c>.</param>
public sealed record LineErrorDetail(string? Message, string? Property)
{
    /// <summary>What is wrong.</summary>
    public string? Message { get; } = Message;

    /// <summary>The request property it concerns.</summary>
    public string? Property { get; } = Property;
}

/// <summary>
/// A LINE platform request failed: the HTTP status, LINE's error message and details, and the
/// <c>x-line-request-id</c> to quote to LINE. The one exception type of LineGov.Messaging for service failures.
/// </summary>
public sealed class LineApiException : Exception
{
    /// <summary>LINE's message when the monthly message quota is used up (HTTP 429).</summary>
    public const string MonthlyQuotaMessage = "You have reached your monthly limit.";

    /// <summary>Creates the exception.</summary>
    public LineApiException()
        : this(default, null, [], null, null, null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LineApiException(string message)
        : this(default, message, [], null, null, null)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LineApiException(string message, Exception? innerException)
        : this(default, message, [], null, null, innerException)
    {
    }

    /// <summary>Creates the exception for a LINE error response.</summary>
    public LineApiException(HttpStatusCode statusCode, string? lineMessage, IReadOnlyList<LineErrorDetail> details, string? requestId, string? endpoint, Exception? innerException = null)
        : base(Describe(statusCode, lineMessage, details, requestId, endpoint), innerException)
    {
        StatusCode = statusCode;
        LineMessage = lineMessage;
        Details = details ?? [];
        RequestId = requestId;
        Endpoint = endpoint;
    }

    /// <summary>The HTTP status (0 when no response arrived).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>LINE's <c>message</c>.</summary>
    public string? LineMessage { get; }

    /// <summary>LINE's <c>details</c>.</summary>
    public IReadOnlyList<LineErrorDetail> Details { get; }

    /// <summary>The <c>x-line-request-id</c> response header.</summary>
    public string? RequestId { get; }

    /// <summary>The endpoint, e.g. <c>POST /v2/bot/message/push</c>.</summary>
    public string? Endpoint { get; }

    /// <summary>Whether this is the monthly-quota 429: retrying will not help until next month or a plan change.</summary>
    public bool IsMonthlyQuotaExceeded =>
        StatusCode == HttpStatusCode.TooManyRequests && string.Equals(LineMessage, MonthlyQuotaMessage, StringComparison.Ordinal);

    /// <summary>Whether this is a rate-limit 429 (retry later).</summary>
    public bool IsRateLimited => StatusCode == HttpStatusCode.TooManyRequests && !IsMonthlyQuotaExceeded;

    private static string Describe(HttpStatusCode status, string? message, IReadOnlyList<LineErrorDetail>? details, string? requestId, string? endpoint)
    {
        var text = status == default
            ? message ?? "The LINE platform request failed."
            : $"LINE returned {(int)status} {status}{(endpoint is null ? string.Empty : " for " + endpoint)}: {message ?? "(no message)"}";
        if (details is { Count: > 0 })
        {
            text += " [" + string.Join("; ", details.Select(d => $"{d.Property}: {d.Message}")) + "]";
        }

        return requestId is null ? text : text + $" (x-line-request-id {requestId})";
    }
}
