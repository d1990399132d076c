namespace LineGov.Eligibility.Tests.Addresses;

/// <summary>Residency: a normalized address inside a municipality or some of its towns.</summary>
public sealed class ResidencyAreaTests
{
    private static NormalizedAddress Address(string text) => JapaneseAddressNormalizer.Default.Normalize(text);

    [Theory]
    [InlineData("北海道上川郡当麻町三条東二丁目11-1", true)]
    [InlineData("当麻町３条東２丁目１１－１", true)]
    [InlineData("上川郡当麻町伊香牛一区", true)]
    [InlineData("北海道上川郡当麻町", true)]
    [InlineData("北海道上川郡東川町", false)]
    [InlineData("北海道", false)]
    [InlineData("", false)]
    public void Municipality_area_contains_every_address_of_the_municipality(string address, bool inside) =>
        new ResidencyArea("北海道", "上川郡当麻町").Contains(Address(address)).ShouldBe(inside);

    [Theory]
    [InlineData("当麻町3条東2丁目11-1", true)]
    [InlineData("当麻町三条東三丁目", false)]
    [InlineData("北海道上川郡当麻町", false)]
    public void Town_area_contains_only_its_towns(string address, bool inside) =>
        new ResidencyArea("北海道", "上川郡当麻町", ["三条東二丁目"]).Contains(Address(address)).ShouldBe(inside);

    [Theory]
    [InlineData("北海道上川郡当麻町")]
    [InlineData("北海道当麻町")]
    [InlineData("当麻町")]
    [InlineData("上川郡 当麻町")]
    public void Parse_spells_the_area_as_the_data(string text)
    {
        var area = ResidencyArea.Parse(text);

        area.Prefecture.ShouldBe("北海道");
        area.Municipality.ShouldBe("上川郡当麻町");
        area.Towns.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_resolves_towns_written_any_way()
    {
        var area = ResidencyArea.Parse("札幌市中央区", ["北1条西2丁目", "北一条西三丁目"]);

        area.Municipality.ShouldBe("札幌市中央区");
        area.Towns.ShouldBe(["北一条西二丁目", "北一条西三丁目"], ignoreOrder: true);
        area.Contains(Address("北海道札幌市中央区北一条西2-1")).ShouldBeTrue();
        area.Contains(Address("北海道札幌市中央区北一条西4丁目1")).ShouldBeFalse();
    }

    [Fact]
    public void Parse_of_a_municipality_and_town_narrows_to_that_town()
    {
        var area = ResidencyArea.Parse("当麻町三条東2丁目");

        area.Towns.ShouldBe(["三条東二丁目"]);
    }

    [Theory]
    [InlineData("府中市", "several")]
    [InlineData("札幌市", "several")]
    [InlineData("どこか市", "does not name")]
    [InlineData("北海道", "does not name")]
    [InlineData("当麻町三条東二丁目11-1", "more after")]
    public void Parse_rejects_what_is_not_one_municipality(string text, string reason)
    {
        var error = Should.Throw<EligibilityFormatException>(() => ResidencyArea.Parse(text));

        error.Field.ShouldBe("area");
        error.Message.ShouldContain(reason);
    }

    [Fact]
    public void Parse_rejects_an_unknown_town_naming_its_position_only()
    {
        var error = Should.Throw<EligibilityFormatException>(() => ResidencyArea.Parse("当麻町", ["三条東二丁目", "存在しない町"]));

        error.Field.ShouldBe("towns[1]");
        error.Message.ShouldNotContain("存在しない町");
    }
}
