namespace LineGov.Eligibility;

/// <summary>
/// Normalizes Japanese addresses (NFC, widths, kanji numerals, 丁目 / 番地 / 号 / の / dash look-alikes, 大字 / 字, ヶ / ケ / が,
/// 旧字体) and resolves prefecture, municipality and town from the embedded address data. Thread-safe; create once (or use
/// <see cref="Default"/>). Towns are loaded per municipality on first use.
/// </summary>
/// <remarks>
/// <para>
/// Resolution goes left to right on a canonical form of the address, taking the longest name that fits at each level:
/// the prefecture (optional: a municipality found in one prefecture only gives it), the municipality (with or without
/// its 郡: 当麻町 is 上川郡当麻町; a 政令市 with its ward, 札幌市中央区), then the town among that municipality's towns
/// (大字 / 字 optional; a final 丁目 may be written as a hyphen: 三条東2-11-1). What follows is kept as
/// <see cref="NormalizedAddress.Rest"/>, its 番地 block written <c>11-1</c>.
/// </para>
/// <para>
/// Nothing is guessed: a name that fits several places (府中市 without its prefecture; 札幌市 without a ward; two towns
/// that differ only by a variant character) stops the resolution at the level above and lists the candidates in
/// <see cref="NormalizedAddress.AmbiguousCandidates"/>. A leading postal code (〒060-0001) is dropped.
/// </para>
/// <para>
/// Not handled: addresses written with Kyoto's street directions before the town (通…上る), 地番 words such as 地割, and
/// municipalities merged after the data was made.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var address = JapaneseAddressNormalizer.Default.Normalize("当麻町３条東２丁目１１－１");
/// // address.Prefecture == "北海道", address.Municipality == "上川郡当麻町", address.Town == "三条東二丁目",
/// // address.Rest == "11-1", address.Level == AddressResolutionLevel.Town
/// </code>
/// </example>
public sealed class JapaneseAddressNormalizer
{
    private readonly AddressData _data;

    /// <summary>Creates a normalizer over the embedded data (which is shared: a second instance costs nothing).</summary>
    public JapaneseAddressNormalizer()
        : this(AddressData.Embedded)
    {
    }

    private JapaneseAddressNormalizer(AddressData data) => _data = data;

    /// <summary>The normalizer over the embedded data.</summary>
    public static JapaneseAddressNormalizer Default { get; } = new();

    /// <summary>The data resolved against.</summary>
    internal AddressData Data => _data;

    /// <summary>Normalizes and resolves <paramref name="address"/>. Never throws for odd input: it resolves less.</summary>
    /// <param name="address">An address as written, e.g. <c>北海道上川郡当麻町３条東２丁目１１－１</c>.</param>
    /// <returns>The address resolved as far as the data allows.</returns>
    public NormalizedAddress Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var text = WithoutPostalCode(AddressText.Normalize(address));
        var ends = new List<int>(text.Length);
        var canonical = AddressText.Canonical(text, ends);
        int Original(int position) => position == 0 ? 0 : ends[position - 1];
        NormalizedAddress Stop(string? prefecture, string? municipality, string? town, int position, AddressResolutionLevel level, IReadOnlyList<string>? candidates = null) =>
            new(prefecture, municipality, town, AddressText.CanonicalRest(text[Original(position)..]), level, candidates);

        var position = 0;
        var prefecture = MatchPrefecture(canonical, ref position);
        var (municipalities, municipalityEnd) = MatchMunicipality(canonical, position, prefecture);
        if (municipalities.Count == 0)
        {
            return prefecture < 0
                ? Stop(null, null, null, 0, AddressResolutionLevel.None)
                : Stop(_data.Prefectures[prefecture], null, null, position, AddressResolutionLevel.Prefecture);
        }

        if (municipalities.Count > 1)
        {
            // 府中市 (東京都 and 広島県), 池田町 (five prefectures), 札幌市 (ten wards): list them, choose none. When every
            // candidate is in one prefecture, that prefecture is known even if it was not written.
            var candidates = municipalities.Select(_data.FullName).ToList();
            var prefectures = municipalities.Select(m => _data.Municipalities[m].Prefecture).Distinct().ToList();
            return prefectures.Count == 1
                ? Stop(_data.Prefectures[prefectures[0]], null, null, position, AddressResolutionLevel.Prefecture, candidates)
                : Stop(null, null, null, 0, AddressResolutionLevel.None, candidates);
        }

        var municipality = _data.Municipalities[municipalities[0]];
        var prefectureName = _data.Prefectures[municipality.Prefecture];
        if (municipalityEnd == canonical.Length)
        {
            // Nothing after the municipality: its towns need not be loaded.
            return Stop(prefectureName, municipality.Name, null, municipalityEnd, AddressResolutionLevel.Municipality);
        }

        var (towns, nameEnd, townEnd) = MatchTown(municipality.Index, canonical, municipalityEnd);
        if (towns.Count == 0)
        {
            return Stop(prefectureName, municipality.Name, null, municipalityEnd, AddressResolutionLevel.Municipality);
        }

        var names = _data.Towns(municipality.Index).Names;
        if (towns.Count > 1)
        {
            // The data holds a few places twice in variant spellings (上の段 and 上之段, 蓮ケ谷町 and 蓮ヶ谷町): the one
            // written exactly as the address writes it, if there is one.
            var written = text[Original(municipalityEnd)..Original(nameEnd)];
            var exact = towns.Where(t => written.EndsWith(names[t], StringComparison.Ordinal)).ToList();
            if (exact.Count == 1)
            {
                return Stop(prefectureName, municipality.Name, names[exact[0]], townEnd, AddressResolutionLevel.Town);
            }

            var qualified = _data.FullName(municipality.Index);
            return Stop(prefectureName, municipality.Name, null, municipalityEnd, AddressResolutionLevel.Municipality, [.. towns.Select(t => qualified + names[t])]);
        }

