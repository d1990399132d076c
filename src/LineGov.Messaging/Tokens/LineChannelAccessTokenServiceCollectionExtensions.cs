using LineGov.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a channel access token provider (<see cref="ILineChannelAccessTokenProvider"/>) in a service collection.</summary>
public static class LineChannelAccessTokenServiceCollectionExtensions
{
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Registers <see cref="JwtAssertionChannelAccessTokenProvider"/> (channel access token v2.1) as the
    /// <see cref="ILineChannelAccessTokenProvider"/>, replacing any provider registered before, over the named
    /// <see cref="HttpClient"/> <see cref="JwtAssertionChannelAccessTokenProvider.HttpClientName"/>; the options are
    /// validated at host start.
    /// </summary>
    /// <returns>The HTTP client builder of the token requests, to add handlers (a proxy, an outbound audit log).</returns>
    public static IHttpClientBuilder AddLineJwtAssertionChannelAccessToken(this IServiceCollection services, Action<JwtAssertionChannelAccessTokenOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<JwtAssertionChannelAccessTokenOptions>().Configure(configure).ValidateOnStart();
        return AddJwtAssertion(services);
    }

    /// <summary>Registers <see cref="JwtAssertionChannelAccessTokenProvider"/> with options bound from a configuration section.</summary>
    /// <returns>The HTTP client builder of the token requests.</returns>
    public static IHttpClientBuilder AddLineJwtAssertionChannelAccessToken(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<JwtAssertionChannelAccessTokenOptions>().Bind(configuration).ValidateOnStart();
        return AddJwtAssertion(services);
    }

    /// <summary>
    /// Registers <see cref="StatelessChannelAccessTokenProvider"/> (15-minute stateless tokens) as the
    /// <see cref="ILineChannelAccessTokenProvider"/>, replacing any provider registered before; the options are
    /// validated at host start.
    /// </summary>
    /// <returns>The HTTP client builder of the token requests.</returns>
    public static IHttpClientBuilder AddLineStatelessChannelAccessToken(this IServiceCollection services, Action<StatelessChannelAccessTokenOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<StatelessChannelAccessTokenOptions>().Configure(configure).ValidateOnStart();
        return AddStateless(services);
    }

    /// <summary>Registers <see cref="StatelessChannelAccessTokenProvider"/> with options bound from a configuration section.</summary>
    /// <returns>The HTTP client builder of the token requests.</returns>
    public static IHttpClientBuilder AddLineStatelessChannelAccessToken(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StatelessChannelAccessTokenOptions>().Bind(configuration).ValidateOnStart();
        return AddStateless(services);
    }

    private static IHttpClientBuilder AddJwtAssertion(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtAssertionChannelAccessTokenOptions>, JwtAssertionChannelAccessTokenOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<ILineChannelAccessTokenProvider>();
        services.AddSingleton<ILineChannelAccessTokenProvider>(sp => new JwtAssertionChannelAccessTokenProvider(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(JwtAssertionChannelAccessTokenProvider.HttpClientName),
            sp.GetRequiredService<IOptions<JwtAssertionChannelAccessTokenOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<JwtAssertionChannelAccessTokenProvider>>()));
        return AddHttpClient(services);
    }

    private static IHttpClientBuilder AddStateless(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StatelessChannelAccessTokenOptions>, StatelessChannelAccessTokenOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<ILineChannelAccessTokenProvider>();
        services.AddSingleton<ILineChannelAccessTokenProvider>(sp => new StatelessChannelAccessTokenProvider(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(JwtAssertionChannelAccessTokenProvider.HttpClientName),
            sp.GetRequiredService<IOptions<StatelessChannelAccessTokenOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<StatelessChannelAccessTokenProvider>>()));
        return AddHttpClient(services);
    }

    // The singleton provider keeps its HttpClient for the life of the host, so the factory's handler rotation never
    // reaches it: the primary handler recycles its connections instead. Timeouts are the provider's (RequestTimeout).
    private static IHttpClientBuilder AddHttpClient(IServiceCollection services) =>
        services.AddHttpClient(JwtAssertionChannelAccessTokenProvider.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = PooledConnectionLifetime)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
}
