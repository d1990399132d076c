using System.Diagnostics;

namespace LineGov.Eligibility.Tests.Addresses;

/// <summary>Resolution of prefecture, municipality and town against the embedded data, and what is kept as the rest.</summary>
public sealed class JapaneseAddressNormalizerTests
{
    private static readonly JapaneseAddressNormalizer Normalizer = JapaneseAddressNormalizer.Default;

    public static TheoryData<string, string?, string?, string?, string, AddressResolutionLevel> Resolved => new()
    {
        // The 当麻町 case: full-width digits and dash, kanji numerals in the data.
        { "北海道上川郡当麻町３条東２丁目１１－１", "北海道", "上川郡当麻町", "三条東二丁目", "11-1", AddressResolutionLevel.Town },
        { "北海道上川郡当麻町三条東二丁目11番地1", "北海道", "上川郡当麻町", "三条東二丁目", "11-1", AddressResolutionLevel.Town },
        { "北海道上川郡当麻町3条東2-11-1", "北海道", "上川郡当麻町", "三条東二丁目", "11-1", AddressResolutionLevel.Town },
        { "北海道 上川郡 当麻町 3条東2丁目 11-1", "北海道", "上川郡当麻町", "三条東二丁目", "11-1", AddressResolutionLevel.Town },
        { "ﾎｯｶｲﾄﾞｳ上川郡当麻町", null, null, null, "ホッカイドウ上川郡当麻町", AddressResolutionLevel.None },
        { "〒078-1300 北海道上川郡当麻町4条東3丁目", "北海道", "上川郡当麻町", "四条東三丁目", string.Empty, AddressResolutionLevel.Town },

        // 郡 left out, prefecture left out.
        { "北海道当麻町三条東二丁目11-1", "北海道", "上川郡当麻町", "三条東二丁目", "11-1", AddressResolutionLevel.Town },
        { "当麻町3条東2丁目11ー1", "北海道", "上川郡当麻町", "三条東二丁目", "11-1", AddressResolutionLevel.Town },
        { "上川郡当麻町伊香牛一区", "北海道", "上川郡当麻町", "伊香牛一区", string.Empty, AddressResolutionLevel.Town },

        // 政令市の区, written together or apart; ward-less wards of Tokyo.
        { "北海道札幌市中央区北1条西2丁目1番地", "北海道", "札幌市中央区", "北一条西二丁目", "1", AddressResolutionLevel.Town },
        { "札幌市 中央区 北一条西二丁目", "北海道", "札幌市中央区", "北一条西二丁目", string.Empty, AddressResolutionLevel.Town },
        { "千代田区霞が関1-2-3", "東京都", "千代田区", "霞が関一丁目", "2-3", AddressResolutionLevel.Town },

        // ヶ / ケ / が / ガ and の / ノ.
        { "東京都千代田区霞ヶ関1丁目2番3号", "東京都", "千代田区", "霞が関一丁目", "2-3", AddressResolutionLevel.Town },
        { "東京都千代田区霞ケ関一丁目", "東京都", "千代田区", "霞が関一丁目", string.Empty, AddressResolutionLevel.Town },
        { "東京都千代田区丸ノ内１丁目", "東京都", "千代田区", "丸の内一丁目", string.Empty, AddressResolutionLevel.Town },
        { "東京都町田市小山が丘3-1", "東京都", "町田市", "小山ヶ丘三丁目", "1", AddressResolutionLevel.Town },
        { "茨城県竜ケ崎市泉町", "茨城県", "龍ヶ崎市", "泉町", string.Empty, AddressResolutionLevel.Town },

        // 旧字体.
        { "神奈川縣藤澤市藤澤二丁目", "神奈川県", "藤沢市", "藤沢二丁目", string.Empty, AddressResolutionLevel.Town },
        { "靜岡縣濱松市中区葵西一丁目", "静岡県", "浜松市中区", "葵西一丁目", string.Empty, AddressResolutionLevel.Town },

        // 大字 / 字: written or not, on either side.
        { "埼玉県さいたま市北区大字上加123", "埼玉県", "さいたま市北区", "大字上加", "123", AddressResolutionLevel.Town },
        { "埼玉県さいたま市北区上加123", "埼玉県", "さいたま市北区", "大字上加", "123", AddressResolutionLevel.Town },
        { "北海道上川郡当麻町大字伊香牛一区", "北海道", "上川郡当麻町", "伊香牛一区", string.Empty, AddressResolutionLevel.Town },

        // Kanji numerals in the rest; a building kept.
        { "東京都中央区銀座四丁目二十三番地コーポ銀座１０１号室", "東京都", "中央区", "銀座四丁目", "23コーポ銀座101号室", AddressResolutionLevel.Town },

        // Partial resolution: what is not found is kept.
        { "北海道上川郡当麻町どこか1-2", "北海道", "上川郡当麻町", null, "どこか1-2", AddressResolutionLevel.Municipality },
        { "北海道どこか市1-2", "北海道", null, null, "どこか市1-2", AddressResolutionLevel.Prefecture },
        { "どこか1-2", null, null, null, "どこか1-2", AddressResolutionLevel.None },
    };

