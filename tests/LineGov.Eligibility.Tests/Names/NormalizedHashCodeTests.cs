namespace LineGov.Eligibility.Tests.Names;

public sealed class NormalizedHashCodeTests
{
    [Theory]
    [InlineData("佐藤　太郎")]
    [InlineData("髙橋 一郎")]
    [InlineData("山﨑　花子")]
    [InlineData("𠮷田　竜之介")]
    [InlineData("ﾔﾏﾀﾞ ﾀﾛｳ")]
    [InlineData("辻\U000E0100春美")]
    [InlineData("")]
    [InlineData("ABC")]
    public void The_folded_hash_is_the_hash_of_the_folded_string(string name) =>
        NameText.NormalizedHashCode(name, NameText.Then.FoldVariants).ShouldBe(string.GetHashCode(JapaneseNames.Fold(name).AsSpan()));

    [Fact]
    public void A_long_name_beyond_the_stack_buffers_hashes_the_same()
    {
        var name = string.Concat(Enumerable.Repeat("髙橋　", 200));
        NameText.NormalizedHashCode(name, NameText.Then.FoldVariants).ShouldBe(string.GetHashCode(JapaneseNames.Fold(name).AsSpan()));
    }
}
