using LineGov.Messaging.Testing;
using LineGov.Samples.Municipality.Infrastructure;
using LineGov.Samples.Municipality.Resident;
using LineGov.Samples.Municipality.Staff;

namespace LineGov.Samples.Municipality;

/// <summary>Builds and starts the municipal service: the host, the embedded services, the resident and staff sides.</summary>
public static class MunicipalityHost
{
    /// <summary>Builds and starts the host. <paramref name="configure"/> runs last on the builder (tests override configuration there).</summary>
    public static async Task<MunicipalityApp> StartAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var options = builder.Configuration.GetSection(MunicipalityOptions.Section).Get<MunicipalityOptions>() ?? new MunicipalityOptions();
        builder.Services.AddSingleton(options);

        // The embedded services (database, town, JPKI, LINE, ledger, points) start before the host: the endpoints need them.
        var core = await MunicipalityCore.StartAsync(builder, options, cancellationToken);
        WebApplication? app = null;
        try
        {
            builder.Services.AddResidentSide(options);
            builder.Services.AddStaffSide(builder.Configuration, options);

            app = builder.Build();
            app.MapResidentSide();
            app.MapStaffSide();
            await app.StartAsync(cancellationToken);
            await core.OnHostStartedAsync(app, cancellationToken);
            return new MunicipalityApp(app, core);
        }
        catch
        {
            // A port in use, a bad staff configuration: stop what already started (emulator, OCSP server, database).
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            await core.DisposeAsync();
            throw;
        }
    }
}

/// <summary>The running service.</summary>
public sealed class MunicipalityApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MunicipalityCore _core;

    internal MunicipalityApp(WebApplication app, MunicipalityCore core)
    {
        _app = app;
        _core = core;
        BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
    }

    /// <summary>The host's address, e.g. http://127.0.0.1:5080/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The in-process LINE emulator; null when a real LINE channel is configured.</summary>
    public LineEmulator? Line => _core.Line;

    /// <summary>Plays residents (follow, apply, ask for the status) in Emulator mode.</summary>
    public MunicipalitySimulator Simulator => _core.Simulator;

    /// <summary>Lines to print at start: the URLs to open and the demo logins.</summary>
    public IEnumerable<string> Describe() => _core.Describe(BaseAddress);

    /// <summary>Waits until Ctrl+C or SIGTERM.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the host and the embedded services.</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _core.DisposeAsync();
    }
}