    [Theory]
    [MemberData(nameof(Resolved))]
    public void Address_resolves_to_the_data_spelling(string input, string? prefecture, string? municipality, string? town, string rest, AddressResolutionLevel level)
    {
        var address = Normalizer.Normalize(input);

        address.Prefecture.ShouldBe(prefecture);
        address.Municipality.ShouldBe(municipality);
        address.Town.ShouldBe(town);
        address.Rest.ShouldBe(rest);
        address.Level.ShouldBe(level);
        address.AmbiguousCandidates.ShouldBeEmpty();
    }

    [Fact]
    public void Normalized_is_the_parts_together() =>
        Normalizer.Normalize("当麻町３条東２丁目１１－１").Normalized.ShouldBe("北海道上川郡当麻町三条東二丁目11-1");

    [Fact]
    public void Same_address_written_every_way_gives_one_result()
    {
        string[] spellings =
        [
            "北海道上川郡当麻町三条東二丁目11番地1",
            "北海道上川郡当麻町３条東２丁目１１－１",
            "北海道上川郡当麻町3条東2丁目11番1号",
            "当麻町三条東2-11-1",
            "上川郡当麻町 ３条東 ２丁目 11の1",
        ];

        spellings.Select(s => Normalizer.Normalize(s).Normalized).Distinct().ShouldBe(["北海道上川郡当麻町三条東二丁目11-1"]);
    }

    [Theory]
    [InlineData("府中市宮西町1-1", AddressResolutionLevel.None, null, new[] { "東京都府中市", "広島県府中市" })]
    [InlineData("伊達市梅本町1", AddressResolutionLevel.None, null, new[] { "北海道伊達市", "福島県伊達市" })]
    [InlineData("池田町1", AddressResolutionLevel.None, null, new[] { "北海道中川郡池田町", "福井県今立郡池田町", "長野県北安曇郡池田町", "岐阜県揖斐郡池田町" })]
    public void Municipality_in_several_prefectures_is_ambiguous_not_guessed(string input, AddressResolutionLevel level, string? prefecture, string[] expected)
    {
        var address = Normalizer.Normalize(input);

        address.Level.ShouldBe(level);
        address.Prefecture.ShouldBe(prefecture);
        address.Municipality.ShouldBeNull();
        address.IsAmbiguous.ShouldBeTrue();
        address.AmbiguousCandidates.ShouldBe(expected, ignoreOrder: true);
        address.Rest.ShouldBe(AddressText.Normalize(input));
    }

    [Theory]
    [InlineData("東京都府中市宮西町1-1", "東京都", "府中市")]
    [InlineData("広島県府中市府川町1", "広島県", "府中市")]
    [InlineData("福島県伊達市荒町1", "福島県", "伊達市")]
    public void Prefecture_removes_the_ambiguity(string input, string prefecture, string municipality)
    {
        var address = Normalizer.Normalize(input);

        address.Prefecture.ShouldBe(prefecture);
        address.Municipality.ShouldBe(municipality);
        address.IsAmbiguous.ShouldBeFalse();
    }

