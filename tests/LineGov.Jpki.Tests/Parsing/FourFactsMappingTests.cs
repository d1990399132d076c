using B = LineGov.Jpki.Tests.Parsing.RawCertificateBuilder;

namespace LineGov.Jpki.Tests.Parsing;

/// <summary>
/// Every J-LIS otherName OID must land in its own typed property. The values differ per field so that a swap
/// (name vs its flags, address vs date of birth, name flags vs address flags) fails an assertion.
/// </summary>
public sealed class FourFactsMappingTests
{
    private static JpkiFourFacts FactsOf(B builder)
    {
        var certificate = JpkiCertificate.Parse(builder.Build());
        certificate.Kind.ShouldBe(JpkiCertificateKind.Signature);
        var facts = certificate.FourFacts;
        facts.ShouldNotBeNull();
        return facts;
    }

    [Fact]
    public void Library_oid_constants_are_the_published_jlis_oids()
    {
        JpkiOids.Name.ShouldBe("1.2.392.200149.8.5.5.1");
        JpkiOids.NameAlternateCharacterFlags.ShouldBe("1.2.392.200149.8.5.5.2");
        JpkiOids.Gender.ShouldBe("1.2.392.200149.8.5.5.3");
        JpkiOids.DateOfBirth.ShouldBe("1.2.392.200149.8.5.5.4");
        JpkiOids.Address.ShouldBe("1.2.392.200149.8.5.5.5");
        JpkiOids.AddressAlternateCharacterFlags.ShouldBe("1.2.392.200149.8.5.5.6");
        JpkiOids.SignaturePolicy.ShouldBe("1.2.392.200149.8.5.1.1.20");
        JpkiOids.SignatureTestPolicy.ShouldBe("1.2.392.200149.8.5.1.0.20");
        JpkiOids.AuthenticationPolicy.ShouldBe("1.2.392.200149.8.5.1.3.30");
    }

    [Fact]
    public void Default_four_facts_map_each_oid_to_its_own_property()
    {
        var facts = FactsOf(B.Signature());

        facts.Name.FullName.ShouldBe(B.DefaultName);
        facts.Name.FamilyName.ShouldBe("山田");
        facts.Name.GivenName.ShouldBe("太郎");
        facts.Name.AlternateCharacterFlags.ShouldBe(B.DefaultNameFlags);
        facts.Gender.ShouldBe(JpkiGender.Female);
        facts.DateOfBirth.RawValue.ShouldBe(B.DefaultDateOfBirth);
        facts.DateOfBirth.Era.ShouldBe(JpkiEra.Showa);
        facts.DateOfBirth.Date.ShouldBe(new DateOnly(1985, 4, 12));
        facts.Address.Value.ShouldBe(B.DefaultAddress);
        facts.Address.AlternateCharacterFlags.ShouldBe(B.DefaultAddressFlags);
        facts.HasAlternateCharacters.ShouldBeTrue();
    }

    [Fact]
    public void Name_oid_maps_to_full_name_not_to_its_flags()
    {
        var facts = FactsOf(B.Signature().WithOtherName(B.NameOid, "佐藤\u3000花子"));

        facts.Name.FullName.ShouldBe("佐藤\u3000花子");
        facts.Name.FamilyName.ShouldBe("佐藤");
        facts.Name.GivenName.ShouldBe("花子");
        facts.Name.FullName.ShouldNotBe(B.DefaultNameFlags);
        facts.Address.Value.ShouldBe(B.DefaultAddress);
    }

    [Fact]
    public void Name_flags_oid_maps_to_name_flags_not_address_flags()
    {
        var facts = FactsOf(B.Signature()
            .WithOtherName(B.NameFlagsOid, "01000")
            .WithOtherName(B.AddressFlagsOid, "00000000000000000"));

        facts.Name.AlternateCharacterFlags.ShouldBe("01000");
        facts.Name.HasAlternateCharacters.ShouldBeTrue();
        facts.Name.IsAlternateCharacter(1).ShouldBeTrue();
        facts.Name.IsAlternateCharacter(0).ShouldBeFalse();
        facts.Name.IsAlternateCharacter(3).ShouldBeFalse();
        facts.Address.AlternateCharacterFlags.ShouldBe("00000000000000000");
        facts.Address.HasAlternateCharacters.ShouldBeFalse();
        facts.Name.FullName.ShouldBe(B.DefaultName);
    }

