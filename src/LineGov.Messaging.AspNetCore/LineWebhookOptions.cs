using LineGov.Messaging.Webhooks;
using Microsoft.Extensions.Options;

namespace LineGov.Messaging.AspNetCore;

/// <summary>
/// Settings of the LINE webhook endpoint (<c>MapLineWebhook</c>); bindable from configuration (for example
/// <c>LineGov:Webhook</c>) and validated at host start. The channel secret is a secret: keep it in a secret store.
/// </summary>
public sealed class LineWebhookOptions
{
    /// <summary>The channel secret of the Messaging API channel: the key of the <c>x-line-signature</c> HMAC.</summary>
    public string ChannelSecret { get; set; } = string.Empty;

    /// <summary>The largest request body accepted; a larger one is answered 413 unread. Default: 1 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How many verified requests may wait for the handler. When full, the endpoint answers 503 so LINE can redeliver
    /// (with redelivery on in the LINE Developers console). Default: 1,000.
    /// </summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>How many requests the handler works on at once. Default: 4.</summary>
    public int HandlerConcurrency { get; set; } = 4;

    /// <summary>How many event ids the default in-memory dedupe store remembers. Default: 100,000.</summary>
    public int DedupeCapacity { get; set; } = InMemoryLineWebhookEventStore.DefaultCapacity;

    /// <summary>How long the default in-memory dedupe store remembers an event id. Default: 1 day.</summary>
    public TimeSpan DedupeRetention { get; set; } = InMemoryLineWebhookEventStore.DefaultRetention;

    /// <summary>Returns a redacted description: the channel secret is a secret.</summary>
    public override string ToString() =>
        $"LineWebhookOptions {{ ChannelSecret = (redacted), MaxBodyBytes = {MaxBodyBytes}, QueueCapacity = {QueueCapacity}, HandlerConcurrency = {HandlerConcurrency} }}";
}

/// <summary>Validates <see cref="LineWebhookOptions"/>.</summary>
internal sealed class LineWebhookOptionsValidator : IValidateOptions<LineWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, LineWebhookOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.ChannelSecret))
        {
            failures.Add("ChannelSecret is required to verify x-line-signature.");
        }

        if (options.MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add("MaxBodyBytes must be between 1 KiB and 64 MiB.");
        }

        if (options.QueueCapacity < 1)
        {
            failures.Add("QueueCapacity must be at least 1.");
        }

        if (options.HandlerConcurrency is < 1 or > 256)
        {
            failures.Add("HandlerConcurrency must be between 1 and 256.");
        }

        if (options.DedupeCapacity < 1)
        {
            failures.Add("DedupeCapacity must be at least 1.");
        }

        if (options.DedupeRetention <= TimeSpan.Zero)
        {
            failures.Add("DedupeRetention must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
