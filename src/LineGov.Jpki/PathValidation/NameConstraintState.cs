using System.Formats.Asn1;

namespace LineGov.Jpki;

/// <summary>
/// permitted_subtrees and excluded_subtrees (RFC 5280 §6.1.3 (b)–(c), §6.1.4 (g)). Rather than intersecting subtrees,
/// it keeps each certificate's permitted set: a name must fall within one subtree of its type in every set that
/// constrains its type, and within no excluded subtree. directoryName, rfc822Name (also e-mail in the subject DN),
/// dNSName, URI and iPAddress are checked; a constraint of another type on a name of that type is not supported.
/// </summary>
internal sealed class NameConstraintState
{
    private readonly List<List<GeneralNameValue>> _permitted = [];
    private readonly List<GeneralNameValue> _excluded = [];

    public void Add(List<GeneralNameValue> permitted, List<GeneralNameValue> excluded)
    {
        if (permitted.Count > 0)
        {
            _permitted.Add(permitted);
        }

        _excluded.AddRange(excluded);
    }

    /// <summary>Null when the certificate's names satisfy the constraints, otherwise why not.</summary>
    public string? Check(JpkiCertificate certificate)
    {
        if (_permitted.Count == 0 && _excluded.Count == 0)
        {
            return null;
        }

        var names = new List<(int Tag, string? Text, ReadOnlyMemory<byte> Raw)>();
        if (!IsEmptyName(certificate.SubjectRaw.Span))
        {
            names.Add((GeneralNameValue.DirectoryNameTag, null, certificate.SubjectRaw));
        }

        foreach (var email in PathExtensions.SubjectEmailAddresses(certificate))
        {
            names.Add((1, email, default));
        }

        foreach (var name in PathExtensions.SubjectAltNames(certificate))
        {
            switch (name.Tag)
            {
                case 1 or 2 or GeneralNameValue.UriTag:
                    names.Add((name.Tag, name.Text, default));
                    break;
                case GeneralNameValue.DirectoryNameTag:
                    names.Add((name.Tag, null, name.DirectoryName));
                    break;
                case 7:
                    names.Add((7, null, name.Contents));
                    break;
            }
        }

        foreach (var name in names)
        {
            foreach (var excluded in _excluded)
            {
                if (excluded.Tag == name.Tag && Within(name, excluded))
                {
                    return "A name of the certificate lies in an excluded subtree.";
                }
            }

            foreach (var permittedSet in _permitted)
            {
                var ofType = permittedSet.Where(p => p.Tag == name.Tag).ToList();
                if (ofType.Count > 0 && !ofType.Exists(p => Within(name, p)))
                {
                    return "A name of the certificate lies outside the permitted subtrees.";
                }
            }
        }

        return null;
    }

    private static bool Within((int Tag, string? Text, ReadOnlyMemory<byte> Raw) name, GeneralNameValue constraint)
    {
        switch (name.Tag)
        {
            case GeneralNameValue.DirectoryNameTag:
                return DirectoryWithin(name.Raw, constraint.DirectoryName);
            case 1:
                return MailboxWithin(name.Text!, constraint.Text);
            case 2:
                return DnsWithin(name.Text!, constraint.Text);
            case GeneralNameValue.UriTag:
                return UriWithin(name.Text!, constraint.Text);
            case 7:
                return AddressWithin(name.Raw.Span, constraint.Contents.Span);
            default:
                return false;
        }
    }

    private static bool IsEmptyName(ReadOnlySpan<byte> name) => name.Length == 2;

    /// <summary>A DN is within a subtree when the subtree's RDNs are its first RDNs.</summary>
    private static bool DirectoryWithin(ReadOnlyMemory<byte> name, ReadOnlyMemory<byte> subtree)
    {
        var nameRdns = Rdns(name);
        var subtreeRdns = Rdns(subtree);
        if (subtreeRdns.Count > nameRdns.Count)
        {
            return false;
        }

        for (var i = 0; i < subtreeRdns.Count; i++)
        {
            if (!DistinguishedNames.Equal(Wrap(nameRdns[i]), Wrap(subtreeRdns[i])))
            {
                return false;
            }
        }

        return true;
    }

    private static List<byte[]> Rdns(ReadOnlyMemory<byte> name)
    {
        var result = new List<byte[]>();
        var outer = new DerReader(name.Span);
        var sequence = outer.ReadSequence();
        while (sequence.HasData)
        {
            result.Add(sequence.ReadEncodedSpan().ToArray());
        }

        return result;
    }

    private static byte[] Wrap(byte[] rdn)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(rdn);
        }

        return writer.Encode();
    }

    private static bool MailboxWithin(string mailbox, string constraint)
    {
        var at = mailbox.LastIndexOf('@');
        var host = at < 0 ? mailbox : mailbox[(at + 1)..];
        if (constraint.Contains('@', StringComparison.Ordinal))
        {
            // A particular mailbox: local part exact, host case-insensitive.
            var constraintAt = constraint.LastIndexOf('@');
            return at >= 0 && string.Equals(mailbox[..at], constraint[..constraintAt], StringComparison.Ordinal) &&
                string.Equals(host, constraint[(constraintAt + 1)..], StringComparison.OrdinalIgnoreCase);
        }

        return constraint.StartsWith('.')
            ? host.EndsWith(constraint, StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, constraint, StringComparison.OrdinalIgnoreCase);
    }

    private static bool DnsWithin(string name, string constraint)
    {
        if (constraint.Length == 0)
        {
            return true;
        }

        if (string.Equals(name, constraint, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var suffix = constraint.StartsWith('.') ? constraint : "." + constraint;
        return name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }

    private static bool UriWithin(string uri, string constraint)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            return false;
        }

        var host = parsed.Host;
        return constraint.StartsWith('.')
            ? host.EndsWith(constraint, StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, constraint, StringComparison.OrdinalIgnoreCase);
    }

    private static bool AddressWithin(ReadOnlySpan<byte> address, ReadOnlySpan<byte> constraint)
    {
        if (constraint.Length != address.Length * 2)
        {
            return false;
        }

        for (var i = 0; i < address.Length; i++)
        {
            var mask = constraint[address.Length + i];
            if ((address[i] & mask) != (constraint[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
