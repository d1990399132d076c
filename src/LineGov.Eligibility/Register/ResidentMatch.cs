using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>The outcome of matching a verified identity against the register.</summary>
public enum ResidentMatchOutcome
{
    /// <summary>Exactly one resident matches.</summary>
    Matched = 1,

    /// <summary>More than one could be the person: staff decide (never a silent rejection).</summary>
    Ambiguous = 2,

    /// <summary>No resident matches: staff review (the register may be behind, or the person does not live here).</summary>
    NotFound = 3,
}

/// <summary>A resident who might be the person, and how well they match.</summary>
public sealed class ResidentCandidate
{
    /// <summary>Creates a candidate.</summary>
    public ResidentCandidate(Resident resident, NameMatch nameMatch, bool addressMatches, bool isResidentOnReferenceDate)
    {
        Resident = resident ?? throw new ArgumentNullException(nameof(resident));
        NameMatch = nameMatch ?? throw new ArgumentNullException(nameof(nameMatch));
        _addressMatches = addressMatches ? 1 : 0;
        IsResidentOnReferenceDate = isResidentOnReferenceDate;
    }

    /// <summary>
    /// A candidate whose address is compared with <paramref name="verifiedAddress"/> only when someone asks: a lone match
    /// is decided without it, and on a large register each address read is a cache miss.
    /// </summary>
    internal ResidentCandidate(Resident resident, NameMatch nameMatch, JpkiAddress verifiedAddress, bool isResidentOnReferenceDate)
    {
        Resident = resident;
        NameMatch = nameMatch;
        _verifiedAddress = verifiedAddress;
        _addressMatches = -1;
        IsResidentOnReferenceDate = isResidentOnReferenceDate;
    }

    private readonly JpkiAddress? _verifiedAddress;

    // 1 yes, 0 no, -1 not compared yet. A benign race: two threads compute the same answer.
    private int _addressMatches;

    /// <summary>The resident.</summary>
    public Resident Resident { get; }

    /// <summary>How the names matched.</summary>
    public NameMatch NameMatch { get; }

    /// <summary>Whether the addresses agree: the same text, the same normalized address, or the same town (町丁目).</summary>
    public bool AddressMatches
    {
        get
        {
            if (_addressMatches < 0)
            {
                _addressMatches = ResidentRegister.AddressScoreOf(Resident.Address, _verifiedAddress!.Value) > 0 ? 1 : 0;
            }

            return _addressMatches == 1;
        }
    }

    /// <summary>Whether they were a resident on the date asked about.</summary>
    public bool IsResidentOnReferenceDate { get; }

    /// <summary>The match quality without personal data: the household only (the resident id identifies a person).</summary>
    public override string ToString() => $"ResidentCandidate(household {Resident.HouseholdId}, {NameMatch.Quality})";
}

/// <summary>The result of <see cref="ResidentRegister.Match"/>.</summary>
public sealed class ResidentMatch
{
    /// <summary>Creates a result.</summary>
    public ResidentMatch(ResidentMatchOutcome outcome, ResidentCandidate? match, IReadOnlyList<ResidentCandidate> candidates)
    {
        Outcome = outcome;
        Match = match;
        Candidates = candidates ?? [];
    }

    /// <summary>Matched, ambiguous or not found.</summary>
    public ResidentMatchOutcome Outcome { get; }

    /// <summary>The one match, when <see cref="Outcome"/> is <see cref="ResidentMatchOutcome.Matched"/>.</summary>
    public ResidentCandidate? Match { get; }

    /// <summary>The resident, when matched.</summary>
    public Resident? Resident => Match?.Resident;

    /// <summary>Everyone considered (for staff review): for an ambiguous result, all who could be the person.</summary>
    public IReadOnlyList<ResidentCandidate> Candidates { get; }

    /// <inheritdoc />
    public override string ToString() => $"ResidentMatch({Outcome}, {Candidates.Count} candidates)";
}
