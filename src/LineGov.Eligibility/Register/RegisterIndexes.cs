using System.Numerics;

namespace LineGov.Eligibility;

/// <summary>
/// An open-addressing table from a string key (ordinal) to an int, storing only the ints: the key of a stored value is
/// read back through <see cref="KeyOf"/> (e.g. the resident id of a row), so millions of keys cost 4–8 bytes each instead
/// of a dictionary entry plus a second reference to the string.
/// </summary>
internal sealed class OrdinalIndex
{
    private int[] _slots; // value + 1; 0 = empty
    private int _mask;

    public OrdinalIndex(Func<int, string> keyOf, int capacity = 1024)
    {
        KeyOf = keyOf;
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _slots = new int[size];
        _mask = size - 1;
    }

    /// <summary>Reads the key of a stored value; replaced when the values' owner moves (builder → register).</summary>
    public Func<int, string> KeyOf { get; set; }

    public int Count { get; private set; }

    /// <summary>The value stored for <paramref name="key"/>, or -1.</summary>
    public int Find(ReadOnlySpan<char> key)
    {
        var slot = string.GetHashCode(key) & _mask;
        while (true)
        {
            var stored = _slots[slot];
            if (stored == 0)
            {
                return -1;
            }

            if (key.SequenceEqual(KeyOf(stored - 1)))
            {
                return stored - 1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>; false (and the value already there) when the key is present.</summary>
    public bool TryAdd(string key, int value, out int existing)
    {
        existing = Find(key);
        if (existing >= 0)
        {
            return false;
        }

        if ((Count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        Insert(string.GetHashCode(key), value);
        Count++;
        return true;
    }

    private void Insert(int hash, int value)
    {
        var slot = hash & _mask;
        while (_slots[slot] != 0)
        {
            slot = (slot + 1) & _mask;
        }

        _slots[slot] = value + 1;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new int[old.Length * 2];
        _mask = _slots.Length - 1;
        foreach (var stored in old)
        {
            if (stored != 0)
            {
                Insert(string.GetHashCode(KeyOf(stored - 1)), stored - 1);
            }
        }
    }
}

/// <summary>Deduplicates strings that repeat across rows (household ids, addresses, names, 続柄) while a register is read.</summary>
internal sealed class StringPool
{
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        if (_lookup.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        pooled = value.ToString();
        _strings.Add(pooled);
        return pooled;
    }
}

/// <summary>Collects residents for a <see cref="ResidentRegister"/>, refusing a second row with the same resident id.</summary>
internal sealed class ResidentRegisterBuilder
{
    private Resident[] _rows = new Resident[1024];
    private int _count;
    private readonly OrdinalIndex _ids;

    public ResidentRegisterBuilder() => _ids = new OrdinalIndex(row => _rows[row].ResidentId);

    public int Count => _count;

    /// <summary>The row of the resident with this id, or -1.</summary>
    public int FindRow(ReadOnlySpan<char> residentId) => _ids.Find(residentId);

    /// <summary>Adds the resident; false (and the row already holding its id) when the id is taken.</summary>
    public bool TryAdd(Resident resident, out int existingRow)
    {
        if (_count == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
        }

        _rows[_count] = resident;
        if (!_ids.TryAdd(resident.ResidentId, _count, out existingRow))
        {
            _rows[_count] = null!;
            return false;
        }

        _count++;
        return true;
    }

    /// <summary>Builds the register; the builder is spent.</summary>
    public ResidentRegister Build()
    {
        Array.Resize(ref _rows, _count);
        return new ResidentRegister(_rows, _ids);
    }
}