    [Theory]
    [InlineData("北海道札幌市北1条西2丁目")]
    [InlineData("札幌市北1条西2丁目")]
    public void Designated_city_without_its_ward_resolves_the_prefecture_and_lists_the_wards(string input)
    {
        var address = Normalizer.Normalize(input);

        address.Level.ShouldBe(AddressResolutionLevel.Prefecture);
        address.Prefecture.ShouldBe("北海道");
        address.Municipality.ShouldBeNull();
        address.AmbiguousCandidates.Count.ShouldBe(10);
        address.AmbiguousCandidates.ShouldContain("北海道札幌市中央区");
        address.AmbiguousCandidates.ShouldAllBe(c => c.StartsWith("北海道札幌市", StringComparison.Ordinal));
        address.Rest.ShouldBe("札幌市北1条西2丁目");
    }

    [Fact]
    public void Tokyo_special_ward_is_not_confused_with_a_designated_citys_ward()
    {
        Normalizer.Normalize("中央区銀座1").Municipality.ShouldBe("中央区");
        Normalizer.Normalize("中央区銀座1").Prefecture.ShouldBe("東京都");
        Normalizer.Normalize("千葉県千葉市中央区").Municipality.ShouldBe("千葉市中央区");
    }

    [Theory]
    [InlineData("福島県郡山市")]
    [InlineData("奈良県大和郡山市")]
    [InlineData("愛知県蒲郡市")]
    public void City_with_gun_in_its_name_is_not_split(string input)
    {
        var address = Normalizer.Normalize(input);

        address.Level.ShouldBe(AddressResolutionLevel.Municipality);
        address.Normalized.ShouldBe(input);
    }

    [Fact]
    public void Longer_chome_number_is_not_taken_for_a_shorter_one()
    {
        // 北一条西十二丁目 must not be read as 北一条西一丁目 + "2丁目".
        var address = Normalizer.Normalize("札幌市中央区北1条西12丁目");

        address.Town.ShouldBe("北一条西十二丁目");
        address.Rest.ShouldBeEmpty();
    }

    [Fact]
    public void Every_municipality_resolves_from_its_own_name_with_its_prefecture()
    {
        var data = Normalizer.Data;
        var failures = new List<string>();
        foreach (var municipality in data.Municipalities)
        {
            var prefecture = data.Prefectures[municipality.Prefecture];
            var address = Normalizer.Normalize(prefecture + municipality.Name);
            if (address.Level != AddressResolutionLevel.Municipality || address.Prefecture != prefecture || address.Municipality != municipality.Name || address.Rest.Length != 0)
            {
                failures.Add($"{prefecture}{municipality.Name}: {address.Level} {address.Municipality} [{string.Join(",", address.AmbiguousCandidates)}]");
            }
        }

        data.Municipalities.Count.ShouldBe(1895);
        data.Prefectures.Count.ShouldBe(47);
        failures.ShouldBeEmpty();
    }

    [Fact]
    public void Every_town_resolves_from_its_own_name_or_says_which_places_it_fits()
    {
        // Every fifth town of every municipality (38,000 names), followed by a 番地 as applications write it.
        var data = Normalizer.Data;
        var failures = new List<string>();
        var checkedTowns = 0;
        foreach (var municipality in data.Municipalities)
        {
            var names = data.Towns(municipality.Index).Names;
            for (var t = municipality.Index % 5; t < names.Count; t += 5)
            {
                var qualified = data.Prefectures[municipality.Prefecture] + municipality.Name;
                var address = Normalizer.Normalize(qualified + names[t] + "12番地3");
                checkedTowns++;
                var resolved = address.Town == names[t] && address.Rest == "12-3";
                if (!resolved && !address.AmbiguousCandidates.Contains(qualified + names[t]))
                {
                    failures.Add($"{qualified}{names[t]}: {address.Level} {address.Town} | {address.Rest}");
                }
            }
        }

        checkedTowns.ShouldBeGreaterThan(35_000);
        failures.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("長野県南佐久郡南相木村上の段1", "上の段")]
    [InlineData("長野県南佐久郡南相木村上之段1", "上之段")]
    [InlineData("京都府京都市北区大北山蓮ヶ谷町1", "大北山蓮ヶ谷町")]
    [InlineData("京都府京都市北区大北山蓮ケ谷町1", "大北山蓮ケ谷町")]
    public void Town_held_twice_in_variant_spellings_resolves_to_the_spelling_written(string input, string town) =>
        Normalizer.Normalize(input).Town.ShouldBe(town);

