using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace LineGov.Messaging.Tests.Tokens;

public sealed class StatelessChannelAccessTokenProviderTests
{
    private const string ChannelId = "1234567890";
    private const string ChannelSecret = "8c1e6a9f0d4b2e7c5a3f1b9d8e6c4a20";

    [Fact]
    public async Task A_token_is_issued_with_the_channel_secret_and_renewed_before_its_15_minutes_end()
    {
        await using var server = await TokenTestServer.StartAsync();
        server.ExpiresIn = 899;
        var time = new FakeTimeProvider();
        using var provider = new StatelessChannelAccessTokenProvider(
            server.Http.CreateClient(),
            new StatelessChannelAccessTokenOptions { ChannelId = ChannelId, ChannelSecret = ChannelSecret, BaseAddress = server.Http.BaseAddress },
            time);

        (await provider.GetTokenAsync()).ShouldBe("token-1");
        var (path, form) = server.Requests.ShouldHaveSingleItem();
        path.ShouldBe("/oauth2/v3/token");
        form["grant_type"].ShouldBe("client_credentials");
        form["client_id"].ShouldBe(ChannelId);
        form["client_secret"].ShouldBe(ChannelSecret);

        time.Advance(TimeSpan.FromMinutes(12));
        (await provider.GetTokenAsync()).ShouldBe("token-1");
        time.Advance(TimeSpan.FromMinutes(1.5)); // under 2 minutes left
        (await provider.GetTokenAsync()).ShouldBe("token-2");
    }

    [Fact]
    public async Task A_token_can_be_issued_with_a_JWT_assertion_instead()
    {
        await using var server = await TokenTestServer.StartAsync();
        using var provider = new StatelessChannelAccessTokenProvider(
            server.Http.CreateClient(),
            new StatelessChannelAccessTokenOptions { ChannelId = ChannelId, KeyId = "kid-1", PrivateKeyJwk = AssertionKeys.PrivateJwk(), BaseAddress = server.Http.BaseAddress },
            new FakeTimeProvider());

        await provider.GetTokenAsync();

        var form = server.Requests.Single().Form;
        form.Keys.ShouldNotContain("client_secret");
        form["client_assertion_type"].ShouldBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        var jwt = new JsonWebToken(form["client_assertion"]);
        jwt.Kid.ShouldBe("kid-1");
        jwt.GetPayloadValue<string>("iss").ShouldBe(ChannelId);
        jwt.GetPayloadValue<long>("token_exp").ShouldBe(900);
    }

    [Fact]
    public async Task Fifty_concurrent_callers_share_one_request()
    {
        await using var server = await TokenTestServer.StartAsync();
        server.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var provider = new StatelessChannelAccessTokenProvider(
            server.Http.CreateClient(),
            new StatelessChannelAccessTokenOptions { ChannelId = ChannelId, ChannelSecret = ChannelSecret, BaseAddress = server.Http.BaseAddress },
            new FakeTimeProvider());

        var callers = Enumerable.Range(0, 50).Select(_ => provider.GetTokenAsync().AsTask()).ToArray();
        await JwtAssertionChannelAccessTokenProviderTests.WaitUntilAsync(() => !server.Requests.IsEmpty);
        server.Gate.SetResult();

        (await Task.WhenAll(callers)).Distinct().ShouldBe(["token-1"]);
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public void Either_the_secret_or_an_assertion_key_is_required_not_both()
    {
        using var http = new HttpClient();

        Should.Throw<OptionsValidationException>(() => new StatelessChannelAccessTokenProvider(http, new() { ChannelId = ChannelId }));
        Should.Throw<OptionsValidationException>(() => new StatelessChannelAccessTokenProvider(http, new() { ChannelId = ChannelId, ChannelSecret = ChannelSecret, PrivateKeyJwk = AssertionKeys.PrivateJwk() }));
        Should.Throw<OptionsValidationException>(() => new StatelessChannelAccessTokenProvider(http, new() { ChannelId = ChannelId, ChannelSecret = ChannelSecret, BaseAddress = new Uri("/relative", UriKind.Relative) }));
    }

    [Fact]
    public async Task DI_validates_options_and_resolves_the_provider()
    {
        await using var server = await TokenTestServer.StartAsync();
        var services = new ServiceCollection();
        services.AddLineStatelessChannelAccessToken(o =>
        {
            o.ChannelId = ChannelId;
            o.ChannelSecret = ChannelSecret;
            o.BaseAddress = server.Http.BaseAddress;
        });
        await using var provider = services.BuildServiceProvider();

        (await provider.GetRequiredService<ILineChannelAccessTokenProvider>().GetTokenAsync()).ShouldBe("token-1");
        provider.GetRequiredService<ILineChannelAccessTokenProvider>().ToString()!.ShouldNotContain(ChannelSecret);
    }
}
