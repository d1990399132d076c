namespace LineGov.Eligibility;

/// <summary>How a program's amount is worked out.</summary>
public enum AmountKind
{
    /// <summary>A fixed amount per beneficiary (per person or per household).</summary>
    Fixed = 1,

    /// <summary>An amount per person: for a household, times the members who count on the reference date.</summary>
    PerPerson = 2,

    /// <summary>A table by age on the reference date: each counted member's row is added up.</summary>
    ByAge = 3,

    /// <summary>A table by the number of members who count (per-household programs only).</summary>
    ByHouseholdSize = 4,
}

/// <summary>What the amount is paid as (for the messages and the payout channel): yen, or points of a regional e-money.</summary>
public enum PaidAs
{
    /// <summary>円: a bank transfer or cash.</summary>
    Yen = 1,

    /// <summary>ポイント: regional points, one point per yen.</summary>
    Points = 2,
}

/// <summary>
/// A row of an amount table: ages (<see cref="AmountKind.ByAge"/>) or numbers of members
/// (<see cref="AmountKind.ByHouseholdSize"/>) from <see cref="Min"/> to <see cref="Max"/>, both inclusive.
/// </summary>
public sealed class AmountTableRow
{
    /// <summary>Creates a row.</summary>
    /// <param name="min">The lowest age / member count of the row, or null for no lower bound.</param>
    /// <param name="max">The highest, or null for no upper bound.</param>
    /// <param name="yen">The amount of the row, in yen (or points).</param>
    public AmountTableRow(int? min, int? max, long yen)
    {
        Min = min;
        Max = max;
        Yen = yen;
    }

    /// <summary>The lowest age / member count; null = none.</summary>
    public int? Min { get; }

    /// <summary>The highest age / member count; null = none.</summary>
    public int? Max { get; }

    /// <summary>The amount, in yen (or points).</summary>
    public long Yen { get; }

    /// <summary>Whether <paramref name="value"/> falls in the row.</summary>
    public bool Contains(int value) => (Min is not { } min || value >= min) && (Max is not { } max || value <= max);

    /// <inheritdoc />
    public override string ToString() => $"AmountTableRow({Min}..{Max}: {Yen})";
}

/// <summary>How much a program pays a beneficiary (in yen, or in points worth one yen each).</summary>
public sealed class ProgramAmount
{
    /// <summary>The largest amount one row, fixed amount or per-person amount may have (¥100,000,000): beyond it a typo is likelier than a program.</summary>
    public const long MaxYen = 100_000_000;

    private ProgramAmount(AmountKind kind, long yen, IReadOnlyList<AmountTableRow> rows, PaidAs paidAs)
    {
        Kind = kind;
        Yen = yen;
        Rows = rows;
        PaidAs = paidAs;
    }

    /// <summary>How the amount is worked out.</summary>
    public AmountKind Kind { get; }

    /// <summary>The fixed or per-person amount; 0 for tables.</summary>
    public long Yen { get; }

    /// <summary>The table rows (for <see cref="AmountKind.ByAge"/> and <see cref="AmountKind.ByHouseholdSize"/>); empty otherwise.</summary>
    public IReadOnlyList<AmountTableRow> Rows { get; }

    /// <summary>Yen or points.</summary>
    public PaidAs PaidAs { get; }

    /// <summary>A fixed amount per beneficiary.</summary>
    public static ProgramAmount Fixed(long yen, PaidAs paidAs = PaidAs.Yen) => new(AmountKind.Fixed, yen, [], paidAs);

    /// <summary>An amount per person (times the counted members of a household).</summary>
    public static ProgramAmount PerPerson(long yen, PaidAs paidAs = PaidAs.Yen) => new(AmountKind.PerPerson, yen, [], paidAs);

    /// <summary>A table by age on the reference date.</summary>
    public static ProgramAmount ByAge(IEnumerable<AmountTableRow> rows, PaidAs paidAs = PaidAs.Yen)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new(AmountKind.ByAge, 0, [.. rows], paidAs);
    }

    /// <summary>A table by the number of counted household members.</summary>
    public static ProgramAmount ByHouseholdSize(IEnumerable<AmountTableRow> rows, PaidAs paidAs = PaidAs.Yen)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new(AmountKind.ByHouseholdSize, 0, [.. rows], paidAs);
    }

    /// <summary>
    /// The amount for the members who count (for a per-person program: the applicant alone), or null when a table has
    /// no row for them (the decision then needs review).
    /// </summary>
    /// <param name="countedMembers">The members who count.</param>
    /// <param name="referenceDate">The date ages are counted on.</param>
    public long? For(IReadOnlyList<Resident> countedMembers, DateOnly referenceDate)
    {
        ArgumentNullException.ThrowIfNull(countedMembers);
        switch (Kind)
        {
            case AmountKind.Fixed:
                return Yen;
            case AmountKind.PerPerson:
                return Yen * countedMembers.Count;
            case AmountKind.ByHouseholdSize:
                return Rows.FirstOrDefault(r => r.Contains(countedMembers.Count))?.Yen;
            default:
                long total = 0;
                var any = false;
                foreach (var member in countedMembers)
                {
                    // Someone not yet born on the reference date has no age and is paid nothing.
                    if (member.DateOfBirth <= referenceDate
                        && Rows.FirstOrDefault(r => r.Contains(JapaneseAge.AgeOn(member.DateOfBirth, referenceDate))) is { } row)
                    {
                        total += row.Yen;
                        any = true;
                    }
                }

                return any ? total : null;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ProgramAmount({Kind}, {PaidAs})";
}
