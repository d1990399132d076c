using LineGov.Jpki;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the LineGov.Jpki OCSP client in a service collection.</summary>
public static class JpkiOcspServiceCollectionExtensions
{
    /// <summary>How long a pooled connection to a responder lives, so DNS changes are seen by the long-lived client.</summary>
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Registers <see cref="JpkiOcspClient"/> as a singleton over a named <see cref="HttpClient"/>
    /// (<see cref="JpkiOcspClient.HttpClientName"/>) from <see cref="IHttpClientFactory"/>, with
    /// <see cref="JpkiOcspClientOptions"/> validated at host start. The client is not registered as the
    /// <see cref="IJpkiRevocationChecker"/>: compose it into the checker your policy needs (OCSP then CRL, OCSP only…).
    /// </summary>
    /// <returns>The HTTP client builder, to add handlers (a proxy, an outbound audit log) to the exchanges.</returns>
    /// <example>
    /// <code>
    /// services.AddLineGovJpkiOcsp(o => o.ResponderUri = new Uri("http://ocsp.example.jp/"))
    ///         .AddHttpMessageHandler&lt;OutboundAuditHandler&gt;();
    /// services.AddSingleton&lt;IJpkiRevocationChecker&gt;(sp => sp.GetRequiredService&lt;JpkiOcspClient&gt;());
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddLineGovJpkiOcsp(this IServiceCollection services, Action<JpkiOcspClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<JpkiOcspClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Registers the OCSP client with options bound from a configuration section (for example <c>LineGov:Jpki:Ocsp</c>).</summary>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddLineGovJpkiOcsp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<JpkiOcspClientOptions>().Bind(configuration).ValidateOnStart();
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JpkiOcspClientOptions>, JpkiOcspClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new JpkiOcspClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(JpkiOcspClient.HttpClientName),
            sp.GetRequiredService<IOptions<JpkiOcspClientOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<JpkiOcspClient>>()));

        // The singleton keeps its HttpClient for the life of the host, so the factory's handler rotation never reaches
        // it: the primary handler recycles its connections instead. Timeouts are the client's (TotalTimeout), not
        // HttpClient.Timeout's.
        return services.AddHttpClient(JpkiOcspClient.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = PooledConnectionLifetime)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }
}
