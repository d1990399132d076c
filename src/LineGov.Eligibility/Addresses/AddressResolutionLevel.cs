namespace LineGov.Eligibility;

/// <summary>How far an address was resolved.</summary>
public enum AddressResolutionLevel
{
    /// <summary>Not even the prefecture.</summary>
    None = 0,

    /// <summary>The prefecture (都道府県).</summary>
    Prefecture = 1,

    /// <summary>The municipality (市区町村, with 郡 and 政令市の区).</summary>
    Municipality = 2,

    /// <summary>The town (町丁目 / 大字).</summary>
    Town = 3,
}
