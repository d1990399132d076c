using System.Formats.Asn1;

namespace LineGov.Jpki;

/// <summary>
/// Reads the 基本4情報 from the subjectAltName of a signature certificate: otherName entries
/// <c>[0] { type-id, [0] EXPLICIT string }</c> with the J-LIS OIDs of <see cref="JpkiOids"/>.
/// </summary>
internal static class FourFactsReader
{
    private static readonly Asn1Tag OtherNameTag = new(TagClass.ContextSpecific, 0, isConstructed: true);

    public static JpkiFourFacts? Read(ReadOnlySpan<byte> subjectAltName)
    {
        string? name = null, nameFlags = null, address = null, addressFlags = null, birth = null;
        JpkiGender? gender = null;
        var outer = new DerReader(subjectAltName);
        var names = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        while (names.HasData)
        {
            if (!names.NextIs(OtherNameTag))
            {
                names.ReadEncodedValue();
                continue;
            }

            var otherName = names.ReadSequence(OtherNameTag);
            var typeId = otherName.ReadOidEncoded();
            var value = otherName.ReadSequence(OtherNameTag);
            otherName.ThrowIfNotEmpty();
            if (typeId.SequenceEqual(DerOid.Name))
            {
                Assign(ref name, ref value, "name");
            }
            else if (typeId.SequenceEqual(DerOid.NameFlags))
            {
                Assign(ref nameFlags, ref value, "nameAlternateCharacterFlags");
            }
            else if (typeId.SequenceEqual(DerOid.Gender))
            {
                if (gender is not null)
                {
                    throw new JpkiFormatException("gender", "The value appears more than once.");
                }

                var code = value.NextIs(new Asn1Tag(UniversalTagNumber.BMPString))
                    ? ReadString(ref value, "gender") is [var c] && char.IsAscii(c) ? (byte)c : (byte)0
                    : ReadAscii(ref value, "gender") is [var b] ? b : (byte)0;
                gender = code switch
                {
                    (byte)'1' => JpkiGender.Male,
                    (byte)'2' => JpkiGender.Female,
                    (byte)'3' => JpkiGender.Unknown,
                    _ => throw new JpkiFormatException("gender", "The gender code is not 1, 2 or 3."),
                };
            }
            else if (typeId.SequenceEqual(DerOid.DateOfBirth))
            {
                Assign(ref birth, ref value, "dateOfBirth");
            }
            else if (typeId.SequenceEqual(DerOid.Address))
            {
                Assign(ref address, ref value, "address");
            }
            else if (typeId.SequenceEqual(DerOid.AddressFlags))
            {
                Assign(ref addressFlags, ref value, "addressAlternateCharacterFlags");
            }
        }

        if (name is null && gender is null && birth is null && address is null)
        {
            return null;
        }

        if (name is null || gender is not { } parsedGender || birth is null || address is null)
        {
            throw new JpkiFormatException("subjectAltName", "The four facts are incomplete: name, date of birth, gender and address must all be present.");
        }

        if (name.Length == 0 || address.Length == 0)
        {
            throw new JpkiFormatException("subjectAltName", "The name or the address is empty.");
        }

        nameFlags ??= string.Empty;
        if (nameFlags.Length != 0 && !AlternateFlags.IsValid(name, nameFlags))
        {
            throw new JpkiFormatException("nameAlternateCharacterFlags", "The flags are not one '0' or '1' per character of the name.");
        }

        addressFlags ??= string.Empty;
        if (addressFlags.Length != 0 && !AlternateFlags.IsValid(address, addressFlags))
        {
            throw new JpkiFormatException("addressAlternateCharacterFlags", "The flags are not one '0' or '1' per character of the address.");
        }

        if (!JpkiDateOfBirth.TryParse(birth, out var dateOfBirth, out var error))
        {
            throw new JpkiFormatException("dateOfBirth", error);
        }

        return new JpkiFourFacts(new JpkiName(name, nameFlags), dateOfBirth, parsedGender, new JpkiAddress(address, addressFlags));
    }

    private static void Assign(ref string? target, ref DerReader value, string element)
    {
        if (target is not null)
        {
            throw new JpkiFormatException(element, "The value appears more than once.");
        }

        target = ReadString(ref value, element);
    }

    private static string ReadString(ref DerReader value, string element)
    {
        var tag = value.PeekTag();
        if (tag.TagClass != TagClass.Universal || tag.IsConstructed)
        {
            throw new JpkiFormatException(element, "The value is not a character string.");
        }

        var text = (UniversalTagNumber)tag.TagValue switch
        {
            UniversalTagNumber.UTF8String or UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String
                or UniversalTagNumber.BMPString or UniversalTagNumber.VisibleString
                => value.ReadCharacterString((UniversalTagNumber)tag.TagValue),
            _ => throw new JpkiFormatException(element, "The value is not a character string."),
        };
        value.ThrowIfNotEmpty();
        return text;
    }

    /// <summary>Reads a short ASCII code (UTF8String, PrintableString, IA5String or VisibleString) without allocating.</summary>
    private static ReadOnlySpan<byte> ReadAscii(ref DerReader value, string element)
    {
        var contents = value.ReadPrimitiveContents(out var tag);
        value.ThrowIfNotEmpty();
        if (tag.TagClass != TagClass.Universal ||
            (UniversalTagNumber)tag.TagValue is not (UniversalTagNumber.UTF8String or UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String or UniversalTagNumber.VisibleString))
        {
            throw new JpkiFormatException(element, "The value is not a character string.");
        }

        return contents;
    }
}