    [Fact]
    public void Name_flags_flag_the_fourth_character()
    {
        var facts = FactsOf(B.Signature());

        facts.Name.IsAlternateCharacter(3).ShouldBeTrue();
        for (var position = 0; position < 5; position++)
        {
            if (position != 3)
            {
                facts.Name.IsAlternateCharacter(position).ShouldBeFalse($"position {position}");
            }
        }

        facts.Name.IsAlternateCharacter(5).ShouldBeFalse();
        facts.Name.IsAlternateCharacter(-1).ShouldBeFalse();
    }

    [Fact]
    public void Address_flags_oid_maps_to_address_flags_not_name_flags()
    {
        var facts = FactsOf(B.Signature()
            .WithOtherName(B.NameFlagsOid, "00000")
            .WithOtherName(B.AddressFlagsOid, "10000000000000001"));

        facts.Address.AlternateCharacterFlags.ShouldBe("10000000000000001");
        facts.Address.IsAlternateCharacter(0).ShouldBeTrue();
        facts.Address.IsAlternateCharacter(16).ShouldBeTrue();
        facts.Address.IsAlternateCharacter(7).ShouldBeFalse();
        facts.Name.AlternateCharacterFlags.ShouldBe("00000");
        facts.Name.HasAlternateCharacters.ShouldBeFalse();
        facts.Address.Value.ShouldBe(B.DefaultAddress);
    }

    [Fact]
    public void Address_oid_maps_to_address_not_date_of_birth()
    {
        var facts = FactsOf(B.Signature()
            .WithOtherName(B.AddressOid, "北海道札幌市中央区北一条西二丁目")
            .WithoutOtherName(B.AddressFlagsOid));

        facts.Address.Value.ShouldBe("北海道札幌市中央区北一条西二丁目");
        facts.DateOfBirth.RawValue.ShouldBe(B.DefaultDateOfBirth);
    }

    [Fact]
    public void Date_of_birth_oid_maps_to_date_of_birth_not_address()
    {
        var facts = FactsOf(B.Signature().WithOtherName(B.DateOfBirthOid, "420010203"));

        facts.DateOfBirth.RawValue.ShouldBe("420010203");
        facts.DateOfBirth.Era.ShouldBe(JpkiEra.Heisei);
        facts.DateOfBirth.Date.ShouldBe(new DateOnly(2001, 2, 3));
        facts.Address.Value.ShouldBe(B.DefaultAddress);
    }

    [Theory]
    [InlineData("1", JpkiGender.Male)]
    [InlineData("2", JpkiGender.Female)]
    [InlineData("3", JpkiGender.Unknown)]
    public void Gender_oid_maps_code_to_gender(string code, JpkiGender expected)
    {
        var facts = FactsOf(B.Signature().WithOtherName(B.GenderOid, code));

        facts.Gender.ShouldBe(expected);
    }

    [Fact]
    public void Othernames_in_reverse_order_map_to_the_same_properties()
    {
        var facts = FactsOf(B.Signature().ReverseSubjectAltNames());

        facts.Name.FullName.ShouldBe(B.DefaultName);
        facts.Name.AlternateCharacterFlags.ShouldBe(B.DefaultNameFlags);
        facts.Gender.ShouldBe(JpkiGender.Female);
        facts.DateOfBirth.RawValue.ShouldBe(B.DefaultDateOfBirth);
        facts.Address.Value.ShouldBe(B.DefaultAddress);
        facts.Address.AlternateCharacterFlags.ShouldBe(B.DefaultAddressFlags);
    }

