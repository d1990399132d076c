using B = LineGov.Jpki.Tests.Parsing.RawCertificateBuilder;

namespace LineGov.Jpki.Tests.Parsing;

/// <summary>The four facts are personal data: no description or error message may contain them.</summary>
public sealed class PersonalDataRedactionTests
{
    private static readonly string[] PersonalFragments =
    [
        "山田", "太郎", B.DefaultName, "霞が関", "千代田", "東京都", B.DefaultAddress,
        B.DefaultDateOfBirth, "19850412", "1985", "1985-04-12", "04/12", "12.04", "Showa",
    ];

    private static void ShouldNotLeak(string text, string what)
    {
        foreach (var fragment in PersonalFragments)
        {
            // The assertion message names the object, never the fragment itself.
            text.Contains(fragment, StringComparison.Ordinal).ShouldBeFalse($"{what} leaks a personal-data fragment");
        }
    }

    [Fact]
    public void Parsed_four_facts_to_string_never_contains_name_address_or_date()
    {
        var certificate = JpkiCertificate.Parse(B.Signature().Build());
        var facts = certificate.FourFacts;
        facts.ShouldNotBeNull();

        ShouldNotLeak(facts.ToString(), nameof(JpkiFourFacts));
        ShouldNotLeak(facts.Name.ToString(), nameof(JpkiName));
        ShouldNotLeak(facts.Address.ToString(), nameof(JpkiAddress));
        ShouldNotLeak(facts.DateOfBirth.ToString(), nameof(JpkiDateOfBirth));
        ShouldNotLeak($"{facts} {facts.Name} {facts.Address} {facts.DateOfBirth}", "interpolation");
        ShouldNotLeak(certificate.ToString(), nameof(JpkiCertificate));
    }

    [Fact]
    public void Constructed_four_facts_to_string_never_contains_name_address_or_date()
    {
        var facts = new JpkiFourFacts(
            new JpkiName(B.DefaultName, B.DefaultNameFlags),
            JpkiDateOfBirth.Parse(B.DefaultDateOfBirth),
            JpkiGender.Male,
            new JpkiAddress(B.DefaultAddress, B.DefaultAddressFlags));

        ShouldNotLeak(facts.ToString(), nameof(JpkiFourFacts));
        ShouldNotLeak(facts.Name.ToString(), nameof(JpkiName));
        ShouldNotLeak(facts.Address.ToString(), nameof(JpkiAddress));
        ShouldNotLeak(facts.DateOfBirth.ToString(), nameof(JpkiDateOfBirth));
        ShouldNotLeak(JpkiDateOfBirth.FromDate(new DateOnly(1985, 4, 12)).ToString(), nameof(JpkiDateOfBirth));
        ShouldNotLeak((facts with { }).ToString(), "copy");
    }

    [Theory]
    [InlineData(B.GenderOid, "山田")]
    [InlineData(B.DateOfBirthOid, "319850412東京都")]
    [InlineData(B.DateOfBirthOid, "519850412")]
    [InlineData(B.DateOfBirthOid, "319851301")]
    [InlineData(B.NameFlagsOid, "山田\u3000太郎")]
    [InlineData(B.AddressFlagsOid, "東京都千代田区霞が関二丁目1番2号")]
    public void Error_messages_for_malformed_four_facts_never_echo_the_values(string oid, string value)
    {
        var der = B.Signature().WithOtherName(oid, value).Build();

        var exception = Should.Throw<JpkiFormatException>(() => JpkiCertificate.Parse(der));

        ShouldNotLeak(exception.Message, "the exception message");
        ShouldNotLeak(exception.ToString(), "the exception description");
    }

    [Fact]
    public void Error_message_for_incomplete_four_facts_never_echoes_the_present_values()
    {
        var der = B.Signature().WithoutOtherName(B.GenderOid).Build();

        var exception = Should.Throw<JpkiFormatException>(() => JpkiCertificate.Parse(der));

        ShouldNotLeak(exception.ToString(), "the exception description");
    }
}
