using System.Collections.Frozen;
using System.Text;

namespace LineGov.Eligibility;

/// <summary>
/// Kanji-variant folding over <see cref="KanjiVariantTable"/>: every member of a group maps straight to the group's
/// representative, so folding is one lookup, never a chain, and the same for every member.
/// </summary>
internal static class KanjiVariants
{
    /// <summary>
    /// One bit per BMP scalar: set when the scalar is a variant. Most characters of most names are not, and a bit test
    /// is cheaper than a dictionary lookup.
    /// </summary>
    private static readonly ulong[] BmpVariants = new ulong[0x10000 / 64];

    /// <summary>Variant → representative; representatives are not keys (they fold to themselves).</summary>
    internal static readonly FrozenDictionary<int, int> Map;

    /// <summary>The groups as parsed, representative first (for tests and documentation).</summary>
    internal static readonly IReadOnlyList<int[]> Groups;

#pragma warning disable CA1810 // The fields come from one parse; an initializer per field would parse again.
    static KanjiVariants()
#pragma warning restore CA1810
    {
        var groups = Parse(KanjiVariantTable.Groups);
        var map = BuildMap(groups);
        Groups = groups;
        Map = map.ToFrozenDictionary();
        foreach (var variant in map.Keys)
        {
            if (variant <= 0xFFFF)
            {
                BmpVariants[variant >> 6] |= 1UL << (variant & 63);
            }
        }
    }

    /// <summary>The representative of <paramref name="scalar"/>'s group, or the scalar itself.</summary>
    internal static int Fold(int scalar)
    {
        if (scalar <= 0xFFFF)
        {
            return (BmpVariants[scalar >> 6] & (1UL << (scalar & 63))) == 0 ? scalar : Map[scalar];
        }

        return Map.TryGetValue(scalar, out var representative) ? representative : scalar;
    }

    /// <summary>Variant → representative, refusing a character that appears in two groups.</summary>
    internal static Dictionary<int, int> BuildMap(IReadOnlyList<int[]> groups)
    {
        var map = new Dictionary<int, int>();
        var seen = new HashSet<int>();
        foreach (var group in groups)
        {
            foreach (var member in group)
            {
                // A character in two groups would make folding depend on the order of the lines: refuse the table.
                if (!seen.Add(member))
                {
                    throw new InvalidOperationException($"Kanji-variant table: U+{member:X4} appears in more than one group.");
                }
            }

            for (var i = 1; i < group.Length; i++)
            {
                map.Add(group[i], group[0]);
            }
        }

        return map;
    }

    /// <summary>Parses the table text: one group a line, <c>#</c> lines skipped.</summary>
    internal static List<int[]> Parse(string text)
    {
        var groups = new List<int[]>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var members = new List<int>();
            foreach (var rune in line.EnumerateRunes())
            {
                members.Add(rune.Value);
            }

            if (members.Count < 2 || members.Contains(Rune.ReplacementChar.Value))
            {
                throw new InvalidOperationException("Kanji-variant table: a group needs a representative and at least one variant.");
            }

            groups.Add([.. members]);
        }

        return groups;
    }
}
