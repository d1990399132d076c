namespace LineGov.Messaging.Webhooks;

/// <summary>Why a webhook request was refused.</summary>
public enum LineWebhookError
{
    /// <summary>Nothing: the request was verified and parsed.</summary>
    None = 0,

    /// <summary>There is no <c>x-line-signature</c> header: answer 401, the body was not parsed.</summary>
    MissingSignature,

    /// <summary>The signature does not match the raw body under the channel secret: answer 401, the body was not parsed.</summary>
    InvalidSignature,

    /// <summary>The signature is good but the body is not a webhook payload (malformed JSON, no <c>events</c> array): answer 400.</summary>
    MalformedPayload,
}
