using LineGov.Payouts.Zengin;

namespace LineGov.Payouts.Tests.Zengin;

public class ZenginLayoutTests
{
    public static TheoryData<string> Layouts => ["Header", "Data", "Trailer", "End"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_record_layout_is_exactly_120_bytes(string name)
    {
        var layout = name switch
        {
            "Header" => ZenginLayout.Header,
            "Data" => ZenginLayout.Data,
            "Trailer" => ZenginLayout.Trailer,
            _ => ZenginLayout.End,
        };
        layout.Sum(f => f.Width).ShouldBe(120);
        layout.Select(f => f.Name).ShouldBeUnique();
    }

    [Fact]
    public void Field_widths_follow_the_Zengin_specification()
    {
        ZenginLayout.Header.Select(f => f.Width).ShouldBe([1, 2, 1, 10, 40, 4, 4, 15, 3, 15, 1, 7, 17]);
        ZenginLayout.Data.Select(f => f.Width).ShouldBe([1, 4, 15, 3, 15, 4, 1, 7, 30, 10, 1, 10, 10, 1, 1, 7]);
        ZenginLayout.Trailer.Select(f => f.Width).ShouldBe([1, 6, 12, 101]);
        ZenginLayout.End.Select(f => f.Width).ShouldBe([1, 119]);
    }
}
