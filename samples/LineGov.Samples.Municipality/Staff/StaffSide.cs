namespace LineGov.Samples.Municipality.Staff;

/// <summary>The staff side under /staff: login, dashboard, review queue, counter applications, payouts. (Skeleton: being built.)</summary>
internal static class StaffSide
{
    public static IServiceCollection AddStaffSide(this IServiceCollection services, IConfiguration configuration, MunicipalityOptions options)
    {
        _ = configuration;
        _ = options;
        return services;
    }

    public static WebApplication MapStaffSide(this WebApplication app) => app;
}
