using LineGov.Payouts.Points;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the points channel of LineGov.Payouts in a service collection.</summary>
public static class PointsServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient points requests go through.</summary>
    public const string HttpClientName = "LineGov.Payouts.Points";

    /// <summary>
    /// Registers <see cref="IPointsProvider"/> as <see cref="HttpPointsProvider"/>, a typed client from IHttpClientFactory
    /// carrying <see cref="PointsResilienceHandler"/> (timeouts; retries of transient failures with the same
    /// Idempotency-Key), and <see cref="PointsPayoutChannel"/> (its options from <c>IOptions&lt;PointsPayoutChannelOptions&gt;</c>).
    /// Options are validated when the host starts.
    /// </summary>
    /// <returns>The HttpClient builder, to add handlers (an outbound audit log, a proxy, a client certificate).</returns>
    /// <example>
    /// <code>
    /// services.AddLineGovPoints(o =>
    /// {
    ///     o.BaseAddress = new Uri("https://points.example.jp/api/");
    ///     o.ApiKey = configuration["Points:ApiKey"];
    /// });
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddLineGovPoints(this IServiceCollection services, Action<PointsProviderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PointsProviderOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Registers the points provider with options bound from a configuration section (for example <c>LineGov:Points</c>).</summary>
    /// <returns>The HttpClient builder.</returns>
    public static IHttpClientBuilder AddLineGovPoints(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PointsProviderOptions>().Bind(configuration).ValidateOnStart();
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PointsProviderOptions>, PointsProviderOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient(sp => new PointsPayoutChannel(
            sp.GetRequiredService<IPointsProvider>(),
            sp.GetRequiredService<IOptions<PointsPayoutChannelOptions>>().Value));

        return services
            .AddHttpClient<IPointsProvider, HttpPointsProvider>(HttpClientName, (http, sp) => new HttpPointsProvider(
                http,
                sp.GetRequiredService<IOptions<PointsProviderOptions>>().Value,
                sp.GetService<ILogger<HttpPointsProvider>>()))

            // The pipeline's total timeout is the limit; HttpClient's own 100 s would cut retries short.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(sp => new PointsResilienceHandler(
                sp.GetRequiredService<IOptions<PointsProviderOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<PointsResilienceHandler>>()));
    }

    private sealed class PointsProviderOptionsValidator : IValidateOptions<PointsProviderOptions>
    {
        public ValidateOptionsResult Validate(string? name, PointsProviderOptions options)
        {
            var errors = options.Validate().Select(e => "LineGov:Points: " + e).ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
