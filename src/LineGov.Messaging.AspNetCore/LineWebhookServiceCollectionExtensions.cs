using LineGov.Messaging.AspNetCore;
using LineGov.Messaging.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what <c>MapLineWebhook</c> needs: options, the dedupe store, the queue and its background workers.</summary>
public static class LineWebhookServiceCollectionExtensions
{
    /// <summary>
    /// Registers the LINE webhook services with <see cref="LineWebhookOptions"/> validated at host start. The dedupe
    /// store is an <see cref="InMemoryLineWebhookEventStore"/> unless an <see cref="ILineWebhookEventStore"/> is
    /// registered (before or after this call; singleton or scoped: it is resolved in each delivery's scope).
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Services.AddLineWebhooks(o => o.ChannelSecret = builder.Configuration["Line:ChannelSecret"]!);
    /// </code>
    /// </example>
    public static IServiceCollection AddLineWebhooks(this IServiceCollection services, Action<LineWebhookOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<LineWebhookOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Registers the LINE webhook services with options bound from a configuration section (for example <c>LineGov:Webhook</c>).</summary>
    public static IServiceCollection AddLineWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LineWebhookOptions>().Bind(configuration).ValidateOnStart();
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LineWebhookOptions>, LineWebhookOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILineWebhookEventStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LineWebhookOptions>>().Value;
            return new InMemoryLineWebhookEventStore(options.DedupeCapacity, options.DedupeRetention, sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(sp => new LineWebhookQueue(sp.GetRequiredService<IOptions<LineWebhookOptions>>().Value.QueueCapacity));
        services.TryAddSingleton<LineWebhookEndpoint>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Hosting.IHostedService, LineWebhookWorker>());
        return services;
    }
}
