using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LineGov.Messaging.Tests.Tokens;

public sealed class JwtAssertionChannelAccessTokenProviderTests
{
    private const string ChannelId = "1234567890";

    private static JwtAssertionChannelAccessTokenOptions Options(TokenTestServer server, Action<JwtAssertionChannelAccessTokenOptions>? configure = null)
    {
        var options = new JwtAssertionChannelAccessTokenOptions
        {
            ChannelId = ChannelId,
            KeyId = "kid-from-console",
            PrivateKeyJwk = AssertionKeys.PrivateJwk(),
            BaseAddress = server.Http.BaseAddress,
        };
        configure?.Invoke(options);
        return options;
    }

    [Fact]
    public async Task The_assertion_is_RS256_with_the_claims_LINE_requires()
    {
        await using var server = await TokenTestServer.StartAsync();
        var time = new FakeTimeProvider();
        using var provider = new JwtAssertionChannelAccessTokenProvider(server.Http.CreateClient(), Options(server, o => o.TokenLifetime = TimeSpan.FromDays(30)), time);

        (await provider.GetTokenAsync()).ShouldBe("token-1");

        var (path, form) = server.Requests.ShouldHaveSingleItem();
        path.ShouldBe("/oauth2/v2.1/token");
        form["grant_type"].ShouldBe("client_credentials");
        form["client_assertion_type"].ShouldBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.Keys.ShouldNotContain("client_secret");
        var jwt = new JsonWebToken(form["client_assertion"]);
        jwt.Alg.ShouldBe("RS256");
        jwt.Kid.ShouldBe("kid-from-console");
        jwt.Typ.ShouldBe("JWT");
        jwt.GetPayloadValue<string>("iss").ShouldBe(ChannelId);
        jwt.GetPayloadValue<string>("sub").ShouldBe(ChannelId);
        jwt.GetPayloadValue<string>("aud").ShouldBe("https://api.line.me/");
        jwt.GetPayloadValue<long>("exp").ShouldBe(time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds());
        jwt.GetPayloadValue<long>("token_exp").ShouldBe(30L * 24 * 60 * 60);
        using (var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload)))
        {
            payload.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)
                .ShouldBe(["aud", "exp", "iss", "sub", "token_exp"]);
        }

        // Signed with the private key: the public key verifies it.
        var signed = System.Text.Encoding.ASCII.GetBytes(jwt.EncodedHeader + "." + jwt.EncodedPayload);
        AssertionKeys.Rsa.VerifyData(signed, Base64UrlEncoder.DecodeBytes(jwt.EncodedSignature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .ShouldBeTrue();
    }

    [Fact]
    public async Task The_token_is_cached_and_refreshed_shortly_before_it_expires()
    {
        await using var server = await TokenTestServer.StartAsync();
        server.ExpiresIn = 3600;
        var time = new FakeTimeProvider();
        using var provider = new JwtAssertionChannelAccessTokenProvider(server.Http.CreateClient(), Options(server), time);

        (await provider.GetTokenAsync()).ShouldBe("token-1");
        time.Advance(TimeSpan.FromMinutes(49));
        (await provider.GetTokenAsync()).ShouldBe("token-1");
        server.Requests.Count.ShouldBe(1);

        time.Advance(TimeSpan.FromMinutes(2)); // 9 minutes before expiry: inside the 10-minute margin
        (await provider.GetTokenAsync()).ShouldBe("token-2");
        (await provider.GetTokenAsync()).ShouldBe("token-2");
        server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Fifty_concurrent_callers_share_one_refresh()
    {
        await using var server = await TokenTestServer.StartAsync();
        server.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var provider = new JwtAssertionChannelAccessTokenProvider(server.Http.CreateClient(), Options(server), new FakeTimeProvider());

        var callers = Enumerable.Range(0, 50).Select(_ => Task.Run(async () => await provider.GetTokenAsync())).ToArray();
        await WaitUntilAsync(() => !server.Requests.IsEmpty);
        await Task.Delay(100);
        server.Gate.SetResult();
        var tokens = await Task.WhenAll(callers);

        tokens.ShouldAllBe(t => t == "token-1");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Invalidate_forces_a_new_token_and_ignores_tokens_already_replaced()
    {
        await using var server = await TokenTestServer.StartAsync();
        using var provider = new JwtAssertionChannelAccessTokenProvider(server.Http.CreateClient(), Options(server), new FakeTimeProvider());

        var first = await provider.GetTokenAsync();
        provider.Invalidate(first);
        var second = await provider.GetTokenAsync();
        provider.Invalidate(first); // a late 401 for the old token must not throw the new one away

        second.ShouldBe("token-2");
        (await provider.GetTokenAsync()).ShouldBe("token-2");
        server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_refused_request_is_a_LineApiException_without_secrets()
    {
        await using var server = await TokenTestServer.StartAsync();
        server.Failure = (400, """{"error":"invalid_client","error_description":"invalid assertion signature"}""");
        using var provider = new JwtAssertionChannelAccessTokenProvider(server.Http.CreateClient(), Options(server), new FakeTimeProvider());

        var e = await Should.ThrowAsync<LineApiException>(async () => await provider.GetTokenAsync());

        e.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        e.LineMessage.ShouldBe("invalid_client: invalid assertion signature");
        e.RequestId.ShouldBe("req-1");
        e.Endpoint.ShouldBe("POST /oauth2/v2.1/token");
        e.ToString().ShouldNotContain(server.Requests.Single().Form["client_assertion"]);
    }

    [Fact]
    public async Task When_a_refresh_fails_the_still_valid_token_is_used_and_retried_later()
    {
        await using var server = await TokenTestServer.StartAsync();
        server.ExpiresIn = 3600;
        var time = new FakeTimeProvider();
        using var provider = new JwtAssertionChannelAccessTokenProvider(server.Http.CreateClient(), Options(server), time);
        (await provider.GetTokenAsync()).ShouldBe("token-1");

        time.Advance(TimeSpan.FromMinutes(55));
        server.Failure = (500, """{"message":"down"}""");
        (await provider.GetTokenAsync()).ShouldBe("token-1");
        (await provider.GetTokenAsync()).ShouldBe("token-1");
        server.Requests.Count.ShouldBe(2, "within RetryAfterFailure the cached token is used without asking again");

        server.Failure = null;
        time.Advance(TimeSpan.FromSeconds(11));
        (await provider.GetTokenAsync()).ShouldBe("token-2");
    }

    [Fact]
    public async Task An_expired_token_is_never_returned_when_refresh_fails()
    {
        await using var server = await TokenTestServer.StartAsync();
        server.ExpiresIn = 600;
        var time = new FakeTimeProvider();
        using var provider = new JwtAssertionChannelAccessTokenProvider(server.Http.CreateClient(), Options(server), time);
        await provider.GetTokenAsync();

        time.Advance(TimeSpan.FromMinutes(11));
        server.Failure = (503, "{}");

        await Should.ThrowAsync<LineApiException>(async () => await provider.GetTokenAsync());
    }

    [Fact]
    public async Task A_caller_that_cancels_does_not_cancel_the_shared_refresh()
    {
        await using var server = await TokenTestServer.StartAsync();
        server.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var provider = new JwtAssertionChannelAccessTokenProvider(server.Http.CreateClient(), Options(server), new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();

        var impatient = provider.GetTokenAsync(cancel.Token).AsTask();
        var patient = provider.GetTokenAsync().AsTask();
        await WaitUntilAsync(() => !server.Requests.IsEmpty);
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(impatient);
        server.Gate.SetResult();

        (await patient).ShouldBe("token-1");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_request_that_hangs_times_out_on_the_injected_clock()
    {
        await using var server = await TokenTestServer.StartAsync();
        server.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var time = new FakeTimeProvider();
        using var provider = new JwtAssertionChannelAccessTokenProvider(server.Http.CreateClient(), Options(server), time);

        var call = provider.GetTokenAsync().AsTask();
        await WaitUntilAsync(() => !server.Requests.IsEmpty);
        time.Advance(TimeSpan.FromSeconds(31));

        var e = await Should.ThrowAsync<LineApiException>(call);
        e.Message.ShouldContain("did not answer in time");
        server.Gate.SetResult();
    }

    [Fact]
    public async Task A_PEM_key_works_and_the_JWK_kid_is_used_when_no_key_id_is_given()
    {
        await using var server = await TokenTestServer.StartAsync();
        using var fromJwk = new JwtAssertionChannelAccessTokenProvider(server.Http.CreateClient(), Options(server, o => o.KeyId = null), new FakeTimeProvider());
        using var fromPem = new JwtAssertionChannelAccessTokenProvider(
            server.Http.CreateClient(),
            Options(server, o => (o.PrivateKeyJwk, o.PrivateKeyPem, o.KeyId) = (null, AssertionKeys.PrivatePem(), "pem-kid")),
            new FakeTimeProvider());

        await fromJwk.GetTokenAsync();
        await fromPem.GetTokenAsync();

        var assertions = server.Requests.Select(r => new JsonWebToken(r.Form["client_assertion"])).ToList();
        assertions[0].Kid.ShouldBe("kid-from-jwk");
        assertions[1].Kid.ShouldBe("pem-kid");
    }

    [Fact]
    public void Invalid_options_are_refused_when_the_provider_is_built()
    {
        using var http = new HttpClient();
        var valid = new JwtAssertionChannelAccessTokenOptions { ChannelId = ChannelId, KeyId = "k", PrivateKeyJwk = AssertionKeys.PrivateJwk() };

        Should.Throw<OptionsValidationException>(() => new JwtAssertionChannelAccessTokenProvider(http, new() { ChannelId = ChannelId, KeyId = "k", PrivateKeyJwk = valid.PrivateKeyJwk, TokenLifetime = TimeSpan.FromDays(31) }));
        Should.Throw<OptionsValidationException>(() => new JwtAssertionChannelAccessTokenProvider(http, new() { ChannelId = ChannelId, KeyId = "k", PrivateKeyJwk = valid.PrivateKeyJwk, AssertionLifetime = TimeSpan.FromMinutes(31) }));
        Should.Throw<OptionsValidationException>(() => new JwtAssertionChannelAccessTokenProvider(http, new() { ChannelId = "", PrivateKeyJwk = valid.PrivateKeyJwk }));
        Should.Throw<OptionsValidationException>(() => new JwtAssertionChannelAccessTokenProvider(http, new() { ChannelId = ChannelId, KeyId = "k" }));
        Should.Throw<ArgumentException>(() => new JwtAssertionChannelAccessTokenProvider(http, new() { ChannelId = ChannelId, PrivateKeyJwk = AssertionKeys.PrivateJwk(kid: null) }));
        Should.Throw<ArgumentException>(() => new JwtAssertionChannelAccessTokenProvider(http, new() { ChannelId = ChannelId, KeyId = "k", PrivateKeyPem = "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----" }));
        using var small = RSA.Create(1024);
        Should.Throw<ArgumentException>(() => new JwtAssertionChannelAccessTokenProvider(http, new() { ChannelId = ChannelId, KeyId = "k", PrivateKeyPem = small.ExportPkcs8PrivateKeyPem() }));
        using var ok = new JwtAssertionChannelAccessTokenProvider(http, valid);
    }

    [Fact]
    public async Task The_provider_never_shows_its_token_or_key()
    {
        await using var server = await TokenTestServer.StartAsync();
        var options = Options(server);
        using var provider = new JwtAssertionChannelAccessTokenProvider(server.Http.CreateClient(), options, new FakeTimeProvider());
        var token = await provider.GetTokenAsync();

        provider.ToString().ShouldNotContain(token);
        provider.ToString().ShouldNotContain("\"d\"");
    }

    [Fact]
    public async Task DI_registers_the_provider_as_the_channel_access_token_provider()
    {
        await using var server = await TokenTestServer.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<ILineChannelAccessTokenProvider>(new StaticLineChannelAccessTokenProvider("old"));
        services.AddLineJwtAssertionChannelAccessToken(o =>
        {
            o.ChannelId = ChannelId;
            o.KeyId = "k";
            o.PrivateKeyJwk = AssertionKeys.PrivateJwk();
            o.BaseAddress = server.Http.BaseAddress;
        });
        await using var provider = services.BuildServiceProvider();

        var tokens = provider.GetRequiredService<ILineChannelAccessTokenProvider>();

        tokens.ShouldBeOfType<JwtAssertionChannelAccessTokenProvider>();
        (await tokens.GetTokenAsync()).ShouldBe("token-1");
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().ShouldBeTrue();
    }
}
