using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LineGov.Messaging;

/// <summary>
/// Verifies LIFF and LINE Login ID tokens: ES256 with LINE's published keys (the JWKS at
/// <c>https://api.line.me/oauth2/v2.1/certs</c>, cached, fetched again on an unknown <c>kid</c> at a limited rate) and
/// HS256 with the channel secret; then <c>iss</c>, <c>aud</c>, <c>exp</c> and <c>iat</c> (with clock skew) and the
/// <c>nonce</c>. A bad token is a result, never an exception. Thread-safe; create one and reuse it.
/// </summary>
/// <example>
/// <code>
/// var result = await verifier.VerifyAsync(idTokenFromLiff, expectedNonce: null, cancellationToken);
/// if (!result.IsValid) return Results.Unauthorized();
/// var lineUserId = result.Subject;
/// </code>
/// </example>
public partial class LineIdTokenVerifier
{
    /// <summary>The name of the <see cref="HttpClient"/> the DI registration uses to fetch LINE's keys.</summary>
    public const string HttpClientName = "LineGov.Messaging.IdToken";

    /// <summary>The longest token considered: ID tokens are well under 4 KB.</summary>
    private const int MaxTokenLength = 16 * 1024;

    private static readonly JsonWebTokenHandler Handler = new();

    private readonly LineIdTokenVerifierOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly LineJwksCache _jwks;
    private readonly SymmetricSecurityKey? _hmacKey;
    private readonly ILogger _logger;

