using LineGov.Jpki;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers LineGov.Jpki in a service collection.</summary>
public static class JpkiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the trust store, <see cref="JpkiCertificateValidator"/>, <see cref="JpkiSignatureVerifier"/>,
    /// <see cref="JpkiChallengeService"/> (in-memory store unless one is registered) and <see cref="JpkiApplicationVerifier"/>.
    /// Options are validated when first used and at host start: anchor files must parse, and
    /// <see cref="JpkiRevocationMode.Required"/> needs an <see cref="IJpkiRevocationChecker"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddLineGovJpki(o =>
    /// {
    ///     o.TrustAnchorPaths.Add("/etc/linegov/jpki-generation-02");
    ///     o.RevocationMode = JpkiRevocationMode.Required;
    /// });
    /// </code>
    /// </example>
    public static IServiceCollection AddLineGovJpki(this IServiceCollection services, Action<JpkiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<JpkiOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Registers LineGov.Jpki with options bound from a configuration section (for example <c>LineGov:Jpki</c>).</summary>
    public static IServiceCollection AddLineGovJpki(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<JpkiOptions>().Bind(configuration).ValidateOnStart();
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JpkiOptions>, JpkiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<JpkiOptions>>().Value.BuildTrustStore());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<JpkiOptions>>().Value;
            return new JpkiCertificateValidator(
                new JpkiCertificateValidatorOptions { TrustStore = sp.GetRequiredService<JpkiTrustStore>(), DefaultPolicy = options.BuildPolicy() },
                sp.GetService<IJpkiRevocationChecker>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<JpkiCertificateValidator>>());
        });
        services.TryAddSingleton(sp => new JpkiSignatureVerifier(sp.GetRequiredService<JpkiCertificateValidator>()));
        services.TryAddSingleton<IJpkiChallengeStore>(sp => new InMemoryJpkiChallengeStore(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<JpkiOptions>>().Value.MaxChallenges));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<JpkiOptions>>().Value;
            return new JpkiChallengeService(
                sp.GetRequiredService<IJpkiChallengeStore>(),
                new JpkiChallengeOptions { Lifetime = options.ChallengeLifetime },
                sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(sp => new JpkiApplicationVerifier(
            sp.GetRequiredService<JpkiSignatureVerifier>(),
            sp.GetRequiredService<JpkiChallengeService>()));
        return services;
    }
}
