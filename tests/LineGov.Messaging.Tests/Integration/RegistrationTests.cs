using LineGov.Messaging.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LineGov.Messaging.Tests.Integration;

/// <summary><c>AddLineGovMessaging</c>: what it registers, what it validates, and that extra handlers see every exchange.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void It_returns_the_builder_of_the_named_LINE_HttpClient()
    {
        var services = new ServiceCollection();

        var builder = services.AddLineGovMessaging(o => o.ChannelAccessToken = "t");

        builder.Name.ShouldBe(LineMessagingServiceCollectionExtensions.HttpClientName);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<LineMessagingClient>().ShouldBeSameAs(provider.GetRequiredService<LineMessagingClient>());
    }

    [Fact]
    public void Without_a_token_or_a_provider_validation_says_what_to_set()
    {
        var services = new ServiceCollection();
        services.AddLineGovMessaging();
        using var provider = services.BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LineMessagingOptions>>().Value);

        error.Message.ShouldContain("LineGov:Line:ChannelAccessToken");
    }

    [Fact]
    public void Invalid_resilience_settings_are_refused_at_start()
    {
        var services = new ServiceCollection();
        services.AddLineGovMessaging(o =>
        {
            o.ChannelAccessToken = "t";
            o.Resilience.MaxRetryAttempts = 50;
        });
        using var provider = services.BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LineMessagingOptions>>().Value)
            .Message.ShouldContain("MaxRetryAttempts");
    }

    [Fact]
    public void A_registered_token_provider_wins_whatever_the_order()
    {
        var services = new ServiceCollection();
        var mine = new StaticLineChannelAccessTokenProvider("from-provider");
        services.AddSingleton<ILineChannelAccessTokenProvider>(mine);
        services.AddLineGovMessaging();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ILineChannelAccessTokenProvider>().ShouldBeSameAs(mine);
        _ = provider.GetRequiredService<IOptions<LineMessagingOptions>>().Value; // valid: the provider brings the token
    }

    [Fact]
    public async Task Options_bind_from_configuration_and_requests_carry_the_token()
    {
        await using var line = await LineEmulator.StartAsync(new LineEmulatorOptions { AcceptedTokens = ["configured-token"] });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LineGov:Line:ChannelAccessToken"] = "configured-token",
            ["LineGov:Line:ApiBaseUri"] = line.ApiBaseUri.ToString(),
            ["LineGov:Line:DataApiBaseUri"] = line.DataApiBaseUri.ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLineGovMessaging(configuration.GetSection("LineGov:Line"));
        await using var provider = services.BuildServiceProvider();

        var quota = await provider.GetRequiredService<LineMessagingClient>().GetMessageQuotaAsync();

        quota.ShouldNotBeNull();
        line.Requests.ShouldContain(r => r.Operation == "getMessageQuota" && r.StatusCode == 200);
    }

    [Fact]
    public async Task Handlers_added_to_the_builder_see_each_attempt_and_the_same_retry_key()
    {
        await using var line = await LineEmulator.StartAsync();
        var seen = new List<string?>();
        var services = new ServiceCollection();
        services.AddLineGovMessaging(o =>
            {
                o.ChannelAccessToken = "t";
                o.ApiBaseUri = line.ApiBaseUri;
                o.Resilience.RetryDelay = TimeSpan.Zero;
            })
            .AddHttpMessageHandler(() => new Recorder(seen));
        await using var provider = services.BuildServiceProvider();
        line.InjectFault(LineEmulatorFault.ServerError, "pushMessage");

        await provider.GetRequiredService<LineMessagingClient>().PushAsync(new PushMessageRequest(LineEmulatorUser.UserIdFor(1), new TextMessage("x")));

        seen.Count.ShouldBe(2);
        seen[0].ShouldNotBeNull();
        seen[1].ShouldBe(seen[0]);
    }

    private sealed class Recorder(List<string?> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (seen)
            {
                seen.Add(request.Headers.TryGetValues(LineEndpoints.RetryKeyHeader, out var values) ? values.Single() : null);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
