using System.Globalization;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>
/// Ids the emulator hands out (request ids, message ids, tokens, webhook event ids): unique by a counter, shaped like
/// LINE's, and derived from the seed so a sequential run reproduces them. Not secrets.
/// </summary>
internal sealed class EmulatorIds(ulong seed)
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private long _counter;

    public ulong Seed { get; } = seed;

    /// <summary>SplitMix64's finalizer: a cheap, well-mixed 64-bit hash.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private long Next() => Interlocked.Increment(ref _counter);

    private ulong Random(long n, ulong salt) => Mix(Seed ^ Mix((ulong)n ^ salt));

    /// <summary>A UUID-shaped request id; the last 48 bits are the counter, so ids never repeat.</summary>
    public string RequestId()
    {
        var n = Next();
        var r = Random(n, 0x1);
        return string.Create(CultureInfo.InvariantCulture,
            $"{(uint)(r >> 32):x8}-{(ushort)(r >> 16):x4}-4{(ushort)r & 0xfff:x3}-{0x8000 | (int)((ulong)n >> 48 & 0x3fff):x4}-{(ulong)n & 0xffffffffffffUL:x12}");
    }

    /// <summary>An 18-digit numeric message id, as LINE's.</summary>
    public string MessageId() => (500_000_000_000_000_000L + Next()).ToString(CultureInfo.InvariantCulture);

    /// <summary>An opaque token of <paramref name="hexLength"/> hex digits (the counter is folded in so it is unique).</summary>
    public string Token(int hexLength = 32, ulong salt = 0x2)
    {
        var n = Next();
        var chars = new char[hexLength];
        var block = 0UL;
        for (var i = 0; i < hexLength; i++)
        {
            if (i % 16 == 0)
            {
                block = Random(n, salt + (ulong)i);
            }

            chars[i] = "0123456789abcdef"[(int)(block >> (60 - (i % 16 * 4)) & 0xf)];
        }

        // The last 12 digits carry the counter: tokens never collide.
        var tail = ((ulong)n).ToString("x12", CultureInfo.InvariantCulture);
        if (hexLength >= 24)
        {
            tail.AsSpan().CopyTo(chars.AsSpan(hexLength - tail.Length));
        }

        return new string(chars);
    }

    /// <summary>A base64url-looking opaque string (quote tokens, access tokens).</summary>
    public string Opaque(int length, ulong salt)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var n = Next();
        var chars = new char[length];
        var block = 0UL;
        for (var i = 0; i < length; i++)
        {
            if (i % 10 == 0)
            {
                block = Random(n, salt + (ulong)i);
            }

            chars[i] = Alphabet[(int)(block >> (i % 10 * 6) & 0x3f)];
        }

        var counter = ((ulong)n).ToString("x", CultureInfo.InvariantCulture);
        if (length > counter.Length + 8)
        {
            counter.AsSpan().CopyTo(chars.AsSpan(length - counter.Length));
        }

        return new string(chars);
    }

    /// <summary>A ULID (26 Crockford base-32 characters: 48-bit millisecond time, 80 bits that include the counter).</summary>
    public string Ulid(DateTimeOffset time)
    {
        var n = Next();
        var ms = (ulong)Math.Max(0, time.ToUnixTimeMilliseconds()) & 0xFFFF_FFFF_FFFFUL;
        var random = Random(n, 0x3);
        // 128 bits: time (48) | random (32) | counter (48).
        var high = (ms << 16) | (random >> 48);
        var low = (random << 48) | ((ulong)n & 0xFFFF_FFFF_FFFFUL);
        var value = ((UInt128)high << 64) | low;
        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Crockford[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }
}
