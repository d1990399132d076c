namespace LineGov.Samples.Municipality.Tests.Infrastructure;

/// <summary>The answers' <c>status</c> / <c>data-status</c> values of the contract.</summary>
public static class Statuses
{
    /// <summary>Accepted: the household's claim is this application.</summary>
    public const string Received = "received";

    /// <summary>Another application of the household holds the claim.</summary>
    public const string AlreadyApplied = "already-applied";

    /// <summary>Not eligible, with the reason.</summary>
    public const string Ineligible = "ineligible";

    /// <summary>Staff must look.</summary>
    public const string NeedsReview = "needs-review";

    /// <summary>The page could not apply.</summary>
    public const string Error = "error";

    /// <summary>Every answer an application may get, at once, without an error.</summary>
    public static readonly IReadOnlySet<string> Answers = new HashSet<string>(StringComparer.Ordinal) { Received, AlreadyApplied, Ineligible, NeedsReview };

    /// <summary>The channel as an already-applied answer names it (<c>claimedVia</c>).</summary>
    public static string ChannelWord(bool line) => line ? "LINE" : "窓口";
}
