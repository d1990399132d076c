using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LineGov.Jpki;

/// <summary>Settings of a <see cref="JpkiCrlStore"/>.</summary>
public sealed class JpkiCrlStoreOptions
{
    /// <summary>Where CRLs come from.</summary>
    public IList<IJpkiCrlSource> Sources { get; } = [];

    /// <summary>How often <see cref="JpkiCrlStore.RunAsync"/> refreshes. Default: one hour (J-LIS publishes daily).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after its nextUpdate a CRL may still be used. Default: none — a stale CRL answers nothing.</summary>
    public TimeSpan NextUpdateGrace { get; set; } = TimeSpan.Zero;

    /// <summary>The largest CRL read. Default: <see cref="JpkiCrl.DefaultMaxLength"/>.</summary>
    public long MaxCrlLength { get; set; } = JpkiCrl.DefaultMaxLength;

    /// <summary>Whether delta CRLs are used. Default: yes.</summary>
    public bool UseDeltaCrls { get; set; } = true;
}

/// <summary>Progress of a refresh, reported per CRL.</summary>
/// <param name="Source">The source's name.</param>
/// <param name="Item">The CRL's id within the source.</param>
/// <param name="Completed">CRLs handled so far in this refresh.</param>
/// <param name="Entries">Entries in the CRLs loaded so far.</param>
public sealed record JpkiCrlRefreshProgress(string Source, string Item, int Completed, long Entries)
{
    /// <summary>The source's name.</summary>
    public string Source { get; } = Source;

    /// <summary>The CRL's id within the source.</summary>
    public string Item { get; } = Item;

    /// <summary>CRLs handled so far in this refresh.</summary>
    public int Completed { get; } = Completed;

    /// <summary>Entries in the CRLs loaded so far.</summary>
    public long Entries { get; } = Entries;
}

/// <summary>What a refresh did.</summary>
/// <param name="Loaded">CRLs read and verified anew.</param>
/// <param name="Reused">CRLs whose version had not changed.</param>
/// <param name="Failed">CRLs that could not be read or whose signature did not verify with a trust anchor (the previous version, if any, is kept).</param>
/// <param name="Entries">Entries in all CRLs now served.</param>
/// <param name="Duration">How long the refresh took.</param>
/// <param name="Errors">One line per failure, without content.</param>
public sealed record JpkiCrlRefreshResult(int Loaded, int Reused, int Failed, long Entries, TimeSpan Duration, IReadOnlyList<string> Errors)
{
    /// <summary>CRLs read and verified anew.</summary>
    public int Loaded { get; } = Loaded;

    /// <summary>CRLs whose version had not changed.</summary>
    public int Reused { get; } = Reused;

    /// <summary>CRLs that could not be read or verified.</summary>
    public int Failed { get; } = Failed;

    /// <summary>Entries in all CRLs now served.</summary>
    public long Entries { get; } = Entries;

    /// <summary>How long the refresh took.</summary>
    public TimeSpan Duration { get; } = Duration;

    /// <summary>One line per failure, without content.</summary>
    public IReadOnlyList<string> Errors { get; } = Errors;
}

/// <summary>
/// The CRLs an operator provides (J-LIS partitions signature CRLs per municipality), read from sources, verified
/// against the trust store's anchors, and answered from in constant time. A refresh builds a complete new snapshot and
/// swaps it in at once: a half-read CRL is never served, and a CRL that fails to load keeps its previous version.
/// Thread-safe.
/// </summary>
public partial class JpkiCrlStore : IDisposable
{
    private static readonly Meter Meter = JpkiDiagnostics.Meter;
    private static readonly Counter<long> Refreshes = Meter.CreateCounter<long>("linegov.jpki.crl.refreshes", description: "CRL store refreshes.");
    private static readonly Counter<long> LoadFailures = Meter.CreateCounter<long>("linegov.jpki.crl.load_failures", description: "CRLs that could not be loaded or verified.");
    private static readonly Histogram<double> RefreshSeconds = Meter.CreateHistogram<double>("linegov.jpki.crl.refresh_duration", "s", "Duration of CRL store refreshes.");

    private readonly JpkiCrlStoreOptions _options;
    private readonly JpkiTrustStore _trustStore;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly Lock _swapGate = new();
    private volatile Snapshot _snapshot = Snapshot.Empty;