    [Fact]
    public void Missing_flags_mean_no_alternate_characters()
    {
        var facts = FactsOf(B.Signature().WithoutOtherName(B.NameFlagsOid).WithoutOtherName(B.AddressFlagsOid));

        facts.Name.AlternateCharacterFlags.ShouldBe("00000");
        facts.Address.AlternateCharacterFlags.ShouldBe(new string('0', 17));
        facts.HasAlternateCharacters.ShouldBeFalse();
    }

    [Fact]
    public void Flags_count_unicode_scalar_values_so_a_surrogate_pair_is_one_character()
    {
        // 𠮷 (U+20BB7) is one character but two UTF-16 code units.
        var facts = FactsOf(B.Signature()
            .WithOtherName(B.NameOid, "\U00020BB7野\u3000花子")
            .WithOtherName(B.NameFlagsOid, "10000"));

        facts.Name.FullName.ShouldBe("\U00020BB7野\u3000花子");
        facts.Name.FamilyName.ShouldBe("\U00020BB7野");
        facts.Name.IsAlternateCharacter(0).ShouldBeTrue();
        facts.Name.IsAlternateCharacter(1).ShouldBeFalse();
    }

    [Fact]
    public void Name_without_full_width_space_has_an_empty_given_name()
    {
        var facts = FactsOf(B.Signature().WithOtherName(B.NameOid, "山田太郎").WithOtherName(B.NameFlagsOid, "0000"));

        facts.Name.FamilyName.ShouldBe("山田太郎");
        facts.Name.GivenName.ShouldBe(string.Empty);
    }

    [Theory]
    [InlineData(RawStringKind.Bmp)]
    [InlineData(RawStringKind.Utf8)]
    public void Name_and_address_read_as_utf8_or_bmp_strings(RawStringKind kind)
    {
        var facts = FactsOf(B.Signature()
            .WithOtherName(B.NameOid, B.DefaultName, kind)
            .WithOtherName(B.AddressOid, B.DefaultAddress, kind));

        facts.Name.FullName.ShouldBe(B.DefaultName);
        facts.Address.Value.ShouldBe(B.DefaultAddress);
    }

    [Theory]
    [InlineData(RawStringKind.Printable)]
    [InlineData(RawStringKind.Ia5)]
    [InlineData(RawStringKind.Visible)]
    [InlineData(RawStringKind.Bmp)]
    public void Codes_and_flags_read_as_other_string_types(RawStringKind kind)
    {
        var facts = FactsOf(B.Signature()
            .WithOtherName(B.GenderOid, "1", kind)
            .WithOtherName(B.DateOfBirthOid, "520200229", kind)
            .WithOtherName(B.NameFlagsOid, "00100", kind)
            .WithOtherName(B.AddressFlagsOid, "00000000000000010", kind));

        facts.Gender.ShouldBe(JpkiGender.Male);
        facts.DateOfBirth.Date.ShouldBe(new DateOnly(2020, 2, 29));
        facts.Name.AlternateCharacterFlags.ShouldBe("00100");
        facts.Address.AlternateCharacterFlags.ShouldBe("00000000000000010");
    }

    [Fact]
    public void Unknown_othernames_and_other_general_names_are_ignored()
    {
        var facts = FactsOf(B.Signature()
            .AddOtherName("1.2.392.200149.8.5.5.7", "999")
            .AddOtherName("1.3.6.1.4.1.311.20.2.3", "upn@example.jp")
            .AddRawGeneralName(B.Tlv(0x81, "resident@example.jp"u8))
            .AddRawGeneralName(B.Tlv(0x82, "example.jp"u8)));

        facts.Name.FullName.ShouldBe(B.DefaultName);
        facts.Address.Value.ShouldBe(B.DefaultAddress);
    }

