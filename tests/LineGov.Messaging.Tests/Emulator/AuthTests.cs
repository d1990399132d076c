using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LineGov.Messaging.Testing;
using static LineGov.Messaging.Tests.Emulator.EmulatorTestKit;

namespace LineGov.Messaging.Tests.Emulator;

/// <summary>Bearer authentication and the channel access token endpoints.</summary>
public sealed class AuthTests
{
    [Fact]
    public async Task A_missing_authorization_header_gets_LINE_401()
    {
        await using var line = await LineEmulator.StartAsync();
        using var anonymous = line.Client(token: null);
        using var basic = line.Client(token: null);
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");

        using var response = await anonymous.PostJsonAsync("v2/bot/message/push", Push(Alice));
        using var wrongScheme = await basic.GetAsync("v2/bot/info");

        await response.ShouldBeLineErrorAsync(HttpStatusCode.Unauthorized,
            "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'");
        await wrongScheme.ShouldBeLineErrorAsync(HttpStatusCode.Unauthorized);
        line.InboxOf(Alice).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_accepted_tokens_pass_when_they_are_listed()
    {
        await using var line = await LineEmulator.StartAsync(new() { AcceptedTokens = ["good"] });
        using var good = line.Client(token: "good");
        using var bad = line.Client(token: "bad");

        (await good.PostJsonAsync("v2/bot/message/push", Push(Alice))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var refused = await bad.PostJsonAsync("v2/bot/message/push", Push(Alice));

        await refused.ShouldBeLineErrorAsync(HttpStatusCode.Unauthorized,
            "Authentication failed due to the following reason: invalid token. Confirm that the access token in the authorization header is valid.");
        line.InboxOf(Alice).Count.ShouldBe(1);
        line.Requests[^1].StatusCode.ShouldBe(401);
    }

    [Fact]
    public async Task Any_bearer_token_passes_by_default()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client(token: "whatever");

        (await http.GetAsync("v2/bot/info")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_short_lived_token_is_issued_for_the_channel_secret_verified_and_revoked()
    {
        await using var line = await LineEmulator.StartAsync(new() { AcceptedTokens = [], ChannelId = "1234", ChannelSecret = "s3cret" });
        using var anonymous = line.Client(token: null);

        using var wrong = await anonymous.PostAsync("v2/oauth/accessToken", Form(("grant_type", "client_credentials"), ("client_id", "1234"), ("client_secret", "nope")));
        using var issued = await anonymous.PostAsync("v2/oauth/accessToken", Form(("grant_type", "client_credentials"), ("client_id", "1234"), ("client_secret", "s3cret")));

        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.ReadJsonAsync()).GetProperty("error").GetString().ShouldBe("invalid_client");
        issued.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await issued.ReadJsonAsync();
        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        body.GetProperty("expires_in").GetInt64().ShouldBe(2_592_000);
        var token = body.GetProperty("access_token").GetString()!;

        using var http = line.Client(token: token);
        (await http.GetAsync("v2/bot/info")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var verified = await (await anonymous.PostAsync("v2/oauth/verify", Form(("access_token", token)))).ReadJsonAsync();
        verified.GetProperty("client_id").GetString().ShouldBe("1234");

        (await anonymous.PostAsync("v2/oauth/revoke", Form(("access_token", token)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.GetAsync("v2/bot/info")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_v2_1_token_needs_a_well_formed_signed_assertion()
    {
        using var key = RSA.Create(2048);
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero));
        await using var line = await LineEmulator.StartAsync(new()
        {
            ChannelId = "1234",
            TimeProvider = clock,
            AcceptedTokens = [],
            AssertionSigningKeys = new Dictionary<string, RSA> { ["kid-1"] = key },
        });
        using var anonymous = line.Client(token: null);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();

        var good = Jwt(key, "kid-1", new { iss = "1234", sub = "1234", aud = "https://api.line.me/", exp = now + 1800, token_exp = 86400 });
        var wrongAudience = Jwt(key, "kid-1", new { iss = "1234", sub = "1234", aud = "https://example.com/", exp = now + 60 });
        using var otherKey = RSA.Create(2048);
        var forged = Jwt(otherKey, "kid-1", new { iss = "1234", sub = "1234", aud = "https://api.line.me/", exp = now + 60 });

        using var issued = await anonymous.PostAsync("oauth2/v2.1/token", Assertion(good));
        (await anonymous.PostAsync("oauth2/v2.1/token", Assertion(wrongAudience))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await anonymous.PostAsync("oauth2/v2.1/token", Assertion(forged))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        issued.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await issued.ReadJsonAsync();
        body.GetProperty("expires_in").GetInt64().ShouldBe(86400);
        var keyId = body.GetProperty("key_id").GetString();
        using var http = line.Client(token: body.GetProperty("access_token").GetString());
        (await http.GetAsync("v2/bot/info")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var kids = await (await anonymous.GetAsync($"oauth2/v2.1/tokens/kid?client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion={good}")).ReadJsonAsync();
        kids.GetProperty("kids").EnumerateArray().Select(k => k.GetString()).ShouldBe([keyId]);

        clock.Advance(TimeSpan.FromDays(1));
        (await http.GetAsync("v2/bot/info")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_stateless_token_lasts_15_minutes()
    {
        await using var line = await LineEmulator.StartAsync(new() { AcceptedTokens = [] });
        using var anonymous = line.Client(token: null);

        var body = await (await anonymous.PostAsync("oauth2/v3/token",
            Form(("grant_type", "client_credentials"), ("client_id", line.Options.ChannelId), ("client_secret", line.ChannelSecret)))).ReadJsonAsync();

        body.GetProperty("expires_in").GetInt64().ShouldBe(899);
        using var http = line.Client(token: body.GetProperty("access_token").GetString());
        (await http.GetAsync("v2/bot/info")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static FormUrlEncodedContent Assertion(string jwt) => Form(
        ("grant_type", "client_credentials"),
        ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
        ("client_assertion", jwt));

    private static string Jwt(RSA key, string kid, object claims)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = B64(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid }));
        var payload = B64(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + B64(signature);
    }
}