    /// <summary>Creates a store; it holds nothing until <see cref="RefreshAsync"/> or <see cref="Add"/>.</summary>
    public JpkiCrlStore(JpkiCrlStoreOptions options, JpkiTrustStore trustStore, TimeProvider? timeProvider = null, ILogger<JpkiCrlStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(trustStore);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RefreshInterval, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NextUpdateGrace, TimeSpan.Zero, nameof(options));
        _options = options;
        _trustStore = trustStore;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The CRLs served now.</summary>
    public IReadOnlyList<JpkiCrl> Crls => _snapshot.Crls;

    /// <summary>When the last refresh finished, if any.</summary>
    public DateTimeOffset? LastRefresh { get; private set; }

    /// <summary>Reads every source, verifies new CRLs against the trust anchors and swaps the result in.</summary>
    public virtual async Task<JpkiCrlRefreshResult> RefreshAsync(IProgress<JpkiCrlRefreshProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var previous = _snapshot;
            var next = new List<Loaded>();
            var errors = new List<string>();
            int loaded = 0, reused = 0, failed = 0;
            long entries = 0;
            foreach (var source in _options.Sources)
            {
                List<JpkiCrlSourceItem> items;
                try
                {
                    items = [];
                    await foreach (var item in source.ListAsync(cancellationToken).ConfigureAwait(false))
                    {
                        items.Add(item);
                    }
                }
                catch (Exception e) when (e is IOException or HttpRequestException or UnauthorizedAccessException or TimeoutException)
                {
                    // The source is down: keep everything it gave before.
                    errors.Add($"{source.Name}: cannot list CRLs ({e.GetType().Name}).");
                    failed++;
                    next.AddRange(previous.All.Where(l => l.Source == source.Name));
                    continue;
                }

                foreach (var item in items)
                {
                    var old = previous.All.FirstOrDefault(l => l.Source == source.Name && l.Item.Id == item.Id);
                    if (old is not null && old.Item.Version == item.Version)
                    {
                        next.Add(old);
                        reused++;
                    }
                    else
                    {
                        var fresh = await LoadAsync(source, item, cancellationToken).ConfigureAwait(false);
                        if (fresh.Loaded is { } crl)
                        {
                            next.Add(crl);
                            loaded++;
                        }
                        else
                        {
                            errors.Add(fresh.Error!);
                            failed++;
                            LoadFailures.Add(1);
                            if (old is not null)
                            {
                                next.Add(old);
                            }
                        }
                    }

                    entries = next.Sum(l => (long)l.Crl.Count);
                    progress?.Report(new JpkiCrlRefreshProgress(source.Name, item.Id, loaded + reused + failed, entries));
                }
            }

            lock (_swapGate)
            {
                // CRLs added by hand meanwhile stay.
                next.AddRange(_snapshot.All.Where(l => l.Source == ManualSource));
                _snapshot = new Snapshot(next);
            }

            LastRefresh = _timeProvider.GetUtcNow();
            var duration = Stopwatch.GetElapsedTime(started);
            Refreshes.Add(1);
            RefreshSeconds.Record(duration.TotalSeconds);
            Log.Refreshed(_logger, loaded, reused, failed, entries, duration.TotalMilliseconds);
            return new JpkiCrlRefreshResult(loaded, reused, failed, next.Sum(l => (long)l.Crl.Count), duration, errors);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>Refreshes now and then every <see cref="JpkiCrlStoreOptions.RefreshInterval"/> until cancelled (run it from a hosted service).</summary>
    public async Task RunAsync(IProgress<JpkiCrlRefreshProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var timer = new PeriodicTimer(_options.RefreshInterval, _timeProvider);
        try
        {
            do
            {
                try
                {
                    await RefreshAsync(progress, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.RefreshFailed(_logger, e.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Adds a CRL read elsewhere, after verifying it against the trust anchors; refreshes keep it.</summary>
    /// <param name="crl">The CRL.</param>
    /// <param name="name">How answers from it name their source (<c>crl:&lt;name&gt;</c>), e.g. its file name; a random id when omitted.</param>
    /// <returns>Whether a trust anchor's key verified it (an unverified CRL is not added).</returns>
    public bool Add(JpkiCrl crl, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(crl);
        if (FindSigner(crl) is not { } signer)
        {
            return false;
        }

        var loaded = new Loaded(crl, ManualSource, new JpkiCrlSourceItem(string.IsNullOrEmpty(name) ? Guid.NewGuid().ToString("N") : name, "manual"), signer);
        lock (_swapGate)
        {
            _snapshot = new Snapshot([.. _snapshot.All, loaded]);
        }

        return true;
    }

    /// <summary>
    /// The revocation status of <paramref name="certificate"/>, issued by <paramref name="issuer"/>, at <paramref name="at"/>,
    /// from the CRLs in the store (RFC 5280 §6.3: distribution point, scope, delta CRLs, freshness).
    /// </summary>
    public virtual JpkiRevocationStatus Check(JpkiCertificate certificate, JpkiCertificate issuer, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        var snapshot = _snapshot;
        if (snapshot.TryFast(certificate, issuer, at, _options.NextUpdateGrace) is { } fast)
        {
            return fast;
        }

        var candidates = snapshot.ForIssuer(certificate.IssuerRaw);
        if (candidates.Count == 0)
        {
            return JpkiRevocationStatus.Unknown("crl", "The store holds no CRL of the certificate's issuer.");
        }

        var evaluator = new CrlStatusEvaluator(
            candidates,
            (crl, _) => snapshot.Signer(crl) == issuer.Sha256Thumbprint,
            _options.UseDeltaCrls,
            _options.NextUpdateGrace);
        var status = evaluator.Evaluate(certificate, at);
        var source = status.Crl is { } used ? "crl:" + snapshot.SourceOf(used) : "crl";
        return status.State switch
        {
            JpkiRevocationState.Good => JpkiRevocationStatus.Good(source, status.Crl?.ThisUpdate, status.Crl?.NextUpdate),
            JpkiRevocationState.Revoked => JpkiRevocationStatus.Revoked(source, status.RevocationTime!.Value, status.Reason, status.Crl?.ThisUpdate, status.Crl?.NextUpdate),
            _ => JpkiRevocationStatus.Unknown(source, status.Detail),
        };
    }

    private const string ManualSource = "manual";

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the refresh gate.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _refreshGate.Dispose();
        }
    }

    private async Task<(Loaded? Loaded, string? Error)> LoadAsync(IJpkiCrlSource source, JpkiCrlSourceItem item, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await source.OpenAsync(item, cancellationToken).ConfigureAwait(false);
            JpkiCrl crl;
            await using (stream.ConfigureAwait(false))
            {
                crl = await JpkiCrl.LoadAsync(stream, _options.MaxCrlLength, cancellationToken).ConfigureAwait(false);
            }

            if (FindSigner(crl) is not { } signer)
            {
                return (null, $"{source.Name}/{item.Id}: the signature does not verify with any trust anchor.");
            }

            return (new Loaded(crl, source.Name, item, signer), null);
        }
        catch (Exception e) when (e is JpkiFormatException or IOException or HttpRequestException or UnauthorizedAccessException or TimeoutException)
        {
            return (null, $"{source.Name}/{item.Id}: {e.GetType().Name}: {(e is JpkiFormatException ? e.Message : "cannot be read")}");
        }
    }

    /// <summary>The thumbprint of the anchor whose key verifies the CRL (by issuer name, then key identifier).</summary>
    private string? FindSigner(JpkiCrl crl)
    {
        foreach (var anchor in _trustStore.Anchors)
        {
            var certificate = anchor.Certificate;
            if (!DistinguishedNames.Equal(certificate.SubjectRaw, crl.IssuerRaw) ||
                (crl.AuthorityKeyIdentifier is { } aki && certificate.SubjectKeyIdentifier is { } ski && !aki.Span.SequenceEqual(ski.Span)) ||
                (certificate.KeyUsage is { } usage && (usage & System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.CrlSign) == 0))
            {
                continue;
            }

            if (crl.IsSignatureValid(certificate))
            {
                return certificate.Sha256Thumbprint;
            }
        }

        return null;
    }

    private sealed record Loaded(JpkiCrl Crl, string Source, JpkiCrlSourceItem Item, string Signer);

    /// <summary>An immutable view of the served CRLs with the indexes lookups use.</summary>
    private sealed class Snapshot
    {
        public static readonly Snapshot Empty = new([]);

        private readonly Dictionary<JpkiCrl, Loaded> _byCrl = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<byte[], List<JpkiCrl>> _byIssuer = new(ByteArrayComparer.Instance);
        private readonly Dictionary<byte[], FastEntry> _byPoint = new(ByteArrayComparer.Instance);

        public Snapshot(List<Loaded> all)
        {
            All = all;
            Crls = [.. all.Select(l => l.Crl)];
            foreach (var loaded in all)
            {
                _byCrl[loaded.Crl] = loaded;
                var issuer = loaded.Crl.IssuerRaw.ToArray();
                if (!_byIssuer.TryGetValue(issuer, out var list))
                {
                    _byIssuer[issuer] = list = [];
                }

                list.Add(loaded.Crl);
            }

            // The fast path: complete, direct, all-reasons CRLs scoped to one directoryName point, with no delta.
            var hasDelta = all.Where(l => l.Crl.IsDelta).Select(l => Convert.ToHexString(l.Crl.IssuerRaw.Span)).ToHashSet(StringComparer.Ordinal);
            foreach (var loaded in all)
            {
                var crl = loaded.Crl;
                if (crl.IsDelta || crl.UnsupportedCriticalExtensionOid is not null || hasDelta.Contains(Convert.ToHexString(crl.IssuerRaw.Span)) ||
                    crl.IssuingDistributionPoint is not { IsIndirect: false, OnlySomeReasonsMask: null, OnlyContainsCaCertificates: false, OnlyContainsAttributeCertificates: false, Name.FullName: { } names })
                {
                    continue;
                }

                foreach (var name in names.Where(n => n.Tag == GeneralNameValue.DirectoryNameTag))
                {
                    var key = name.Encoded.ToArray();
                    if (!_byPoint.TryGetValue(key, out var existing) || crl.ThisUpdate > existing.Crl.ThisUpdate)
                    {
                        _byPoint[key] = new FastEntry(crl, loaded.Signer, JpkiRevocationStatus.Good("crl:" + loaded.Item.Id, crl.ThisUpdate, crl.NextUpdate), "crl:" + loaded.Item.Id);
                    }
                }
            }
        }

        public List<Loaded> All { get; }

        public IReadOnlyList<JpkiCrl> Crls { get; }

        public List<JpkiCrl> ForIssuer(ReadOnlyMemory<byte> issuer)
        {
            var lookup = _byIssuer.GetAlternateLookup<ReadOnlySpan<byte>>();
            if (lookup.TryGetValue(issuer.Span, out var exact))
            {
                return exact;
            }

            // Not byte-equal: compare names as RFC 5280 §7.1 does.
            return [.. _byIssuer.Where(p => DistinguishedNames.Equal(p.Key, issuer)).SelectMany(p => p.Value)];
        }

        public string? Signer(JpkiCrl crl) => _byCrl.TryGetValue(crl, out var loaded) ? loaded.Signer : null;

        public string SourceOf(JpkiCrl crl) => _byCrl.TryGetValue(crl, out var loaded) ? loaded.Item.Id : "?";

        public JpkiRevocationStatus? TryFast(JpkiCertificate certificate, JpkiCertificate issuer, DateTimeOffset at, TimeSpan grace)
        {
            if (_byPoint.Count == 0 || certificate.IsCertificateAuthority == true)
            {
                return null;
            }

            var points = certificate.CrlDistributionPoints;
            if (points.Count != 1 || points[0] is not { ReasonMask: null, CrlIssuer.Length: 0, Name.FullName: { } names })
            {
                return null;
            }

            // The point's directoryName (J-LIS names one per municipality; a URL may stand beside it).
            var lookup = _byPoint.GetAlternateLookup<ReadOnlySpan<byte>>();
            FastEntry? entry = null;
            foreach (var name in names)
            {
                if (name.Tag == GeneralNameValue.DirectoryNameTag && lookup.TryGetValue(name.Encoded.Span, out entry))
                {
                    break;
                }
            }

            if (entry is null ||
                entry.Signer != issuer.Sha256Thumbprint ||
                !entry.Crl.IssuerRaw.Span.SequenceEqual(certificate.IssuerRaw.Span) ||
                entry.Crl.ThisUpdate > at || (entry.Crl.NextUpdate is { } next && next + grace < at))
            {
                return null;
            }

            if (!entry.Crl.TryFind(certificate, out var found))
            {
                return entry.Good;
            }

            return found.RevocationDate > at
                ? entry.Good
                : JpkiRevocationStatus.Revoked(entry.Source, found.RevocationDate, found.Reason, entry.Crl.ThisUpdate, entry.Crl.NextUpdate);
        }

        private sealed record FastEntry(JpkiCrl Crl, string Signer, JpkiRevocationStatus Good, string Source);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "CRL store refreshed: {Loaded} loaded, {Reused} unchanged, {Failed} failed, {Entries} entries, {Milliseconds} ms")]
        public static partial void Refreshed(ILogger logger, int loaded, int reused, int failed, long entries, double milliseconds);

        [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "CRL store refresh failed: {Error}")]
        public static partial void RefreshFailed(ILogger logger, string error);
    }
}

/// <summary>Byte-array keys compared by content, with span lookups (no allocation on the hot path).</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly ByteArrayComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        var hash = default(HashCode);
        hash.AddBytes(alternate);
        return hash.ToHashCode();
    }

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
