using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineGov.Jpki;

/// <summary>
/// A parsed certificate revocation list (RFC 5280 §5): issuer, dates, numbers, scope (issuingDistributionPoint),
/// delta indicator, and a compact index of the revoked serials with constant-time lookup. Read streaming: a JPKI
/// signature CRL of millions of entries is never held as DER. Immutable and thread-safe.
/// </summary>
/// <example>
/// <code>
/// await using var file = File.OpenRead("tsukuba-shi.crl");
/// var crl = await JpkiCrl.LoadAsync(file, cancellationToken: ct);
/// if (crl.IsSignatureValid(issuerCertificate) &amp;&amp; crl.TryFind(certificate, out var entry)) { /* revoked */ }
/// </code>
/// </example>
public sealed class JpkiCrl
{
    /// <summary>The largest CRL accepted by default: 512 MiB of DER.</summary>
    public const long DefaultMaxLength = 512L * 1024 * 1024;

    private readonly CrlIndex _index;
    private readonly byte[] _tbsHash;
    private readonly byte[] _signature;
    private readonly byte[] _signatureAlgorithm;
    private X500DistinguishedName? _issuerName;

    private JpkiCrl(ParsedCrl parsed)
    {
        IssuerRaw = parsed.Issuer;
        ThisUpdate = parsed.ThisUpdate;
        NextUpdate = parsed.NextUpdate;
        CrlNumber = parsed.CrlNumber;
        BaseCrlNumber = parsed.BaseCrlNumber;
        AuthorityKeyIdentifier = parsed.AuthorityKeyIdentifier;
        IssuingDistributionPoint = parsed.IssuingDistributionPoint;
        UnsupportedCriticalExtensionOid = parsed.UnsupportedCriticalExtension;
        _index = parsed.Index;
        _tbsHash = parsed.TbsHash;
        _signature = parsed.Signature;
        _signatureAlgorithm = parsed.SignatureAlgorithm;
        HashAlgorithm = parsed.HashAlgorithm;
        SignatureHasUnusedBits = parsed.SignatureHasUnusedBits;
        Version = parsed.Version;
        EncodedLength = parsed.EncodedLength;
        ParseTime = parsed.ParseTime;
    }

    /// <summary>The CRL version (1 or 2).</summary>
    public int Version { get; }

    /// <summary>The issuer's distinguished name.</summary>
    public X500DistinguishedName IssuerName => _issuerName ??= new X500DistinguishedName(IssuerRaw.Span);

    /// <summary>The issuer as text.</summary>
    public string Issuer => IssuerName.Name;

    /// <summary>thisUpdate.</summary>
    public DateTimeOffset ThisUpdate { get; }

    /// <summary>nextUpdate, when present (JPKI CRLs are daily).</summary>
    public DateTimeOffset? NextUpdate { get; }

    /// <summary>The cRLNumber extension.</summary>
    public BigInteger? CrlNumber { get; }

    /// <summary>For a delta CRL, the BaseCRLNumber of its deltaCRLIndicator.</summary>
    public BigInteger? BaseCrlNumber { get; }

    /// <summary>Whether this is a delta CRL.</summary>
    public bool IsDelta => BaseCrlNumber is not null;

    /// <summary>The keyIdentifier of the authorityKeyIdentifier extension.</summary>
    public ReadOnlyMemory<byte>? AuthorityKeyIdentifier { get; }

    /// <summary>The issuingDistributionPoint extension (the CRL's scope), when present.</summary>
    public JpkiIssuingDistributionPoint? IssuingDistributionPoint { get; }

    /// <summary>
    /// The OID of a critical CRL or CRL-entry extension this reader does not process, if any. RFC 5280 §5.2 and §5.3:
    /// such a CRL must not be used to decide any certificate's status.
    /// </summary>
    public string? UnsupportedCriticalExtensionOid { get; }

    /// <summary>The number of entries.</summary>
    public int Count => _index.Count;

