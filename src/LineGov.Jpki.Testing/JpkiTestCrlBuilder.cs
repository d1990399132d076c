using System.Buffers;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki.Testing;

/// <summary>One name of a distribution point (a full name): a directory name, a URI, or both.</summary>
public sealed class JpkiTestDistributionPoint
{
    /// <summary>The directoryName (J-LIS names each municipality's CRL this way).</summary>
    public X500DistinguishedName? DirectoryName { get; init; }

    /// <summary>The uniformResourceIdentifier.</summary>
    public Uri? Uri { get; init; }
}

/// <summary>
/// The issuingDistributionPoint CRL extension (RFC 5280 §5.2.5): which certificates a CRL covers. A partition CRL of
/// the test authority names its partition's directory name (and URI) and covers user certificates only.
/// </summary>
public sealed class JpkiTestIssuingDistributionPoint
{
    /// <summary>distributionPoint as a fullName; <see langword="null"/> for none (or for <see cref="NameRelativeToCrlIssuer"/>).</summary>
    public JpkiTestDistributionPoint? FullName { get; init; }

    /// <summary>distributionPoint as nameRelativeToCRLIssuer: a name of exactly one RDN (for example <c>CN=Tohma-cho CRLDP</c>).</summary>
    public X500DistinguishedName? NameRelativeToCrlIssuer { get; init; }

    /// <summary>onlyContainsUserCerts.</summary>
    public bool OnlyContainsUserCerts { get; init; }

    /// <summary>onlyContainsCACerts.</summary>
    public bool OnlyContainsCACerts { get; init; }

    /// <summary>onlySomeReasons; <see langword="null"/> = all reasons (the field is absent).</summary>
    public IReadOnlyList<X509RevocationReason>? OnlySomeReasons { get; init; }

    /// <summary>indirectCRL.</summary>
    public bool IndirectCrl { get; init; }

    /// <summary>onlyContainsAttributeCerts.</summary>
    public bool OnlyContainsAttributeCerts { get; init; }

    /// <summary>Whether the extension is marked critical (RFC 5280 says it must be). Default: yes.</summary>
    public bool Critical { get; init; } = true;

    /// <summary>The scope of a test-authority partition CRL: the partition's directory name (and <paramref name="uri"/>), user certificates only.</summary>
    public static JpkiTestIssuingDistributionPoint ForPartition(JpkiTestCrlPartition partition, JpkiCertificateKind kind, Uri? uri = null)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return new JpkiTestIssuingDistributionPoint
        {
            FullName = new JpkiTestDistributionPoint { DirectoryName = partition.GetDistributionPointName(kind), Uri = uri },
            OnlyContainsUserCerts = true,
        };
    }

    internal byte[] Encode()
    {
        if (FullName is not null && NameRelativeToCrlIssuer is not null)
        {
            throw new InvalidOperationException("A distribution point has a full name or a name relative to the CRL issuer, not both.");
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            if (FullName is not null)
            {
                Der.WriteFullNamePoint(writer, FullName.DirectoryName, FullName.Uri);
            }
            else if (NameRelativeToCrlIssuer is not null)
            {
                Der.WriteRelativeNamePoint(writer, NameRelativeToCrlIssuer);
            }

            WriteFlag(writer, OnlyContainsUserCerts, 1);
            WriteFlag(writer, OnlyContainsCACerts, 2);
            if (OnlySomeReasons is not null)
            {
                Der.WriteReasonFlags(writer, OnlySomeReasons, new Asn1Tag(TagClass.ContextSpecific, 3));
            }

            WriteFlag(writer, IndirectCrl, 4);
            WriteFlag(writer, OnlyContainsAttributeCerts, 5);
        }

        return writer.Encode();
    }

    private static void WriteFlag(AsnWriter writer, bool value, int tag)
    {
        // DEFAULT FALSE: DER leaves a false value out.
        if (value)
        {
            writer.WriteBoolean(true, new Asn1Tag(TagClass.ContextSpecific, tag));
        }
    }
}

