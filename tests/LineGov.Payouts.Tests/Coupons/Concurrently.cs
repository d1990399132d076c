namespace LineGov.Payouts.Tests.Coupons;

/// <summary>
/// Starts N calls on N dedicated threads released together by a barrier. Dedicated threads, not pool tasks: 50 pool
/// tasks blocked on a barrier starve a 2-core pool, which then adds about a thread a second.
/// </summary>
internal static class Concurrently
{
    public static Task<T[]> RunAsync<T>(int count, Func<int, ValueTask<T>> call)
    {
        var barrier = new Barrier(count);
        var tasks = Enumerable.Range(0, count)
            .Select(i => Task.Factory.StartNew(
                () =>
                {
                    barrier.SignalAndWait();
                    return call(i).AsTask();
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap())
            .ToArray();
        return WhenAllThenDispose(tasks, barrier);
    }

    private static async Task<T[]> WhenAllThenDispose<T>(Task<T>[] tasks, Barrier barrier)
    {
        using (barrier)
        {
            return await Task.WhenAll(tasks);
        }
    }
}
