using System.Collections.Concurrent;
using System.Text.Json;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>
/// Deliveries per recipient. A delivery is a duplicate when the recipient already holds one with the same messages
/// (same bytes): each recipient's list is short, so a scan beats a set per recipient at 100,000 recipients. A
/// recipient's first delivery is held inline, so a multicast to new recipients allocates two objects per recipient.
/// </summary>
internal sealed class Inbox
{
    private readonly ConcurrentDictionary<string, Box> _boxes = new(StringComparer.Ordinal);
    private long _sequence;
    private long _total;
    private long _duplicates;

    private sealed class Box
    {
        public LineEmulatorDelivery? First;
        public List<LineEmulatorDelivery>? More;
        public int Duplicates;

        public int Count => First is null ? 0 : 1 + (More?.Count ?? 0);

        public bool Holds(long contentHash)
        {
            if (First is null)
            {
                return false;
            }

            if (First.ContentHash == contentHash)
            {
                return true;
            }

            if (More is not null)
            {
                foreach (var delivery in More)
                {
                    if (delivery.ContentHash == contentHash)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        public void Add(LineEmulatorDelivery delivery)
        {
            if (First is null)
            {
                First = delivery;
            }
            else
            {
                (More ??= []).Add(delivery);
            }
        }

        public void CopyTo(List<LineEmulatorDelivery> list)
        {
            if (First is not null)
            {
                list.Add(First);
            }

            if (More is not null)
            {
                list.AddRange(More);
            }
        }
    }

    /// <summary>Records one request's messages for each recipient.</summary>
    public void Deliver(IReadOnlyList<string> recipients, string requestId, string operation, string? retryKey, IReadOnlyList<JsonElement> messages,
        long contentHash, bool notificationDisabled, DateTimeOffset now)
    {
        // One range of sequence numbers per request: recipients are numbered in the request's order.
        var sequence = Interlocked.Add(ref _sequence, recipients.Count) - recipients.Count;
        var duplicates = 0;
        foreach (var userId in recipients)
        {
            var box = _boxes.GetOrAdd(userId, static _ => new Box());
            lock (box)
            {
                var duplicate = box.Holds(contentHash);
                box.Add(new LineEmulatorDelivery(++sequence, userId, requestId, operation, retryKey, messages, notificationDisabled, now, duplicate, contentHash));
                if (duplicate)
                {
                    box.Duplicates++;
                    duplicates++;
                }
            }
        }

        Interlocked.Add(ref _total, recipients.Count);
        if (duplicates > 0)
        {
            Interlocked.Add(ref _duplicates, duplicates);
        }
    }

    public IReadOnlyList<LineEmulatorDelivery> Of(string userId)
    {
        if (!_boxes.TryGetValue(userId, out var box))
        {
            return [];
        }

        var list = new List<LineEmulatorDelivery>(1);
        lock (box)
        {
            box.CopyTo(list);
        }

        return list;
    }

    public IReadOnlyList<LineEmulatorDelivery> All()
    {
        var all = new List<LineEmulatorDelivery>();
        foreach (var box in _boxes.Values)
        {
            lock (box)
            {
                box.CopyTo(all);
            }
        }

        all.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return all;
    }

    public IReadOnlyDictionary<string, int> Counts()
    {
        var counts = new Dictionary<string, int>(_boxes.Count, StringComparer.Ordinal);
        foreach (var (userId, box) in _boxes)
        {
            lock (box)
            {
                counts[userId] = box.Count;
            }
        }

        return counts;
    }

    public LineEmulatorInboxStatistics Statistics()
    {
        var recipients = 0;
        var withDuplicates = 0;
        foreach (var box in _boxes.Values)
        {
            lock (box)
            {
                if (box.Count > 0)
                {
                    recipients++;
                }

                if (box.Duplicates > 0)
                {
                    withDuplicates++;
                }
            }
        }

        return new LineEmulatorInboxStatistics(Interlocked.Read(ref _total), recipients, Interlocked.Read(ref _duplicates), withDuplicates);
    }

    public void Clear()
    {
        _boxes.Clear();
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _duplicates, 0);
        Interlocked.Exchange(ref _sequence, 0);
    }
}
