// Public types that break (and keep) the API conventions on purpose, so that ApiConventionDetectionTests can show
// each convention test catches what it is meant to catch.
#pragma warning disable CA1068 // CancellationToken parameters must come last: broken on purpose.
#pragma warning disable CA1051 // Do not declare visible instance fields: broken on purpose.

namespace LineGov.PublicApi.Tests.Fixtures.Conventions;

public class FixtureClient : IAsyncDisposable
{
    public Task SendAsync(string text) => Task.CompletedTask;

    public virtual Task<int> CountAsync(CancellationToken token, string filter) => Task.FromResult(filter.Length);

    public virtual ValueTask PingAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public virtual IAsyncEnumerable<int> StreamAsync() => AsyncEnumerable.Empty<int>();

    public virtual FixtureOutput Get() => new(1);

    // Implements IAsyncDisposable: its shape is the framework's, not ours to judge.
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

public sealed class FixtureLookupResult
{
    public int Count;

    public int Value { get; set; }

    public string Name { get; init; } = string.Empty;

    public int Total { get; }
}

public sealed record FixtureOutput(int X);

public sealed class FixtureClientOptions
{
    public int Retries { get; set; }
}
