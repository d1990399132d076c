using System.Numerics;
using System.Runtime.InteropServices;
using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>
/// The residents register (住民基本台帳), indexed to match a verified identity to exactly one resident as of a reference
/// date, and to list a household's members on that date. Immutable and thread-safe once built.
/// </summary>
/// <remarks>
/// <para>
/// Built for millions of rows: the indexes are sorted arrays of ints and longs plus open-addressing tables of row
/// numbers (no per-row dictionary entries), keyed by (date of birth, hash of the folded name); a match costs one name
/// fold, one table probe and a comparison with the one or two residents found.
/// </para>
/// <para>
/// Matching rules (<see cref="Match"/>): a candidate has the same date of birth, a compatible gender (equal, or either
/// side unknown) and a name that <see cref="JapaneseNames.Match"/> accepts. Of the candidates who were residents on the
/// reference date, exactly one → <see cref="ResidentMatchOutcome.Matched"/>; none → <see cref="ResidentMatchOutcome.NotFound"/>;
/// several → those whose normalized address equals the verified one (then those in the same municipality and town)
/// are preferred, and if that still leaves several → <see cref="ResidentMatchOutcome.Ambiguous"/>. Candidates who match
/// but were not residents on the date (moved in later, removed before) are listed for staff with
/// <see cref="ResidentCandidate.IsResidentOnReferenceDate"/> false; when one of them is registered at an address closer
/// to the verified one than the resident who would be matched, the applicant may be that person and the outcome is
/// <see cref="ResidentMatchOutcome.Ambiguous"/>.
/// </para>
/// <para>
/// An unknown date of birth (JPKI era code 0) never matches automatically: the candidates are the residents with the
/// same name (any date of birth) and the outcome is <see cref="ResidentMatchOutcome.Ambiguous"/> when any of them was a
/// resident on the date, <see cref="ResidentMatchOutcome.NotFound"/> otherwise — staff decide. A name with JPKI
/// alternate characters (代替文字) cannot be looked up by its folded form, so its date-of-birth bucket is scanned
/// instead; with an unknown date of birth as well, there is nothing to narrow the search and the result is
/// <see cref="ResidentMatchOutcome.NotFound"/> without candidates.
/// </para>
/// </remarks>
public sealed class ResidentRegister
{
    private readonly Resident[] _residents;
    private readonly OrdinalIndex _byId;

    // Households in CSR form: the rows of household h are _householdMembers[_householdStarts[h] .. _householdStarts[h + 1]].
    private readonly OrdinalIndex _householdById;
    private readonly int[] _householdStarts;
    private readonly int[] _householdMembers;

    // (date of birth day number << 32 | folded-name hash), sorted, with the row of each; a date of birth is a contiguous
    // run, which is what a name with alternate characters scans.
    // Key and row side by side (12 bytes): a lookup touches one cache line for both.
    private readonly IdentityEntry[] _identities;

    // Open addressing over the distinct identity keys: the first index of the key's run + 1; 0 = empty.
    private readonly IdentitySlot[] _identitySlots;
    private readonly int _identitySlotShift;

    // Folded-name hashes, sorted, with the row of each: candidates by name alone, for an unknown date of birth.
    private readonly uint[] _nameHashes;
    private readonly int[] _nameRows;

    internal ResidentRegister(Resident[] residents, OrdinalIndex byId)
    {
        _residents = residents;
        _byId = byId;
        _byId.KeyOf = row => _residents[row].ResidentId;

        (_householdById, _householdStarts, _householdMembers) = BuildHouseholds(residents);
        _householdById.KeyOf = household => _residents[_householdMembers[_householdStarts[household]]].HouseholdId;

        (_identities, _nameHashes, _nameRows) = BuildIdentityKeys(residents);
        (_identitySlots, _identitySlotShift) = BuildIdentitySlots(_identities, residents);
    }

    /// <summary>The number of residents (rows), removed ones included.</summary>
    public int Count => _residents.Length;