/// <summary>One revoked certificate of a CRL (a revokedCertificates entry) with its entry extensions.</summary>
public sealed class JpkiTestCrlEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="serialNumber">The serial number's DER content bytes (big-endian two's complement, as in the certificate).</param>
    /// <param name="revocationDate">When the certificate was revoked.</param>
    public JpkiTestCrlEntry(ReadOnlyMemory<byte> serialNumber, DateTimeOffset revocationDate)
    {
        if (serialNumber.IsEmpty)
        {
            throw new ArgumentException("A serial number has at least one byte.", nameof(serialNumber));
        }

        SerialNumber = serialNumber;
        RevocationDate = revocationDate;
    }

    /// <summary>The serial number's DER content bytes.</summary>
    public ReadOnlyMemory<byte> SerialNumber { get; set; }

    /// <summary>revocationDate.</summary>
    public DateTimeOffset RevocationDate { get; set; }

    /// <summary>The reasonCode entry extension; <see langword="null"/> = absent (unspecified). <see cref="X509RevocationReason.RemoveFromCrl"/> appears in delta CRLs.</summary>
    public X509RevocationReason? Reason { get; set; }

    /// <summary>The invalidityDate entry extension; <see langword="null"/> = absent.</summary>
    public DateTimeOffset? InvalidityDate { get; set; }

    /// <summary>The certificateIssuer entry extension (critical, for indirect CRLs); <see langword="null"/> = absent.</summary>
    public X500DistinguishedName? CertificateIssuer { get; set; }

    /// <summary>More entry extensions, written after the ones above (an unknown critical one, for example).</summary>
    public IList<X509Extension> ExtraExtensions { get; } = new List<X509Extension>();

    internal void WriteTo(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteInteger(SerialNumber.Span);
            Der.WriteTime(writer, RevocationDate);
            if (Reason is null && InvalidityDate is null && CertificateIssuer is null && ExtraExtensions.Count == 0)
            {
                return;
            }

            using (writer.PushSequence())
            {
                if (Reason is { } reason)
                {
                    var value = new AsnWriter(AsnEncodingRules.DER);
                    value.WriteEnumeratedValue(reason);
                    Der.WriteExtension(writer, Der.ReasonCodeOid, false, value.Encode());
                }

                if (InvalidityDate is { } invalidity)
                {
                    var value = new AsnWriter(AsnEncodingRules.DER);
                    Der.WriteGeneralizedTime(value, invalidity);
                    Der.WriteExtension(writer, Der.InvalidityDateOid, false, value.Encode());
                }

                if (CertificateIssuer is not null)
                {
                    var value = new AsnWriter(AsnEncodingRules.DER);
                    using (value.PushSequence())
                    {
                        Der.WriteGeneralNames(value, CertificateIssuer, null);
                    }

                    Der.WriteExtension(writer, Der.CertificateIssuerOid, true, value.Encode());
                }

                foreach (var extension in ExtraExtensions)
                {
                    Der.WriteExtension(writer, extension);
                }
            }
        }
    }
}

