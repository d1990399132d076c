using System.Formats.Asn1;

namespace LineGov.Jpki;

/// <summary>
/// Reads the 基本4情報 from the subjectAltName of a signature certificate: otherName entries
/// <c>[0] { type-id, [0] EXPLICIT string }</c> with the J-LIS OIDs of <see cref="JpkiOids"/>.
/// </summary>
internal static class FourFactsReader
{
    private static readonly Asn1Tag OtherNameTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag ExplicitValueTag = new(TagClass.ContextSpecific, 0, isConstructed: true);

    public static JpkiFourFacts? Read(ReadOnlyMemory<byte> subjectAltName)
    {
        string? name = null, nameFlags = null, gender = null, birth = null, address = null, addressFlags = null;
        var outer = new AsnReader(subjectAltName, AsnEncodingRules.DER);
        var names = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (!tag.HasSameClassAndValue(OtherNameTag))
            {
                names.ReadEncodedValue();
                continue;
            }

            var otherName = names.ReadSequence(OtherNameTag);
            var typeId = otherName.ReadObjectIdentifier();
            var explicitValue = otherName.ReadSequence(ExplicitValueTag);
            otherName.ThrowIfNotEmpty();
            switch (typeId)
            {
                case JpkiOids.Name:
                    Assign(ref name, explicitValue, "name");
                    break;
                case JpkiOids.NameAlternateCharacterFlags:
                    Assign(ref nameFlags, explicitValue, "nameAlternateCharacterFlags");
                    break;
                case JpkiOids.Gender:
                    Assign(ref gender, explicitValue, "gender");
                    break;
                case JpkiOids.DateOfBirth:
                    Assign(ref birth, explicitValue, "dateOfBirth");
                    break;
                case JpkiOids.Address:
                    Assign(ref address, explicitValue, "address");
                    break;
                case JpkiOids.AddressAlternateCharacterFlags:
                    Assign(ref addressFlags, explicitValue, "addressAlternateCharacterFlags");
                    break;
                default:
                    break;
            }
        }

        if (name is null && gender is null && birth is null && address is null)
        {
            return null;
        }

        if (name is null || gender is null || birth is null || address is null)
        {
            throw new JpkiFormatException("subjectAltName", "The four facts are incomplete: name, date of birth, gender and address must all be present.");
        }

        if (!AlternateFlags.IsValid(name, nameFlags ??= string.Empty) && nameFlags.Length != 0)
        {
            throw new JpkiFormatException("nameAlternateCharacterFlags", "The flags are not one '0' or '1' per character of the name.");
        }

        if (!AlternateFlags.IsValid(address, addressFlags ??= string.Empty) && addressFlags.Length != 0)
        {
            throw new JpkiFormatException("addressAlternateCharacterFlags", "The flags are not one '0' or '1' per character of the address.");
        }

        var parsedGender = gender switch
        {
            "1" => JpkiGender.Male,
            "2" => JpkiGender.Female,
            "3" => JpkiGender.Unknown,
            _ => throw new JpkiFormatException("gender", "The gender code is not 1, 2 or 3."),
        };

        if (!JpkiDateOfBirth.TryParse(birth, out var dateOfBirth, out var error))
        {
            throw new JpkiFormatException("dateOfBirth", error);
        }

        if (name.Length == 0 || address.Length == 0)
        {
            throw new JpkiFormatException("subjectAltName", "The name or the address is empty.");
        }

        return new JpkiFourFacts(
            new JpkiName(name, nameFlags),
            dateOfBirth,
            parsedGender,
            new JpkiAddress(address, addressFlags));
    }

    private static void Assign(ref string? target, AsnReader explicitValue, string element)
    {
        if (target is not null)
        {
            throw new JpkiFormatException(element, "The value appears more than once.");
        }

        var tag = explicitValue.PeekTag();
        if (tag.TagClass != TagClass.Universal)
        {
            throw new JpkiFormatException(element, "The value is not a character string.");
        }

        target = (UniversalTagNumber)tag.TagValue switch
        {
            UniversalTagNumber.UTF8String or UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String
                or UniversalTagNumber.BMPString or UniversalTagNumber.VisibleString
                => explicitValue.ReadCharacterString((UniversalTagNumber)tag.TagValue),
            _ => throw new JpkiFormatException(element, "The value is not a character string."),
        };
        explicitValue.ThrowIfNotEmpty();
    }
}
