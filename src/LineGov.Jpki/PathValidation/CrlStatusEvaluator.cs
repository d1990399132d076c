using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki;

/// <summary>The outcome of CRL processing for one certificate.</summary>
internal readonly record struct CrlStatus(JpkiRevocationState State, DateTimeOffset? RevocationTime, X509RevocationReason? Reason, JpkiCrl? Crl, string Detail)
{
    public static CrlStatus Undetermined(string detail) => new(JpkiRevocationState.Unknown, null, null, null, detail);
}

/// <summary>
/// RFC 5280 §6.3.3 CRL processing for one certificate: distribution points, issuingDistributionPoint scope, reasons
/// masks, indirect CRLs, delta CRLs, freshness, signatures and unknown critical extensions. How a CRL's signature is
/// trusted is the caller's: the certificate's issuer, or another certificate whose path validates to the same anchor.
/// </summary>
internal sealed class CrlStatusEvaluator
{
    /// <summary>Decides whether a CRL is signed by a key trusted for this certificate (RFC 5280 §6.3.3 (f)–(g)).</summary>
    public delegate bool SignerCheck(JpkiCrl crl, JpkiCertificate certificate);

    private readonly IReadOnlyList<JpkiCrl> _crls;
    private readonly SignerCheck _signerTrusted;
    private readonly bool _useDeltas;
    private readonly TimeSpan _grace;

    public CrlStatusEvaluator(IReadOnlyList<JpkiCrl> crls, SignerCheck signerTrusted, bool useDeltas = true, TimeSpan grace = default)
    {
        _crls = crls;
        _signerTrusted = signerTrusted;
        _useDeltas = useDeltas;
        _grace = grace;
    }

    public CrlStatus Evaluate(JpkiCertificate certificate, DateTimeOffset at)
    {
        var reasonsMask = new ReasonFlags(0);
        var status = JpkiRevocationState.Good;
        CrlStatus? revoked = null;
        JpkiCrl? lastUsed = null;
        var notes = new List<string>();

        var points = certificate.CrlDistributionPoints;
        foreach (var point in points)
        {
            Process(certificate, point, at, ref reasonsMask, ref status, ref revoked, ref lastUsed, notes);
            if (status != JpkiRevocationState.Good || reasonsMask.Covers(ReasonFlags.All))
            {
                break;
            }
        }

        if (status == JpkiRevocationState.Good && !reasonsMask.Covers(ReasonFlags.All))
        {
            // CRLs not named by a distribution point but issued by the certificate issuer (§6.3.3, last paragraph).
            Process(certificate, null, at, ref reasonsMask, ref status, ref revoked, ref lastUsed, notes);
        }

        if (status == JpkiRevocationState.Revoked)
        {
            return revoked!.Value;
        }

        return reasonsMask.Covers(ReasonFlags.All)
            ? new CrlStatus(JpkiRevocationState.Good, null, null, lastUsed, "not listed")
            : CrlStatus.Undetermined(notes.Count > 0 ? string.Join(" ", notes.Distinct()) : "No usable CRL covers the certificate.");
    }

    private void Process(
        JpkiCertificate certificate,
        JpkiDistributionPoint? point,
        DateTimeOffset at,
        ref ReasonFlags reasonsMask,
        ref JpkiRevocationState status,
        ref CrlStatus? revoked,
        ref JpkiCrl? lastUsed,
        List<string> notes)
    {
        foreach (var crl in _crls)
        {
            if (status != JpkiRevocationState.Good || reasonsMask.Covers(ReasonFlags.All))
            {
                return;
            }

            if (crl.IsDelta || !IssuerAndScopeMatch(crl, certificate, point))
            {
                continue;
            }

            var interim = (crl.IssuingDistributionPoint?.OnlySomeReasonsMask ?? ReasonFlags.All)
                .Intersect(point?.ReasonMask ?? ReasonFlags.All);
            if (interim.Intersect(new ReasonFlags(~reasonsMask.Mask)).IsEmpty)
            {
                continue;
            }

            if (!Usable(crl, at, _grace, notes) || !_signerTrusted(crl, certificate))
            {
                if (!crl.IsDelta)
                {
                    notes.Add("A CRL's signature could not be verified with a trusted key.");
                }

                continue;
            }

            JpkiCrl? delta = null;
            if (_useDeltas)
            {
                var (found, staleOnly) = FindDelta(crl, certificate, at);
                if (staleOnly)
                {
                    notes.Add("The delta CRL for the complete CRL is out of date.");
                    continue;
                }

                delta = found;
            }

            var entryStatus = JpkiRevocationState.Good;
            CrlStatus? entryRevoked = null;
            var removed = false;
            if (delta is not null && Lookup(delta, certificate, at) is { } deltaEntry)
            {
                if (deltaEntry.Reason == X509RevocationReason.RemoveFromCrl)
                {
                    removed = true;
                }
                else
                {
                    entryStatus = JpkiRevocationState.Revoked;
                    entryRevoked = deltaEntry;
                }
            }

            if (entryStatus == JpkiRevocationState.Good && !removed && Lookup(crl, certificate, at) is { } entry)
            {
                if (entry.Reason != X509RevocationReason.RemoveFromCrl)
                {
                    entryStatus = JpkiRevocationState.Revoked;
                    entryRevoked = entry;
                }
            }

            lastUsed = delta ?? crl;
            if (entryStatus == JpkiRevocationState.Revoked)
            {
                status = JpkiRevocationState.Revoked;
                revoked = entryRevoked;
                return;
            }

            reasonsMask = reasonsMask.Union(interim);
        }
    }

