using LineGov.Messaging.Testing;

namespace LineGov.Samples.Municipality.Tests.Infrastructure;

/// <summary>What residents read on LINE, and waiting for it (the host may push after it answers).</summary>
public static class Inbox
{
    /// <summary>Every text the user received, in order.</summary>
    public static IReadOnlyList<string> TextsOf(this LineEmulator line, string userId) =>
        [.. line.InboxOf(userId).SelectMany(d => d.Texts)];

    /// <summary>A received notice: 受付 / 受け付けました.</summary>
    public static bool IsReceivedNotice(string text) => text.Contains("受付", StringComparison.Ordinal) || text.Contains("受け付け", StringComparison.Ordinal);

    /// <summary>An already-applied notice naming the date and channel of the household's application.</summary>
    public static bool IsAlreadyAppliedNotice(string text, string date, string channelWord) =>
        (text.Contains("申請済み", StringComparison.Ordinal) || text.Contains("既に申請", StringComparison.Ordinal) || text.Contains("すでに申請", StringComparison.Ordinal))
        && text.Contains(date, StringComparison.Ordinal)
        && text.Contains(channelWord, StringComparison.Ordinal);

    /// <summary>A paid notice: it says it paid (支払 / 振込 / 付与), with the amount (30,000 yen) — the greeting names the amount too.</summary>
    public static bool IsPaidNotice(string text) =>
        (text.Contains("30,000", StringComparison.Ordinal) || text.Contains("30000", StringComparison.Ordinal)
            || text.Contains("３０，０００", StringComparison.Ordinal) || text.Contains("3万", StringComparison.Ordinal) || text.Contains("３万", StringComparison.Ordinal))
        && (text.Contains("支払", StringComparison.Ordinal) || text.Contains("振込", StringComparison.Ordinal) || text.Contains("振り込", StringComparison.Ordinal) || text.Contains("付与", StringComparison.Ordinal));

    /// <summary>True when the text is Japanese (has kana or kanji).</summary>
    public static bool IsJapanese(string text) => text.Any(c => c is (>= '\u3040' and <= '\u30FF') or (>= '\u4E00' and <= '\u9FFF'));

    /// <summary>Waits until <paramref name="done"/> holds (polling), or the timeout; returns whether it held.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>Waits for a text after the first <paramref name="seen"/> ones that matches <paramref name="match"/>; returns it or null.</summary>
    public static async Task<string?> WaitForTextAsync(this LineEmulator line, string userId, int seen, Func<string, bool> match, TimeSpan? timeout = null)
    {
        string? found = null;
        await WaitUntilAsync(() => (found = line.TextsOf(userId).Skip(seen).FirstOrDefault(match)) is not null, timeout ?? TimeSpan.FromSeconds(10));
        return found;
    }
}
