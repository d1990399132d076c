namespace LineGov.Messaging;

/// <summary>
/// The outcome of verifying a LIFF or LINE Login ID token: either valid with the user's claims, or refused with the
/// reason. The claims are personal data: <see cref="ToString"/> leaves them out, and so should your logs.
/// </summary>
public sealed class LineIdTokenResult
{
    private LineIdTokenResult(LineIdTokenFailure failure)
    {
        Failure = failure;
        AuthenticationMethods = [];
    }

    private LineIdTokenResult(
        string subject,
        string? name,
        string? picture,
        string? email,
        IReadOnlyList<string> authenticationMethods,
        string? nonce,
        DateTimeOffset issuedAt,
        DateTimeOffset expiresAt,
        DateTimeOffset? authenticatedAt,
        string algorithm)
    {
        Failure = LineIdTokenFailure.None;
        Subject = subject;
        Name = name;
        Picture = picture;
        Email = email;
        AuthenticationMethods = authenticationMethods;
        Nonce = nonce;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        AuthenticatedAt = authenticatedAt;
        Algorithm = algorithm;
    }

    /// <summary>Whether the token is valid.</summary>
    public bool IsValid => Failure == LineIdTokenFailure.None;

    /// <summary>Why the token was refused; <see cref="LineIdTokenFailure.None"/> when valid.</summary>
    public LineIdTokenFailure Failure { get; }

    /// <summary>The LINE user id (<c>sub</c>), when valid.</summary>
    public string? Subject { get; }

    /// <summary>The user's display name (<c>name</c>), when the <c>profile</c> scope was granted.</summary>
    public string? Name { get; }

    /// <summary>The user's profile image URL (<c>picture</c>), when the <c>profile</c> scope was granted.</summary>
    public string? Picture { get; }

    /// <summary>The user's email address (<c>email</c>), when the <c>email</c> scope was granted.</summary>
    public string? Email { get; }

    /// <summary>How the user authenticated (<c>amr</c>: <c>pwd</c>, <c>lineautologin</c>, <c>lineqr</c>, <c>linesso</c>, <c>mfa</c>).</summary>
    public IReadOnlyList<string> AuthenticationMethods { get; }

    /// <summary>The token's <c>nonce</c>, when it has one.</summary>
    public string? Nonce { get; }

    /// <summary>When the token was issued (<c>iat</c>), when valid.</summary>
    public DateTimeOffset? IssuedAt { get; }

    /// <summary>When the token expires (<c>exp</c>), when valid.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>When the user authenticated (<c>auth_time</c>), when present.</summary>
    public DateTimeOffset? AuthenticatedAt { get; }

    /// <summary>The signature algorithm (<c>ES256</c> or <c>HS256</c>), when valid.</summary>
    public string? Algorithm { get; }

    /// <summary>A description without personal data: validity and the failure reason only.</summary>
    public override string ToString() =>
        IsValid ? $"LineIdTokenResult {{ Valid, {Algorithm}, (claims redacted) }}" : $"LineIdTokenResult {{ Failure = {Failure} }}";

    internal static LineIdTokenResult Fail(LineIdTokenFailure failure) => new(failure);

    internal static LineIdTokenResult Valid(
        string subject,
        string? name,
        string? picture,
        string? email,
        IReadOnlyList<string> authenticationMethods,
        string? nonce,
        DateTimeOffset issuedAt,
        DateTimeOffset expiresAt,
        DateTimeOffset? authenticatedAt,
        string algorithm) =>
        new(subject, name, picture, email, authenticationMethods, nonce, issuedAt, expiresAt, authenticatedAt, algorithm);
}