    /// <summary>The entry for the certificate, if its revocation took effect by <paramref name="at"/>.</summary>
    private static CrlStatus? Lookup(JpkiCrl crl, JpkiCertificate certificate, DateTimeOffset at)
    {
        if (!crl.TryFind(certificate, out var entry))
        {
            return null;
        }

        if (entry.RevocationDate > at)
        {
            return null;
        }

        return new CrlStatus(JpkiRevocationState.Revoked, entry.RevocationDate, entry.Reason, crl, "listed");
    }

    private static bool Usable(JpkiCrl crl, DateTimeOffset at, TimeSpan grace, List<string> notes)
    {
        if (crl.UnsupportedCriticalExtensionOid is not null)
        {
            notes.Add($"A CRL carries the unsupported critical extension {crl.UnsupportedCriticalExtensionOid}.");
            return false;
        }

        if (crl.ThisUpdate > at)
        {
            notes.Add("A CRL was issued after the validation time.");
            return false;
        }

        if (crl.NextUpdate is { } next && next + grace < at)
        {
            notes.Add("A CRL is out of date (nextUpdate has passed).");
            return false;
        }

        return true;
    }

    /// <summary>§6.3.3 (c): a delta CRL for this complete CRL, or whether only stale ones exist.</summary>
    private (JpkiCrl? Delta, bool StaleOnly) FindDelta(JpkiCrl complete, JpkiCertificate certificate, DateTimeOffset at)
    {
        if (complete.CrlNumber is not { } number)
        {
            return (null, false);
        }

        JpkiCrl? best = null;
        var sawStale = false;
        foreach (var delta in _crls)
        {
            if (!delta.IsDelta || delta.BaseCrlNumber > number || !(delta.CrlNumber > number) ||
                !DistinguishedNames.Equal(delta.IssuerRaw, complete.IssuerRaw) || !SameScope(delta, complete))
            {
                continue;
            }

            if (delta.UnsupportedCriticalExtensionOid is not null || delta.ThisUpdate > at || (delta.NextUpdate is { } next && next + _grace < at) ||
                !_signerTrusted(delta, certificate))
            {
                sawStale = true;
                continue;
            }

            if (best is null || delta.CrlNumber > best.CrlNumber)
            {
                best = delta;
            }
        }

        return (best, best is null && sawStale);
    }

    private static bool SameScope(JpkiCrl a, JpkiCrl b)
    {
        var x = a.IssuingDistributionPoint;
        var y = b.IssuingDistributionPoint;
        if (x is null || y is null)
        {
            return x is null && y is null;
        }

        return x.OnlyContainsUserCertificates == y.OnlyContainsUserCertificates &&
            x.OnlyContainsCaCertificates == y.OnlyContainsCaCertificates &&
            x.IsIndirect == y.IsIndirect &&
            x.OnlySomeReasonsMask == y.OnlySomeReasonsMask &&
            NamesEqual(x.Name?.Resolve(a.IssuerRaw), y.Name?.Resolve(b.IssuerRaw));
    }

    private static bool NamesEqual(GeneralNameValue[]? a, GeneralNameValue[]? b) =>
        a is null || b is null ? a is null && b is null : a.Length == b.Length && a.All(n => b.Any(n.Matches));

    /// <summary>§6.3.3 (b): the CRL's issuer and scope fit the certificate and the distribution point.</summary>
    private static bool IssuerAndScopeMatch(JpkiCrl crl, JpkiCertificate certificate, JpkiDistributionPoint? point)
    {
        var idp = crl.IssuingDistributionPoint;
        var crlIssuerOfPoint = point?.CrlIssuer.Where(n => n.Tag == GeneralNameValue.DirectoryNameTag).Select(n => n.DirectoryName).ToList() ?? [];
        if (point is { CrlIssuer.Length: > 0 })
        {
            // (b)(1): an indirect CRL from the named CRL issuer.
            if (idp is not { IsIndirect: true } || !crlIssuerOfPoint.Exists(n => DistinguishedNames.Equal(n, crl.IssuerRaw)))
            {
                return false;
            }
        }
        else if (!DistinguishedNames.Equal(crl.IssuerRaw, certificate.IssuerRaw))
        {
            return false;
        }

        if (idp is null)
        {
            // A CRL without scope is complete for its issuer.
            return true;
        }

        if (idp.Name is { } idpName)
        {
            // (b)(2)(i): one of the IDP's names is one of the point's names (or, without a point name, its cRLIssuer).
            var idpNames = idpName.Resolve(crl.IssuerRaw);
            GeneralNameValue[] pointNames;
            if (point is null)
            {
                pointNames = [new GeneralNameValue(GeneralNameValue.DirectoryNameTag, WrapDirectoryName(certificate.IssuerRaw))];
            }
            else if (point.Name is { } name)
            {
                // A name relative to the CRL issuer joins the cRLIssuer, or the certificate issuer when there is none.
                pointNames = name.Resolve(crlIssuerOfPoint.Count > 0 ? crlIssuerOfPoint[0] : certificate.IssuerRaw);
            }
            else
            {
                pointNames = point.CrlIssuer;
            }

            if (!idpNames.Any(i => pointNames.Any(i.Matches)))
            {
                return false;
            }
        }

        // (b)(2)(ii)-(iv): the kinds of certificates the CRL covers.
        var isCa = certificate.IsCertificateAuthority == true;
        return !(idp.OnlyContainsUserCertificates && isCa) && !(idp.OnlyContainsCaCertificates && !isCa) && !idp.OnlyContainsAttributeCertificates;
    }

    private static byte[] WrapDirectoryName(ReadOnlyMemory<byte> name)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, GeneralNameValue.DirectoryNameTag, isConstructed: true)))
        {
            writer.WriteEncodedValue(name.Span);
        }

        return writer.Encode();
    }
}
