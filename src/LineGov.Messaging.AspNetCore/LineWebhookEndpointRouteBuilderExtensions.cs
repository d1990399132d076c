using LineGov.Messaging.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps a LINE webhook endpoint.</summary>
public static class LineWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> as a LINE webhook: the raw body is verified against
    /// <c>x-line-signature</c> before anything is parsed (401 if it fails, 400 for a signed but malformed body), the
    /// endpoint answers 200 at once, and <paramref name="handler"/> runs in the background with the new events (events
    /// already handled, by <c>webhookEventId</c>, are left out). Needs <c>services.AddLineWebhooks(...)</c>. The
    /// endpoint allows anonymous callers: the signature is its authentication.
    /// </summary>
    /// <example>
    /// <code>
    /// app.MapLineWebhook("/callback", async (delivery, ct) =>
    /// {
    ///     foreach (var e in delivery.Events)
    ///     {
    ///         if (e is MessageEvent { Message: TextMessageContent text }) { … }
    ///     }
    /// });
    /// </code>
    /// </example>
    /// <returns>The endpoint's convention builder.</returns>
    public static IEndpointConventionBuilder MapLineWebhook(this IEndpointRouteBuilder endpoints, string pattern, LineWebhookHandler handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        var endpoint = endpoints.ServiceProvider.GetService<LineWebhookEndpoint>()
            ?? throw new InvalidOperationException("MapLineWebhook needs the LINE webhook services: call services.AddLineWebhooks(...) first.");
        return endpoints.MapPost(pattern, (RequestDelegate)(context => endpoint.HandleAsync(context, handler)))
            .WithDisplayName("LINE webhook " + pattern)
            .AllowAnonymous();
    }

    /// <summary>
    /// Maps a LINE webhook whose handler is <typeparamref name="THandler"/>, resolved from each delivery's DI scope
    /// (or created with its dependencies injected when not registered). See
    /// <see cref="MapLineWebhook(IEndpointRouteBuilder, string, LineWebhookHandler)"/>.
    /// </summary>
    /// <returns>The endpoint's convention builder.</returns>
    public static IEndpointConventionBuilder MapLineWebhook<THandler>(this IEndpointRouteBuilder endpoints, string pattern)
        where THandler : class, ILineWebhookHandler =>
        endpoints.MapLineWebhook(pattern, (delivery, cancellationToken) =>
            ActivatorUtilities.GetServiceOrCreateInstance<THandler>(delivery.Services).HandleAsync(delivery, cancellationToken));
}
