using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LineGov.Messaging.Tests.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LineGov.Messaging.Tests.IdTokens;

public sealed class LineIdTokenVerifierTests : IAsyncLifetime
{
    private const string ChannelId = "1657000000";
    private const string ChannelSecret = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string UserId = "U1234567890abcdef1234567890abcdef";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly ECDsa _lineKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly FakeTimeProvider _time = new();
    private readonly List<(string Kid, ECDsa Key)> _published = [];
    private LoopbackHttpServer _jwks = null!;
    private bool _jwksDown;

    public async Task InitializeAsync()
    {
        _published.Add(("kid-1", _lineKey));
        _jwks = await LoopbackHttpServer.StartAsync(ServeJwksAsync);
    }

    public async Task DisposeAsync()
    {
        await _jwks.DisposeAsync();
        _lineKey.Dispose();
    }

    private async Task ServeJwksAsync(HttpContext context)
    {
        if (_jwksDown)
        {
            context.Response.StatusCode = 503;
            return;
        }

        List<(string, ECDsa)> keys;
        lock (_published)
        {
            keys = [.. _published];
        }

        var set = new
        {
            keys = keys.Select(k =>
            {
                var q = k.Item2.ExportParameters(includePrivateParameters: false).Q;
                return new Dictionary<string, string>
                {
                    ["kty"] = "EC",
                    ["alg"] = "ES256",
                    ["use"] = "sig",
                    ["kid"] = k.Item1,
                    ["crv"] = "P-256",
                    ["x"] = Base64UrlEncoder.Encode(q.X),
                    ["y"] = Base64UrlEncoder.Encode(q.Y),
                };
            }),
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(set));
    }

    private LineIdTokenVerifier Verifier(Action<LineIdTokenVerifierOptions>? configure = null)
    {
        var options = new LineIdTokenVerifierOptions
        {
            ChannelId = ChannelId,
            ChannelSecret = ChannelSecret,
            JwksUri = new Uri(_jwks.BaseAddress, "oauth2/v2.1/certs"),
        };
        configure?.Invoke(options);
        return new LineIdTokenVerifier(_jwks.CreateClient(), options, _time);
    }

    private Dictionary<string, object> Claims(Action<Dictionary<string, object>>? change = null)
    {
        var now = _time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = "https://access.line.me",
            ["sub"] = UserId,
            ["aud"] = ChannelId,
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["auth_time"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["nonce"] = "n-0987654321fedcba",
            ["amr"] = new[] { "linesso" },
            ["name"] = "山田 太郎",
            ["picture"] = "https://profile.line-scdn.net/abcdefghijklmn",
            ["email"] = "taro.yamada@example.jp",
        };
        change?.Invoke(claims);
        return claims;
    }

