using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki;

/// <summary>
/// One CRL distribution point of a certificate (RFC 5280 §4.2.1.13). JPKI names a directory per municipality
/// (<see cref="DirectoryNames"/>) rather than a URL; the CRL store matches CRLs to it by issuer, name and scope.
/// </summary>
public sealed class JpkiDistributionPoint
{
    private IReadOnlyList<X500DistinguishedName>? _directoryNames;
    private IReadOnlyList<Uri>? _uris;
    private IReadOnlyList<X500DistinguishedName>? _crlIssuers;

    internal JpkiDistributionPoint(DistributionPointName? name, ReasonFlags? reasons, GeneralNameValue[] crlIssuer)
    {
        Name = name;
        ReasonMask = reasons;
        CrlIssuer = crlIssuer;
    }

    /// <summary>The directoryName entries of the point's full name (or the issuer-relative name joined to the issuer).</summary>
    public IReadOnlyList<X500DistinguishedName> DirectoryNames => _directoryNames ??=
        Name?.FullName is { } full ? DirectoryNamesOf(full) : [];

    /// <summary>The URI entries of the point's full name that are absolute URIs.</summary>
    public IReadOnlyList<Uri> Uris => _uris ??= Name?.FullName is { } full
        ? full.Where(n => n.Tag == GeneralNameValue.UriTag)
            .Select(n => Uri.TryCreate(n.UriText, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .ToArray()
        : [];

    /// <summary>Whether the point is named relative to its CRL issuer (nameRelativeToCRLIssuer).</summary>
    public bool IsRelativeToCrlIssuer => Name?.RelativeName is not null;

    /// <summary>The revocation reasons this point covers, or <see langword="null"/> for all of them.</summary>
    public IReadOnlyList<X509RevocationReason>? Reasons => ReasonMask?.ToReasons();

    /// <summary>The directoryName entries of cRLIssuer (an indirect CRL's issuer), if any.</summary>
    public IReadOnlyList<X500DistinguishedName> CrlIssuers => _crlIssuers ??= DirectoryNamesOf(CrlIssuer);

    internal DistributionPointName? Name { get; }

    internal ReasonFlags? ReasonMask { get; }

    internal GeneralNameValue[] CrlIssuer { get; }

    private static X500DistinguishedName[] DirectoryNamesOf(GeneralNameValue[] names) =>
        [.. names.Where(n => n.Tag == GeneralNameValue.DirectoryNameTag).Select(n => new X500DistinguishedName(n.DirectoryName.Span))];

    /// <inheritdoc />
    public override string ToString() =>
        string.Join("; ", DirectoryNames.Select(n => n.Name).Concat(Uris.Select(u => u.ToString())));
}
