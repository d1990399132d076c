using System.Runtime.InteropServices;

namespace LineGov.Jpki;

/// <summary>
/// The revoked serial numbers of one CRL in a compact, read-only form: serial bytes packed in one array, revocation
/// times as seconds, reasons as bytes, and an open-addressing hash table of entry numbers. About 30 bytes per entry
/// for 16-byte serials; a lookup hashes the serial once and compares a few bytes.
/// </summary>
internal sealed class CrlIndex
{
    public const byte NoReason = 0xFF;

    /// <summary>Seconds are counted from here: 1950 is the earliest UTCTime, and a uint reaches 2086.</summary>
    private static readonly DateTimeOffset Epoch = new(1950, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly byte[] _serials;
    private readonly int[] _serialOffsets;
    private readonly uint[] _revocationSeconds;
    private readonly byte[] _reasons;
    private readonly int[] _table;
    private readonly int _mask;
    private readonly Dictionary<int, DateTimeOffset>? _invalidityDates;
    private readonly Dictionary<int, DateTimeOffset>? _outOfRangeDates;
    private readonly (int FirstEntry, GeneralNameValue[] Issuer)[] _issuerRuns;

    private CrlIndex(Builder builder)
    {
        Count = builder.Count;
        _serials = builder.Serials.AsSpan(0, builder.SerialLength).ToArray();
        _serialOffsets = builder.Offsets.AsSpan(0, builder.Count + 1).ToArray();
        _revocationSeconds = builder.Seconds.AsSpan(0, builder.Count).ToArray();
        _reasons = builder.Reasons.AsSpan(0, builder.Count).ToArray();
        _invalidityDates = builder.InvalidityDates;
        _outOfRangeDates = builder.OutOfRangeDates;
        _issuerRuns = [.. builder.IssuerRuns];

        var size = 16;
        while (size < Count + (Count / 3))
        {
            size <<= 1;
        }

        _table = new int[size];
        _mask = size - 1;
        for (var i = 0; i < Count; i++)
        {
            var slot = Hash(Serial(i)) & _mask;
            while (_table[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _table[slot] = i + 1;
        }
    }

    public int Count { get; }

    public bool HasIssuerRuns => _issuerRuns.Length > 0;

    /// <summary>Managed bytes the index holds (arrays and side tables), for the memory-per-entry figure.</summary>
    public long MemoryBytes =>
        _serials.Length + (_serialOffsets.Length * 4L) + (_revocationSeconds.Length * 4L) + _reasons.Length + (_table.Length * 4L) +
        ((_invalidityDates?.Count ?? 0) * 32L) + ((_outOfRangeDates?.Count ?? 0) * 32L) + (_issuerRuns.Length * 24L) + (6 * 24);

    public ReadOnlySpan<byte> Serial(int index) => _serials.AsSpan(_serialOffsets[index], _serialOffsets[index + 1] - _serialOffsets[index]);

    public DateTimeOffset RevocationDate(int index) =>
        _outOfRangeDates is not null && _outOfRangeDates.TryGetValue(index, out var date) ? date : Epoch.AddSeconds(_revocationSeconds[index]);

    public byte Reason(int index) => _reasons[index];

    public DateTimeOffset? InvalidityDate(int index) =>
        _invalidityDates is not null && _invalidityDates.TryGetValue(index, out var date) ? date : null;

    /// <summary>The certificateIssuer in force for an entry of an indirect CRL (null = the CRL's issuer).</summary>
    public GeneralNameValue[]? IssuerOf(int index)
    {
        GeneralNameValue[]? issuer = null;
        foreach (var (first, names) in _issuerRuns)
        {
            if (first > index)
            {
                break;
            }

            issuer = names;
        }

        return issuer;
    }

    /// <summary>Every entry with this serial (an indirect CRL may list one serial for several issuers).</summary>
    public IndexMatches Find(ReadOnlySpan<byte> serial) => new(this, serial);

    private int FirstSlot(ReadOnlySpan<byte> serial) => Hash(serial) & _mask;

    private static int Hash(ReadOnlySpan<byte> serial)
    {
        // Serials are random or sequential: fold the bytes into a 32-bit value and mix it (a multiplicative hash).
        ulong h = (ulong)serial.Length;
        var i = 0;
        for (; i + 8 <= serial.Length; i += 8)
        {
            h = (h ^ MemoryMarshal.Read<ulong>(serial[i..])) * 0x9E3779B97F4A7C15UL;
            h ^= h >> 29;
        }

        for (; i < serial.Length; i++)
        {
            h = (h ^ serial[i]) * 0x100000001B3UL;
        }

        h ^= h >> 32;
        return (int)(h * 0x9E3779B97F4A7C15UL >> 33);
    }

    /// <summary>Entries whose serial equals the one asked, enumerated without allocating.</summary>
    public ref struct IndexMatches
    {
        private readonly CrlIndex _index;
        private readonly ReadOnlySpan<byte> _serial;
        private int _slot;
        private bool _started;

        public IndexMatches(CrlIndex index, ReadOnlySpan<byte> serial)
        {
            _index = index;
            _serial = serial;
            _slot = index.FirstSlot(serial);
            _started = false;
            Current = -1;
        }

        public int Current { get; private set; }

        public readonly IndexMatches GetEnumerator() => this;

        public bool MoveNext()
        {
            var table = _index._table;
            if (_started)
            {
                _slot = (_slot + 1) & _index._mask;
            }

            _started = true;
            while (table[_slot] != 0)
            {
                var entry = table[_slot] - 1;
                if (_index.Serial(entry).SequenceEqual(_serial))
                {
                    Current = entry;
                    return true;
                }

                _slot = (_slot + 1) & _index._mask;
            }

            return false;
        }
    }

    /// <summary>Accumulates entries while a CRL streams past, then freezes into an index.</summary>
    public sealed class Builder
    {
        public int Count;
        public byte[] Serials = new byte[4096];
        public int SerialLength;
        public int[] Offsets = new int[257];
        public uint[] Seconds = new uint[256];
        public byte[] Reasons = new byte[256];
        public Dictionary<int, DateTimeOffset>? InvalidityDates;
        public Dictionary<int, DateTimeOffset>? OutOfRangeDates;
        public List<(int, GeneralNameValue[])> IssuerRuns = [];

        public void Add(ReadOnlySpan<byte> serial, DateTimeOffset revocationDate, byte reason, DateTimeOffset? invalidityDate)
        {
            if (Count == Seconds.Length)
            {
                var capacity = Count * 2;
                Array.Resize(ref Seconds, capacity);
                Array.Resize(ref Reasons, capacity);
                Array.Resize(ref Offsets, capacity + 1);
            }

            if (SerialLength + serial.Length > Serials.Length)
            {
                Array.Resize(ref Serials, Math.Max(Serials.Length * 2, SerialLength + serial.Length));
            }

            serial.CopyTo(Serials.AsSpan(SerialLength));
            SerialLength += serial.Length;
            var seconds = (revocationDate - Epoch).TotalSeconds;
            if (seconds is >= 0 and <= uint.MaxValue && revocationDate.Ticks % TimeSpan.TicksPerSecond == 0)
            {
                Seconds[Count] = (uint)seconds;
            }
            else
            {
                (OutOfRangeDates ??= [])[Count] = revocationDate;
            }

            Reasons[Count] = reason;
            if (invalidityDate is { } invalidity)
            {
                (InvalidityDates ??= [])[Count] = invalidity;
            }

            Count++;
            Offsets[Count] = SerialLength;
        }

        public void StartIssuerRun(GeneralNameValue[] issuer) => IssuerRuns.Add((Count, issuer));

        public CrlIndex Build() => new(this);
    }
}
