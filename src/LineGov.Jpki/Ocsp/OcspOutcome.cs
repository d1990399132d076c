namespace LineGov.Jpki;

/// <summary>Why a check ended as it did: a code for logs and metrics (never certificate contents).</summary>
internal enum OcspOutcome
{
    Good,
    Revoked,
    CertStatusUnknown,
    CacheHit,
    NoResponderUri,
    IssuerKeyUnreadable,
    Timeout,
    CircuitOpen,
    Unreachable,
    HttpError,
    ResponseTooLarge,
    Malformed,
    ResponderError,
    NotBasicResponse,
    UnsupportedSignatureAlgorithm,
    BadSignature,
    UnauthorizedResponder,
    NoMatchingResponse,
    ConflictingResponses,
    ThisUpdateInFuture,
    Expired,
    Stale,
    ProducedAtInvalid,
    NonceMismatch,
    NonceMissing,
    UnknownCriticalExtension,
}

internal static class OcspOutcomeCodes
{
    /// <summary>A stable snake_case code for a metric tag or a log field.</summary>
    public static string Code(this OcspOutcome outcome) => outcome switch
    {
        OcspOutcome.Good => "good",
        OcspOutcome.Revoked => "revoked",
        OcspOutcome.CertStatusUnknown => "cert_status_unknown",
        OcspOutcome.CacheHit => "cache_hit",
        OcspOutcome.NoResponderUri => "no_responder_uri",
        OcspOutcome.IssuerKeyUnreadable => "issuer_key_unreadable",
        OcspOutcome.Timeout => "timeout",
        OcspOutcome.CircuitOpen => "circuit_open",
        OcspOutcome.Unreachable => "unreachable",
        OcspOutcome.HttpError => "http_error",
        OcspOutcome.ResponseTooLarge => "response_too_large",
        OcspOutcome.Malformed => "malformed",
        OcspOutcome.ResponderError => "responder_error",
        OcspOutcome.NotBasicResponse => "not_basic_response",
        OcspOutcome.UnsupportedSignatureAlgorithm => "unsupported_signature_algorithm",
        OcspOutcome.BadSignature => "bad_signature",
        OcspOutcome.UnauthorizedResponder => "unauthorized_responder",
        OcspOutcome.NoMatchingResponse => "no_matching_response",
        OcspOutcome.ConflictingResponses => "conflicting_responses",
        OcspOutcome.ThisUpdateInFuture => "this_update_in_future",
        OcspOutcome.Expired => "expired",
        OcspOutcome.Stale => "stale",
        OcspOutcome.ProducedAtInvalid => "produced_at_invalid",
        OcspOutcome.NonceMismatch => "nonce_mismatch",
        OcspOutcome.NonceMissing => "nonce_missing",
        OcspOutcome.UnknownCriticalExtension => "unknown_critical_extension",
        _ => "other",
    };
}

/// <summary>What checking one response gave: the status to return, the outcome code, and what to log about the signer.</summary>
internal readonly record struct OcspVerification(JpkiRevocationStatus Status, OcspOutcome Outcome, bool DelegatedWithoutNoCheck = false)
{
    public static OcspVerification Unknown(string source, OcspOutcome outcome, string detail) =>
        new(JpkiRevocationStatus.Unknown(source, detail), outcome);
}
