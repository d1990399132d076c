namespace LineGov.Messaging;

/// <summary>Why an ID token was refused.</summary>
public enum LineIdTokenFailure
{
    /// <summary>Nothing: the token is valid.</summary>
    None = 0,

    /// <summary>Not a signed JWT, or a required claim (<c>sub</c>, <c>exp</c>, <c>iat</c>) is missing or of the wrong type.</summary>
    Malformed,

    /// <summary>
    /// The header's <c>alg</c> is neither ES256 nor HS256 (for example <c>none</c>), or is HS256 while no channel
    /// secret is configured.
    /// </summary>
    UnsupportedAlgorithm,

    /// <summary>The ES256 token's <c>kid</c> is not in LINE's key set, even after fetching it again.</summary>
    UnknownKey,

    /// <summary>The signature does not verify.</summary>
    InvalidSignature,

    /// <summary>The issuer (<c>iss</c>) is not <c>https://access.line.me</c>.</summary>
    WrongIssuer,

    /// <summary>The audience (<c>aud</c>) is not this channel's id.</summary>
    WrongAudience,

    /// <summary>The token expired (<c>exp</c>, with the allowed clock skew).</summary>
    Expired,

    /// <summary>The token claims to be issued in the future (<c>iat</c>, beyond the allowed clock skew).</summary>
    IssuedInFuture,

    /// <summary>A nonce was expected and the token's <c>nonce</c> is missing or different: it may be a replay.</summary>
    NonceMismatch,
}
