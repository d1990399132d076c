using LineGov.Messaging.Testing;

namespace LineGov.Samples.Municipality.Infrastructure;

/// <summary>
/// The embedded services: database, generated town, JPKI test authority and revocation server, LINE emulator, ledger,
/// points provider; registers <see cref="IApplicationDesk"/> and <see cref="IPayoutDesk"/>. (Skeleton: being built.)
/// </summary>
internal sealed class MunicipalityCore : IAsyncDisposable
{
    public LineEmulator? Line { get; private set; }

    public MunicipalitySimulator Simulator { get; private set; } = null!;

    public static Task<MunicipalityCore> StartAsync(WebApplicationBuilder builder, MunicipalityOptions options, CancellationToken cancellationToken)
    {
        _ = builder;
        _ = options;
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new MunicipalityCore());
    }

    public Task OnHostStartedAsync(WebApplication app, CancellationToken cancellationToken)
    {
        _ = app;
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }

    public IEnumerable<string> Describe(Uri baseAddress)
    {
        yield return $"LineGov municipal sample: {baseAddress}";
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
