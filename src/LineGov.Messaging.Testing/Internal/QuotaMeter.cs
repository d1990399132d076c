namespace LineGov.Messaging.Testing.Internal;

/// <summary>
/// The month's message count. LINE's month is the calendar month in Japan (UTC+9): usage starts again at 0 on the 1st
/// at 00:00 JST.
/// </summary>
internal sealed class QuotaMeter
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private readonly Lock _gate = new();
    private int _month = -1;
    private long _used;

    private static int MonthOf(DateTimeOffset now)
    {
        var japan = now.ToOffset(Jst);
        return (japan.Year * 12) + japan.Month;
    }

    private void Roll(DateTimeOffset now)
    {
        var month = MonthOf(now);
        if (month != _month)
        {
            _month = month;
            _used = 0;
        }
    }

    /// <summary>Counts <paramref name="messages"/> unless that would pass <paramref name="limit"/>.</summary>
    public bool TryConsume(long messages, long? limit, DateTimeOffset now)
    {
        lock (_gate)
        {
            Roll(now);
            if (limit is { } max && _used + messages > max)
            {
                return false;
            }

            _used += messages;
            return true;
        }
    }

    /// <summary>How many more messages fit this month (long.MaxValue without a limit).</summary>
    public long Remaining(long? limit, DateTimeOffset now)
    {
        lock (_gate)
        {
            Roll(now);
            return limit is { } max ? Math.Max(0, max - _used) : long.MaxValue;
        }
    }

    public long Used(DateTimeOffset now)
    {
        lock (_gate)
        {
            Roll(now);
            return _used;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _used = 0;
        }
    }
}