    private static string Es256(ECDsa key, string kid, Dictionary<string, object> claims) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256),
        });

    private static string Hs256(string secret, Dictionary<string, object> claims) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });

    private string Es256(Action<Dictionary<string, object>>? change = null) => Es256(_lineKey, "kid-1", Claims(change));

    [Fact]
    public async Task A_LIFF_ES256_token_verifies_against_the_JWKS()
    {
        var result = await Verifier().VerifyAsync(Es256(), expectedNonce: null);

        result.IsValid.ShouldBeTrue(result.ToString());
        result.Failure.ShouldBe(LineIdTokenFailure.None);
        result.Subject.ShouldBe(UserId);
        result.Name.ShouldBe("山田 太郎");
        result.Picture.ShouldBe("https://profile.line-scdn.net/abcdefghijklmn");
        result.Email.ShouldBe("taro.yamada@example.jp");
        result.AuthenticationMethods.ShouldBe(["linesso"]);
        result.Nonce.ShouldBe("n-0987654321fedcba");
        result.Algorithm.ShouldBe("ES256");
        result.IssuedAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds()));
        result.ExpiresAt.ShouldBe(result.IssuedAt!.Value.AddHours(1));
        result.AuthenticatedAt.ShouldBe(result.IssuedAt.Value.AddMinutes(-1));
    }

    [Fact]
    public async Task A_web_login_HS256_token_verifies_with_the_channel_secret_and_the_nonce()
    {
        var result = await Verifier().VerifyAsync(Hs256(ChannelSecret, Claims()), expectedNonce: "n-0987654321fedcba");

        result.IsValid.ShouldBeTrue(result.ToString());
        result.Algorithm.ShouldBe("HS256");
        result.Subject.ShouldBe(UserId);
        _jwks.RequestCount.ShouldBe(0, "HS256 needs no keys from LINE");
    }

    [Fact]
    public async Task The_result_never_shows_personal_data()
    {
        var result = await Verifier().VerifyAsync(Es256(), null);

        result.ToString().ShouldNotContain("山田");
        result.ToString().ShouldNotContain("example.jp");
        result.ToString().ShouldNotContain(UserId);
    }

    public static TheoryData<string, LineIdTokenFailure> ClaimFailures => new()
    {
        { "wrong aud", LineIdTokenFailure.WrongAudience },
        { "wrong iss", LineIdTokenFailure.WrongIssuer },
        { "expired", LineIdTokenFailure.Expired },
        { "iat in the future", LineIdTokenFailure.IssuedInFuture },
        { "no sub", LineIdTokenFailure.Malformed },
        { "no exp", LineIdTokenFailure.Malformed },
        { "no iat", LineIdTokenFailure.Malformed },
        { "exp not a number", LineIdTokenFailure.Malformed },
    };

    [Theory]
    [MemberData(nameof(ClaimFailures))]
    public async Task Tokens_with_bad_claims_are_refused_with_the_reason(string change, LineIdTokenFailure expected)
    {
        var now = _time.GetUtcNow();
        Action<Dictionary<string, object>> edit = change switch
        {
            "wrong aud" => c => c["aud"] = "1650000000",
            "wrong iss" => c => c["iss"] = "https://access.line.me.evil.example",
            "expired" => c => c["exp"] = now.AddMinutes(-3).ToUnixTimeSeconds(),
            "iat in the future" => c => c["iat"] = now.AddMinutes(10).ToUnixTimeSeconds(),
            "no sub" => c => c.Remove("sub"),
            "no exp" => c => c.Remove("exp"),
            "no iat" => c => c.Remove("iat"),
            "exp not a number" => c => c["exp"] = "tomorrow",
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        (await Verifier().VerifyAsync(Es256(edit), null)).Failure.ShouldBe(expected);
        (await Verifier().VerifyAsync(Hs256(ChannelSecret, Claims(edit)), null)).Failure.ShouldBe(expected);
    }

    [Fact]
    public async Task Clock_skew_is_allowed_on_exp_and_iat()
    {
        var now = _time.GetUtcNow();
        var verifier = Verifier();

        (await verifier.VerifyAsync(Es256(c => c["exp"] = now.AddSeconds(-90).ToUnixTimeSeconds()), null)).IsValid.ShouldBeTrue();
        (await verifier.VerifyAsync(Es256(c => c["iat"] = now.AddSeconds(90).ToUnixTimeSeconds()), null)).IsValid.ShouldBeTrue();
        (await Verifier(o => o.ClockSkew = TimeSpan.Zero).VerifyAsync(Es256(c => c["exp"] = now.AddSeconds(-1).ToUnixTimeSeconds()), null))
            .Failure.ShouldBe(LineIdTokenFailure.Expired);
    }

    [Fact]
    public async Task A_token_expires_as_the_injected_clock_moves()
    {
        var verifier = Verifier();
        var token = Es256();
        (await verifier.VerifyAsync(token, null)).IsValid.ShouldBeTrue();

        _time.Advance(TimeSpan.FromMinutes(63));

        (await verifier.VerifyAsync(token, null)).Failure.ShouldBe(LineIdTokenFailure.Expired);
    }

    [Theory]
    [InlineData("another-nonce")]
    [InlineData("n-0987654321fedcb")]
    [InlineData("")]
    public async Task A_wrong_nonce_is_refused(string expected)
    {
        (await Verifier().VerifyAsync(Es256(), expected)).Failure.ShouldBe(LineIdTokenFailure.NonceMismatch);
    }

    [Fact]
    public async Task A_missing_nonce_is_refused_when_one_is_expected()
    {
        var token = Es256(c => c.Remove("nonce"));

        (await Verifier().VerifyAsync(token, "n-1")).Failure.ShouldBe(LineIdTokenFailure.NonceMismatch);
        (await Verifier().VerifyAsync(token, null)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task An_unknown_kid_is_refused_and_refetches_the_keys_at_a_limited_rate()
    {
        var verifier = Verifier();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = Es256(stranger, "kid-unknown", Claims());

        (await verifier.VerifyAsync(forged, null)).Failure.ShouldBe(LineIdTokenFailure.UnknownKey);
        _jwks.RequestCount.ShouldBe(1, "the first fetch is also the refetch: it just happened");
        for (var i = 0; i < 20; i++)
        {
            (await verifier.VerifyAsync(forged, null)).Failure.ShouldBe(LineIdTokenFailure.UnknownKey);
        }

        _jwks.RequestCount.ShouldBe(1, "an attacker cannot make us refetch per request");

        _time.Advance(TimeSpan.FromMinutes(6));
        (await verifier.VerifyAsync(forged, null)).Failure.ShouldBe(LineIdTokenFailure.UnknownKey);
        (await verifier.VerifyAsync(forged, null)).Failure.ShouldBe(LineIdTokenFailure.UnknownKey);
        _jwks.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task A_new_LINE_key_is_found_by_refetching_on_its_unknown_kid()
    {
        var verifier = Verifier();
        (await verifier.VerifyAsync(Es256(), null)).IsValid.ShouldBeTrue();
        using var rotated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        lock (_published)
        {
            _published.Add(("kid-2", rotated));
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        var result = await verifier.VerifyAsync(Es256(rotated, "kid-2", Claims()), null);

        result.IsValid.ShouldBeTrue(result.ToString());
        _jwks.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task The_key_set_is_cached_and_fetched_again_after_its_duration()
    {
        var verifier = Verifier();
        var tokens = Enumerable.Range(0, 10).Select(_ => Es256()).ToList();

        var results = await Task.WhenAll(tokens.Select(t => verifier.VerifyAsync(t, null).AsTask()));
        results.ShouldAllBe(r => r.IsValid);
        _jwks.RequestCount.ShouldBe(1);

        _time.Advance(TimeSpan.FromHours(12));
        (await verifier.VerifyAsync(Es256(), null)).IsValid.ShouldBeTrue();
        _jwks.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task When_LINE_is_down_the_last_good_keys_are_used_and_with_none_it_is_a_LineApiException()
    {
        var verifier = Verifier();
        (await verifier.VerifyAsync(Es256(), null)).IsValid.ShouldBeTrue();
        _jwksDown = true;
        _time.Advance(TimeSpan.FromHours(13));

        (await verifier.VerifyAsync(Es256(), null)).IsValid.ShouldBeTrue();

        var cold = Verifier();
        await Should.ThrowAsync<LineApiException>(async () => await cold.VerifyAsync(Es256(), null));
    }

    [Fact]
    public async Task A_signature_by_another_key_under_LINE_s_kid_is_refused()
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        (await Verifier().VerifyAsync(Es256(attacker, "kid-1", Claims()), null)).Failure.ShouldBe(LineIdTokenFailure.InvalidSignature);
    }

    [Fact]
    public async Task An_HS256_token_with_another_secret_is_refused()
    {
        (await Verifier().VerifyAsync(Hs256("ffffffffffffffffffffffffffffffff", Claims()), null)).Failure.ShouldBe(LineIdTokenFailure.InvalidSignature);
    }

    [Fact]
    public async Task HS256_is_refused_when_no_channel_secret_is_configured()
    {
        var verifier = Verifier(o => o.ChannelSecret = null);

        (await verifier.VerifyAsync(Hs256(ChannelSecret, Claims()), null)).Failure.ShouldBe(LineIdTokenFailure.UnsupportedAlgorithm);
        (await verifier.VerifyAsync(Es256(), null)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task Alg_none_is_refused()
    {
        var unsigned = Handler.CreateToken(JsonSerializer.Serialize(Claims()));
        new JsonWebToken(unsigned).Alg.ShouldBe("none");

        (await Verifier().VerifyAsync(unsigned, null)).Failure.ShouldBe(LineIdTokenFailure.UnsupportedAlgorithm);
    }

    [Fact]
    public async Task Other_algorithms_are_refused_even_with_a_valid_signature()
    {
        using var rsa = RSA.Create(2048);
        var rs256 = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = Claims(),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "kid-1" }, SecurityAlgorithms.RsaSha256),
        });
        var es384 = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = Claims(),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_lineKey) { KeyId = "kid-1" }, SecurityAlgorithms.EcdsaSha384),
        });

        (await Verifier().VerifyAsync(rs256, null)).Failure.ShouldBe(LineIdTokenFailure.UnsupportedAlgorithm);
        (await Verifier().VerifyAsync(es384, null)).Failure.ShouldBe(LineIdTokenFailure.UnsupportedAlgorithm);
    }

    [Fact]
    public async Task An_HS256_token_keyed_with_LINE_s_public_key_is_refused()
    {
        // The classic confusion: HMAC with the public key as the secret. HS256 only ever uses the channel secret.
        var publicKey = _lineKey.ExportSubjectPublicKeyInfo();
        var confused = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = Claims(),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(publicKey) { KeyId = "kid-1" }, SecurityAlgorithms.HmacSha256),
        });

        (await Verifier().VerifyAsync(confused, null)).Failure.ShouldBe(LineIdTokenFailure.InvalidSignature);
        (await Verifier(o => o.ChannelSecret = null).VerifyAsync(confused, null)).Failure.ShouldBe(LineIdTokenFailure.UnsupportedAlgorithm);
    }

    [Fact]
    public async Task A_tampered_payload_is_refused()
    {
        var parts = Es256().Split('.');
        var payload = Base64UrlEncoder.Encode(JsonSerializer.Serialize(Claims(c => c["sub"] = "Uattacker")));

        (await Verifier().VerifyAsync($"{parts[0]}.{payload}.{parts[2]}", null)).Failure.ShouldBe(LineIdTokenFailure.InvalidSignature);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.eyJ.")]
    [InlineData("eyJhbGciOiJFUzI1NiIsImtpZCI6ImtpZC0xIn0.bm90IGpzb24.c2ln")]
    [InlineData("a.b.c.d.e")]
    public async Task Garbage_is_refused_as_malformed_and_never_throws(string token)
    {
        var result = await Verifier().VerifyAsync(token, "n");

        result.IsValid.ShouldBeFalse();
        result.Failure.ShouldBeOneOf(LineIdTokenFailure.Malformed, LineIdTokenFailure.UnsupportedAlgorithm, LineIdTokenFailure.InvalidSignature, LineIdTokenFailure.UnknownKey);
    }

    [Fact]
    public async Task An_oversized_token_is_refused_without_work()
    {
        (await Verifier().VerifyAsync(new string('a', 20_000), null)).Failure.ShouldBe(LineIdTokenFailure.Malformed);
        _jwks.RequestCount.ShouldBe(0);
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        using var http = new HttpClient();

        Should.Throw<OptionsValidationException>(() => new LineIdTokenVerifier(http, new LineIdTokenVerifierOptions()));
        Should.Throw<OptionsValidationException>(() => new LineIdTokenVerifier(http, new LineIdTokenVerifierOptions { ChannelId = ChannelId, ChannelSecret = "short" }));
        Should.Throw<OptionsValidationException>(() => new LineIdTokenVerifier(http, new LineIdTokenVerifierOptions { ChannelId = ChannelId, ClockSkew = TimeSpan.FromHours(1) }));
    }

    [Fact]
    public async Task DI_registers_the_verifier()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLineIdTokenVerifier(o =>
        {
            o.ChannelId = ChannelId;
            o.JwksUri = new Uri(_jwks.BaseAddress, "oauth2/v2.1/certs");
        });
        await using var provider = services.BuildServiceProvider();

        var verifier = provider.GetRequiredService<LineIdTokenVerifier>();

        (await verifier.VerifyAsync(Es256(), null)).IsValid.ShouldBeTrue();
        provider.GetRequiredService<LineIdTokenVerifier>().ShouldBeSameAs(verifier);
    }
}
