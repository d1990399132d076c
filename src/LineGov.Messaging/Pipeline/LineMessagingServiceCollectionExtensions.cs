using LineGov.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers LineGov.Messaging in a service collection.</summary>
public static class LineMessagingServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient LINE requests go through.</summary>
    public const string HttpClientName = "LineGov.Messaging";

    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Registers <see cref="LineMessagingClient"/> (a singleton) over a named HttpClient carrying
    /// <see cref="LineResilienceHandler"/> (retry keys, safe retries, the rate limiter). The channel access token comes
    /// from a registered <see cref="ILineChannelAccessTokenProvider"/>, or else from
    /// <see cref="LineMessagingOptions.ChannelAccessToken"/>. Options are validated at start.
    /// </summary>
    /// <returns>The HttpClient builder, to add handlers (an outbound audit log, a proxy) to every LINE exchange.</returns>
    /// <example>
    /// <code>
    /// services.AddLineGovMessaging(o =>
    /// {
    ///     o.ChannelAccessToken = configuration["Line:ChannelAccessToken"];
    ///     o.Resilience.RateLimits[LineRateLimitGroup.Multicast] = LineRateLimit.PerSecond(2000);
    /// });
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddLineGovMessaging(this IServiceCollection services, Action<LineMessagingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LineMessagingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Registers LineGov.Messaging with options bound from a configuration section (for example <c>LineGov:Line</c>).</summary>
    public static IHttpClientBuilder AddLineGovMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LineMessagingOptions>().Bind(configuration).ValidateOnStart();
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LineMessagingOptions>, LineMessagingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILineChannelAccessTokenProvider>(sp => new OptionsTokenProvider(sp.GetRequiredService<IOptions<LineMessagingOptions>>()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LineMessagingOptions>>().Value;
            return new LineMessagingClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
                sp.GetRequiredService<ILineChannelAccessTokenProvider>(),
                new LineMessagingClientOptions { ApiBaseUri = options.ApiBaseUri, DataApiBaseUri = options.DataApiBaseUri },
                sp.GetService<ILogger<LineMessagingClient>>());
        });

        // One client for the life of the host, so one rate limiter per channel: the handler is never rotated, and the
        // primary handler recycles its connections instead (DNS changes are seen).
        return services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = PooledConnectionLifetime)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(sp => new LineResilienceHandler(
                sp.GetRequiredService<IOptions<LineMessagingOptions>>().Value.Resilience,
                sp.GetRequiredService<TimeProvider>()));
    }

    private sealed class LineMessagingOptionsValidator(IServiceProvider services) : IValidateOptions<LineMessagingOptions>
    {
        public ValidateOptionsResult Validate(string? name, LineMessagingOptions options)
        {
            var errors = new List<string>(options.Resilience.Validate().Select(e => "LineGov:Line:Resilience: " + e));
            if (!options.ApiBaseUri.IsAbsoluteUri || !options.DataApiBaseUri.IsAbsoluteUri)
            {
                errors.Add("LineGov:Line:ApiBaseUri and DataApiBaseUri must be absolute URIs.");
            }

            // The fallback provider reads the token from these options; any other registered provider brings its own.
            if (string.IsNullOrWhiteSpace(options.ChannelAccessToken) && services.GetService<ILineChannelAccessTokenProvider>() is OptionsTokenProvider)
            {
                errors.Add("No channel access token: set LineGov:Line:ChannelAccessToken, or register an ILineChannelAccessTokenProvider (v2.1 or stateless tokens).");
            }

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }

    /// <summary>The long-lived token of <see cref="LineMessagingOptions.ChannelAccessToken"/>, read when first needed.</summary>
    private sealed class OptionsTokenProvider(IOptions<LineMessagingOptions> options) : ILineChannelAccessTokenProvider
    {
        public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = options.Value.ChannelAccessToken;
            return string.IsNullOrWhiteSpace(token)
                ? throw new InvalidOperationException("No channel access token is configured (LineGov:Line:ChannelAccessToken).")
                : ValueTask.FromResult(token);
        }

        public void Invalidate(string token)
        {
        }
    }
}
