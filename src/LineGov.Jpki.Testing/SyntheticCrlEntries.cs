namespace LineGov.Jpki.Testing;

/// <summary>
/// Generates revokedCertificates entries straight into a buffer, without an object per entry: a deterministic
/// (SplitMix64) sequence, so the same seed gives the same bytes and the length can be measured in a first pass.
/// </summary>
internal sealed class SyntheticCrlEntries
{
    /// <summary>No entry is longer: 2 (SEQUENCE) + 18 (serial) + 17 (time) + 2 + 12 + 26 (extensions).</summary>
    private const int MaxEntryLength = 80;

    private static readonly long YearTicks = TimeSpan.FromDays(365).Ticks;

    private readonly int _count;
    private readonly long _seed;
    private readonly long _startTicks;
    private readonly long _stepTicks;
    private ulong _state;
    private int _next;

    public SyntheticCrlEntries(int count, long seed, DateTimeOffset thisUpdate)
    {
        if (count > 0x6FFF_FFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "At most 1,879,048,191 synthetic entries.");
        }

        _count = count;
        _seed = seed;
        _startTicks = thisUpdate.UtcTicks - YearTicks;
        _stepTicks = Math.Max(1, YearTicks / Math.Max(1, count));
        Reset();
    }

    public void Reset()
    {
        _state = unchecked((ulong)_seed);
        _next = 0;
    }

    public long MeasureLength()
    {
        Span<byte> scratch = stackalloc byte[MaxEntryLength];
        Reset();
        long total = 0;
        while (_next < _count)
        {
            total += WriteEntry(scratch);
        }

        Reset();
        return total;
    }

    /// <summary>Writes whole entries into <paramref name="buffer"/> and returns how many bytes; 0 when done.</summary>
    public int Fill(Span<byte> buffer)
    {
        var written = 0;
        while (_next < _count && buffer.Length - written >= MaxEntryLength)
        {
            written += WriteEntry(buffer[written..]);
        }

        return written;
    }

    private int WriteEntry(Span<byte> output)
    {
        var index = _next++;
        var r = NextRandom();
        var serialLength = (r & 0xFF) switch
        {
            < 154 => 4,
            < 205 => 5,
            < 230 => 6,
            < 243 => 8,
            _ => 16,
        };

        // CRLReason codes: 3 affiliationChanged, 5 cessationOfOperation, 4 superseded, 1 keyCompromise, 6 certificateHold, none.
        var reason = ((r >> 8) & 0xFF) switch
        {
            < 115 => 3,
            < 179 => 5,
            < 217 => 4,
            < 238 => 1,
            < 243 => 6,
            _ => -1,
        };

        var revokedTicks = _startTicks + (index * _stepTicks) + (long)((r >> 32) % (ulong)_stepTicks);
        revokedTicks -= revokedTicks % TimeSpan.TicksPerSecond;
        var hasInvalidity = reason == 1 && ((r >> 16) & 0x3) == 0;

        var p = 2;
        output[p++] = 0x02;
        output[p++] = (byte)serialLength;
        var random = NextRandom();
        if (serialLength == 4)
        {
            WriteUInt32(output[p..], 0x1000_0000u + (uint)index);
        }
        else
        {
            // A non-zero, positive first byte keeps the INTEGER minimal and the length class distinct; the last four
            // bytes are the index, so serials never repeat.
            output[p] = (byte)(1 + (random % 0x7F));
            for (var i = 1; i < serialLength - 4; i++)
            {
                random = (random >> 8) | (random << 56);
                output[p + i] = (byte)random;
            }

            WriteUInt32(output[(p + serialLength - 4)..], (uint)index);
        }

        p += serialLength;
        p += WriteTime(output[p..], new DateTime(revokedTicks, DateTimeKind.Utc), forceGeneralized: false);

        if (reason >= 0)
        {
            var extensionsStart = p;
            p += 2;
            ReadOnlySpan<byte> reasonPrefix = [0x30, 0x0A, 0x06, 0x03, 0x55, 0x1D, 0x15, 0x04, 0x03, 0x0A, 0x01];
            reasonPrefix.CopyTo(output[p..]);
            p += reasonPrefix.Length;
            output[p++] = (byte)reason;
            if (hasInvalidity)
            {
                ReadOnlySpan<byte> invalidityPrefix = [0x30, 0x18, 0x06, 0x03, 0x55, 0x1D, 0x18, 0x04, 0x11];
                invalidityPrefix.CopyTo(output[p..]);
                p += invalidityPrefix.Length;
                var invalidTicks = revokedTicks - (TimeSpan.TicksPerDay * (long)((r >> 20) % 30)) - TimeSpan.TicksPerHour;
                p += WriteTime(output[p..], new DateTime(Math.Max(invalidTicks, 0), DateTimeKind.Utc), forceGeneralized: true);
            }

            output[extensionsStart] = 0x30;
            output[extensionsStart + 1] = (byte)(p - extensionsStart - 2);
        }

        output[0] = 0x30;
        output[1] = (byte)(p - 2);
        return p;
    }

    private ulong NextRandom()
    {
        // SplitMix64: fast, deterministic, good enough to spread test data (never used for secrets).
        var z = _state += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }

    private static void WriteUInt32(Span<byte> output, uint value)
    {
        output[0] = (byte)(value >> 24);
        output[1] = (byte)(value >> 16);
        output[2] = (byte)(value >> 8);
        output[3] = (byte)value;
    }

    /// <summary>UTCTime (1950-2049) or GeneralizedTime, whole seconds, with Z.</summary>
    private static int WriteTime(Span<byte> output, DateTime time, bool forceGeneralized)
    {
        var generalized = forceGeneralized || time.Year is < 1950 or >= 2050;
        var p = 0;
        output[p++] = generalized ? (byte)0x18 : (byte)0x17;
        output[p++] = generalized ? (byte)15 : (byte)13;
        if (generalized)
        {
            Digits(output[p..], time.Year / 100);
            p += 2;
        }

        Digits(output[p..], time.Year % 100);
        Digits(output[(p + 2)..], time.Month);
        Digits(output[(p + 4)..], time.Day);
        Digits(output[(p + 6)..], time.Hour);
        Digits(output[(p + 8)..], time.Minute);
        Digits(output[(p + 10)..], time.Second);
        output[p + 12] = (byte)'Z';
        return p + 13;
    }

    private static void Digits(Span<byte> output, int value)
    {
        output[0] = (byte)('0' + (value / 10));
        output[1] = (byte)('0' + (value % 10));
    }
}
