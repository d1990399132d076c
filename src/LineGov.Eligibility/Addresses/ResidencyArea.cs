namespace LineGov.Eligibility;

/// <summary>
/// Where a program's residents live: a municipality, optionally narrowed to some of its towns. Residency is decided on
/// the normalized address; an address that does not resolve far enough is not inside (and says why through its level).
/// </summary>
public sealed class ResidencyArea
{
    private readonly HashSet<string> _towns;

    /// <summary>Creates an area.</summary>
    /// <param name="prefecture">The prefecture, e.g. <c>北海道</c>.</param>
    /// <param name="municipality">The municipality as in the address data, e.g. <c>上川郡当麻町</c>.</param>
    /// <param name="towns">Towns (町丁目) as in the data; empty = the whole municipality.</param>
    public ResidencyArea(string prefecture, string municipality, IEnumerable<string>? towns = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefecture);
        ArgumentException.ThrowIfNullOrWhiteSpace(municipality);
        Prefecture = prefecture;
        Municipality = municipality;
        _towns = new HashSet<string>(towns ?? [], StringComparer.Ordinal);
        Towns = [.. _towns];
    }

    /// <summary>
    /// The area a name gives: a municipality written any way <see cref="JapaneseAddressNormalizer"/> accepts
    /// (<c>北海道上川郡当麻町</c>, <c>当麻町</c>, <c>札幌市 中央区</c>), or one town of it (<c>当麻町三条東2丁目</c>), optionally
    /// narrowed to <paramref name="towns"/> (each written any way too, e.g. <c>3条東2丁目</c> for 三条東二丁目).
    /// </summary>
    /// <param name="area">The municipality (or municipality and town); nothing after it.</param>
    /// <param name="towns">Towns of that municipality; empty = the whole municipality.</param>
    /// <returns>The area, spelled as the address data spells it.</returns>
    /// <exception cref="EligibilityFormatException">
    /// The name does not give exactly one municipality (unknown, ambiguous such as 府中市 without its prefecture or
    /// 札幌市 without its ward, or followed by more), or a town is not one of its towns.
    /// </exception>
    /// <example>
    /// <code>
    /// var area = ResidencyArea.Parse("北海道当麻町");   // 北海道 / 上川郡当麻町, every town
    /// var inside = area.Contains(JapaneseAddressNormalizer.Default.Normalize(applicantAddress));
    /// </code>
    /// </example>
    public static ResidencyArea Parse(string area, IEnumerable<string>? towns = null)
    {
        ArgumentNullException.ThrowIfNull(area);
        var normalizer = JapaneseAddressNormalizer.Default;
        var resolved = normalizer.Normalize(area);

        // The message names the level and the candidates (place names from the data), never the text given.
        if (resolved.IsAmbiguous)
        {
            throw new EligibilityFormatException(nameof(area), $"the residency area fits several places ({string.Join("、", resolved.AmbiguousCandidates)}); write the prefecture or the ward.");
        }

        if (resolved.Level < AddressResolutionLevel.Municipality)
        {
            throw new EligibilityFormatException(nameof(area), "the residency area does not name a municipality of the address data.");
        }

        if (resolved.Rest.Length > 0)
        {
            throw new EligibilityFormatException(nameof(area), $"the residency area has more after {(resolved.Level == AddressResolutionLevel.Town ? "the town" : "the municipality")}: give a municipality (and at most one town), the towns separately.");
        }

        var municipality = normalizer.FindMunicipality(resolved.Prefecture!, resolved.Municipality!);
        var names = new List<string>();
        if (resolved.Town is { } town)
        {
            names.Add(town);
        }

        var index = 0;
        foreach (var written in towns ?? [])
        {
            names.Add(normalizer.ResolveTown(municipality, written ?? string.Empty)
                ?? throw new EligibilityFormatException($"{nameof(towns)}[{index}]", $"not a town of {resolved.Prefecture}{resolved.Municipality} in the address data (or it fits several)."));
            index++;
        }

        return new ResidencyArea(resolved.Prefecture!, resolved.Municipality!, names);
    }

    /// <summary>The prefecture.</summary>
    public string Prefecture { get; }

    /// <summary>The municipality.</summary>
    public string Municipality { get; }

    /// <summary>The towns; empty = all of the municipality.</summary>
    public IReadOnlyList<string> Towns { get; }

    /// <summary>Whether a normalized address lies in this area.</summary>
    public bool Contains(NormalizedAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Prefecture != Prefecture || address.Municipality != Municipality)
        {
            return false;
        }

        return _towns.Count == 0 || (address.Town is { } town && _towns.Contains(town));
    }

    /// <inheritdoc />
    public override string ToString() => Prefecture + Municipality + (_towns.Count == 0 ? string.Empty : $" ({_towns.Count} towns)");
}