    /// <summary>The number of households (世帯), removed members included.</summary>
    internal int HouseholdCount => _householdStarts.Length - 1;

    /// <summary>Every resident in the order they were added (for reports and tests; do not scan it to match).</summary>
    internal IReadOnlyList<Resident> Residents => _residents;

    /// <summary>Builds a register from residents.</summary>
    /// <exception cref="ArgumentException">Two residents share a <see cref="Resident.ResidentId"/>.</exception>
    public static ResidentRegister Create(IEnumerable<Resident> residents)
    {
        ArgumentNullException.ThrowIfNull(residents);
        var builder = new ResidentRegisterBuilder();
        foreach (var resident in residents)
        {
            ArgumentNullException.ThrowIfNull(resident, nameof(residents));
            if (!builder.TryAdd(resident, out _))
            {
                // The id itself stays out of the message: it identifies a person.
                throw new ArgumentException($"Two residents share a resident id (the second is number {builder.Count + 1} in the sequence).", nameof(residents));
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// Whether the register file had rows for this household that were not imported (bad rows): the household's members
    /// as of a date may then be incomplete, and a decision that counts them needs staff review.
    /// </summary>
    public bool HasRejectedRows(string householdId)
    {
        ArgumentNullException.ThrowIfNull(householdId);
        return RejectedHouseholds?.Contains(householdId) == true;
    }

    /// <summary>The households with rejected rows, set by the CSV import.</summary>
    internal HashSet<string>? RejectedHouseholds { get; set; }

    /// <summary>The resident with this id, or null.</summary>
    public Resident? Find(string residentId)
    {
        ArgumentNullException.ThrowIfNull(residentId);
        var row = _byId.Find(residentId);
        return row < 0 ? null : _residents[row];
    }

    /// <summary>The members of a household who were residents on <paramref name="asOf"/>, in register order.</summary>
    public IReadOnlyList<Resident> HouseholdMembers(string householdId, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(householdId);
        var household = _householdById.Find(householdId);
        if (household < 0)
        {
            return [];
        }

        var members = new List<Resident>(_householdStarts[household + 1] - _householdStarts[household]);
        for (var i = _householdStarts[household]; i < _householdStarts[household + 1]; i++)
        {
            var resident = _residents[_householdMembers[i]];
            if (resident.IsResidentOn(asOf))
            {
                members.Add(resident);
            }
        }

        return members;
    }

    /// <summary>
    /// Matches a verified identity (the four facts) to the register as of <paramref name="asOf"/>: the person must have been
    /// a resident on that day with the same date of birth, gender and name (exact, variant-folded or alternate-character);
    /// the address decides between several. See the remarks on <see cref="ResidentRegister"/> for every rule.
    /// </summary>
    public ResidentMatch Match(JpkiFourFacts identity, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var found = new List<Found>(4);
        if (identity.DateOfBirth.Date is not { } dateOfBirth)
        {
            CollectByNameOnly(identity, asOf, found);
            var anyResident = found.Exists(f => f.IsResident);
            return Result(identity, found, anyResident ? ResidentMatchOutcome.Ambiguous : ResidentMatchOutcome.NotFound, null);
        }

        if (identity.Name.HasAlternateCharacters)
        {
            // The flagged characters are J-LIS substitutes, so the folded name is not the register's: scan the day.
            var (start, end) = DateOfBirthRun(dateOfBirth);
            for (var i = start; i < end; i++)
            {
                Consider(identity, _identities[i].Row, asOf, found);
            }
        }
        else
        {
            var key = IdentityKey(dateOfBirth, FoldedNameHash(identity.Name.FullName));
            var slot = FindIdentitySlot(key);
            if (slot.Count == 1)
            {
                // The usual case: one resident with this date of birth and folded name, held by the slot itself.
                var resident = slot.Single!;
                if (!GendersAgree(identity.Gender, resident.Gender))
                {
                    return new ResidentMatch(ResidentMatchOutcome.NotFound, null, []);
                }

                // The same spelling apart from spaces (64-bit check) is an exact match without reading the registered name.
                var nameMatch = slot.Spelling == SpellingCheck(identity.Name.FullName) ? NameMatch.Exact : MatchName(identity.Name, resident.Name);
                if (!nameMatch.IsMatch)
                {
                    return new ResidentMatch(ResidentMatchOutcome.NotFound, null, []);
                }

                var isResident = resident.IsResidentOn(asOf);
                return Lone(isResident ? ResidentMatchOutcome.Matched : ResidentMatchOutcome.NotFound, isResident, resident, nameMatch, isResident, identity.Address);
            }
            else
            {
                for (var i = slot.First; i < slot.First + slot.Count; i++)
                {
                    Consider(identity, _identities[i].Row, asOf, found);
                }
            }
        }

        return Decide(identity, found);
    }

    private ResidentMatch Decide(JpkiFourFacts identity, List<Found> found)
    {
        var residentCount = 0;
        var only = -1;
        for (var i = 0; i < found.Count; i++)
        {
            if (found[i].IsResident)
            {
                residentCount++;
                only = i;
            }
        }

        if (residentCount == 0)
        {
            return Result(identity, found, ResidentMatchOutcome.NotFound, null);
        }

        if (residentCount == 1 && found.Count == 1)
        {
            // No one else to weigh against: the address is compared only if the caller asks.
            return Result(identity, found, ResidentMatchOutcome.Matched, only);
        }

        var scores = ScoreAddresses(identity, found);
        if (residentCount == 1)
        {
            return OutranksOnAddress(found, scores, only)
                ? Result(identity, found, ResidentMatchOutcome.Ambiguous, null, scores)
                : Result(identity, found, ResidentMatchOutcome.Matched, only, scores);
        }

        // Several residents could be the person: the address they are registered at decides, exact address first, then
        // the same town; anything less is for staff.
        var best = 0;
        var bestCount = 0;
        for (var i = 0; i < found.Count; i++)
        {
            if (!found[i].IsResident)
            {
                continue;
            }

            if (scores[i] > best)
            {
                best = scores[i];
                bestCount = 1;
                only = i;
            }
            else if (scores[i] == best)
            {
                bestCount++;
            }
        }

        return best > AddressScore.None && bestCount == 1 && !OutranksOnAddress(found, scores, only)
            ? Result(identity, found, ResidentMatchOutcome.Matched, only, scores)
            : Result(identity, found, ResidentMatchOutcome.Ambiguous, null, scores);
    }

    /// <summary>
    /// Whether a candidate who was not a resident on the date is registered at an address closer to the verified one than
    /// the resident about to be matched: a namesake born the same day who moved in later (or left) and applies with
    /// their own address is then more likely the applicant than the resident, so staff decide.
    /// </summary>
    private static bool OutranksOnAddress(List<Found> found, int[] scores, int chosen)
    {
        for (var i = 0; i < found.Count; i++)
        {
            if (i != chosen && !found[i].IsResident && scores[i] > scores[chosen])
            {
                return true;
            }
        }

        return false;
    }

    private ResidentMatch Result(JpkiFourFacts identity, List<Found> found, ResidentMatchOutcome outcome, int? matched, int[]? scores = null)
    {
        if (found.Count == 0)
        {
            return new ResidentMatch(outcome, null, []);
        }

        if (found.Count == 1 && scores is null)
        {
            return Lone(outcome, matched is not null, _residents[found[0].Row], found[0].NameMatch, found[0].IsResident, identity.Address);
        }

        scores ??= ScoreAddresses(identity, found);
        var candidates = new ResidentCandidate[found.Count];
        for (var i = 0; i < found.Count; i++)
        {
            candidates[i] = new ResidentCandidate(_residents[found[i].Row], found[i].NameMatch, scores[i] > AddressScore.None, found[i].IsResident);
        }

        var match = matched is { } m ? candidates[m] : null;
        if (candidates.Length > 1)
        {
            // Staff read the list top down: the match, then who was a resident on the date, the best address first.
            var order = new int[candidates.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) =>
            {
                var byMatch = (b == matched).CompareTo(a == matched);
                if (byMatch != 0)
                {
                    return byMatch;
                }

                var byResidency = found[b].IsResident.CompareTo(found[a].IsResident);
                return byResidency != 0 ? byResidency : scores[b] != scores[a] ? scores[b].CompareTo(scores[a]) : found[a].Row.CompareTo(found[b].Row);
            });
            var sorted = new ResidentCandidate[candidates.Length];
            for (var i = 0; i < order.Length; i++)
            {
                sorted[i] = candidates[order[i]];
            }

            candidates = sorted;
        }

        return new ResidentMatch(outcome, match, candidates);
    }

    /// <summary>A result with one candidate, decided without its address: the address is compared only if the caller asks.</summary>
    private static ResidentMatch Lone(ResidentMatchOutcome outcome, bool matched, Resident resident, NameMatch nameMatch, bool isResident, JpkiAddress verifiedAddress)
    {
        var lone = new ResidentCandidate(resident, nameMatch, verifiedAddress, isResident);
        return new ResidentMatch(outcome, matched ? lone : null, [lone]);
    }

    private void Consider(JpkiFourFacts identity, int row, DateOnly asOf, List<Found> found)
    {
        var resident = _residents[row];
        if (identity.DateOfBirth.Date is { } dateOfBirth && resident.DateOfBirth != dateOfBirth)
        {
            return;
        }

        if (!GendersAgree(identity.Gender, resident.Gender))
        {
            return;
        }

        var nameMatch = MatchName(identity.Name, resident.Name);
        if (nameMatch.IsMatch)
        {
            found.Add(new Found(row, nameMatch, resident.IsResidentOn(asOf)));
        }
    }

    private void CollectByNameOnly(JpkiFourFacts identity, DateOnly asOf, List<Found> found)
    {
        if (identity.Name.HasAlternateCharacters)
        {
            return;
        }

        var hash = (uint)FoldedNameHash(identity.Name.FullName);
        var i = LowerBound(_nameHashes, hash);
        for (; i < _nameHashes.Length && _nameHashes[i] == hash; i++)
        {
            Consider(identity, _nameRows[i], asOf, found);
        }

        // Register order, so the list reads the same on every call.
        found.Sort((a, b) => a.Row.CompareTo(b.Row));
    }

    /// <summary>
    /// Names identical apart from spaces are an exact match under any normalization, so the common case skips the
    /// normalizing comparison; everything else (widths, variants, alternate characters) is <see cref="JapaneseNames.Match"/>'s call.
    /// </summary>
    private static NameMatch MatchName(JpkiName verified, string registered) =>
        !verified.HasAlternateCharacters && EqualIgnoringWhiteSpace(verified.FullName, registered)
            ? NameMatch.Exact
            : JapaneseNames.Match(verified, registered);

    private static bool GendersAgree(JpkiGender verified, JpkiGender registered) =>
        verified == registered || verified == JpkiGender.Unknown || registered == JpkiGender.Unknown;

    /// <summary>
    /// A 64-bit FNV-1a hash of a name's characters without white space: equal for spellings that differ only in spaces
    /// (what <see cref="EqualIgnoringWhiteSpace"/> compares), and with the key's date of birth and folded-name hash
    /// already equal, a false "same spelling" needs a 64-bit collision between two names of one person's birthday.
    /// </summary>
    private static ulong SpellingCheck(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            if (!char.IsWhiteSpace(c))
            {
                hash = (hash ^ c) * 1099511628211UL;
            }
        }

        return hash;
    }

    private static bool EqualIgnoringWhiteSpace(string a, string b)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && char.IsWhiteSpace(a[i]))
            {
                i++;
            }

