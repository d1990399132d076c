using System.Diagnostics.CodeAnalysis;

// Public types whose only purpose is to be rendered by PublicApiRendererTests; each shows one feature.
namespace LineGov.PublicApi.Tests.Fixtures;

[Flags]
public enum FixtureFlags : byte
{
    None = 0,
    A = 1,
    B = 2,
    [Obsolete("Use A.")]
    Old = 4,
}

public delegate void FixtureHandler<in T>(T value, CancellationToken cancellationToken);

public interface IFixtureStore<T>
    where T : notnull
{
    T? Current { get; }

    IAsyncEnumerable<T> ReadAllAsync(CancellationToken cancellationToken = default);
}

public record FixtureRecord(string Name, int Count);

public readonly record struct FixtureRecordStruct(int X);

public abstract class FixtureBase
{
    public virtual int Weight => 1;

    protected abstract void Run();
}

public class FixtureService : FixtureBase, IDisposable
{
    public const string Header = "Fixture/1 \"quoted\"";

    public IReadOnlyList<string?> Items { get; } = [];

    public string Name { get; init; } = string.Empty;

    public int Count { get; protected set; }

    public required string Key { get; set; }

    public override int Weight => 2;

    public event EventHandler? Changed
    {
        add { }
        remove { }
    }

    public FixtureService()
    {
    }

    [SetsRequiredMembers]
    public FixtureService(string key) => Key = key;

    public static FixtureService Create() => new() { Key = "k" };

    public virtual ValueTask<string?> FindAsync(string id, CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(id);

    public string[]? Lookup(Dictionary<string, int?> map) => map.Count == 0 ? null : [.. map.Keys];

    public bool TryGet(string key, [NotNullWhen(true)] out string? value)
    {
        value = key.Length > 0 ? key : null;
        return value is not null;
    }

    public void Refs(ref int a, in long b, params string[] rest) => a += (int)b + rest.Length;

    public void Defaults(FixtureFlags flags = FixtureFlags.A | FixtureFlags.B, double ratio = 0.5, char separator = '\u3000', string? text = null, DateTimeOffset? at = null)
    {
    }

    public (string Name, int? Count) Pair() => (Name, Count);

    public void Nested(ref List<string?>? list, (int A, (string? B, int C) Inner)? pair, KeyValuePair<string, object?>? entry) => list = null;

    public T? Default<T>(T value = default!) => value;

    public T Echo<T>(T value)
        where T : class? => value;

    public TKey First<TKey>(IEnumerable<TKey> keys)
        where TKey : notnull => keys.First();

    [Obsolete("Use FindAsync.")]
    public void Old()
    {
    }

    public void Dispose() => GC.SuppressFinalize(this);

    protected override void Run()
    {
    }
}

public static class FixtureExtensions
{
    public static string? Shout(this string? text, int times = 3) => text is null ? null : string.Concat(Enumerable.Repeat(text, times));
}
