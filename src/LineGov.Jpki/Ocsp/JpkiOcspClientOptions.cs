using Microsoft.Extensions.Options;
using Polly;

namespace LineGov.Jpki;

/// <summary>The hash algorithm of the CertID an OCSP request names the certificate with (RFC 6960 §4.1.1).</summary>
public enum JpkiOcspHashAlgorithm
{
    /// <summary>SHA-1: what RFC 5019 requires of lightweight responders and what most responders expect.</summary>
    Sha1 = 0,

    /// <summary>SHA-256, for responders that accept it.</summary>
    Sha256 = 1,
}

/// <summary>
/// Settings of a <see cref="JpkiOcspClient"/>; bindable from configuration (for example <c>LineGov:Jpki:Ocsp</c>) and
/// validated when the client is built. The defaults suit J-LIS's responders and a hard-fail policy.
/// </summary>
/// <example>
/// <code>
/// services.AddLineGovJpkiOcsp(o =>
/// {
///     o.ResponderUri = new Uri("http://ocsp.example.jp/registered"); // the endpoint of your verifier contract
///     o.RequireNonce = true;
/// });
/// </code>
/// </example>
public sealed class JpkiOcspClientOptions
{
    /// <summary>The largest <see cref="MaxResponseBytes"/> accepted (1 MiB).</summary>
    public const int MaxResponseBytesLimit = 1 << 20;

    /// <summary>
    /// The responder to ask instead of the certificate's authorityInfoAccess. Registered verifiers are often given an
    /// endpoint of their own. Default: <see langword="null"/> (the first http or https OCSP URI of the certificate).
    /// </summary>
    public Uri? ResponderUri { get; set; }

    /// <summary>The CertID hash algorithm. Default: <see cref="JpkiOcspHashAlgorithm.Sha1"/>.</summary>
    public JpkiOcspHashAlgorithm CertIdHashAlgorithm { get; set; } = JpkiOcspHashAlgorithm.Sha1;

    /// <summary>
    /// Whether each request carries a fresh random 32-byte nonce (RFC 8954), so a recorded response cannot be replayed.
    /// A response that echoes another nonce is always rejected. Default: yes.
    /// </summary>
    public bool UseNonce { get; set; } = true;

    /// <summary>
    /// Whether a response without our nonce is rejected (status unknown). Responders that pre-produce responses
    /// (RFC 5019) never echo one; enable this only for a responder known to. Needs <see cref="UseNonce"/>. Default: no.
    /// </summary>
    public bool RequireNonce { get; set; }

    /// <summary>
    /// Whether requests of at most 255 encoded bytes are sent with HTTP GET (RFC 5019 §5), so intermediaries can cache
    /// responses. Needs <see cref="UseNonce"/> off: a nonce makes every request unique, so a GET would gain nothing and a
    /// cached response would fail the nonce check. Larger requests still use POST. Default: no (always POST).
    /// </summary>
    public bool UseHttpGet { get; set; }

    /// <summary>How long one HTTP attempt (request and body) may take. Default: 5 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most one check may wait for a responder, retries included; it also bounds a replaced
    /// <see cref="ResiliencePipeline"/>. Default: 10 seconds.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a transient failure (connection error, timeout, HTTP 5xx or 408), never after another 4xx. Default: 2.</summary>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>The base delay of the jittered exponential backoff between attempts. Default: 200 milliseconds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The share of failed attempts (over 30 seconds, once <see cref="CircuitBreakerMinimumThroughput"/> were made)
    /// that opens a responder's circuit; while open, checks answer unknown at once. Default: 0.5.
    /// </summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The attempts within 30 seconds before the circuit breaker may open. Default: 10.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>How long an open circuit stays open. Default: 30 seconds.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Replaces the default resilience pipeline (total timeout, retry, circuit breaker, attempt timeout — see
    /// <see cref="JpkiOcspClient.CreateDefaultResiliencePipeline"/>). The pipeline runs each HTTP attempt; a non-success
    /// response it returns becomes an unknown status. <see cref="TotalTimeout"/> still bounds it. Default: <see langword="null"/>.
    /// </summary>
    public ResiliencePipeline<HttpResponseMessage>? ResiliencePipeline { get; set; }

