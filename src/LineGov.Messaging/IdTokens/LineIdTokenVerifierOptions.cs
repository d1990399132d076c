using Microsoft.Extensions.Options;

namespace LineGov.Messaging;

/// <summary>
/// Settings of a <see cref="LineIdTokenVerifier"/>; bindable from configuration (for example <c>LineGov:IdToken</c>)
/// and validated when the verifier is built.
/// </summary>
/// <example>
/// <code>
/// services.AddLineIdTokenVerifier(o =>
/// {
///     o.ChannelId = "1657000000";                           // the LINE Login channel of the LIFF app
///     o.ChannelSecret = configuration["Line:LoginSecret"];  // only for HS256 tokens of web login
/// });
/// </code>
/// </example>
public sealed class LineIdTokenVerifierOptions
{
    /// <summary>The issuer LINE puts in ID tokens.</summary>
    public const string LineIssuer = "https://access.line.me";

    /// <summary>The LINE Login channel id: the only accepted audience (<c>aud</c>). For LIFF, the channel the LIFF app belongs to.</summary>
    public string ChannelId { get; set; } = string.Empty;

    /// <summary>
    /// The LINE Login channel secret, to verify HS256 tokens (web login). When <see langword="null"/>, HS256 tokens
    /// are refused and only ES256 tokens (LIFF, apps) are accepted.
    /// </summary>
    public string? ChannelSecret { get; set; }

    /// <summary>The accepted issuer. Default: <see cref="LineIssuer"/>.</summary>
    public string Issuer { get; set; } = LineIssuer;

    /// <summary>Where LINE publishes its ES256 keys. Default: <c>https://api.line.me/oauth2/v2.1/certs</c>.</summary>
    public Uri JwksUri { get; set; } = new("https://api.line.me/oauth2/v2.1/certs");

    /// <summary>How far the clocks may disagree when checking <c>exp</c> and <c>iat</c>. Default: 2 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the fetched key set is used before it is fetched again. Default: 12 hours.</summary>
    public TimeSpan JwksCacheDuration { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The least time between two fetches caused by an unknown <c>kid</c>, so forged tokens cannot make the verifier
    /// fetch LINE's keys on every request. Default: 5 minutes.
    /// </summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one key-set request may take. Default: 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Validates <see cref="LineIdTokenVerifierOptions"/>.</summary>
internal sealed class LineIdTokenVerifierOptionsValidator : IValidateOptions<LineIdTokenVerifierOptions>
{
    public ValidateOptionsResult Validate(string? name, LineIdTokenVerifierOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.ChannelId))
        {
            failures.Add("ChannelId (the LINE Login channel id) is required.");
        }

        if (options.ChannelSecret is not null && System.Text.Encoding.UTF8.GetByteCount(options.ChannelSecret) < 32)
        {
            failures.Add("ChannelSecret is too short: a LINE channel secret has 32 characters (HS256 needs a 256-bit key).");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("Issuer is required.");
        }

        if (options.JwksUri is not { IsAbsoluteUri: true } || (options.JwksUri.Scheme != Uri.UriSchemeHttps && options.JwksUri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("JwksUri must be an absolute http(s) URI.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add("ClockSkew must be between 0 and 10 minutes.");
        }

        if (options.JwksCacheDuration <= TimeSpan.Zero)
        {
            failures.Add("JwksCacheDuration must be positive.");
        }

        if (options.JwksRefreshInterval < TimeSpan.Zero)
        {
            failures.Add("JwksRefreshInterval must not be negative.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("RequestTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
