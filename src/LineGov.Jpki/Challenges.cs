using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace LineGov.Jpki;

/// <summary>
/// A server-issued, single-use, expiring challenge. A signed application must sign
/// <see cref="CreateSignedContent"/> of its payload, so a captured signature cannot be replayed.
/// </summary>
public sealed class JpkiChallenge
{
    /// <summary>The first line of every signed application, so its signature can never be mistaken for another protocol's.</summary>
    public const string SignedContentHeader = "LineGov-JPKI-Application/1";

    /// <summary>Creates a challenge.</summary>
    public JpkiChallenge(string id, ReadOnlyMemory<byte> nonce, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (nonce.Length < 16)
        {
            throw new ArgumentException("A challenge nonce has at least 16 bytes.", nameof(nonce));
        }

        if (expiresAt <= issuedAt)
        {
            throw new ArgumentException("A challenge must expire after it is issued.", nameof(expiresAt));
        }

        Id = id;
        Nonce = nonce;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>The challenge's identifier (URL-safe, unguessable).</summary>
    public string Id { get; }

    /// <summary>The random nonce.</summary>
    public ReadOnlyMemory<byte> Nonce { get; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>When it stops being accepted.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>
    /// The exact bytes the resident signs for <paramref name="payload"/> under this challenge (UTF-8, LF line ends):
    /// <c>LineGov-JPKI-Application/1</c>, the challenge id, the nonce (Base64url) and the SHA-256 of the payload (Base64url).
    /// A client builds the same bytes and has the card sign them.
    /// </summary>
    public byte[] CreateSignedContent(ReadOnlySpan<byte> payload)
    {
        Span<byte> payloadDigest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, payloadDigest);
        var text = string.Join(
            '\n',
            SignedContentHeader,
            Id,
            Base64Url.EncodeToString(Nonce.Span),
            Base64Url.EncodeToString(payloadDigest));
        return Encoding.UTF8.GetBytes(text);
    }
}

/// <summary>
/// Where challenges live between issue and use. <see cref="TryTakeAsync"/> must be atomic: of two concurrent calls for one
/// id, at most one gets the challenge. Implement it over a shared store (a database, Redis) when several servers answer.
/// </summary>
public interface IJpkiChallengeStore
{
    /// <summary>Stores a new challenge.</summary>
    ValueTask AddAsync(JpkiChallenge challenge, CancellationToken cancellationToken = default);

    /// <summary>Removes and returns the challenge with <paramref name="id"/>, or <see langword="null"/> when it is unknown or already taken.</summary>
    ValueTask<JpkiChallenge?> TryTakeAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>
/// The in-memory challenge store: the default for one process. Expired challenges are swept as new ones arrive; the
/// store refuses new challenges beyond <see cref="MaxChallenges"/> live ones rather than grow without bound.
/// </summary>
public sealed class InMemoryJpkiChallengeStore : IJpkiChallengeStore
{
    private readonly ConcurrentDictionary<string, JpkiChallenge> _challenges = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private long _nextSweepTicks;

    /// <summary>Creates a store.</summary>
    /// <param name="timeProvider">The clock that decides which challenges have expired.</param>
    /// <param name="maxChallenges">The most live challenges kept at once.</param>
    public InMemoryJpkiChallengeStore(TimeProvider? timeProvider = null, int maxChallenges = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChallenges, 1);
        _timeProvider = timeProvider ?? TimeProvider.System;
        MaxChallenges = maxChallenges;
    }

    /// <summary>The most live challenges kept at once.</summary>
    public int MaxChallenges { get; }

    /// <summary>The number of challenges held now (expired ones included until swept).</summary>
    public int Count => _challenges.Count;

    /// <inheritdoc />
    /// <exception cref="JpkiException">The store is full of live challenges.</exception>
    public ValueTask AddAsync(JpkiChallenge challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        if (_challenges.Count >= MaxChallenges || now.UtcTicks >= Interlocked.Read(ref _nextSweepTicks))
        {
            Sweep(now);
        }

        if (_challenges.Count >= MaxChallenges)
        {
            throw new JpkiException($"The challenge store holds {MaxChallenges} live challenges; refusing more.");
        }

        if (!_challenges.TryAdd(challenge.Id, challenge))
        {
            throw new ArgumentException("A challenge with this id already exists.", nameof(challenge));
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<JpkiChallenge?> TryTakeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_challenges.TryRemove(id, out var challenge) ? challenge : null);
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (id, challenge) in _challenges)
        {
            if (challenge.ExpiresAt <= now)
            {
                _challenges.TryRemove(id, out _);
            }
        }

        Interlocked.Exchange(ref _nextSweepTicks, (now + TimeSpan.FromMinutes(1)).UtcTicks);
    }
}

/// <summary>Settings of a <see cref="JpkiChallengeService"/>.</summary>
public sealed class JpkiChallengeOptions
{
    /// <summary>How long a challenge is accepted. Default: 5 minutes (reading the card takes the resident a minute or two).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Nonce length in bytes. Default: 32.</summary>
    public int NonceLength { get; set; } = 32;
}

/// <summary>What happened when a challenge was redeemed.</summary>
public enum JpkiChallengeRedemptionStatus
{
    /// <summary>The challenge was live and is now used up.</summary>
    Redeemed = 0,

    /// <summary>No such challenge: never issued, or already used (a replay).</summary>
    UnknownOrUsed = 1,

    /// <summary>The challenge existed but had expired; it is now removed.</summary>
    Expired = 2,
}

/// <summary>The outcome of redeeming a challenge.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Challenge">The challenge, when it existed.</param>
public sealed record JpkiChallengeRedemption(JpkiChallengeRedemptionStatus Status, JpkiChallenge? Challenge)
{
    /// <summary>What happened.</summary>
    public JpkiChallengeRedemptionStatus Status { get; } = Status;

    /// <summary>The challenge, when it existed.</summary>
    public JpkiChallenge? Challenge { get; } = Challenge;
}

/// <summary>Issues single-use, expiring challenges and redeems them exactly once. Thread-safe.</summary>
public class JpkiChallengeService
{
    private readonly IJpkiChallengeStore _store;
    private readonly JpkiChallengeOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the service.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The lifetime is not positive or the nonce shorter than 16 bytes.</exception>
    public JpkiChallengeService(IJpkiChallengeStore store, JpkiChallengeOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? new JpkiChallengeOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.Lifetime, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.NonceLength, 16, nameof(options));
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Issues a new challenge and stores it.</summary>
    public virtual async ValueTask<JpkiChallenge> IssueAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        var challenge = new JpkiChallenge(id, RandomNumberGenerator.GetBytes(_options.NonceLength), now, now + _options.Lifetime);
        await _store.AddAsync(challenge, cancellationToken).ConfigureAwait(false);
        return challenge;
    }

    /// <summary>Redeems the challenge with <paramref name="id"/>: it can be redeemed once, before it expires.</summary>
    public virtual async ValueTask<JpkiChallengeRedemption> RedeemAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var challenge = await _store.TryTakeAsync(id, cancellationToken).ConfigureAwait(false);
        if (challenge is null)
        {
            return new JpkiChallengeRedemption(JpkiChallengeRedemptionStatus.UnknownOrUsed, null);
        }

        return _timeProvider.GetUtcNow() >= challenge.ExpiresAt
            ? new JpkiChallengeRedemption(JpkiChallengeRedemptionStatus.Expired, challenge)
            : new JpkiChallengeRedemption(JpkiChallengeRedemptionStatus.Redeemed, challenge);
    }
}
