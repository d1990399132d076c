using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>
/// One person in the residents register (住民基本台帳) as the municipality exports it — never the My Number (個人番号).
/// <see cref="ToString"/> shows no personal data.
/// </summary>
public sealed record Resident
{
    /// <summary>The municipality's own number for the person (宛名番号 / 住民コード), unique in the register.</summary>
    public required string ResidentId { get; init; }

    /// <summary>世帯番号: the household the person belongs to.</summary>
    public required string HouseholdId { get; init; }

    /// <summary>氏名 as registered (the real characters, family and given name separated by a space).</summary>
    public required string Name { get; init; }

    /// <summary>氏名カナ; may be empty.</summary>
    public string NameKana { get; init; } = string.Empty;

    /// <summary>生年月日.</summary>
    public required DateOnly DateOfBirth { get; init; }

    /// <summary>性別.</summary>
    public required JpkiGender Gender { get; init; }

    /// <summary>住所 as registered.</summary>
    public required string Address { get; init; }

    /// <summary>続柄 (relationship to the head of household: 世帯主, 妻, 子 …).</summary>
    public string Relationship { get; init; } = string.Empty;

    /// <summary>世帯主: whether the person is the head of the household.</summary>
    public bool IsHeadOfHousehold { get; init; }

    /// <summary>The day the person became a resident (住民となった日); null = before any date asked about.</summary>
    public DateOnly? BecameResidentOn { get; init; }

    /// <summary>The day the person was removed (転出・死亡等の消除日); null = still a resident.</summary>
    public DateOnly? RemovedOn { get; init; }

    /// <summary>Whether the person was a resident on <paramref name="date"/> (from the day they became one, until the day before removal).</summary>
    public bool IsResidentOn(DateOnly date) =>
        (BecameResidentOn is not { } from || from <= date) && (RemovedOn is not { } removed || date < removed);

    /// <summary>Identifies the record without personal data.</summary>
    public override string ToString() => $"Resident({ResidentId}, household {HouseholdId})";
}