        return Stop(prefectureName, municipality.Name, names[towns[0]], townEnd, AddressResolutionLevel.Town);
    }

    /// <summary>
    /// The data's spelling of a town of <paramref name="municipality"/> written as <paramref name="town"/> (any of the
    /// forms <see cref="Normalize"/> accepts, nothing after it), or null when it names no town or several.
    /// </summary>
    internal string? ResolveTown(int municipality, string town)
    {
        var canonical = AddressText.Canonical(AddressText.Normalize(town));
        var (towns, _, end) = MatchTown(municipality, canonical, 0);
        return towns.Count == 1 && end == canonical.Length ? _data.Towns(municipality).Names[towns[0]] : null;
    }

    /// <summary>The index of the municipality named exactly <paramref name="name"/> in <paramref name="prefecture"/>, or -1.</summary>
    internal int FindMunicipality(string prefecture, string name)
    {
        foreach (var municipality in _data.Municipalities)
        {
            if (municipality.Name == name && _data.Prefectures[municipality.Prefecture] == prefecture)
            {
                return municipality.Index;
            }
        }

        return -1;
    }

    private int MatchPrefecture(string canonical, ref int position)
    {
        var keys = _data.PrefectureKeys;
        for (var length = Math.Min(keys.MaxLength, canonical.Length); length > 0; length--)
        {
            var found = keys.Get(canonical.AsSpan(0, length));
            if (found.Length == 1)
            {
                position = length;
                return found[0];
            }
        }

        return -1;
    }

    private (List<int> Municipalities, int End) MatchMunicipality(string canonical, int start, int prefecture)
    {
        var keys = _data.MunicipalityKeys;
        var result = new List<int>();
        for (var length = Math.Min(keys.MaxLength, canonical.Length - start); length > 0; length--)
        {
            if (!IsBoundary(canonical, start + length))
            {
                continue;
            }

            foreach (var key in keys.Get(canonical.AsSpan(start, length)))
            {
                if ((prefecture < 0 || _data.Municipalities[key.Municipality].Prefecture == prefecture) && !result.Contains(key.Municipality))
                {
                    result.Add(key.Municipality);
                }
            }

            if (result.Count > 0)
            {
                return (result, start + length);
            }
        }

        return (result, start);
    }

    private (List<int> Towns, int NameEnd, int End) MatchTown(int municipality, string canonical, int start)
    {
        var index = _data.Towns(municipality);
        var keys = index.Keys;
        var skipped = canonical.Length - start - TownIndex.WithoutAzaPrefix(canonical.AsSpan(start)).Length;
        var from = start + skipped;
        for (var length = Math.Min(keys.MaxLength, canonical.Length - from); length > 0; length--)
        {
            var end = from + length;
            if (!IsBoundary(canonical, end))
            {
                continue;
            }

            var values = keys.Get(canonical.AsSpan(from, length));
            if (values.IsEmpty)
            {
                continue;
            }

            var exact = new List<TownKey>();
            var chomeOmitted = new List<TownKey>();
            foreach (var key in values)
            {
                if (!key.ChomeOmitted)
                {
                    exact.Add(key);
                }
                else if (end == canonical.Length || canonical[end] == '-')
                {
                    chomeOmitted.Add(key);
                }
            }

            // A town spelled out wins over one whose 丁目 was left out (X2 the town over X2丁目 written X2-).
            var found = exact.Count > 0 ? exact : chomeOmitted;
            if (found.Count == 0)
            {
                continue;
            }

            if (found.Count > 1)
            {
                // 大字X and X both exist: the one written as the address writes it, if only one is.
                var written = canonical.Substring(start, end - start);
                var same = found.Where(k => k.Full == written).ToList();
                if (same.Count == 1)
                {
                    found = same;
                }
            }

            var towns = found.Select(k => k.Town).Distinct().ToList();
            var consumed = found == chomeOmitted && end < canonical.Length ? end + 1 : end;
            return (towns, end, consumed);
        }

        return ([], start, start);
    }

    /// <summary>A name that ends in a digit must not be followed by one: 2丁目 is no prefix of 23丁目, 北2 none of 北23.</summary>
    private static bool IsBoundary(string canonical, int end) =>
        end >= canonical.Length || !AddressText.IsDigit(canonical[end - 1]) || !AddressText.IsDigit(canonical[end]);

    /// <summary>Drops a leading postal code (〒078-1300, 〒0781300, 078-1300): it is not part of the place's name.</summary>
    private static string WithoutPostalCode(string text)
    {
        var span = text.AsSpan();
        var i = span.StartsWith("〒") ? 1 : 0;
        var digits = span[i..];
        if (digits.Length >= 8 && IsDigits(digits[..3]) && digits[3] == '-' && IsDigits(digits[4..8]) && !(digits.Length > 8 && char.IsAsciiDigit(digits[8])))
        {
            i += 8;
        }
        else if (digits.Length >= 7 && IsDigits(digits[..7]) && !(digits.Length > 7 && char.IsAsciiDigit(digits[7])))
        {
            i += 7;
        }

        return i == 0 ? text : text[i..];
    }

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
