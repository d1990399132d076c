namespace LineGov.Eligibility;

/// <summary>The outcome of comparing a verified name with a registered one, with the evidence.</summary>
public sealed class NameMatch
{
    internal NameMatch(NameMatchQuality quality, IReadOnlyList<int>? foldedPositions = null, IReadOnlyList<int>? alternateCharacterPositions = null)
    {
        Quality = quality;
        FoldedPositions = foldedPositions ?? [];
        AlternateCharacterPositions = alternateCharacterPositions ?? [];
    }

    /// <summary>No match.</summary>
    public static NameMatch None { get; } = new(NameMatchQuality.None);

    /// <summary>An exact match.</summary>
    public static NameMatch Exact { get; } = new(NameMatchQuality.Exact);

    /// <summary>How the names matched.</summary>
    public NameMatchQuality Quality { get; }

    /// <summary>Whether the names match at all.</summary>
    public bool IsMatch => Quality != NameMatchQuality.None;

    /// <summary>Positions (in the normalized verified name) where a kanji variant was folded.</summary>
    public IReadOnlyList<int> FoldedPositions { get; }

    /// <summary>Positions (in the normalized verified name) of JPKI alternate characters that were accepted as any character.</summary>
    public IReadOnlyList<int> AlternateCharacterPositions { get; }

    /// <inheritdoc />
    public override string ToString() => Quality.ToString();
}
