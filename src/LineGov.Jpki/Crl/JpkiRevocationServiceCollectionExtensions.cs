using LineGov.Jpki;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers LineGov.Jpki revocation checking (OCSP and CRLs) in a service collection.</summary>
public static class JpkiRevocationServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient CRLs are fetched with.</summary>
    public const string CrlHttpClientName = "LineGov.Jpki.Crl";

    /// <summary>
    /// Registers <see cref="JpkiRevocationChecker"/> as the <see cref="IJpkiRevocationChecker"/> the validator calls,
    /// with a <see cref="JpkiCrlStore"/> refreshed in the background (a hosted service) and, unless CRLs only, the OCSP
    /// client (<c>AddLineGovJpkiOcsp</c>). Options are validated at start.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddLineGovJpki();
    /// services.AddLineGovJpkiRevocation(
    ///     o => o.CrlFolders.Add("/var/lib/linegov/jpki-crl"),
    ///     ocsp => ocsp.ResponderUri = new Uri("http://ocsp.example.jp/"));
    /// </code>
    /// </example>
    public static IServiceCollection AddLineGovJpkiRevocation(
        this IServiceCollection services,
        Action<JpkiRevocationOptions>? configure = null,
        Action<JpkiOcspClientOptions>? configureOcsp = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<JpkiRevocationOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();

        // Registered whatever the sources: options decide at run time whether OCSP is used.
        services.AddLineGovJpkiOcsp(configureOcsp);
        return AddCore(services);
    }

    /// <summary>Registers revocation checking with options bound from configuration (<c>Ocsp</c> sub-section for the OCSP client).</summary>
    public static IServiceCollection AddLineGovJpkiRevocation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<JpkiRevocationOptions>().Bind(configuration).ValidateOnStart();
        services.AddLineGovJpkiOcsp(configuration.GetSection("Ocsp"));
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JpkiRevocationOptions>, JpkiRevocationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(CrlHttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(sp => new CrlResilienceHandler(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<JpkiRevocationOptions>>().Value;
            var storeOptions = new JpkiCrlStoreOptions
            {
                RefreshInterval = options.CrlRefreshInterval,
                NextUpdateGrace = options.CrlNextUpdateGrace,
                UseDeltaCrls = options.UseDeltaCrls,
                MaxCrlLength = options.MaxCrlLength,
            };
            foreach (var folder in options.CrlFolders)
            {
                storeOptions.Sources.Add(new JpkiCrlFolderSource(folder));
            }

            if (options.CrlUrls.Count > 0)
            {
                storeOptions.Sources.Add(new JpkiCrlHttpSource(sp.GetRequiredService<IHttpClientFactory>().CreateClient(CrlHttpClientName), options.CrlUrls));
            }

            return new JpkiCrlStore(storeOptions, sp.GetRequiredService<JpkiTrustStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<JpkiCrlStore>>());
        });
        services.AddHostedService<JpkiCrlRefreshService>();
        services.TryAddSingleton<IJpkiRevocationChecker>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<JpkiRevocationOptions>>().Value;
            return new JpkiRevocationChecker(
                new JpkiRevocationCheckerOptions { Sources = options.Sources },
                options.Sources == JpkiRevocationSources.CrlOnly ? null : sp.GetRequiredService<JpkiOcspClient>(),
                options.Sources == JpkiRevocationSources.OcspOnly ? null : sp.GetRequiredService<JpkiCrlStore>());
        });
        return services;
    }

    private sealed class JpkiRevocationOptionsValidator : IValidateOptions<JpkiRevocationOptions>
    {
        public ValidateOptionsResult Validate(string? name, JpkiRevocationOptions options)
        {
            var errors = new List<string>();
            if (!Enum.IsDefined(options.Sources))
            {
                errors.Add("LineGov:Jpki:Revocation:Sources must be OcspThenCrl, CrlOnly or OcspOnly.");
            }

            if (options.Sources != JpkiRevocationSources.OcspOnly && options.CrlFolders.Count == 0 && options.CrlUrls.Count == 0)
            {
                errors.Add("LineGov:Jpki:Revocation: CRLs are a source but no CrlFolders or CrlUrls are configured.");
            }

            foreach (var folder in options.CrlFolders.Where(f => !Directory.Exists(f)))
            {
                errors.Add($"LineGov:Jpki:Revocation:CrlFolders: '{folder}' does not exist.");
            }

            if (options.CrlRefreshInterval <= TimeSpan.Zero || options.CrlNextUpdateGrace < TimeSpan.Zero || options.MaxCrlLength <= 0)
            {
                errors.Add("LineGov:Jpki:Revocation: CrlRefreshInterval and MaxCrlLength must be positive, CrlNextUpdateGrace not negative.");
            }

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}

/// <summary>Keeps the <see cref="JpkiCrlStore"/> current in the background of a host.</summary>
internal sealed class JpkiCrlRefreshService(IServiceProvider services) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = services.GetRequiredService<IOptions<JpkiRevocationOptions>>().Value;
        return options.Sources == JpkiRevocationSources.OcspOnly
            ? Task.CompletedTask
            : services.GetRequiredService<JpkiCrlStore>().RunAsync(cancellationToken: stoppingToken);
    }
}
