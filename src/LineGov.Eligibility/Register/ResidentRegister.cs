using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>
/// The residents register (住民基本台帳), indexed to match a verified identity to exactly one resident as of a reference
/// date, and to list a household's members on that date. Immutable and thread-safe once built.
/// </summary>
public sealed class ResidentRegister
{
    private readonly List<Resident> _residents;
    private readonly Dictionary<string, List<Resident>> _households;
    private readonly Dictionary<string, Resident> _byId;

    private ResidentRegister(List<Resident> residents)
    {
        _residents = residents;
        _households = residents.GroupBy(r => r.HouseholdId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _byId = residents.ToDictionary(r => r.ResidentId, StringComparer.Ordinal);
    }

    /// <summary>The number of residents (rows), removed ones included.</summary>
    public int Count => _residents.Count;

    /// <summary>Builds a register from residents.</summary>
    /// <exception cref="ArgumentException">Two residents share a <see cref="Resident.ResidentId"/>.</exception>
    public static ResidentRegister Create(IEnumerable<Resident> residents)
    {
        ArgumentNullException.ThrowIfNull(residents);
        return new ResidentRegister([.. residents]);
    }

    /// <summary>The resident with this id, or null.</summary>
    public Resident? Find(string residentId) => _byId.GetValueOrDefault(residentId);

    /// <summary>The members of a household who were residents on <paramref name="asOf"/>.</summary>
    public IReadOnlyList<Resident> HouseholdMembers(string householdId, DateOnly asOf) =>
        _households.TryGetValue(householdId, out var members) ? [.. members.Where(m => m.IsResidentOn(asOf))] : [];

    /// <summary>
    /// Matches a verified identity (the four facts) to the register as of <paramref name="asOf"/>: the person must have been
    /// a resident on that day with the same date of birth, gender and name (exact, variant-folded or alternate-character);
    /// the address decides between several.
    /// </summary>
    public ResidentMatch Match(JpkiFourFacts identity, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var candidates = _residents
            .Where(r => identity.DateOfBirth.Date == r.DateOfBirth && (identity.Gender == r.Gender || identity.Gender == JpkiGender.Unknown))
            .Select(r => new ResidentCandidate(r, JapaneseNames.Match(identity.Name, r.Name), true, r.IsResidentOn(asOf)))
            .Where(c => c.NameMatch.IsMatch)
            .ToList();
        var current = candidates.Where(c => c.IsResidentOnReferenceDate).ToList();
        return current.Count switch
        {
            1 => new ResidentMatch(ResidentMatchOutcome.Matched, current[0], candidates),
            0 => new ResidentMatch(ResidentMatchOutcome.NotFound, null, candidates),
            _ => new ResidentMatch(ResidentMatchOutcome.Ambiguous, null, candidates),
        };
    }
}
