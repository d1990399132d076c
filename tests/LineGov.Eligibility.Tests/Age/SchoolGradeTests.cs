namespace LineGov.Eligibility.Tests.Age;

public sealed class SchoolGradeTests
{
    [Theory]
    [InlineData(1, SchoolStage.Elementary, 1, "小1")]
    [InlineData(6, SchoolStage.Elementary, 6, "小6")]
    [InlineData(7, SchoolStage.JuniorHigh, 1, "中1")]
    [InlineData(9, SchoolStage.JuniorHigh, 3, "中3")]
    [InlineData(10, SchoolStage.HighSchool, 1, "高1")]
    [InlineData(12, SchoolStage.HighSchool, 3, "高3")]
    public void Ordinals_stages_years_and_names_agree(int ordinal, SchoolStage stage, int year, string name)
    {
        var grade = SchoolGrade.FromOrdinal(ordinal);
        (grade.Stage, grade.Year, grade.Ordinal, grade.ShortName, grade.ToString()).ShouldBe((stage, year, ordinal, name, name));
        new SchoolGrade(stage, year).ShouldBe(grade);
        SchoolGrade.Parse(name).ShouldBe(grade);
    }

    [Fact]
    public void Out_of_range_grades_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SchoolGrade.FromOrdinal(0));
        Should.Throw<ArgumentOutOfRangeException>(() => SchoolGrade.FromOrdinal(13));
        Should.Throw<ArgumentOutOfRangeException>(() => new SchoolGrade(SchoolStage.JuniorHigh, 4));
        Should.Throw<ArgumentOutOfRangeException>(() => new SchoolGrade(SchoolStage.Elementary, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => new SchoolGrade((SchoolStage)9, 1));
    }

    [Theory]
    [InlineData("中4")]
    [InlineData("大1")]
    [InlineData("小")]
    [InlineData("小10")]
    [InlineData("")]
    public void Unknown_names_are_a_format_error(string text)
    {
        SchoolGrade.TryParse(text, out _).ShouldBeFalse();
        Should.Throw<EligibilityFormatException>(() => SchoolGrade.Parse(text));
    }

    [Fact]
    public void Full_width_digits_and_order()
    {
        SchoolGrade.Parse(" 高２ ").ShouldBe(new SchoolGrade(SchoolStage.HighSchool, 2));
        (SchoolGrade.Parse("小6") < SchoolGrade.Parse("中1")).ShouldBeTrue();
        default(SchoolGrade).ShortName.ShouldBe("小1");
        SchoolGrade.TryParse(null, out _).ShouldBeFalse();
    }
}