    /// <summary>Creates the verifier.</summary>
    /// <param name="httpClient">The client to fetch LINE's keys with.</param>
    /// <param name="options">The LINE Login channel; validated here.</param>
    /// <param name="timeProvider">The clock for <c>exp</c> and <c>iat</c> and the key cache. Default <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Where to log refusals (the reason only, never the token or its claims).</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public LineIdTokenVerifier(
        HttpClient httpClient,
        LineIdTokenVerifierOptions options,
        TimeProvider? timeProvider = null,
        ILogger<LineIdTokenVerifier>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        TokenOptionChecks.ThrowIfInvalid(new LineIdTokenVerifierOptionsValidator(), options);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _jwks = new LineJwksCache(httpClient, options, _timeProvider, _logger);
        _hmacKey = options.ChannelSecret is { } secret ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) : null;
    }

    /// <summary>Verifies an ID token.</summary>
    /// <param name="idToken">The ID token (from <c>liff.getIDToken()</c> or the LINE Login token response).</param>
    /// <param name="expectedNonce">
    /// The nonce you sent in the authorization request; the token must carry it. <see langword="null"/> skips the
    /// check (LIFF tokens carry none).
    /// </param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The user's claims, or why the token was refused.</returns>
    /// <exception cref="LineApiException">LINE's key set is needed and could never be fetched.</exception>
    public virtual async ValueTask<LineIdTokenResult> VerifyAsync(string idToken, string? expectedNonce, CancellationToken cancellationToken = default)
    {
        var result = await VerifyCoreAsync(idToken, expectedNonce, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            LogRefused(_logger, result.Failure);
        }

        return result;
    }

    private static LineIdTokenFailure Classify(Exception? exception) => exception switch
    {
        SecurityTokenInvalidIssuerException => LineIdTokenFailure.WrongIssuer,
        SecurityTokenInvalidAudienceException => LineIdTokenFailure.WrongAudience,
        SecurityTokenInvalidAlgorithmException => LineIdTokenFailure.UnsupportedAlgorithm,
        SecurityTokenSignatureKeyNotFoundException => LineIdTokenFailure.InvalidSignature,
        SecurityTokenInvalidSignatureException => LineIdTokenFailure.InvalidSignature,
        SecurityTokenMalformedException => LineIdTokenFailure.Malformed,
        _ => LineIdTokenFailure.InvalidSignature,
    };

    private static bool TryGetSeconds(JsonWebToken token, string claim, out DateTimeOffset value)
    {
        value = default;
        if (!token.TryGetPayloadValue<long>(claim, out var seconds) || seconds < 0 || seconds > 253402300799)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static string? OptionalString(JsonWebToken token, string claim) =>
        token.TryGetPayloadValue<string>(claim, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    private async ValueTask<LineIdTokenResult> VerifyCoreAsync(string idToken, string? expectedNonce, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idToken) || idToken.Length > MaxTokenLength)
        {
            return LineIdTokenResult.Fail(LineIdTokenFailure.Malformed);
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(idToken);
        }
        catch (ArgumentException)
        {
            return LineIdTokenResult.Fail(LineIdTokenFailure.Malformed);
        }

        if (token.IsEncrypted)
        {
            return LineIdTokenResult.Fail(LineIdTokenFailure.UnsupportedAlgorithm);
        }

        // The algorithm picks the key: LINE's ES256 keys for ES256, the channel secret for HS256, nothing else.
        SecurityKey key;
        var algorithm = token.Alg;
        if (string.Equals(algorithm, SecurityAlgorithms.EcdsaSha256, StringComparison.Ordinal))
        {
            if (string.IsNullOrEmpty(token.Kid))
            {
                return LineIdTokenResult.Fail(LineIdTokenFailure.UnknownKey);
            }

            var found = await _jwks.FindAsync(token.Kid, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return LineIdTokenResult.Fail(LineIdTokenFailure.UnknownKey);
            }

            key = found;
        }
        else if (string.Equals(algorithm, SecurityAlgorithms.HmacSha256, StringComparison.Ordinal) && _hmacKey is not null)
        {
            key = _hmacKey;
        }
        else
        {
            return LineIdTokenResult.Fail(LineIdTokenFailure.UnsupportedAlgorithm);
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.ChannelId,
            IssuerSigningKey = key,
            TryAllIssuerSigningKeys = true, // one key only: the one the algorithm picked
            ValidAlgorithms = [algorithm],
            RequireSignedTokens = true,
            // exp and iat are checked below against the injected clock, with our own reasons.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
        var validation = await Handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return LineIdTokenResult.Fail(Classify(validation.Exception));
        }

        if (!TryGetSeconds(token, JwtRegisteredClaimNames.Exp, out var expiresAt)
            || !TryGetSeconds(token, JwtRegisteredClaimNames.Iat, out var issuedAt)
            || OptionalString(token, JwtRegisteredClaimNames.Sub) is not { } subject)
        {
            return LineIdTokenResult.Fail(LineIdTokenFailure.Malformed);
        }

        var now = _timeProvider.GetUtcNow();
        if (now > expiresAt + _options.ClockSkew)
        {
            return LineIdTokenResult.Fail(LineIdTokenFailure.Expired);
        }

        if (issuedAt > now + _options.ClockSkew)
        {
            return LineIdTokenResult.Fail(LineIdTokenFailure.IssuedInFuture);
        }

        var nonce = OptionalString(token, "nonce");
        if (expectedNonce is not null && (nonce is null || !FixedTimeEquals(expectedNonce, nonce)))
        {
            return LineIdTokenResult.Fail(LineIdTokenFailure.NonceMismatch);
        }

        var methods = token.Claims.Where(c => c.Type == "amr").Select(c => c.Value).ToArray();
        DateTimeOffset? authenticatedAt = TryGetSeconds(token, "auth_time", out var authTime) ? authTime : null;
        return LineIdTokenResult.Valid(
            subject,
            OptionalString(token, "name"),
            OptionalString(token, "picture"),
            OptionalString(token, "email"),
            methods,
            nonce,
            issuedAt,
            expiresAt,
            authenticatedAt,
            algorithm);
    }

    [LoggerMessage(EventId = 311, Level = LogLevel.Debug, Message = "LINE ID token refused: {Failure}")]
    private static partial void LogRefused(ILogger logger, LineIdTokenFailure failure);
}
