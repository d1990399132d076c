using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace LineGov.Payouts.Points;

/// <summary>
/// An in-process points provider for tests, samples and demos, with the reference protocol's semantics: a key granted
/// before returns its first grant (<see cref="PointsGrantResult.AlreadyGranted"/>), a key reused for a different grant
/// is refused (<see cref="PointsProviderErrorKind.IdempotencyKeyReused"/>), unknown and closed members and limits are
/// rejected. It records every grant and counts every call, so a test can prove "granted exactly once"; it can inject
/// transient failures before applying and lost answers after applying. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var points = new FakePointsProvider(new FakePointsProviderOptions { LostAnswerRate = 0.1, Seed = 7 });
/// var channel = new PointsPayoutChannel(points);
/// await channel.IssueAsync(batch);
/// points.GrantCountsByMember().Values.ShouldAllBe(n => n == 1);
/// </code>
/// </example>
public sealed class FakePointsProvider : IPointsProvider
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, FakePointsGrantRecord> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _callsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Count, long Points)> _byMember = new(StringComparer.Ordinal);
    private readonly List<FakePointsGrantRecord> _grants = [];
    private readonly HashSet<string>? _members;
    private readonly HashSet<string> _closed;
    private readonly long? _limit;
    private readonly double _transientRate;
    private readonly double _lostRate;
    private readonly int _seed;
    private readonly TimeProvider _time;
    private int _calls;
    private long _totalPoints;

    /// <summary>Creates the fake.</summary>
    /// <param name="options">Members, limits and faults; <see langword="null"/> accepts any member and injects nothing.</param>
    /// <param name="timeProvider">The clock of <see cref="PointsGrantResult.GrantedAt"/>; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException">A rate outside 0-1 or a non-positive limit.</exception>
    public FakePointsProvider(FakePointsProviderOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new FakePointsProviderOptions();
        options.Validate();
        _members = options.Members is null ? null : new HashSet<string>(options.Members, StringComparer.Ordinal);
        _closed = new HashSet<string>(options.ClosedMembers, StringComparer.Ordinal);
        _limit = options.PointsLimitPerMember;
        _transientRate = options.TransientFailureRate;
        _lostRate = options.LostAnswerRate;
        _seed = options.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Every <see cref="GrantAsync"/> call, whatever its outcome (injected failures included).</summary>
    public int CallCount => Volatile.Read(ref _calls);

    /// <summary>Grants made (each key at most once).</summary>
    public int GrantCount
    {
        get
        {
            lock (_lock)
            {
                return _grants.Count;
            }
        }
    }

    /// <summary>Points granted in total.</summary>
    public long TotalPoints => Interlocked.Read(ref _totalPoints);

    /// <summary>Every grant made, in order (a snapshot).</summary>
    public IReadOnlyList<FakePointsGrantRecord> Grants
    {
        get
        {
            lock (_lock)
            {
                return [.. _grants];
            }
        }
    }

    /// <inheritdoc />
    public Task<PointsGrantResult> GrantAsync(PointsGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        return Task.FromResult(Grant(grant, injectFaults: true));
    }

    /// <inheritdoc />
    public Task<PointsGrantResult?> GetGrantAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Find(idempotencyKey)?.ToResult(alreadyGranted: true));
    }

    /// <summary>The grant made under <paramref name="idempotencyKey"/>, or <see langword="null"/>.</summary>
    public FakePointsGrantRecord? Find(string idempotencyKey)
    {
        lock (_lock)
        {
            return _byKey.GetValueOrDefault(idempotencyKey);
        }
    }

    /// <summary>How many <see cref="GrantAsync"/> calls named <paramref name="idempotencyKey"/>.</summary>
    public int CallCountOf(string idempotencyKey)
    {
        lock (_lock)
        {
            return _callsByKey.GetValueOrDefault(idempotencyKey);
        }
    }

    /// <summary>How many grants <paramref name="memberId"/> received (more than one per payout is what must never happen).</summary>
    public int GrantCountOf(string memberId)
    {
        lock (_lock)
        {
            return _byMember.GetValueOrDefault(memberId).Count;
        }
    }

    /// <summary>The points <paramref name="memberId"/> received in total.</summary>
    public long PointsOf(string memberId)
    {
        lock (_lock)
        {
            return _byMember.GetValueOrDefault(memberId).Points;
        }
    }

    /// <summary>Grants per member (a snapshot).</summary>
    public IReadOnlyDictionary<string, int> GrantCountsByMember()
    {
        lock (_lock)
        {
            return _byMember.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);
        }
    }

    /// <summary>Makes <paramref name="memberId"/> known (when <see cref="FakePointsProviderOptions.Members"/> limits members).</summary>
    public void AddMember(string memberId)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        lock (_lock)
        {
            _members?.Add(memberId);
        }
    }

    /// <summary>Closes <paramref name="memberId"/>'s account: later grants to it are rejected.</summary>
    public void CloseMember(string memberId)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        lock (_lock)
        {
            _closed.Add(memberId);
        }
    }

    /// <summary>
    /// The protocol's decision for one grant, atomically: the first grant of its key, or the earlier one, or a typed
    /// refusal. <paramref name="injectFaults"/> is off when a server decides faults itself.
    /// </summary>
    internal PointsGrantResult Grant(PointsGrant grant, bool injectFaults)
    {
        bool lost;
        PointsGrantResult result;
        lock (_lock)
        {
            var callNumber = _callsByKey.GetValueOrDefault(grant.IdempotencyKey) + 1;
            _callsByKey[grant.IdempotencyKey] = callNumber;
            var draw = injectFaults && (_transientRate > 0 || _lostRate > 0) ? FaultDraw.Unit(_seed, grant.IdempotencyKey, callNumber) : 1.0;
            if (draw < _transientRate)
            {
                throw new PointsProviderException(PointsProviderErrorKind.Transient,
                    "Injected transient failure: nothing was granted.", HttpStatusCode.ServiceUnavailable, PointsErrorCodes.ServerError);
            }

            lost = draw < _transientRate + _lostRate;
            if (_byKey.TryGetValue(grant.IdempotencyKey, out var earlier))
            {
                result = earlier.SameRequest(grant)
                    ? earlier.ToResult(alreadyGranted: true)
                    : throw new PointsProviderException(PointsProviderErrorKind.IdempotencyKeyReused,
                        "The idempotency key was already used for a different grant; the earlier grant stands.",
                        HttpStatusCode.Conflict, PointsErrorCodes.IdempotencyKeyReused);
            }
            else
            {
                result = Apply(grant);
            }
        }

        return lost
            ? throw new PointsProviderException(PointsProviderErrorKind.Transient,
                "Injected lost answer: the grant was applied but its answer never arrived.", innerException: null)
            : result;
    }

    private PointsGrantResult Apply(PointsGrant grant)
    {
        if (_members is not null && !_members.Contains(grant.MemberId))
        {
            throw new PointsProviderException(PointsProviderErrorKind.Rejected, "Unknown member.", HttpStatusCode.NotFound, PointsErrorCodes.UnknownMember);
        }

        if (_closed.Contains(grant.MemberId))
        {
            throw new PointsProviderException(PointsProviderErrorKind.Rejected, "The member account is closed.",
                HttpStatusCode.UnprocessableEntity, PointsErrorCodes.AccountClosed);
        }

        var member = _byMember.GetValueOrDefault(grant.MemberId);
        if (_limit is { } limit && member.Points + grant.Points > limit)
        {
            throw new PointsProviderException(PointsProviderErrorKind.Rejected, "The grant would pass the member's points limit.",
                HttpStatusCode.UnprocessableEntity, PointsErrorCodes.LimitExceeded);
        }

        var record = new FakePointsGrantRecord(grant,
            string.Create(CultureInfo.InvariantCulture, $"pt-{_grants.Count + 1:D8}"),
            _time.GetUtcNow());
        _byKey.Add(grant.IdempotencyKey, record);
        _grants.Add(record);
        _byMember[grant.MemberId] = (member.Count + 1, member.Points + grant.Points);
        Interlocked.Add(ref _totalPoints, grant.Points);
        return record.ToResult(alreadyGranted: false);
    }
}
