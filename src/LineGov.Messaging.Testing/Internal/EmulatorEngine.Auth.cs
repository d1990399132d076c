using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>
/// Bearer authentication and the channel access token endpoints: short-lived (v2, 30 days), stateless (v3,
/// 15 minutes) and v2.1 (JWT assertion, up to 30 days). Tokens the emulator issued are accepted until they expire or are
/// revoked, even when <see cref="LineEmulatorOptions.AcceptedTokens"/> lists others.
/// </summary>
internal sealed partial class EmulatorEngine
{
    public const string JwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static readonly TimeSpan ShortLivedLifetime = TimeSpan.FromDays(30);
    private static readonly TimeSpan StatelessLifetime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxAssertionLifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, IssuedToken> _issuedTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _revokedTokens = new(StringComparer.Ordinal);

    private sealed record IssuedToken(DateTimeOffset ExpiresAt, string? KeyId, bool Revocable);

    private EmulatorResponse? Authenticate(HttpContext http, DateTimeOffset now)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.AsSpan(7).Trim().IsEmpty)
        {
            return EmulatorResponse.Error(401, MissingAuthorizationMessage);
        }

        return IsTokenValid(header[7..].Trim(), now) ? null : EmulatorResponse.Error(401, InvalidTokenMessage);
    }

    private bool IsTokenValid(string token, DateTimeOffset now)
    {
        if (_revokedTokens.ContainsKey(token))
        {
            return false;
        }

        if (_issuedTokens.TryGetValue(token, out var issued))
        {
            return issued.ExpiresAt > now;
        }

        return AcceptedTokens is null || AcceptedTokens.Contains(token);
    }

    private static Dictionary<string, StringValues> ReadForm(EmulatorCall call) =>
        call.Http.Request.Method == HttpMethods.Get
            ? call.Http.Request.Query.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
            : QueryHelpers.ParseQuery(Encoding.UTF8.GetString(call.Body));

    private static string? Field(Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;

    private static EmulatorResponse InvalidRequest(string description) => EmulatorResponse.OAuthError(400, "invalid_request", description);

    private EmulatorResponse? CheckClientSecret(Dictionary<string, StringValues> form)
    {
        var clientId = Field(form, "client_id");
        var clientSecret = Field(form, "client_secret");
        if (clientId is null || clientSecret is null)
        {
            return InvalidRequest("some parameters missed or invalid");
        }

        return clientId == ChannelId && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(ChannelSecret))
            ? null
            : EmulatorResponse.OAuthError(400, "invalid_client", "invalid client_id or client_secret");
    }

    private string Issue(TimeSpan lifetime, DateTimeOffset now, string? keyId, bool revocable)
    {
        var token = Ids.Opaque(172, 0x7A);
        _issuedTokens[token] = new IssuedToken(now + lifetime, keyId, revocable);
        return token;
    }

    private static EmulatorResponse TokenResponse(string token, TimeSpan lifetime, string? keyId) => EmulatorResponse.Json(200, w =>
    {
        w.WriteStartObject();
        w.WriteString("access_token", token);
        w.WriteNumber("expires_in", (long)lifetime.TotalSeconds);
        w.WriteString("token_type", "Bearer");
        if (keyId is not null)
        {
            w.WriteString("key_id", keyId);
        }

        w.WriteEndObject();
    });

    public ValueTask<EmulatorResponse> IssueShortLivedTokenAsync(EmulatorCall call)
    {
        var form = ReadForm(call);
        if (Field(form, "grant_type") != "client_credentials")
        {
            return new(EmulatorResponse.OAuthError(400, "unsupported_grant_type", "grant_type must be client_credentials"));
        }

        if (CheckClientSecret(form) is { } refused)
        {
            return new(refused);
        }

        return new(TokenResponse(Issue(ShortLivedLifetime, call.Now, null, revocable: true), ShortLivedLifetime, null));
    }

    public ValueTask<EmulatorResponse> IssueStatelessTokenAsync(EmulatorCall call)
    {
        var form = ReadForm(call);
        if (Field(form, "grant_type") != "client_credentials")
        {
            return new(EmulatorResponse.OAuthError(400, "unsupported_grant_type", "grant_type must be client_credentials"));
        }

        if (Field(form, "client_assertion") is not null)
        {
            if (CheckAssertion(form, call.Now, out _) is { } refused)
            {
                return new(refused);
            }
        }
        else if (CheckClientSecret(form) is { } refused)
        {
            return new(refused);
        }

        // Stateless tokens cannot be revoked; LINE reports 899 seconds.
        var token = Issue(StatelessLifetime, call.Now, null, revocable: false);
        return new(TokenResponse(token, StatelessLifetime - TimeSpan.FromSeconds(1), null));
    }

    public ValueTask<EmulatorResponse> IssueTokenByJwtAsync(EmulatorCall call)
    {
        var form = ReadForm(call);
        if (Field(form, "grant_type") != "client_credentials")
        {
            return new(EmulatorResponse.OAuthError(400, "unsupported_grant_type", "grant_type must be client_credentials"));
        }

        if (CheckAssertion(form, call.Now, out var lifetime) is { } refused)
        {
            return new(refused);
        }

        var keyId = Ids.Opaque(22, 0x7B);
        return new(TokenResponse(Issue(lifetime, call.Now, keyId, revocable: true), lifetime, keyId));
    }

    public ValueTask<EmulatorResponse> VerifyTokenAsync(EmulatorCall call)
    {
        var token = Field(ReadForm(call), "access_token");
        if (token is null)
        {
            return new(InvalidRequest("access_token is required"));
        }

        if (!IsTokenValid(token, call.Now))
        {
            return new(InvalidRequest("The access token expired"));
        }

        var expiresIn = _issuedTokens.TryGetValue(token, out var issued) ? (long)(issued.ExpiresAt - call.Now).TotalSeconds : 4_102_444_800L - call.Now.ToUnixTimeSeconds();
        return new(EmulatorResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("client_id", ChannelId);
            w.WriteNumber("expires_in", expiresIn);
            w.WriteString("scope", "profile chat_message.write");
            w.WriteEndObject();
        }));
    }

    public ValueTask<EmulatorResponse> RevokeTokenAsync(EmulatorCall call)
    {
        var form = ReadForm(call);
        var token = Field(form, "access_token");
        if (token is null)
        {
            return new(InvalidRequest("access_token is required"));
        }

        if (call.Operation.OperationId == "revokeChannelTokenByJWT" && CheckClientSecret(form) is { } refused)
        {
            return new(refused);
        }

        if (!_issuedTokens.TryGetValue(token, out var issued) || issued.Revocable)
        {
            _revokedTokens[token] = 0;
        }

        return new(EmulatorResponse.Ok());
    }

    public ValueTask<EmulatorResponse> TokenKeyIdsAsync(EmulatorCall call)
    {
        if (CheckAssertion(ReadForm(call), call.Now, out _) is { } refused)
        {
            return new(refused);
        }

        var kids = _issuedTokens
            .Where(p => p.Value.KeyId is not null && p.Value.ExpiresAt > call.Now && !_revokedTokens.ContainsKey(p.Key))
            .Select(p => p.Value.KeyId!)
            .ToList();
        return new(EmulatorResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("kids");
            foreach (var kid in kids)
            {
                w.WriteStringValue(kid);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    /// <summary>
    /// Checks a client assertion as LINE does: RS256 JWT with a kid; iss = sub = channel id; aud https://api.line.me/;
    /// exp at most 30 minutes ahead; token_exp at most 30 days. The signature is checked when
    /// <see cref="LineEmulatorOptions.AssertionSigningKeys"/> is set.
    /// </summary>
    private EmulatorResponse? CheckAssertion(Dictionary<string, StringValues> form, DateTimeOffset now, out TimeSpan tokenLifetime)
    {
        tokenLifetime = ShortLivedLifetime;
        if (Field(form, "client_assertion_type") != JwtBearer)
        {
            return InvalidRequest("client_assertion_type must be " + JwtBearer);
        }

        var assertion = Field(form, "client_assertion");
        var parts = assertion?.Split('.');
        if (parts is not { Length: 3 })
        {
            return InvalidRequest("client_assertion is not a JWT");
        }

        JsonDocument header;
        JsonDocument payload;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return InvalidRequest("client_assertion is not a JWT");
        }

        using (header)
        using (payload)
        {
            var h = header.RootElement;
            var p = payload.RootElement;
            string? Text(JsonElement e, string name) =>
                e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            long? Number(JsonElement e, string name) =>
                e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

            if (Text(h, "alg") != "RS256" || Text(h, "kid") is not { } kid)
            {
                return EmulatorResponse.OAuthError(400, "invalid_client", "The assertion must be signed RS256 and name its kid");
            }

            if (Text(p, "iss") != ChannelId || Text(p, "sub") != ChannelId)
            {
                return EmulatorResponse.OAuthError(400, "invalid_client", "iss and sub must be the channel ID");
            }

            if (Text(p, "aud") != "https://api.line.me/")
            {
                return EmulatorResponse.OAuthError(400, "invalid_client", "aud must be https://api.line.me/");
            }

            if (Number(p, "exp") is not { } exp || exp <= now.ToUnixTimeSeconds() ||
                exp > (now + MaxAssertionLifetime).ToUnixTimeSeconds())
            {
                return EmulatorResponse.OAuthError(400, "invalid_client", "exp must be in the future and at most 30 minutes away");
            }

            if (Number(p, "token_exp") is { } tokenExp)
            {
                if (tokenExp < 1 || tokenExp > (long)ShortLivedLifetime.TotalSeconds)
                {
                    return EmulatorResponse.OAuthError(400, "invalid_request", "token_exp must be between 1 and 2592000 seconds");
                }

                tokenLifetime = TimeSpan.FromSeconds(tokenExp);
            }

            if (Options.AssertionSigningKeys is { } keys)
            {
                if (!keys.TryGetValue(kid, out var key))
                {
                    return EmulatorResponse.OAuthError(400, "invalid_client", "unknown kid");
                }

                var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
                if (!key.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                {
                    return EmulatorResponse.OAuthError(400, "invalid_client", "invalid signature");
                }
            }
        }

        return null;
    }
}
