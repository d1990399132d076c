namespace LineGov.Eligibility.Tests;

public sealed class SkeletonTests
{
    [Fact]
    public void Age_is_attained_the_day_before_the_birthday() =>
        JapaneseAge.AgeOn(new DateOnly(2009, 4, 1), new DateOnly(2010, 3, 31)).ShouldBe(1);
}