            while (j < b.Length && char.IsWhiteSpace(b[j]))
            {
                j++;
            }

            if (i == a.Length || j == b.Length)
            {
                return i == a.Length && j == b.Length;
            }

            if (a[i] != b[j])
            {
                return false;
            }

            i++;
            j++;
        }
    }

    private int[] ScoreAddresses(JpkiFourFacts identity, List<Found> found)
    {
        var scores = new int[found.Count];
        NormalizedAddress? verified = null;
        for (var i = 0; i < found.Count; i++)
        {
            scores[i] = AddressScoreOf(_residents[found[i].Row].Address, identity.Address.Value, ref verified);
        }

        return scores;
    }

    /// <summary>How well a registered address agrees with a verified one: <see cref="AddressScore"/>.</summary>
    internal static int AddressScoreOf(string registered, string verifiedAddress)
    {
        NormalizedAddress? verified = null;
        return AddressScoreOf(registered, verifiedAddress, ref verified);
    }

    private static int AddressScoreOf(string registered, string verifiedAddress, ref NormalizedAddress? verified)
    {
        if (string.Equals(registered, verifiedAddress, StringComparison.Ordinal))
        {
            // J-LIS takes the address from this very register, so equal text is the usual case: no normalizing.
            return AddressScore.Same;
        }

        verified ??= JapaneseAddressNormalizer.Default.Normalize(verifiedAddress);
        var normalized = JapaneseAddressNormalizer.Default.Normalize(registered);
        return string.Equals(normalized.Normalized, verified.Normalized, StringComparison.Ordinal) ? AddressScore.Same
            : normalized.Town is not null
                && string.Equals(normalized.Prefecture, verified.Prefecture, StringComparison.Ordinal)
                && string.Equals(normalized.Municipality, verified.Municipality, StringComparison.Ordinal)
                && string.Equals(normalized.Town, verified.Town, StringComparison.Ordinal) ? AddressScore.SameTown
            : AddressScore.None;
    }

    /// <summary>
    /// The slot of <paramref name="key"/>, or an empty one (Count 0). The keys sit in the slots, so a probe touches only
    /// the slot table: on a register of millions every other array read is a cache miss.
    /// </summary>
    private IdentitySlot FindIdentitySlot(ulong key)
    {
        var mask = _identitySlots.Length - 1;
        var slot = SlotOf(key, _identitySlotShift);
        while (true)
        {
            ref readonly var stored = ref _identitySlots[slot];
            if (stored.Count == 0 || stored.Key == key)
            {
                return stored;
            }

            slot = (slot + 1) & mask;
        }
    }

    private (int Start, int End) DateOfBirthRun(DateOnly dateOfBirth)
    {
        var start = LowerBound(_identities, IdentityKey(dateOfBirth, 0));
        var end = LowerBound(_identities, IdentityKey(dateOfBirth.AddDays(1), 0));
        return (start, end);
    }

    private static int LowerBound(IdentityEntry[] sorted, ulong key)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (sorted[mid].Key < key)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static int LowerBound<T>(T[] sorted, T value)
        where T : IComparable<T>
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (sorted[mid].CompareTo(value) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    // string.GetHashCode is randomized per process, which is fine: the index lives and dies in memory. Collisions only
    // cost a comparison: every candidate's name is still matched.
    private static int NameHash(string folded) => string.GetHashCode(folded.AsSpan());

    /// <summary>The same as <c>NameHash(JapaneseNames.Fold(name))</c>, without creating the folded string.</summary>
    private static int FoldedNameHash(string name) => NameText.NormalizedHashCode(name, NameText.Then.FoldVariants);

    private static ulong IdentityKey(DateOnly dateOfBirth, int nameHash) =>
        ((ulong)(uint)dateOfBirth.DayNumber << 32) | (uint)nameHash;

    private static int SlotOf(ulong key, int shift) => (int)((key * 0x9E3779B97F4A7C15UL) >> shift);

    private static (OrdinalIndex ById, int[] Starts, int[] Members) BuildHouseholds(Resident[] residents)
    {
        var householdOfRow = new int[residents.Length];
        var firstRows = new List<int>();
        var index = new OrdinalIndex(household => residents[firstRows[household]].HouseholdId, residents.Length / 2);
        for (var row = 0; row < residents.Length; row++)
        {
            if (index.TryAdd(residents[row].HouseholdId, firstRows.Count, out var existing))
            {
                householdOfRow[row] = firstRows.Count;
                firstRows.Add(row);
            }
            else
            {
                householdOfRow[row] = existing;
            }
        }

        var starts = new int[firstRows.Count + 1];
        foreach (var household in householdOfRow)
        {
            starts[household + 1]++;
        }

        for (var h = 0; h < firstRows.Count; h++)
        {
            starts[h + 1] += starts[h];
        }

        var next = starts[..^1];
        var members = new int[residents.Length];
        for (var row = 0; row < residents.Length; row++)
        {
            members[next[householdOfRow[row]]++] = row;
        }

        return (index, starts, members);
    }

    private static (IdentityEntry[] Entries, uint[] NameHashes, int[] NameRows) BuildIdentityKeys(Resident[] residents)
    {
        var keys = new ulong[residents.Length];
        var rows = new int[residents.Length];
        var nameHashes = new uint[residents.Length];
        var nameRows = new int[residents.Length];

        // Names repeat (family members share the family name, and a large register repeats whole names), and folding is
        // the costly part: fold each distinct spelling once.
        var foldedHashes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < residents.Length; row++)
        {
            var resident = residents[row];
            if (!foldedHashes.TryGetValue(resident.Name, out var hash))
            {
                hash = NameHash(JapaneseNames.Fold(resident.Name));
                foldedHashes[resident.Name] = hash;
            }

            keys[row] = IdentityKey(resident.DateOfBirth, hash);
            rows[row] = row;
            nameHashes[row] = (uint)hash;
            nameRows[row] = row;
        }

        Array.Sort(keys, rows);
        var entries = new IdentityEntry[keys.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new IdentityEntry(keys[i], rows[i]);
        }

        Array.Sort(nameHashes, nameRows);
        return (entries, nameHashes, nameRows);
    }

    private static (IdentitySlot[] Slots, int Shift) BuildIdentitySlots(IdentityEntry[] entries, Resident[] residents)
    {
        var distinct = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            if (i == 0 || entries[i].Key != entries[i - 1].Key)
            {
                distinct++;
            }
        }

        var size = BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, distinct * 2));
        var shift = 64 - BitOperations.Log2(size);
        var slots = new IdentitySlot[size];
        var mask = (int)size - 1;
        for (var start = 0; start < entries.Length;)
        {
            var end = start + 1;
            while (end < entries.Length && entries[end].Key == entries[start].Key)
            {
                end++;
            }

            var slot = SlotOf(entries[start].Key, shift);
            while (slots[slot].Count != 0)
            {
                slot = (slot + 1) & mask;
            }

            // A run of one keeps its row in the slot; a longer run points at its start in the sorted entries.
            var count = end - start;
            slots[slot] = count == 1
                ? new IdentitySlot(entries[start].Key, SpellingCheck(residents[entries[start].Row].Name), residents[entries[start].Row], entries[start].Row, 1)
                : new IdentitySlot(entries[start].Key, 0, null, start, count);
            start = end;
        }

        return (slots, shift);
    }

    private readonly record struct Found(int Row, NameMatch NameMatch, bool IsResident);

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct IdentityEntry(ulong Key, int Row);

    /// <summary>
    /// A key, and for a run of one its resident, row and <see cref="SpellingCheck"/> (so the usual lookup reads neither the
    /// resident array nor the name); for a longer run the start of the run in the sorted entries. Count 0 = empty.
    /// </summary>
    private readonly record struct IdentitySlot(ulong Key, ulong Spelling, Resident? Single, int First, int Count);

    private static class AddressScore
    {
        public const int None = 0;
        public const int SameTown = 1;
        public const int Same = 2;
    }
}
