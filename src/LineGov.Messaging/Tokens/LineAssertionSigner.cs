using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LineGov.Messaging;

/// <summary>
/// Builds the JWT assertion LINE takes for channel access tokens v2.1 and stateless tokens with an Assertion Signing
/// Key: header <c>{ alg: RS256, typ: JWT, kid }</c>, claims <c>iss</c> = <c>sub</c> = channel id,
/// <c>aud</c> = <c>https://api.line.me/</c>, <c>exp</c> (at most 30 minutes away) and <c>token_exp</c> (the token's
/// lifetime in seconds, at most 30 days).
/// </summary>
internal sealed class LineAssertionSigner : IDisposable
{
    public const string Audience = "https://api.line.me/";

    /// <summary>The longest assertion LINE accepts.</summary>
    public static readonly TimeSpan MaxAssertionLifetime = TimeSpan.FromMinutes(30);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly string _channelId;
    private readonly RSA _rsa;
    private readonly SigningCredentials _credentials;

    private LineAssertionSigner(string channelId, string keyId, RSA rsa)
    {
        _channelId = channelId;
        _rsa = rsa;
        var key = new RsaSecurityKey(rsa)
        {
            KeyId = keyId,
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
        _credentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>
    /// A signer over a private key given as a JWK (as LINE's guide has you generate it) or PEM. The key id comes from
    /// <paramref name="keyId"/>, else from the JWK's <c>kid</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The key is missing, unreadable, not RSA, shorter than 2048 bits, or has no key id.</exception>
    public static LineAssertionSigner Create(string channelId, string? keyId, string? privateKeyJwk, string? privateKeyPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        var rsa = RSA.Create();
        try
        {
            if (!string.IsNullOrWhiteSpace(privateKeyJwk))
            {
                // Import first, whatever the key id: `keyId ??= Import(...)` would skip the import when a kid is given.
                var jwkKeyId = ImportJwk(rsa, privateKeyJwk);
                keyId ??= jwkKeyId;
            }
            else if (!string.IsNullOrWhiteSpace(privateKeyPem))
            {
                try
                {
                    rsa.ImportFromPem(privateKeyPem);
                }
                catch (Exception e) when (e is ArgumentException or CryptographicException)
                {
                    throw new ArgumentException("The assertion signing key is not a readable RSA private key in PEM.", nameof(privateKeyPem), e);
                }
            }
            else
            {
                throw new ArgumentException("An assertion signing private key is required (JWK or PEM).", nameof(privateKeyJwk));
            }

            if (rsa.KeySize < 2048)
            {
                throw new ArgumentException("The assertion signing key must be RSA of at least 2048 bits.", nameof(privateKeyJwk));
            }

            if (string.IsNullOrWhiteSpace(keyId))
            {
                throw new ArgumentException("The key id (kid) LINE gave for the assertion signing key is required.", nameof(keyId));
            }

            return new LineAssertionSigner(channelId, keyId, rsa);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>Signs an assertion valid from <paramref name="now"/> for <paramref name="assertionLifetime"/>.</summary>
    public string Create(DateTimeOffset now, TimeSpan assertionLifetime, TimeSpan tokenLifetime)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Iss] = _channelId,
                [JwtRegisteredClaimNames.Sub] = _channelId,
                [JwtRegisteredClaimNames.Aud] = Audience,
                [JwtRegisteredClaimNames.Exp] = (now + assertionLifetime).ToUnixTimeSeconds(),
                ["token_exp"] = (long)tokenLifetime.TotalSeconds,
            },
            SigningCredentials = _credentials,
        };
        return Handler.CreateToken(descriptor);
    }

    public void Dispose() => _rsa.Dispose();

    private static string? ImportJwk(RSA rsa, string privateKeyJwk)
    {
        JsonWebKey jwk;
        try
        {
            jwk = new JsonWebKey(privateKeyJwk);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("The assertion signing key is not a readable JWK.", nameof(privateKeyJwk), e);
        }

        if (!string.Equals(jwk.Kty, JsonWebAlgorithmsKeyTypes.RSA, StringComparison.Ordinal) || string.IsNullOrEmpty(jwk.D))
        {
            throw new ArgumentException("The assertion signing key must be an RSA private key JWK (kty RSA with d).", nameof(privateKeyJwk));
        }

        try
        {
            rsa.ImportParameters(new RSAParameters
            {
                Modulus = Base64UrlEncoder.DecodeBytes(jwk.N),
                Exponent = Base64UrlEncoder.DecodeBytes(jwk.E),
                D = Base64UrlEncoder.DecodeBytes(jwk.D),
                P = Base64UrlEncoder.DecodeBytes(jwk.P),
                Q = Base64UrlEncoder.DecodeBytes(jwk.Q),
                DP = Base64UrlEncoder.DecodeBytes(jwk.DP),
                DQ = Base64UrlEncoder.DecodeBytes(jwk.DQ),
                InverseQ = Base64UrlEncoder.DecodeBytes(jwk.QI),
            });
        }
        catch (Exception e) when (e is ArgumentException or FormatException or CryptographicException)
        {
            throw new ArgumentException("The assertion signing JWK has missing or invalid RSA parameters.", nameof(privateKeyJwk), e);
        }

        return string.IsNullOrWhiteSpace(jwk.Kid) ? null : jwk.Kid;
    }
}
