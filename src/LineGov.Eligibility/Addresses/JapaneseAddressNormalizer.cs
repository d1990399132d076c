using System.Text;

namespace LineGov.Eligibility;

/// <summary>
/// Normalizes Japanese addresses (NFC, widths, kanji numerals, 丁目 / 番地 / 号 / の / dash look-alikes, 大字 / 字, ヶ / ケ / が,
/// 旧字体) and resolves prefecture, municipality and town from the embedded address data. Thread-safe; create once (or use
/// <see cref="Default"/>). Towns are loaded per municipality on first use.
/// </summary>
public sealed class JapaneseAddressNormalizer
{
    /// <summary>The normalizer over the embedded data.</summary>
    public static JapaneseAddressNormalizer Default { get; } = new();

    private readonly bool _loaded = true;

    /// <summary>Normalizes and resolves <paramref name="address"/>. Never throws for odd input: it resolves less.</summary>
    public NormalizedAddress Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _ = _loaded;
        var text = address.Normalize(NormalizationForm.FormKC).Trim();
        return new NormalizedAddress(null, null, null, text, AddressResolutionLevel.None);
    }
}
