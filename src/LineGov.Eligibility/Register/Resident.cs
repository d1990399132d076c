using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>
/// One person in the residents register (住民基本台帳) as the municipality exports it — never the My Number (個人番号).
/// <see cref="ToString"/> shows no personal data.
/// </summary>
public sealed class Resident
{
    /// <summary>Creates a resident.</summary>
    /// <exception cref="ArgumentException">An id or the name is empty.</exception>
    public Resident(
        string residentId,
        string householdId,
        string name,
        DateOnly dateOfBirth,
        JpkiGender gender,
        string address,
        string? nameKana = null,
        string? relationship = null,
        bool isHeadOfHousehold = false,
        DateOnly? becameResidentOn = null,
        DateOnly? removedOn = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(residentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(householdId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(address);
        ResidentId = residentId;
        HouseholdId = householdId;
        Name = name;
        DateOfBirth = dateOfBirth;
        Gender = gender;
        Address = address;
        NameKana = nameKana ?? string.Empty;
        Relationship = relationship ?? string.Empty;
        IsHeadOfHousehold = isHeadOfHousehold;
        BecameResidentOn = becameResidentOn;
        RemovedOn = removedOn;
    }

    /// <summary>The municipality's own number for the person (宛名番号 / 住民コード), unique in the register.</summary>
    public string ResidentId { get; }

    /// <summary>世帯番号: the household the person belongs to.</summary>
    public string HouseholdId { get; }

    /// <summary>氏名 as registered (the real characters, family and given name separated by a space).</summary>
    public string Name { get; }

    /// <summary>氏名カナ; may be empty.</summary>
    public string NameKana { get; }

    /// <summary>生年月日.</summary>
    public DateOnly DateOfBirth { get; }

    /// <summary>性別.</summary>
    public JpkiGender Gender { get; }

    /// <summary>住所 as registered.</summary>
    public string Address { get; }

    /// <summary>続柄 (relationship to the head of household: 世帯主, 妻, 子 …).</summary>
    public string Relationship { get; }

    /// <summary>世帯主: whether the person is the head of the household.</summary>
    public bool IsHeadOfHousehold { get; }

    /// <summary>The day the person became a resident (住民となった日); null = since birth, or before any date asked about.</summary>
    public DateOnly? BecameResidentOn { get; }

    /// <summary>The day the person was removed (転出・死亡等の消除日); null = still a resident.</summary>
    public DateOnly? RemovedOn { get; }

    /// <summary>
    /// Whether the person was a resident on <paramref name="date"/>: born by then, from the day they became one (when
    /// given), until the day before removal. Someone born after the date was no one's household member on it, even
    /// without <see cref="BecameResidentOn"/>.
    /// </summary>
    public bool IsResidentOn(DateOnly date) =>
        DateOfBirth <= date
        && (BecameResidentOn is not { } from || from <= date)
        && (RemovedOn is not { } removed || date < removed);

    /// <summary>Identifies the record without personal data: the household only (the resident id identifies a person).</summary>
    public override string ToString() => $"Resident(household {HouseholdId})";
}
