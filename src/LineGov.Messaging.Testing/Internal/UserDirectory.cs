namespace LineGov.Messaging.Testing.Internal;

/// <summary>The users the channel knows, in the order they were added (the followers list pages in that order).</summary>
internal sealed class UserDirectory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LineEmulatorUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _following = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private int _blockers;

    public UserDirectory(IEnumerable<LineEmulatorUser> users)
    {
        foreach (var user in users)
        {
            Add(user);
        }
    }

    public void Add(LineEmulatorUser user)
    {
        lock (_gate)
        {
            if (!_users.ContainsKey(user.UserId))
            {
                _order.Add(user.UserId);
            }

            _users[user.UserId] = user;
            SetFollowingLocked(user.UserId, user.IsFollower);
        }
    }

    public LineEmulatorUser? Find(string userId)
    {
        lock (_gate)
        {
            return _users.TryGetValue(userId, out var user) ? user with { IsFollower = _following[userId] } : null;
        }
    }

    /// <summary>Whether the user is known to have blocked the account (unknown users are reachable).</summary>
    public bool HasBlocked(string userId)
    {
        lock (_gate)
        {
            return _following.TryGetValue(userId, out var following) && !following;
        }
    }

    /// <summary>A follow or unfollow event: the user (added when unknown) follows or blocks the account.</summary>
    public void SetFollowing(string userId, bool following)
    {
        lock (_gate)
        {
            if (!_users.ContainsKey(userId))
            {
                _users[userId] = new LineEmulatorUser(userId, userId);
                _order.Add(userId);
            }

            SetFollowingLocked(userId, following);
        }
    }

    private void SetFollowingLocked(string userId, bool following)
    {
        var wasBlocking = _following.TryGetValue(userId, out var was) && !was;
        _following[userId] = following;
        _blockers += (following ? 0 : 1) - (wasBlocking ? 1 : 0);
    }

    /// <summary>Whether any known user has blocked the account (when none has, sends skip the per-recipient check).</summary>
    public bool AnyBlockers => Volatile.Read(ref _blockers) > 0;

    public IReadOnlyList<string> Followers()
    {
        lock (_gate)
        {
            return [.. _order.Where(id => _following[id])];
        }
    }

    /// <summary>A page of followers starting at position <paramref name="start"/> of the list; the next position or -1.</summary>
    public (List<string> Page, int Next) FollowersPage(int start, int limit)
    {
        lock (_gate)
        {
            var page = new List<string>(Math.Min(limit, 1000));
            var i = start;
            for (; i < _order.Count && page.Count < limit; i++)
            {
                if (_following[_order[i]])
                {
                    page.Add(_order[i]);
                }
            }

            for (; i < _order.Count; i++)
            {
                if (_following[_order[i]])
                {
                    return (page, i);
                }
            }

            return (page, -1);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _order.Count;
            }
        }
    }
}
