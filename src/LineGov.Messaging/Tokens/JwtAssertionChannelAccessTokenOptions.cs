using Microsoft.Extensions.Options;

namespace LineGov.Messaging;

/// <summary>
/// Settings of a <see cref="JwtAssertionChannelAccessTokenProvider"/> (channel access token v2.1); bindable from
/// configuration and validated when the provider is built. The private key is a secret: keep it in a secret store.
/// </summary>
/// <example>
/// <code>
/// services.AddLineJwtAssertionChannelAccessToken(o =>
/// {
///     o.ChannelId = "1234567890";
///     o.KeyId = configuration["Line:AssertionKeyId"];           // the kid the console showed
///     o.PrivateKeyJwk = configuration["Line:AssertionPrivateKey"]; // the private JWK you generated
/// });
/// </code>
/// </example>
public sealed class JwtAssertionChannelAccessTokenOptions
{
    /// <summary>The longest token lifetime LINE issues (<c>token_exp</c>): 30 days.</summary>
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(30);

    /// <summary>The longest assertion lifetime LINE accepts (<c>exp</c>): 30 minutes.</summary>
    public static readonly TimeSpan MaxAssertionLifetime = TimeSpan.FromMinutes(30);

    /// <summary>The channel id of the Messaging API channel (<c>iss</c> and <c>sub</c> of the assertion).</summary>
    public string ChannelId { get; set; } = string.Empty;

    /// <summary>
    /// The key id (<c>kid</c>) LINE assigned when you registered the public key of the Assertion Signing Key. When
    /// <see langword="null"/>, the <c>kid</c> of <see cref="PrivateKeyJwk"/> is used.
    /// </summary>
    public string? KeyId { get; set; }

    /// <summary>The RSA private key of the Assertion Signing Key as a JWK (JSON). Either this or <see cref="PrivateKeyPem"/>.</summary>
    public string? PrivateKeyJwk { get; set; }

    /// <summary>The RSA private key of the Assertion Signing Key in PEM (PKCS#8 or PKCS#1). Either this or <see cref="PrivateKeyJwk"/>.</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>
    /// How long each issued token lives (<c>token_exp</c>), at most 30 days. Default: 1 day. LINE keeps at most 30
    /// valid v2.1 tokens per channel, and every process start issues one: short-lived tokens keep that count low.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long the signed assertion is valid (<c>exp</c>), at most 30 minutes. Default: 5 minutes.</summary>
    public TimeSpan AssertionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long before expiry a token is replaced (at most half its lifetime is used). Default: 10 minutes.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one token request may take. Default: 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a failed refresh, how long callers keep the still-valid cached token before the next attempt.
    /// Default: 10 seconds.
    /// </summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The API host. Default: <c>https://api.line.me/</c> (an emulator's address in tests).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.line.me/");
}

/// <summary>Validates <see cref="JwtAssertionChannelAccessTokenOptions"/>.</summary>
internal sealed class JwtAssertionChannelAccessTokenOptionsValidator : IValidateOptions<JwtAssertionChannelAccessTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtAssertionChannelAccessTokenOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.ChannelId))
        {
            failures.Add("ChannelId is required.");
        }

        if (string.IsNullOrWhiteSpace(options.PrivateKeyJwk) == string.IsNullOrWhiteSpace(options.PrivateKeyPem))
        {
            failures.Add("Exactly one of PrivateKeyJwk and PrivateKeyPem is required.");
        }

        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > JwtAssertionChannelAccessTokenOptions.MaxTokenLifetime)
        {
            failures.Add("TokenLifetime must be positive and at most 30 days.");
        }

        if (options.AssertionLifetime <= TimeSpan.Zero || options.AssertionLifetime > JwtAssertionChannelAccessTokenOptions.MaxAssertionLifetime)
        {
            failures.Add("AssertionLifetime must be positive and at most 30 minutes.");
        }

        TokenOptionChecks.Common(failures, options.RefreshBefore, options.RequestTimeout, options.RetryAfterFailure, options.BaseAddress);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Checks shared by the token provider options.</summary>
internal static class TokenOptionChecks
{
    public static void Common(List<string> failures, TimeSpan refreshBefore, TimeSpan requestTimeout, TimeSpan retryAfterFailure, Uri? baseAddress)
    {
        if (refreshBefore < TimeSpan.Zero)
        {
            failures.Add("RefreshBefore must not be negative.");
        }

        if (requestTimeout <= TimeSpan.Zero)
        {
            failures.Add("RequestTimeout must be positive.");
        }

        if (retryAfterFailure < TimeSpan.Zero)
        {
            failures.Add("RetryAfterFailure must not be negative.");
        }

        if (baseAddress is not { IsAbsoluteUri: true } || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("BaseAddress must be an absolute http(s) URI.");
        }
    }

    public static void ThrowIfInvalid<T>(IValidateOptions<T> validator, T options)
        where T : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures);
        }
    }

    public static Uri Endpoint(Uri baseAddress, string path) =>
        new(baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/"), path);
}