    /// <summary>The size of the DER that was read.</summary>
    public long EncodedLength { get; }

    /// <summary>How long parsing and indexing took.</summary>
    public TimeSpan ParseTime { get; }

    /// <summary>The managed memory the entry index holds (serials, dates, reasons and the hash table).</summary>
    public long IndexMemoryBytes => _index.MemoryBytes;

    /// <summary>The OID of the signature algorithm.</summary>
    public string SignatureAlgorithmOid => DerOid.ToText(new DerReader(_signatureAlgorithm).ReadSequence().ReadOidEncoded());

    /// <summary>The entries, in CRL order.</summary>
    public IEnumerable<JpkiCrlEntry> Entries
    {
        get
        {
            for (var i = 0; i < _index.Count; i++)
            {
                yield return new JpkiCrlEntry(_index, i);
            }
        }
    }

    internal ReadOnlyMemory<byte> IssuerRaw { get; }

    internal HashAlgorithmName HashAlgorithm { get; }

    internal bool SignatureHasUnusedBits { get; }

    internal CrlIndex Index => _index;

    /// <summary>Parses a CRL from DER or PEM (<c>-----BEGIN X509 CRL-----</c>) bytes.</summary>
    /// <exception cref="JpkiFormatException">The input is not a well-formed CRL.</exception>
    public static JpkiCrl Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length > DefaultMaxLength)
        {
            throw new JpkiFormatException("crl", $"The input is larger than {DefaultMaxLength} bytes.");
        }

        return new JpkiCrl(CrlParser.Parse(CrlPem.LooksLikePem(data) ? CrlPem.Decode(data) : data.ToArray()));
    }

    /// <summary>Reads a CRL from a stream (DER read in chunks; PEM read whole), without keeping the DER.</summary>
    /// <exception cref="JpkiFormatException">The input is not a well-formed CRL or is larger than <paramref name="maxLength"/>.</exception>
    public static async Task<JpkiCrl> LoadAsync(Stream stream, long maxLength = DefaultMaxLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var first = new byte[1];
        var read = await stream.ReadAsync(first, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new JpkiFormatException("crl", "The input is empty.");
        }

        if (first[0] != 0x30)
        {
            using var text = new MemoryStream();
            text.WriteByte(first[0]);
            await CopyBoundedAsync(stream, text, Math.Min(maxLength, 64L * 1024 * 1024), cancellationToken).ConfigureAwait(false);
            return new JpkiCrl(CrlParser.Parse(CrlPem.Decode(text.GetBuffer().AsSpan(0, (int)text.Length))));
        }

        using var der = new DerStream(new PrefixedStream(first[0], stream), maxLength);
        return new JpkiCrl(await CrlParser.ParseAsync(der, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads a CRL file (DER or PEM).</summary>
    public static async Task<JpkiCrl> LoadAsync(string path, long maxLength = DefaultMaxLength, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            return await LoadAsync(file, maxLength, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Finds the entry for <paramref name="certificate"/> (by serial, and for an indirect CRL by issuer too).</summary>
    public bool TryFind(JpkiCertificate certificate, out JpkiCrlEntry entry)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        foreach (var index in _index.Find(certificate.SerialNumberBytes.Span))
        {
            // An entry belongs to the CRL issuer's certificates, or in an indirect CRL to its certificateIssuer's.
            if (EntryIssuerMatches(index, certificate.IssuerRaw))
            {
                entry = new JpkiCrlEntry(_index, index);
                return true;
            }
        }

        entry = default;
        return false;
    }

    /// <summary>Finds the entry for a serial number (DER INTEGER content bytes), ignoring any certificateIssuer.</summary>
    public bool TryFind(ReadOnlySpan<byte> serialNumber, out JpkiCrlEntry entry)
    {
        foreach (var index in _index.Find(serialNumber))
        {
            entry = new JpkiCrlEntry(_index, index);
            return true;
        }

        entry = default;
        return false;
    }

    /// <summary>Whether the signature verifies with <paramref name="issuer"/>'s public key.</summary>
    public bool IsSignatureValid(JpkiCertificate issuer) => IsSignatureValid(issuer, null);

    /// <summary>Whether the signature verifies with the key, DSA parameters inherited where the key has none.</summary>
    internal bool IsSignatureValid(JpkiCertificate issuer, ReadOnlyMemory<byte>? inheritedDsaParameters)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return !SignatureHasUnusedBits && PublicKeys.VerifyHash(issuer.SubjectPublicKeyInfo, inheritedDsaParameters, _signatureAlgorithm, _tbsHash, _signature);
    }

    /// <summary>Whether an entry of an indirect CRL belongs to a certificate of <paramref name="certificateIssuer"/>.</summary>
    internal bool EntryIssuerMatches(int index, ReadOnlyMemory<byte> certificateIssuer)
    {
        var names = _index.IssuerOf(index);
        if (names is null)
        {
            return DistinguishedNames.Equal(IssuerRaw, certificateIssuer);
        }

        foreach (var name in names)
        {
            if (name.Tag == GeneralNameValue.DirectoryNameTag && DistinguishedNames.Equal(name.DirectoryName, certificateIssuer))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the issuer, numbers and dates.</summary>
    public override string ToString() =>
        $"JpkiCrl {{ Issuer = {Issuer}, Number = {CrlNumber}, ThisUpdate = {ThisUpdate:O}, Entries = {Count}{(IsDelta ? ", delta" : string.Empty)} }}";

    private static async Task CopyBoundedAsync(Stream source, Stream destination, long max, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 1;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > max)
            {
                throw new JpkiFormatException("crl", $"The PEM input is larger than {max} bytes.");
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A stream that yields one byte already read, then the rest of another stream.</summary>
    private sealed class PrefixedStream(byte first, Stream inner) : Stream
    {
        private bool _firstPending = true;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_firstPending && buffer.Length > 0)
            {
                _firstPending = false;
                buffer[0] = first;
                return 1 + inner.Read(buffer[1..]);
            }

            return inner.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_firstPending && buffer.Length > 0)
            {
                _firstPending = false;
                buffer.Span[0] = first;
                return 1 + await inner.ReadAsync(buffer[1..], cancellationToken).ConfigureAwait(false);
            }

            return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>One entry of a CRL: a revoked certificate's serial, when and (if stated) why.</summary>
public readonly struct JpkiCrlEntry
{
    private readonly CrlIndex? _index;
    private readonly int _position;

    internal JpkiCrlEntry(CrlIndex index, int position)
    {
        _index = index;
        _position = position;
    }

    /// <summary>The serial number as upper-case hexadecimal of its DER content bytes.</summary>
    public string SerialNumber => _index is null ? string.Empty : Convert.ToHexString(_index.Serial(_position));

    /// <summary>revocationDate.</summary>
    public DateTimeOffset RevocationDate => _index?.RevocationDate(_position) ?? default;

    /// <summary>The reasonCode entry extension, when present.</summary>
    public X509RevocationReason? Reason => _index is null || _index.Reason(_position) == CrlIndex.NoReason ? null : (X509RevocationReason)_index.Reason(_position);

    /// <summary>The invalidityDate entry extension, when present.</summary>
    public DateTimeOffset? InvalidityDate => _index?.InvalidityDate(_position);

    internal int Position => _position;

    /// <inheritdoc />
    public override string ToString() => $"{SerialNumber} revoked {RevocationDate:O}{(Reason is { } reason ? $" ({reason})" : string.Empty)}";
}

internal static class CrlPem
{
    public static bool LooksLikePem(ReadOnlySpan<byte> data) => Pem.LooksLikePem(data);

    public static byte[] Decode(ReadOnlySpan<byte> data) => Pem.DecodeAll(data, "X509 CRL", firstOnly: true)[0];
}