    [Theory]
    [InlineData("000000000", JpkiEra.Unknown, 0, 0, 0)]
    [InlineData("118700101", JpkiEra.Meiji, 1870, 1, 1)]
    [InlineData("119120729", JpkiEra.Meiji, 1912, 7, 29)]
    [InlineData("219120730", JpkiEra.Taisho, 1912, 7, 30)]
    [InlineData("219261224", JpkiEra.Taisho, 1926, 12, 24)]
    [InlineData("319261225", JpkiEra.Showa, 1926, 12, 25)]
    [InlineData("319890107", JpkiEra.Showa, 1989, 1, 7)]
    [InlineData("419890108", JpkiEra.Heisei, 1989, 1, 8)]
    [InlineData("420190430", JpkiEra.Heisei, 2019, 4, 30)]
    [InlineData("520190501", JpkiEra.Reiwa, 2019, 5, 1)]
    [InlineData("520240229", JpkiEra.Reiwa, 2024, 2, 29)]
    public void Date_of_birth_era_code_and_date_are_read(string raw, JpkiEra era, int year, int month, int day)
    {
        var facts = FactsOf(B.Signature().WithOtherName(B.DateOfBirthOid, raw));

        facts.DateOfBirth.Era.ShouldBe(era);
        facts.DateOfBirth.RawValue.ShouldBe(raw);
        if (era == JpkiEra.Unknown)
        {
            facts.DateOfBirth.IsKnown.ShouldBeFalse();
            facts.DateOfBirth.Date.ShouldBeNull();
        }
        else
        {
            facts.DateOfBirth.IsKnown.ShouldBeTrue();
            facts.DateOfBirth.Date.ShouldBe(new DateOnly(year, month, day));
        }
    }

    [Theory]
    [InlineData(1912, 7, 29, "119120729")]
    [InlineData(1912, 7, 30, "219120730")]
    [InlineData(1926, 12, 24, "219261224")]
    [InlineData(1926, 12, 25, "319261225")]
    [InlineData(1989, 1, 7, "319890107")]
    [InlineData(1989, 1, 8, "419890108")]
    [InlineData(2019, 4, 30, "420190430")]
    [InlineData(2019, 5, 1, "520190501")]
    public void Date_of_birth_from_a_date_picks_the_era_at_the_boundaries(int year, int month, int day, string expected)
    {
        var dateOfBirth = JpkiDateOfBirth.FromDate(new DateOnly(year, month, day));

        dateOfBirth.RawValue.ShouldBe(expected);
        JpkiDateOfBirth.Parse(expected).ShouldBe(dateOfBirth);
    }

    [Theory]
    [InlineData("319890108")] // 昭和 code on the first day of 平成
    [InlineData("419890107")] // 平成 code on the last day of 昭和
    [InlineData("420190501")] // 平成 code on the first day of 令和
    [InlineData("520190430")] // 令和 code on the last day of 平成
    [InlineData("319261224")] // 昭和 code on the last day of 大正
    [InlineData("219261225")] // 大正 code on the first day of 昭和
    [InlineData("119120730")] // 明治 code on the first day of 大正
    [InlineData("219120729")] // 大正 code on the last day of 明治
    [InlineData("519850412")] // 令和 code for a 昭和 date
    [InlineData("120240101")] // 明治 code for a 令和 date
    public void Date_of_birth_whose_era_code_disagrees_with_the_date_is_rejected(string raw)
    {
        var exception = Should.Throw<JpkiFormatException>(() => JpkiCertificate.Parse(B.Signature().WithOtherName(B.DateOfBirthOid, raw).Build()));

        exception.Element.ShouldBe("dateOfBirth");
    }

    [Theory]
    [InlineData("319851301")]
    [InlineData("319850230")]
    [InlineData("319850229")]
    [InlineData("319850000")]
    [InlineData("619850412")]
    [InlineData("919850412")]
    [InlineData("31985041")]
    [InlineData("3198504120")]
    [InlineData("")]
    [InlineData("S19850412")]
    [InlineData("3 9850412")]
    [InlineData("3-1985-04-12")]
    [InlineData("３19850412")]
    [InlineData("3１9850412")]
    public void Malformed_date_of_birth_is_rejected(string raw)
    {
        var exception = Should.Throw<JpkiFormatException>(() => JpkiCertificate.Parse(B.Signature().WithOtherName(B.DateOfBirthOid, raw).Build()));

        exception.Element.ShouldBe("dateOfBirth");
    }

