using LineGov.Eligibility;
using LineGov.Payouts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the payout ledger.</summary>
public static class PayoutsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LedgerStore"/> (opened from <paramref name="connection"/>: an SQLite file path, or a
    /// PostgreSQL connection string), <see cref="PayoutLedger"/>, and the ledger as the application's
    /// <see cref="HouseholdClaimBook"/>, all singletons. The schema is migrated on first use.
    /// </summary>
    public static IServiceCollection AddLineGovPayoutLedger(this IServiceCollection services, string connection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        return services.AddLineGovPayoutLedger(_ => LedgerStore.Open(connection));
    }

    /// <summary>Registers the ledger over a store the factory creates (for example over a registered <c>NpgsqlDataSource</c>).</summary>
    public static IServiceCollection AddLineGovPayoutLedger(this IServiceCollection services, Func<IServiceProvider, LedgerStore> storeFactory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storeFactory);
        services.TryAddSingleton(storeFactory);
        services.TryAddSingleton(sp => new PayoutLedger(sp.GetRequiredService<LedgerStore>(), sp.GetService<TimeProvider>()));
        services.RemoveAll<HouseholdClaimBook>();
        services.AddSingleton<HouseholdClaimBook>(sp => sp.GetRequiredService<PayoutLedger>());
        return services;
    }
}
