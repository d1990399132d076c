namespace LineGov.Payouts.Tests.Coupons;

/// <summary>A clock the test moves by hand (the Payouts tests had none).</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public static DateTimeOffset Start { get; } = new(2025, 4, 1, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider()
        : this(Start)
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);

    public void SetUtcNow(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);
}