    [Fact]
    public void Town_held_twice_in_variant_spellings_written_a_third_way_is_ambiguous()
    {
        var address = Normalizer.Normalize("長野県南佐久郡南相木村上ノ段1");

        address.Level.ShouldBe(AddressResolutionLevel.Municipality);
        address.Town.ShouldBeNull();
        address.AmbiguousCandidates.ShouldBe(["長野県南佐久郡南相木村上の段", "長野県南佐久郡南相木村上之段"], ignoreOrder: true);
        address.Rest.ShouldBe("上ノ段1");
    }

    [Fact]
    public void Number_after_a_town_that_has_chome_is_its_chome()
    {
        // 北斗市 has both 本郷 and 本郷一丁目: 本郷1-2 is written the way 1丁目2番 is.
        var address = Normalizer.Normalize("北海道北斗市本郷1-2");

        address.Town.ShouldBe("本郷一丁目");
        address.Rest.ShouldBe("2");
        Normalizer.Normalize("北海道北斗市本郷12番地").Town.ShouldBe("本郷");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("　\t\n")]
    [InlineData("\u0000\u0001\uFFFF\uFFFE")]
    [InlineData("\uD800\uDC00\uDFFF\uD83D")]
    [InlineData("-----")]
    [InlineData("〒")]
    [InlineData("ーーー")]
    public void Odd_input_does_not_throw_and_resolves_nothing(string input)
    {
        var address = Normalizer.Normalize(input);

        address.Level.ShouldBe(AddressResolutionLevel.None);
        address.AmbiguousCandidates.ShouldBeEmpty();
    }

    [Fact]
    public void Random_binary_junk_never_throws()
    {
        var random = new Random(20250401);
        for (var i = 0; i < 300; i++)
        {
            var chars = new char[random.Next(0, 80)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = (char)random.Next(0, 0x10000);
            }

            Should.NotThrow(() => Normalizer.Normalize(new string(chars)));
        }
    }

    [Fact]
    public void Ten_thousand_characters_are_normalized_quickly()
    {
        string[] inputs =
        [
            new string('一', 10_000),
            new string('1', 10_000),
            "北海道上川郡当麻町三条東二丁目" + string.Concat(Enumerable.Repeat("1番地", 2_000)),
            "北海道上川郡当麻町" + new string('ー', 10_000),
            string.Concat(Enumerable.Repeat("大字", 5_000)),
            string.Concat(Enumerable.Repeat("札幌市", 3_333)),
            "北海道上川郡当麻町1" + new string(' ', 40_000) + "a", // was quadratic: each space looked ahead over the run
        ];
        Normalizer.Normalize("当麻町");

        foreach (var input in inputs)
        {
            var stopwatch = Stopwatch.StartNew();
            var address = Normalizer.Normalize(input);
            stopwatch.Stop();

            address.ShouldNotBeNull();
            stopwatch.ElapsedMilliseconds.ShouldBeLessThan(500);
        }
    }

    [Fact]
    public void ToString_never_prints_the_address()
    {
        var text = Normalizer.Normalize("北海道上川郡当麻町三条東二丁目11-1").ToString();

        text.ShouldNotContain("当麻");
        text.ShouldContain("Town");
    }

    [Fact]
    public void Towns_are_loaded_only_for_the_prefectures_used()
    {
        var normalizer = new JapaneseAddressNormalizer();
        var okinawa = normalizer.Data.Prefectures.Count - 1;
        normalizer.Normalize("北海道上川郡当麻町三条東二丁目");

        // Another test may have touched 沖縄県; this one only asserts what it can: a resolved town loaded its prefecture.
        normalizer.Data.IsPrefectureLoaded(0).ShouldBeTrue();
        normalizer.Data.Prefectures[okinawa].ShouldBe("沖縄県");
    }

    [Fact]
    public async Task Concurrent_first_use_gives_the_same_answers()
    {
        var tasks = Enumerable.Range(0, 16).Select(i => Task.Run(() => Normalizer.Normalize(i % 2 == 0 ? "沖縄県那覇市泉崎一丁目1" : "鹿児島県鹿児島市山下町11-1").Normalized));

        var results = await Task.WhenAll(tasks);

        results.Distinct().Count().ShouldBe(2);
        results.ShouldContain("沖縄県那覇市泉崎一丁目1");
    }
}
