using Microsoft.Extensions.Options;

namespace LineGov.Messaging;

/// <summary>
/// Settings of a <see cref="StatelessChannelAccessTokenProvider"/> (stateless channel access tokens, valid 15
/// minutes, issued from <c>/oauth2/v3/token</c>). Authenticate with the channel secret, or with an Assertion Signing
/// Key (<see cref="KeyId"/> and a private key) instead. Bindable from configuration; validated when the provider is built.
/// </summary>
/// <example>
/// <code>
/// services.AddLineStatelessChannelAccessToken(o =>
/// {
///     o.ChannelId = "1234567890";
///     o.ChannelSecret = configuration["Line:ChannelSecret"];
/// });
/// </code>
/// </example>
public sealed class StatelessChannelAccessTokenOptions
{
    /// <summary>The channel id of the Messaging API channel (<c>client_id</c>, or the assertion's <c>iss</c>/<c>sub</c>).</summary>
    public string ChannelId { get; set; } = string.Empty;

    /// <summary>The channel secret (<c>client_secret</c>). Either this or an assertion key.</summary>
    public string? ChannelSecret { get; set; }

    /// <summary>The key id of the Assertion Signing Key, when authenticating with an assertion (else the JWK's <c>kid</c>).</summary>
    public string? KeyId { get; set; }

    /// <summary>The RSA private key of the Assertion Signing Key as a JWK, when authenticating with an assertion.</summary>
    public string? PrivateKeyJwk { get; set; }

    /// <summary>The RSA private key of the Assertion Signing Key in PEM, when authenticating with an assertion.</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>How long the signed assertion is valid (<c>exp</c>), at most 30 minutes. Default: 5 minutes.</summary>
    public TimeSpan AssertionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long before expiry a token is replaced (at most half its lifetime is used). Default: 2 minutes.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one token request may take. Default: 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a failed refresh, how long callers keep the still-valid cached token before the next attempt. Default: 10 seconds.</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The API host. Default: <c>https://api.line.me/</c>.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.line.me/");

    /// <summary>Whether the options authenticate with an assertion rather than the channel secret.</summary>
    internal bool UsesAssertion => !string.IsNullOrWhiteSpace(PrivateKeyJwk) || !string.IsNullOrWhiteSpace(PrivateKeyPem);
}

/// <summary>Validates <see cref="StatelessChannelAccessTokenOptions"/>.</summary>
internal sealed class StatelessChannelAccessTokenOptionsValidator : IValidateOptions<StatelessChannelAccessTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, StatelessChannelAccessTokenOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.ChannelId))
        {
            failures.Add("ChannelId is required.");
        }

        var keys = (string.IsNullOrWhiteSpace(options.PrivateKeyJwk) ? 0 : 1) + (string.IsNullOrWhiteSpace(options.PrivateKeyPem) ? 0 : 1);
        var secret = !string.IsNullOrWhiteSpace(options.ChannelSecret);
        if (keys > 1 || (keys == 1) == secret)
        {
            failures.Add("Give either ChannelSecret, or one private key (PrivateKeyJwk or PrivateKeyPem) of an Assertion Signing Key.");
        }

        if (options.AssertionLifetime <= TimeSpan.Zero || options.AssertionLifetime > JwtAssertionChannelAccessTokenOptions.MaxAssertionLifetime)
        {
            failures.Add("AssertionLifetime must be positive and at most 30 minutes.");
        }

        TokenOptionChecks.Common(failures, options.RefreshBefore, options.RequestTimeout, options.RetryAfterFailure, options.BaseAddress);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
