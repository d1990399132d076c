using LineGov.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the LIFF / LINE Login <see cref="LineIdTokenVerifier"/> in a service collection.</summary>
public static class LineIdTokenServiceCollectionExtensions
{
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Registers <see cref="LineIdTokenVerifier"/> as a singleton over the named <see cref="HttpClient"/>
    /// <see cref="LineIdTokenVerifier.HttpClientName"/> (for LINE's key set), with the options validated at host start.
    /// </summary>
    /// <returns>The HTTP client builder of the key-set requests, to add handlers.</returns>
    /// <example>
    /// <code>
    /// services.AddLineIdTokenVerifier(o => o.ChannelId = "1657000000");
    /// app.MapPost("/liff/session", async (LineIdTokenVerifier verifier, string idToken) =>
    ///     (await verifier.VerifyAsync(idToken, null)).IsValid ? Results.Ok() : Results.Unauthorized());
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddLineIdTokenVerifier(this IServiceCollection services, Action<LineIdTokenVerifierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<LineIdTokenVerifierOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Registers <see cref="LineIdTokenVerifier"/> with options bound from a configuration section.</summary>
    /// <returns>The HTTP client builder of the key-set requests.</returns>
    public static IHttpClientBuilder AddLineIdTokenVerifier(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LineIdTokenVerifierOptions>().Bind(configuration).ValidateOnStart();
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LineIdTokenVerifierOptions>, LineIdTokenVerifierOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LineIdTokenVerifier(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(LineIdTokenVerifier.HttpClientName),
            sp.GetRequiredService<IOptions<LineIdTokenVerifierOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<LineIdTokenVerifier>>()));
        return services.AddHttpClient(LineIdTokenVerifier.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = PooledConnectionLifetime)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }
}
