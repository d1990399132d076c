namespace LineGov.Payouts.Points;

/// <summary>
/// Where the points provider is and how <see cref="HttpPointsProvider"/> talks to it. Validated when the host starts
/// (<c>AddLineGovPoints</c>) or when the provider or handler is built.
/// </summary>
public sealed class PointsProviderOptions
{
    /// <summary>
    /// The provider's API base address, e.g. <c>https://points.example.jp/api/</c>; the protocol's paths
    /// (<c>v1/grants</c>) are resolved under it. Required, absolute, http or https.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The API key sent as <c>Authorization: Bearer</c>. Required. Never logged nor put in an exception.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The longest a single attempt may take. Default: 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a call may take, retries and their delays included. Default: 60 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Retries after the first attempt, on 5xx, 408, 429, attempt timeouts and connection errors — each with the same
    /// Idempotency-Key, which is what makes a retry after a lost answer safe. Default: 3; 0 turns retries off.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; later ones grow exponentially with jitter. Default: 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The longest <c>Retry-After</c> (of a 429 or 503) honoured; a longer one is cut to this. Default: 30 s. The total
    /// timeout still applies.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with these options, in words (never the API key itself); empty when valid.</summary>
    internal IEnumerable<string> Validate()
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            yield return "BaseAddress must be an absolute http or https URI.";
        }
        else if (!string.IsNullOrEmpty(BaseAddress.Query) || !string.IsNullOrEmpty(BaseAddress.Fragment))
        {
            yield return "BaseAddress must not have a query or fragment.";
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return "ApiKey is required.";
        }
        else if (!PointsGrant.IsHeaderSafe(ApiKey))
        {
            yield return "ApiKey must be printable ASCII without spaces.";
        }

        if (MaxRetryAttempts is < 0 or > 10)
        {
            yield return "MaxRetryAttempts must be 0-10.";
        }

        if (AttemptTimeout <= TimeSpan.Zero || TotalTimeout < AttemptTimeout)
        {
            yield return "AttemptTimeout must be positive and TotalTimeout at least AttemptTimeout.";
        }

        if (RetryDelay < TimeSpan.Zero || MaxRetryAfter < TimeSpan.Zero)
        {
            yield return "RetryDelay and MaxRetryAfter must not be negative.";
        }
    }

    /// <summary>Throws when invalid, naming every problem.</summary>
    internal void ThrowIfInvalid(string? parameterName)
    {
        var errors = Validate().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid points provider options: " + string.Join(" ", errors), parameterName);
        }
    }

    /// <summary><see cref="BaseAddress"/> ending with a slash, so relative paths land under it.</summary>
    internal Uri NormalizedBaseAddress()
    {
        var uri = BaseAddress!;
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