/// <summary>
/// Writes a CRL (RFC 5280 §5) the way a test needs it, signed with a test CA's key (RSA PKCS#1 v1.5, SHA-256): every
/// field and extension settable, including wrong ones. Start from <see cref="JpkiTestAuthority.CreateCrlBuilder"/> to
/// get a partition's CRL from the authority's revocation state, or from scratch with the constructor.
/// For benchmarks, <see cref="SyntheticEntryCount"/> adds generated entries that are streamed, never held in memory:
/// <see cref="WriteTo"/> writes a million-entry CRL in a second or two.
/// </summary>
/// <example>
/// <code>
/// var builder = new JpkiTestCrlBuilder(authority.GetCa(JpkiCertificateKind.Signature), authority.Now) { CrlNumber = 7 };
/// builder.AddEntry(card.SignatureCertificate, authority.Now.AddHours(-1), X509RevocationReason.AffiliationChanged);
/// byte[] crl = builder.Build();
///
/// // A 1,000,000-entry CRL for a benchmark, streamed to a file.
/// await using var file = File.Create("huge.crl");
/// await new JpkiTestCrlBuilder(ca, authority.Now) { SyntheticEntryCount = 1_000_000 }.WriteToAsync(file);
/// </code>
/// </example>
public sealed class JpkiTestCrlBuilder
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Creates a builder for a CRL issued by <paramref name="issuer"/>: its name, its key identifier, its key, nextUpdate a day after <paramref name="thisUpdate"/>.</summary>
    public JpkiTestCrlBuilder(JpkiTestCa issuer, DateTimeOffset thisUpdate)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        IssuerName = issuer.Certificate.SubjectName;
        SigningCa = issuer;
        AuthorityKeyIdentifier = issuer.Parsed.SubjectKeyIdentifier;
        ThisUpdate = thisUpdate;
        NextUpdate = thisUpdate.AddDays(1);
    }

    /// <summary>The issuer name written into the CRL. Default: the CA's subject.</summary>
    public X500DistinguishedName IssuerName { get; set; }

    /// <summary>Whose key signs. Default: the issuing CA; set another generation's CA for key-rollover tests.</summary>
    public JpkiTestCa SigningCa { get; set; }

    /// <summary>The version: 2 (written as INTEGER 1, the default) or 1 (the field left out).</summary>
    public int Version { get; set; } = 2;

    /// <summary>thisUpdate.</summary>
    public DateTimeOffset ThisUpdate { get; set; }

    /// <summary>nextUpdate; <see langword="null"/> = absent. Default: a day after thisUpdate (J-LIS issues CRLs daily).</summary>
    public DateTimeOffset? NextUpdate { get; set; }

    /// <summary>The revoked certificates, in order (before any synthetic entries).</summary>
    public IList<JpkiTestCrlEntry> Entries { get; } = new List<JpkiTestCrlEntry>();

    /// <summary>The authorityKeyIdentifier's keyIdentifier; <see langword="null"/> = no extension. Default: the issuing CA's subject key identifier.</summary>
    public ReadOnlyMemory<byte>? AuthorityKeyIdentifier { get; set; }

    /// <summary>cRLNumber; <see langword="null"/> = absent.</summary>
    public BigInteger? CrlNumber { get; set; }

    /// <summary>deltaCRLIndicator (critical): the base CRL's number, making this a delta CRL; <see langword="null"/> = a complete CRL.</summary>
    public BigInteger? DeltaCrlIndicator { get; set; }

    /// <summary>issuingDistributionPoint; <see langword="null"/> = absent (a CRL of everything the issuer issued).</summary>
    public JpkiTestIssuingDistributionPoint? IssuingDistributionPoint { get; set; }

    /// <summary>freshestCRL: where the delta CRLs are; <see langword="null"/> = absent.</summary>
    public JpkiTestDistributionPoint? FreshestCrl { get; set; }

    /// <summary>More CRL extensions, written after the ones above (an unknown critical one, for example).</summary>
    public IList<X509Extension> ExtraExtensions { get; } = new List<X509Extension>();

    /// <summary>
    /// How many generated entries follow <see cref="Entries"/>: unique serials of 4 to 16 bytes (mostly 4),
    /// revocation dates spread over the year before thisUpdate in ascending order, and a plausible mix of reasons (not
    /// J-LIS statistics): mostly affiliationChanged (moves, name changes), then cessationOfOperation, superseded,
    /// keyCompromise (lost cards, some with invalidityDate), a few certificateHold, some without a reason code. The
    /// same seed gives the same entries.
    /// </summary>
    public int SyntheticEntryCount { get; set; }

    /// <summary>The seed of <see cref="SyntheticEntryCount"/>'s generator.</summary>
    public long SyntheticEntrySeed { get; set; } = 1;

    /// <summary>Whether the signature is corrupted (one bit flipped).</summary>
    public bool CorruptSignature { get; set; }

    /// <summary>Adds an entry for <paramref name="serialNumber"/> (DER content bytes) and returns the builder.</summary>
    public JpkiTestCrlBuilder AddEntry(ReadOnlyMemory<byte> serialNumber, DateTimeOffset revocationDate, X509RevocationReason? reason = null, DateTimeOffset? invalidityDate = null)
    {
        Entries.Add(new JpkiTestCrlEntry(serialNumber, revocationDate) { Reason = reason, InvalidityDate = invalidityDate });
        return this;
    }

    /// <summary>Adds an entry for <paramref name="certificate"/> and returns the builder.</summary>
    public JpkiTestCrlBuilder AddEntry(JpkiCertificate certificate, DateTimeOffset revocationDate, X509RevocationReason? reason = null, DateTimeOffset? invalidityDate = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return AddEntry(certificate.SerialNumberBytes, revocationDate, reason, invalidityDate);
    }

    /// <summary>The DER-encoded CRL.</summary>
    public byte[] Build()
    {
        using var stream = new MemoryStream();
        WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>Streams the DER-encoded CRL to <paramref name="destination"/> and returns its length in bytes.</summary>
    public long WriteTo(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var plan = Plan();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        destination.Write(plan.OuterHeader);
        Tee(destination, hash, plan.TbsHead);
        if (plan.Synthetic is { } synthetic)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                synthetic.Reset();
                int written;
                while ((written = synthetic.Fill(buffer.AsSpan(0, ChunkSize))) > 0)
                {
                    Tee(destination, hash, buffer.AsSpan(0, written));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        Tee(destination, hash, plan.TbsTail);
        destination.Write(Trailer(hash));
        return plan.TotalLength;
    }

    /// <summary>Streams the DER-encoded CRL to <paramref name="destination"/> and returns its length in bytes.</summary>
    public async Task<long> WriteToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var plan = Plan();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await destination.WriteAsync(plan.OuterHeader, cancellationToken).ConfigureAwait(false);
        hash.AppendData(plan.TbsHead);
        await destination.WriteAsync(plan.TbsHead, cancellationToken).ConfigureAwait(false);
        if (plan.Synthetic is { } synthetic)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                synthetic.Reset();
                int written;
                while ((written = synthetic.Fill(buffer.AsSpan(0, ChunkSize))) > 0)
                {
                    hash.AppendData(buffer, 0, written);
                    await destination.WriteAsync(buffer.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        hash.AppendData(plan.TbsTail);
        await destination.WriteAsync(plan.TbsTail, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(Trailer(hash), cancellationToken).ConfigureAwait(false);
        return plan.TotalLength;
    }

    private static void Tee(Stream destination, IncrementalHash hash, ReadOnlySpan<byte> bytes)
    {
        hash.AppendData(bytes);
        destination.Write(bytes);
    }

    private byte[] Trailer(IncrementalHash hash)
    {
        var signature = SigningCa.Key.SignHash(hash.GetHashAndReset(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (CorruptSignature)
        {
            signature[^1] ^= 0x01;
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        Der.WriteSha256WithRsa(writer);
        writer.WriteBitString(signature);
        return writer.Encode();
    }

    private CrlPlan Plan()
    {
        if (Version is not (1 or 2))
        {
            throw new InvalidOperationException("A CRL is version 1 or 2.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(SyntheticEntryCount);

        // Everything but the synthetic entries is small: encode it up front, then only lengths are needed around them.
        var head = new AsnWriter(AsnEncodingRules.DER);
        if (Version == 2)
        {
            head.WriteInteger(1);
        }

        Der.WriteSha256WithRsa(head);
        head.WriteEncodedValue(IssuerName.RawData);
        Der.WriteTime(head, ThisUpdate);
        if (NextUpdate is { } nextUpdate)
        {
            Der.WriteTime(head, nextUpdate);
        }

        var entries = new AsnWriter(AsnEncodingRules.DER);
        foreach (var entry in Entries)
        {
            entry.WriteTo(entries);
        }

        var synthetic = SyntheticEntryCount > 0 ? new SyntheticCrlEntries(SyntheticEntryCount, SyntheticEntrySeed, ThisUpdate) : null;
        var entriesLength = entries.GetEncodedLength() + (synthetic?.MeasureLength() ?? 0);
        var fields = head.Encode();
        var explicitEntries = entries.Encode();
        var tail = EncodeExtensions();

        // TBSCertList = SEQUENCE { fields, [revokedCertificates SEQUENCE], [crlExtensions [0]] }.
        var revokedHeader = Entries.Count + SyntheticEntryCount > 0 ? Header(0x30, entriesLength) : [];
        var tbsContentLength = fields.Length + revokedHeader.Length + entriesLength + tail.Length;
        var tbsHeader = Header(0x30, tbsContentLength);
        var tbsLength = tbsHeader.Length + tbsContentLength;

        var signatureLength = (SigningCa.Key.KeySize + 7) / 8;
        var algorithm = new AsnWriter(AsnEncodingRules.DER);
        Der.WriteSha256WithRsa(algorithm);
        var bitStringContent = signatureLength + 1;
        var trailerLength = algorithm.GetEncodedLength() + Header(0x03, bitStringContent).Length + bitStringContent;
        var outerHeader = Header(0x30, tbsLength + trailerLength);

        var tbsHead = new byte[tbsHeader.Length + fields.Length + revokedHeader.Length + explicitEntries.Length];
        tbsHeader.CopyTo(tbsHead, 0);
        fields.CopyTo(tbsHead, tbsHeader.Length);
        revokedHeader.CopyTo(tbsHead, tbsHeader.Length + fields.Length);
        explicitEntries.CopyTo(tbsHead, tbsHeader.Length + fields.Length + revokedHeader.Length);
        return new CrlPlan(outerHeader, tbsHead, synthetic, tail, outerHeader.Length + tbsLength + trailerLength);
    }

    private byte[] EncodeExtensions()
    {
        var any = AuthorityKeyIdentifier is not null || CrlNumber is not null || DeltaCrlIndicator is not null
            || IssuingDistributionPoint is not null || FreshestCrl is not null || ExtraExtensions.Count > 0;
        if (!any)
        {
            return [];
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
        {
            using (writer.PushSequence())
            {
                if (AuthorityKeyIdentifier is { } keyId)
                {
                    var value = new AsnWriter(AsnEncodingRules.DER);
                    using (value.PushSequence())
                    {
                        value.WriteOctetString(keyId.Span, new Asn1Tag(TagClass.ContextSpecific, 0));
                    }

                    Der.WriteExtension(writer, Der.AuthorityKeyIdentifierOid, false, value.Encode());
                }

                if (CrlNumber is { } number)
                {
                    var value = new AsnWriter(AsnEncodingRules.DER);
                    value.WriteInteger(number);
                    Der.WriteExtension(writer, Der.CrlNumberOid, false, value.Encode());
                }

                if (DeltaCrlIndicator is { } baseNumber)
                {
                    var value = new AsnWriter(AsnEncodingRules.DER);
                    value.WriteInteger(baseNumber);
                    Der.WriteExtension(writer, Der.DeltaCrlIndicatorOid, true, value.Encode());
                }

                if (IssuingDistributionPoint is { } point)
                {
                    Der.WriteExtension(writer, Der.IssuingDistributionPointOid, point.Critical, point.Encode());
                }

                if (FreshestCrl is { } freshest)
                {
                    Der.WriteExtension(writer, Der.FreshestCrlOid, false, Der.EncodeDistributionPoints([(freshest.DirectoryName, freshest.Uri)]));
                }

                foreach (var extension in ExtraExtensions)
                {
                    Der.WriteExtension(writer, extension);
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>A DER tag and definite length.</summary>
    private static byte[] Header(byte tag, long length)
    {
        if (length < 0x80)
        {
            return [tag, (byte)length];
        }

        var octets = 0;
        for (var rest = length; rest > 0; rest >>= 8)
        {
            octets++;
        }

        var header = new byte[2 + octets];
        header[0] = tag;
        header[1] = (byte)(0x80 | octets);
        for (var i = 0; i < octets; i++)
        {
            header[^(i + 1)] = (byte)(length >> (8 * i));
        }

        return header;
    }

    private sealed record CrlPlan(byte[] OuterHeader, byte[] TbsHead, SyntheticCrlEntries? Synthetic, byte[] TbsTail, long TotalLength);
}
