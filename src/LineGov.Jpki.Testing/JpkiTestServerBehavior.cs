namespace LineGov.Jpki.Testing;

/// <summary>How a <see cref="JpkiTestRevocationServer"/> fails at the connection level.</summary>
public enum JpkiTestServerFailure
{
    /// <summary>It answers.</summary>
    None = 0,

    /// <summary>
    /// Nothing listens: connections are refused. Only as the server-wide <see cref="JpkiTestRevocationServer.Behavior"/>
    /// (the port is closed until another behavior is set); per certificate or partition it acts as <see cref="ResetConnection"/>.
    /// </summary>
    RefuseConnections = 1,

    /// <summary>The request is read, then the connection is reset (TCP RST).</summary>
    ResetConnection = 2,

    /// <summary>The request is read, then the connection is closed without a response.</summary>
    CloseConnection = 3,

    /// <summary>The request is read and never answered (until the client gives up or the server is disposed).</summary>
    NeverAnswer = 4,
}

/// <summary>What a <see cref="JpkiTestRevocationServer"/> does with an OCSP request's nonce.</summary>
public enum JpkiTestNonceBehavior
{
    /// <summary>Echo it (no nonce when the request had none).</summary>
    Echo = 0,

    /// <summary>Send a different one (of the same length; an unsolicited one when the request had none).</summary>
    Wrong = 1,

    /// <summary>Send none, as responders that serve pre-produced responses do.</summary>
    Omit = 2,
}

/// <summary>
/// How a <see cref="JpkiTestRevocationServer"/> answers: normally from the authority's revocation state, or slow,
/// down, malformed, tryLater, with a wrong nonce, from a delegated responder or from another CA generation. Set it
/// server-wide (<see cref="JpkiTestRevocationServer.Behavior"/>), per certificate serial for OCSP
/// (<see cref="JpkiTestRevocationServer.SetOcspBehavior(JpkiCertificate, JpkiTestServerBehavior?)"/>) or per partition
/// for CRLs (<see cref="JpkiTestRevocationServer.SetCrlBehavior"/>). Properties that do not apply to an endpoint are ignored.
/// </summary>
/// <example>
/// <code>
/// server.Behavior = JpkiTestServerBehavior.Slow(TimeSpan.FromSeconds(10));
/// server.SetOcspBehavior(card.SignatureCertificate, new JpkiTestServerBehavior { Nonce = JpkiTestNonceBehavior.Wrong });
/// server.SetCrlBehavior(partition, new JpkiTestServerBehavior { SigningGeneration = "02" });
/// </code>
/// </example>
public sealed class JpkiTestServerBehavior
{
    /// <summary>Answers from the authority's state, at once.</summary>
    public static JpkiTestServerBehavior Normal { get; } = new();

    /// <summary>OCSP answers tryLater (CRLs are served normally).</summary>
    public static JpkiTestServerBehavior TryLater { get; } = new() { OcspResponseStatus = JpkiTestOcspResponseStatus.TryLater };

    /// <summary>Answers 200 with bytes that are not DER (a truncated, corrupted response).</summary>
    public static JpkiTestServerBehavior Malformed { get; } = new() { MalformedBody = true };

    /// <summary>Nothing listens (see <see cref="JpkiTestServerFailure.RefuseConnections"/>).</summary>
    public static JpkiTestServerBehavior Down { get; } = new() { Failure = JpkiTestServerFailure.RefuseConnections };

    /// <summary>Connections are reset after the request.</summary>
    public static JpkiTestServerBehavior Reset { get; } = new() { Failure = JpkiTestServerFailure.ResetConnection };

    /// <summary>Requests are never answered.</summary>
    public static JpkiTestServerBehavior NeverAnswer { get; } = new() { Failure = JpkiTestServerFailure.NeverAnswer };

    /// <summary>Connection-level failure. Default: none.</summary>
    public JpkiTestServerFailure Failure { get; init; }

    /// <summary>How long to wait (real time) before answering. Default: none.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>An HTTP status to answer with instead (with an empty body), for example 503; <see langword="null"/> = 200 or 404 as routing says.</summary>
    public int? HttpStatusCode { get; init; }

    /// <summary>Whether the body is replaced by corrupted, truncated bytes (status 200, the usual content type).</summary>
    public bool MalformedBody { get; init; }

    /// <summary>OCSP responseStatus; anything but successful is answered without a signed body. Default: successful.</summary>
    public JpkiTestOcspResponseStatus OcspResponseStatus { get; init; }

    /// <summary>OCSP certStatus to answer whatever the state says; <see langword="null"/> = from the state. A forced revoked status says revoked an hour before now, reason unspecified, unless the state has a revocation.</summary>
    public JpkiTestOcspCertStatus? OcspCertStatus { get; init; }

    /// <summary>What to do with the request's nonce. Default: echo.</summary>
    public JpkiTestNonceBehavior Nonce { get; init; }

    /// <summary>Whether OCSP responses are signed by a proper delegated responder of the signing CA (issued by the server on first use) instead of the CA.</summary>
    public bool DelegatedResponder { get; init; }

    /// <summary>A delegated responder to sign OCSP responses with (one without the EKU, expired, of another CA…); wins over <see cref="DelegatedResponder"/>.</summary>
    public JpkiTestOcspResponder? Responder { get; init; }

    /// <summary>
    /// Sign with this generation of the same kind instead of the certificate's own (a key-rollover mix-up: generations
    /// share a subject, so only the key and key identifiers differ); <see langword="null"/> = the right generation.
    /// </summary>
    public string? SigningGeneration { get; init; }

    /// <summary>Whether the CRL's or OCSP response's signature is corrupted.</summary>
    public bool CorruptSignature { get; init; }

    /// <summary>ResponderID of OCSP responses. Default: by name.</summary>
    public JpkiTestOcspResponderIdKind ResponderId { get; init; }

    /// <summary>Added to now for thisUpdate of CRLs and OCSP single responses (negative for stale information). Default: zero.</summary>
    public TimeSpan ThisUpdateOffset { get; init; }

    /// <summary>nextUpdate − thisUpdate for CRLs and OCSP single responses; <see langword="null"/> = no nextUpdate. Default: one day.</summary>
    public TimeSpan? Validity { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Answers after <paramref name="delay"/> (real time).</summary>
    public static JpkiTestServerBehavior Slow(TimeSpan delay) => new() { Delay = delay };
}
