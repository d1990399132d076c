using System.Formats.Asn1;
using System.Text;

namespace LineGov.Jpki;

/// <summary>Name comparison as RFC 5280 §7.1 asks: byte equality first, then attribute by attribute with string values case-folded and whitespace collapsed.</summary>
internal static class DistinguishedNames
{
    public static bool Equal(ReadOnlyMemory<byte> left, ReadOnlyMemory<byte> right)
    {
        if (left.Span.SequenceEqual(right.Span))
        {
            return true;
        }

        try
        {
            var a = Read(left);
            var b = Read(right);
            if (a.Count != b.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Count; i++)
            {
                if (a[i].Count != b[i].Count)
                {
                    return false;
                }

                // Attributes inside one RDN are a SET: compare as multisets.
                var unmatched = new List<(string Type, string Value)>(b[i]);
                foreach (var attribute in a[i])
                {
                    var index = unmatched.IndexOf(attribute);
                    if (index < 0)
                    {
                        return false;
                    }

                    unmatched.RemoveAt(index);
                }
            }

            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static List<List<(string Type, string Value)>> Read(ReadOnlyMemory<byte> name)
    {
        var result = new List<List<(string, string)>>();
        var sequence = new AsnReader(name, AsnEncodingRules.DER).ReadSequence();
        while (sequence.HasData)
        {
            var rdn = sequence.ReadSetOf();
            var attributes = new List<(string, string)>();
            while (rdn.HasData)
            {
                var attribute = rdn.ReadSequence();
                var type = attribute.ReadObjectIdentifier();
                var value = attribute.ReadEncodedValue();
                attributes.Add((type, Normalize(value)));
            }

            result.Add(attributes);
        }

        return result;
    }

    private static string Normalize(ReadOnlyMemory<byte> encodedValue)
    {
        var reader = new AsnReader(encodedValue, AsnEncodingRules.DER);
        var tag = reader.PeekTag();
        if (tag.TagClass == TagClass.Universal)
        {
            switch ((UniversalTagNumber)tag.TagValue)
            {
                case UniversalTagNumber.UTF8String:
                case UniversalTagNumber.PrintableString:
                case UniversalTagNumber.IA5String:
                case UniversalTagNumber.BMPString:
                    string text;
                    try
                    {
                        text = reader.ReadCharacterString((UniversalTagNumber)tag.TagValue);
                    }
                    catch (AsnContentException)
                    {
                        return "#" + Convert.ToHexString(encodedValue.Span);
                    }

                    try
                    {
                        return "s:" + Fold(text);
                    }
                    catch (ArgumentException)
                    {
                        // Text that cannot be normalized (a lone surrogate) compares byte for byte.
                        return "#" + Convert.ToHexString(encodedValue.Span);
                    }
            }
        }

        return "#" + Convert.ToHexString(encodedValue.Span);
    }

    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKC).Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }
}
