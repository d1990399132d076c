namespace LineGov.Messaging;

/// <summary>
/// What LINE answered to a reply, push, multicast, narrowcast or broadcast. A send that LINE had already accepted
/// under the same retry key (HTTP 409 with <c>x-line-accepted-request-id</c>) is a success with
/// <see cref="AlreadyAccepted"/> set: the messages went out once, from the earlier request.
/// </summary>
public sealed class LineSendResult
{
    /// <summary>Creates a result (the client makes these; public for tests and fakes).</summary>
    public LineSendResult(string? requestId, Guid? retryKey, bool alreadyAccepted, string? acceptedRequestId, IReadOnlyList<SentMessage>? sentMessages = null)
    {
        RequestId = requestId;
        RetryKey = retryKey;
        AlreadyAccepted = alreadyAccepted;
        AcceptedRequestId = acceptedRequestId;
        SentMessages = sentMessages ?? [];
    }

    /// <summary>The <c>x-line-request-id</c> of this request.</summary>
    public string? RequestId { get; }

    /// <summary>The <c>X-Line-Retry-Key</c> the request carried (given by the caller or added by the pipeline); null for replies.</summary>
    public Guid? RetryKey { get; }

    /// <summary>Whether LINE had already accepted a request with this retry key (409): nothing new was sent.</summary>
    public bool AlreadyAccepted { get; }

    /// <summary>
    /// The request LINE accepted: the earlier one's ID when <see cref="AlreadyAccepted"/>, otherwise
    /// <see cref="RequestId"/>. Poll narrowcast progress with this one.
    /// </summary>
    public string? AcceptedRequestId { get; }

    /// <summary>The messages sent, for reply and push (and a 409 of push when LINE includes them); empty otherwise.</summary>
    public IReadOnlyList<SentMessage> SentMessages { get; }
}

/// <summary>The answer of a validate endpoint: an invalid message or rich menu is an expected outcome, not an exception.</summary>
public sealed class LineValidationResult
{
    /// <summary>Creates a result (the client makes these; public for tests and fakes).</summary>
    public LineValidationResult(bool isValid, string? message, IReadOnlyList<LineErrorDetail>? details, string? requestId)
    {
        IsValid = isValid;
        Message = message;
        Details = details ?? [];
        RequestId = requestId;
    }

    /// <summary>Whether LINE accepts the objects.</summary>
    public bool IsValid { get; }

    /// <summary>LINE's <c>message</c> when invalid.</summary>
    public string? Message { get; }

    /// <summary>LINE's <c>details</c> when invalid: what is wrong and where (e.g. <c>messages[0].text</c>).</summary>
    public IReadOnlyList<LineErrorDetail> Details { get; }

    /// <summary>The <c>x-line-request-id</c>.</summary>
    public string? RequestId { get; }
}
