using System.Globalization;
using System.Text;

namespace LineGov.Eligibility.Tests.Names;

public sealed class KanjiVariantTableTests
{
    [Fact]
    public void The_table_has_at_least_three_hundred_variants() =>
        KanjiVariants.Map.Count.ShouldBeGreaterThanOrEqualTo(300);

    [Fact]
    public void Folding_has_no_chains_and_no_cycles()
    {
        // Every variant maps to a representative, and no representative is itself a variant: one step, always.
        foreach (var (variant, representative) in KanjiVariants.Map)
        {
            variant.ShouldNotBe(representative);
            KanjiVariants.Map.ContainsKey(representative).ShouldBeFalse($"U+{representative:X4} is both a representative and a variant");
            KanjiVariants.Fold(representative).ShouldBe(representative);
        }
    }

    [Fact]
    public void Every_member_of_a_group_maps_to_its_first_member()
    {
        foreach (var group in KanjiVariants.Groups)
        {
            foreach (var member in group)
            {
                KanjiVariants.Fold(member).ShouldBe(group[0]);
            }
        }
    }

    [Fact]
    public void Every_character_appears_in_one_group_only()
    {
        var all = KanjiVariants.Groups.SelectMany(g => g).ToList();
        all.Distinct().Count().ShouldBe(all.Count);
    }

    [Fact]
    public void Every_character_is_an_ideograph_that_normalization_leaves_alone()
    {
        // A character NFC changes (a compatibility ideograph with a decomposition) could never be looked up: Fold sees
        // only normalized text.
        foreach (var member in KanjiVariants.Groups.SelectMany(g => g))
        {
            var text = char.ConvertFromUtf32(member);
            text.Normalize(NormalizationForm.FormC).ShouldBe(text, $"U+{member:X4}");
            CharUnicodeInfo.GetUnicodeCategory(member).ShouldBe(UnicodeCategory.OtherLetter, $"U+{member:X4}");
            JapaneseNames.Normalize(text).ShouldBe(text, $"U+{member:X4}");
        }
    }

    [Fact]
    public void A_character_in_two_groups_is_refused()
    {
        var groups = KanjiVariants.Parse("# test\n高髙\n崎﨑\n");
        KanjiVariants.BuildMap(groups).Count.ShouldBe(2);
        Should.Throw<InvalidOperationException>(() => KanjiVariants.BuildMap(KanjiVariants.Parse("高髙\n髙崎\n")));
    }

    [Fact]
    public void A_group_without_a_variant_is_refused() =>
        Should.Throw<InvalidOperationException>(() => KanjiVariants.Parse("高\n"));
}
