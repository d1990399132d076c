using System.Net;

namespace LineGov.Payouts.Points;

/// <summary>What kind of failure a <see cref="PointsProviderException"/> is, which says what to do next.</summary>
public enum PointsProviderErrorKind
{
    /// <summary>
    /// The provider could not be reached, timed out, was rate limited or failed (5xx), and retries did not help. Whether
    /// the grant happened is unknown: ask again later with the same idempotency key (that is safe).
    /// </summary>
    Transient = 0,

    /// <summary>
    /// The provider refused this grant for good: unknown member (404), account closed, limit exceeded, invalid amount
    /// (422). <see cref="PointsProviderException.ErrorCode"/> says which. Retrying the same grant will not help.
    /// </summary>
    Rejected = 1,

    /// <summary>The API key is missing, wrong or lacks the right (401 / 403). Nothing will work until it is fixed.</summary>
    Unauthorized = 2,

    /// <summary>
    /// The idempotency key was already used for a different grant (another member, amount or description; 409). The
    /// earlier grant stands; this one was not made. A caller bug or a changed payout: needs a person to look.
    /// </summary>
    IdempotencyKeyReused = 3,

    /// <summary>The provider answered something this client does not understand (an unexpected status, unreadable JSON, 400).</summary>
    Protocol = 4,
}

/// <summary>Error codes of the reference points protocol (the <c>error</c> member of an error body).</summary>
public static class PointsErrorCodes
{
    /// <summary>404: the member account does not exist.</summary>
    public const string UnknownMember = "unknown_member";

    /// <summary>422: the member account is closed or suspended.</summary>
    public const string AccountClosed = "account_closed";

    /// <summary>422: the grant would pass the account's or the program's limit.</summary>
    public const string LimitExceeded = "limit_exceeded";

    /// <summary>400 / 422: the request is malformed (missing member, points not positive …).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>409: the idempotency key was used before with a different body.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary>401 / 403: the API key is missing or wrong.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>429: too many requests; see Retry-After.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>5xx: the provider failed.</summary>
    public const string ServerError = "server_error";

    /// <summary>404 on <c>GET /v1/grants/{key}</c>: no grant under that key.</summary>
    public const string NotFound = "not_found";
}

/// <summary>
/// A points provider failed or refused a grant. The one exception type of the points channel: <see cref="Kind"/> says
/// what to do next, <see cref="StatusCode"/> and <see cref="ErrorCode"/> say what the provider answered. Messages never
/// contain member ids, idempotency keys (they contain beneficiary ids), API keys or the provider's free-text message.
/// </summary>
public sealed class PointsProviderException : Exception
{
    /// <summary>Creates the exception (kind <see cref="PointsProviderErrorKind.Protocol"/>).</summary>
    public PointsProviderException()
        : this(PointsProviderErrorKind.Protocol, "The points provider request failed.")
    {
    }

    /// <summary>Creates the exception with a message (kind <see cref="PointsProviderErrorKind.Protocol"/>).</summary>
    public PointsProviderException(string message)
        : this(PointsProviderErrorKind.Protocol, message)
    {
    }

    /// <summary>Creates the exception with a message and its cause (kind <see cref="PointsProviderErrorKind.Protocol"/>).</summary>
    public PointsProviderException(string message, Exception? innerException)
        : this(PointsProviderErrorKind.Protocol, message, innerException: innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What kind of failure.</param>
    /// <param name="message">What happened, without personal data or secrets.</param>
    /// <param name="statusCode">The HTTP status, when a response arrived.</param>
    /// <param name="errorCode">The provider's error code (<see cref="PointsErrorCodes"/>), when it gave one.</param>
    /// <param name="innerException">The cause.</param>
    public PointsProviderException(PointsProviderErrorKind kind, string message, HttpStatusCode? statusCode = null, string? errorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>What kind of failure, and so what to do next.</summary>
    public PointsProviderErrorKind Kind { get; }

    /// <summary>The HTTP status of the last answer; <see langword="null"/> when none arrived (connection error, timeout) or the provider is not HTTP.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The provider's error code (see <see cref="PointsErrorCodes"/>), when it gave one.</summary>
    public string? ErrorCode { get; }

    /// <summary>Whether asking again later with the same idempotency key may succeed.</summary>
    public bool IsTransient => Kind == PointsProviderErrorKind.Transient;
}
