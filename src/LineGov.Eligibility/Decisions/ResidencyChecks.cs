namespace LineGov.Eligibility;

/// <summary>The answer of an <see cref="IResidencyCheck"/>.</summary>
public enum ResidencyCheckOutcome
{
    /// <summary>The resident lives in one of the areas.</summary>
    Inside = 1,

    /// <summary>The resident lives elsewhere.</summary>
    Outside = 2,

    /// <summary>The address could not be resolved far enough (or was ambiguous): staff decide.</summary>
    Unresolved = 3,
}

/// <summary>Decides whether a registered resident lives in a program's areas. Implementations must be pure and thread-safe.</summary>
public interface IResidencyCheck
{
    /// <summary>Whether <paramref name="resident"/>'s registered address lies in one of <paramref name="areas"/>.</summary>
    ResidencyCheckOutcome Check(Resident resident, IReadOnlyList<ResidencyArea> areas);
}

/// <summary>
/// The default check: normalizes the registered address (<see cref="JapaneseAddressNormalizer"/>) and asks each area.
/// An address resolved less far than an area needs (the municipality, or the town when the area names towns), or
/// ambiguous, is <see cref="ResidencyCheckOutcome.Unresolved"/> — never a silent "outside".
/// </summary>
public sealed class AddressResidencyCheck : IResidencyCheck
{
    private readonly Func<string, NormalizedAddress> _normalize;

    /// <summary>Creates a check over a normalizer (default <see cref="JapaneseAddressNormalizer.Default"/>).</summary>
    public AddressResidencyCheck(JapaneseAddressNormalizer? normalizer = null)
        : this((normalizer ?? JapaneseAddressNormalizer.Default).Normalize)
    {
    }

    /// <summary>Creates a check over any normalizing function (tests hand-make <see cref="NormalizedAddress"/>es with it).</summary>
    public AddressResidencyCheck(Func<string, NormalizedAddress> normalize)
    {
        ArgumentNullException.ThrowIfNull(normalize);
        _normalize = normalize;
    }

    /// <summary>The check over the embedded address data.</summary>
    public static AddressResidencyCheck Default { get; } = new();

    /// <inheritdoc />
    public ResidencyCheckOutcome Check(Resident resident, IReadOnlyList<ResidencyArea> areas)
    {
        ArgumentNullException.ThrowIfNull(resident);
        ArgumentNullException.ThrowIfNull(areas);
        var address = _normalize(resident.Address);
        var unresolved = false;
        foreach (var area in areas)
        {
            if (area.Contains(address))
            {
                return ResidencyCheckOutcome.Inside;
            }

            var needed = area.Towns.Count == 0 ? AddressResolutionLevel.Municipality : AddressResolutionLevel.Town;
            var couldBeInside =
                (address.Prefecture is null || address.Prefecture == area.Prefecture) &&
                (address.Municipality is null || address.Municipality == area.Municipality);
            if (couldBeInside && (address.Level < needed || address.IsAmbiguous))
            {
                unresolved = true;
            }
        }

        return unresolved ? ResidencyCheckOutcome.Unresolved : ResidencyCheckOutcome.Outside;
    }

    /// <inheritdoc />
    public override string ToString() => "AddressResidencyCheck";
}

/// <summary>
/// Trusts the register: every resident of it lives in the program's areas. Right when the register is the
/// municipality's own 住民基本台帳 and the program covers the whole municipality (a matched resident is by definition
/// registered there); wrong for programs limited to some towns.
/// </summary>
public sealed class RegisterResidencyCheck : IResidencyCheck
{
    private RegisterResidencyCheck()
    {
    }

    /// <summary>The one instance.</summary>
    public static RegisterResidencyCheck Instance { get; } = new();

    /// <inheritdoc />
    public ResidencyCheckOutcome Check(Resident resident, IReadOnlyList<ResidencyArea> areas) => ResidencyCheckOutcome.Inside;

    /// <inheritdoc />
    public override string ToString() => "RegisterResidencyCheck";
}