    /// <summary>The tolerated difference between the responder's clock and ours. Default: 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How old thisUpdate of a response without nextUpdate may be. Such a response says newer information is always
    /// available, so an old one is a possible replay. Default: 1 hour.
    /// </summary>
    public TimeSpan MaxAgeWithoutNextUpdate { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The largest response body read; a larger one is an unknown status. Default: 64 KiB; at most 1 MiB.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>How many good or revoked answers are kept until their nextUpdate; 0 disables the cache. Default: 10,000.</summary>
    public int MaxCacheEntries { get; set; } = 10_000;

    /// <summary>The longest an answer is cached, however far its nextUpdate. Default: 1 day.</summary>
    public TimeSpan MaxCacheDuration { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Whether responses signed with SHA-1 (sha1WithRSAEncryption, ecdsa-with-SHA1) are accepted. Many responders still
    /// sign with it; with a nonce, a response cannot have been prepared in advance. Default: yes.
    /// </summary>
    public bool AcceptSha1Signatures { get; set; } = true;

    /// <summary>A copy, so a client is not affected by later changes to the options it was built with.</summary>
    internal JpkiOcspClientOptions Clone() => (JpkiOcspClientOptions)MemberwiseClone();
}

/// <summary>Validates <see cref="JpkiOcspClientOptions"/>, with messages that say what to change.</summary>
internal sealed class JpkiOcspClientOptionsValidator : IValidateOptions<JpkiOcspClientOptions>
{
    private const string Prefix = "LineGov:Jpki:Ocsp:";

    public ValidateOptionsResult Validate(string? name, JpkiOcspClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static List<string> Errors(JpkiOcspClientOptions options)
    {
        var errors = new List<string>();
        if (options.ResponderUri is { } uri && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add(Prefix + "ResponderUri must be an absolute http or https URI.");
        }

        if (!Enum.IsDefined(options.CertIdHashAlgorithm))
        {
            errors.Add(Prefix + "CertIdHashAlgorithm must be Sha1 or Sha256.");
        }

        if (options.RequireNonce && !options.UseNonce)
        {
            errors.Add(Prefix + "RequireNonce needs UseNonce: a nonce that is never sent cannot be required back.");
        }

        if (options.UseHttpGet && options.UseNonce)
        {
            errors.Add(
                Prefix + "UseHttpGet needs UseNonce = false: a nonce makes every request unique, so GET caching gains nothing " +
                "and a cached response would fail the nonce check. Choose one.");
        }

        Between(errors, options.AttemptTimeout, "AttemptTimeout", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));
        Between(errors, options.TotalTimeout, "TotalTimeout", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10));
        if (options.TotalTimeout < options.AttemptTimeout && options.AttemptTimeout > TimeSpan.Zero)
        {
            errors.Add(Prefix + "TotalTimeout must be at least AttemptTimeout.");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            errors.Add(Prefix + "MaxRetryAttempts must be between 0 and 10.");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add(Prefix + "RetryDelay must be between zero and one minute.");
        }

        if (!(options.CircuitBreakerFailureRatio > 0 && options.CircuitBreakerFailureRatio <= 1))
        {
            errors.Add(Prefix + "CircuitBreakerFailureRatio must be above 0 and at most 1.");
        }

        if (options.CircuitBreakerMinimumThroughput < 2)
        {
            errors.Add(Prefix + "CircuitBreakerMinimumThroughput must be at least 2.");
        }

        if (options.CircuitBreakerBreakDuration < TimeSpan.FromMilliseconds(500) || options.CircuitBreakerBreakDuration > TimeSpan.FromDays(1))
        {
            errors.Add(Prefix + "CircuitBreakerBreakDuration must be between 0.5 seconds and one day.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromHours(1))
        {
            errors.Add(Prefix + "ClockSkew must be between zero and one hour.");
        }

        Positive(errors, options.MaxAgeWithoutNextUpdate, "MaxAgeWithoutNextUpdate", TimeSpan.FromDays(30));
        if (options.MaxResponseBytes < 256 || options.MaxResponseBytes > JpkiOcspClientOptions.MaxResponseBytesLimit)
        {
            errors.Add(Prefix + $"MaxResponseBytes must be between 256 and {JpkiOcspClientOptions.MaxResponseBytesLimit}.");
        }

        if (options.MaxCacheEntries < 0)
        {
            errors.Add(Prefix + "MaxCacheEntries must not be negative (0 disables the cache).");
        }

        Positive(errors, options.MaxCacheDuration, "MaxCacheDuration", TimeSpan.FromDays(30));
        return errors;
    }

    private static void Between(List<string> errors, TimeSpan value, string name, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add(Prefix + $"{name} must be between {min} and {max}.");
        }
    }

    private static void Positive(List<string> errors, TimeSpan value, string name, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            errors.Add(Prefix + $"{name} must be positive and at most {max}.");
        }
    }
}
