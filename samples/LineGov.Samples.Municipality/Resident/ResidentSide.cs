namespace LineGov.Samples.Municipality.Resident;

/// <summary>The resident side: the front page, the LINE webhook, the LIFF application page and its API. (Skeleton: being built.)</summary>
internal static class ResidentSide
{
    public static IServiceCollection AddResidentSide(this IServiceCollection services, MunicipalityOptions options)
    {
        _ = options;
        return services;
    }

    public static WebApplication MapResidentSide(this WebApplication app)
    {
        app.MapGet("/", () => Results.Content("<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><title>当麻町 生活応援給付金</title><h1>当麻町 生活応援給付金</h1></html>", "text/html; charset=utf-8"));
        return app;
    }
}