    [Theory]
    [InlineData(JpkiCertificateKind.Signature, RawCertificateBuilder.SignaturePolicyOid)]
    [InlineData(JpkiCertificateKind.Signature, RawCertificateBuilder.SignatureTestPolicyOid)]
    [InlineData(JpkiCertificateKind.Authentication, RawCertificateBuilder.AuthenticationPolicyOid)]
    [InlineData(JpkiCertificateKind.Other, "1.2.392.200149.8.5.1.2.20")]
    [InlineData(JpkiCertificateKind.Other, "1.2.392.200149.8.5.1.1.21")]
    [InlineData(JpkiCertificateKind.Other, "1.2.392.200149.8.5.1.3.20")]
    [InlineData(JpkiCertificateKind.Other, "2.5.29.32.0")]
    [InlineData(JpkiCertificateKind.Other, "1.2.392.200149.8.5.1.1")]
    public void Policy_decides_the_kind(JpkiCertificateKind expected, string policy)
    {
        var certificate = JpkiCertificate.Parse(B.Signature().WithPolicies(policy).Build());

        certificate.Kind.ShouldBe(expected);
        certificate.PolicyOids.ShouldBe(new[] { policy });
        if (expected == JpkiCertificateKind.Signature)
        {
            certificate.FourFacts.ShouldNotBeNull();
        }
        else
        {
            certificate.FourFacts.ShouldBeNull();
        }
    }

    [Fact]
    public void Signature_policy_next_to_an_unrelated_policy_is_still_a_signature_certificate()
    {
        var certificate = JpkiCertificate.Parse(B.Signature().WithPolicies("1.2.3.4", B.SignaturePolicyOid).Build());

        certificate.Kind.ShouldBe(JpkiCertificateKind.Signature);
        certificate.PolicyOids.ShouldBe(new[] { "1.2.3.4", B.SignaturePolicyOid });
        certificate.FourFacts.ShouldNotBeNull();
    }

    [Fact]
    public void Both_jpki_policies_in_one_certificate_make_it_neither_kind()
    {
        var certificate = JpkiCertificate.Parse(B.Signature().WithPolicies(B.SignaturePolicyOid, B.AuthenticationPolicyOid).Build());

        certificate.Kind.ShouldBe(JpkiCertificateKind.Other);
        certificate.FourFacts.ShouldBeNull();
    }

    [Fact]
    public void Certificate_without_policies_is_other_and_has_no_four_facts()
    {
        var certificate = JpkiCertificate.Parse(B.Signature().WithPolicies(null).Build());

        certificate.Kind.ShouldBe(JpkiCertificateKind.Other);
        certificate.PolicyOids.ShouldBeEmpty();
        certificate.FourFacts.ShouldBeNull();
    }

    [Fact]
    public void Authentication_certificate_never_gets_four_facts_even_when_it_carries_the_othernames()
    {
        var builder = B.Authentication().WithDefaultFourFacts();
        var certificate = JpkiCertificate.Parse(builder.Build());

        certificate.Kind.ShouldBe(JpkiCertificateKind.Authentication);
        certificate.FourFacts.ShouldBeNull();
        certificate.Extensions.ShouldContain(e => e.Oid == B.SubjectAltNameOid);
    }

    [Fact]
    public void Authentication_certificate_without_othernames_has_no_four_facts()
    {
        var certificate = JpkiCertificate.Parse(B.Authentication().Build());

        certificate.Kind.ShouldBe(JpkiCertificateKind.Authentication);
        certificate.FourFacts.ShouldBeNull();
        certificate.Subject.ShouldContain("RAWTEST0000000000000001");
    }

    [Fact]
    public void Signature_certificate_without_subject_alt_name_has_no_four_facts()
    {
        var certificate = JpkiCertificate.Parse(B.Signature().WithoutSubjectAltNames().Build());

        certificate.Kind.ShouldBe(JpkiCertificateKind.Signature);
        certificate.FourFacts.ShouldBeNull();
    }
}
