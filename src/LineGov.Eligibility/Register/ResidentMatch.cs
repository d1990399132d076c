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
        AddressMatches = addressMatches;
        IsResidentOnReferenceDate = isResidentOnReferenceDate;
    }

    /// <summary>The resident.</summary>
    public Resident Resident { get; }

    /// <summary>How the names matched.</summary>
    public NameMatch NameMatch { get; }

    /// <summary>Whether the normalized addresses agree.</summary>
    public bool AddressMatches { get; }

    /// <summary>Whether they were a resident on the date asked about.</summary>
    public bool IsResidentOnReferenceDate { get; }

    /// <inheritdoc />
    public override string ToString() => $"ResidentCandidate({Resident.ResidentId}, {NameMatch.Quality})";
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
