namespace LineGov.Eligibility;

/// <summary>
/// A Japanese address normalized and resolved as far as the data allows: prefecture, municipality and town spelled as in
/// the address data (Geolonia japanese-addresses), and the rest (番地・号・建物) normalized but kept.
/// </summary>
public sealed class NormalizedAddress
{
    /// <summary>Creates a result.</summary>
    public NormalizedAddress(
        string? prefecture,
        string? municipality,
        string? town,
        string rest,
        AddressResolutionLevel level,
        IReadOnlyList<string>? ambiguousCandidates = null)
    {
        Prefecture = prefecture;
        Municipality = municipality;
        Town = town;
        Rest = rest ?? string.Empty;
        Level = level;
        AmbiguousCandidates = ambiguousCandidates ?? [];
    }

    /// <summary>The prefecture, e.g. <c>北海道</c>; null when unresolved.</summary>
    public string? Prefecture { get; }

    /// <summary>The municipality as in the data, e.g. <c>上川郡当麻町</c>, <c>札幌市中央区</c>; null when unresolved.</summary>
    public string? Municipality { get; }

    /// <summary>The town (町丁目) as in the data, e.g. <c>三条通一丁目</c>; null when unresolved.</summary>
    public string? Town { get; }

    /// <summary>What follows the deepest resolved part, normalized (番地 and 号 as <c>1-2-3</c>, widths, dashes).</summary>
    public string Rest { get; }

    /// <summary>How far the address was resolved.</summary>
    public AddressResolutionLevel Level { get; }

    /// <summary>
    /// When the next level could not be chosen because several fit (e.g. a municipality name without its prefecture that
    /// exists in two prefectures), the candidates, fully qualified; the address is then resolved only to the level above.
    /// </summary>
    public IReadOnlyList<string> AmbiguousCandidates { get; }

    /// <summary>Whether a further level was ambiguous.</summary>
    public bool IsAmbiguous => AmbiguousCandidates.Count > 0;

    /// <summary>The whole normalized address: prefecture + municipality + town + rest.</summary>
    public string Normalized => string.Concat(Prefecture, Municipality, Town, Rest);

    /// <summary>Says how far it resolved, never the address (it is personal data).</summary>
    public override string ToString() => $"NormalizedAddress(level: {Level}{(IsAmbiguous ? ", ambiguous" : string.Empty)})";
}
