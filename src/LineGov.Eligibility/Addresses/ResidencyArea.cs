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
