using LineGov.Payouts.Points;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LineGov.Payouts.Tests.Points;

public class PointsRegistrationTests
{
    [Fact]
    public async Task The_registered_provider_and_channel_resolve_and_grant_through_the_factory_client()
    {
        await using var kit = await PointsTestKit.StartAsync();
        var services = new ServiceCollection();
        var builder = services.AddLineGovPoints(o =>
        {
            o.BaseAddress = kit.Server.BaseAddress;
            o.ApiKey = PointsTestKit.ApiKey;
            o.RetryDelay = TimeSpan.FromMilliseconds(1);
        });
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        kit.Server.InjectFault(Testing.FakePointsFault.ServerError);

        var points = provider.GetRequiredService<IPointsProvider>();
        var result = await points.GrantAsync(PointsTestKit.Grant());
        var channel = provider.GetRequiredService<PointsPayoutChannel>();
        var issued = await channel.IssueAsync(new PayoutBatch("run", 1, [new PayoutInstruction("p", "H1", 500, 1)]));

        builder.Name.ShouldBe(PointsServiceCollectionExtensions.HttpClientName);
        points.ShouldBeOfType<HttpPointsProvider>();
        result.AlreadyGranted.ShouldBeFalse();
        issued.Single().Succeeded.ShouldBeTrue();
        kit.Server.Ledger.GrantCount.ShouldBe(2);
        kit.Server.Requests[0].Status.ShouldBe(500, "the factory client carries the resilience handler");
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BaseAddress"] = "https://points.example.jp/api",
            ["ApiKey"] = "k-123",
            ["MaxRetryAttempts"] = "5",
            ["AttemptTimeout"] = "00:00:03",
        }).Build();
        var services = new ServiceCollection();
        services.AddLineGovPoints(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PointsProviderOptions>>().Value;

        options.BaseAddress.ShouldBe(new Uri("https://points.example.jp/api"));
        options.MaxRetryAttempts.ShouldBe(5);
        options.AttemptTimeout.ShouldBe(TimeSpan.FromSeconds(3));
        provider.GetRequiredService<IPointsProvider>().ShouldBeOfType<HttpPointsProvider>();
    }

    [Fact]
    public void Invalid_options_fail_at_start_naming_the_problem_but_not_the_key()
    {
        var services = new ServiceCollection();
        services.AddLineGovPoints(o =>
        {
            o.BaseAddress = new Uri("/relative", UriKind.Relative);
            o.ApiKey = "secret key with spaces";
        });
        using var provider = services.BuildServiceProvider();

        var e = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        e.Message.ShouldContain("BaseAddress");
        e.Message.ShouldContain("ApiKey");
        e.Message.ShouldNotContain("secret");
    }

    public static TheoryData<string, Action<PointsProviderOptions>> InvalidOptions => new()
    {
        { "BaseAddress", o => o.BaseAddress = null },
        { "BaseAddress", o => o.BaseAddress = new Uri("ftp://points.example.jp/") },
        { "query", o => o.BaseAddress = new Uri("https://points.example.jp/?a=1") },
        { "ApiKey", o => o.ApiKey = " " },
        { "ApiKey", o => o.ApiKey = "has space" },
        { "MaxRetryAttempts", o => o.MaxRetryAttempts = -1 },
        { "MaxRetryAttempts", o => o.MaxRetryAttempts = 11 },
        { "AttemptTimeout", o => o.AttemptTimeout = TimeSpan.Zero },
        { "TotalTimeout", o => o.TotalTimeout = TimeSpan.FromSeconds(1) },
        { "RetryDelay", o => o.RetryDelay = TimeSpan.FromSeconds(-1) },
        { "MaxRetryAfter", o => o.MaxRetryAfter = TimeSpan.FromSeconds(-1) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_refused_by_the_provider(string problem, Action<PointsProviderOptions> spoil)
    {
        var options = PointsTestKit.FastOptions(new Uri("https://points.example.jp/"));
        spoil(options);
        using var http = new HttpClient();

        var e = Should.Throw<ArgumentException>(() => new HttpPointsProvider(http, options));

        e.Message.ShouldContain(problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Retry_bounds_are_valid(int retries)
    {
        var options = PointsTestKit.FastOptions(new Uri("https://points.example.jp/"));
        options.MaxRetryAttempts = retries;

        options.Validate().ShouldBeEmpty();
    }
}
