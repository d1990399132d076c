namespace LineGov.Payouts.Points;

/// <summary>
/// Seeded, order-independent draws for fault injection: a draw is a hash of the seed, the idempotency key and the
/// call's number for that key, so a run repeats whatever order concurrent calls arrive in (System.Random is banned
/// here, and its sequence would depend on arrival order anyway).
/// </summary>
internal static class FaultDraw
{
    /// <summary>A number in [0, 1).</summary>
    public static double Unit(int seed, string key, int callNumber)
    {
        var h = 14695981039346656037UL; // FNV-1a over the key's UTF-16 code units
        foreach (var c in key)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h = Mix(h ^ Mix((ulong)(uint)seed) ^ Mix((ulong)(uint)callNumber + 0x9E3779B97F4A7C15UL));
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>SplitMix64's finaliser.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
