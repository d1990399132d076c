using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace LineGov.Jpki;

/// <summary>
/// The OCSP client's instruments, on a meter named <see cref="JpkiDiagnostics.Name"/> (listeners subscribe by name, so
/// they see these beside the package's other instruments). Tags carry outcome codes only.
/// </summary>
internal static class OcspDiagnostics
{
    private static readonly Meter Meter = JpkiDiagnostics.Meter;

    private static readonly Counter<long> Checks =
        Meter.CreateCounter<long>("linegov.jpki.ocsp.checks", description: "OCSP checks answered, by state and outcome (cache hits included).");

    private static readonly Counter<long> Requests =
        Meter.CreateCounter<long>("linegov.jpki.ocsp.requests", description: "OCSP exchanges with a responder, by state and outcome.");

    private static readonly Counter<long> CacheHits =
        Meter.CreateCounter<long>("linegov.jpki.ocsp.cache_hits", description: "OCSP checks answered from the cache.");

    private static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>("linegov.jpki.ocsp.request.duration", unit: "s", description: "Time of an OCSP exchange, retries included.");

    public static void RecordCheck(JpkiRevocationState state, OcspOutcome outcome)
    {
        if (Checks.Enabled)
        {
            Checks.Add(1, new KeyValuePair<string, object?>("state", StateTag(state)), new KeyValuePair<string, object?>("outcome", outcome.Code()));
        }
    }

    public static void RecordCacheHit()
    {
        if (CacheHits.Enabled)
        {
            CacheHits.Add(1);
        }
    }

    public static void RecordRequest(JpkiRevocationState state, OcspOutcome outcome, string method, TimeSpan elapsed)
    {
        var stateTag = new KeyValuePair<string, object?>("state", StateTag(state));
        var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome.Code());
        if (Requests.Enabled)
        {
            Requests.Add(1, stateTag, outcomeTag, new KeyValuePair<string, object?>("method", method));
        }

        if (Duration.Enabled)
        {
            Duration.Record(elapsed.TotalSeconds, stateTag, outcomeTag);
        }
    }

    private static string StateTag(JpkiRevocationState state) => state switch
    {
        JpkiRevocationState.Good => "good",
        JpkiRevocationState.Revoked => "revoked",
        _ => "unknown",
    };
}

/// <summary>The OCSP client's log lines: responder URI (a public endpoint), method, outcome codes — never a serial or a name.</summary>
internal static partial class OcspLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "OCSP answer from {Responder} ({Method}): {State}, outcome {Outcome}, in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, string responder, string method, JpkiRevocationState state, string outcome, long elapsedMs);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "OCSP check against {Responder} gave no answer: outcome {Outcome}")]
    public static partial void NoAnswer(ILogger logger, string responder, string outcome);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "OCSP response from {Responder} is signed by a delegated responder without id-pkix-ocsp-nocheck: that responder certificate's own revocation is not checked")]
    public static partial void DelegatedWithoutNoCheck(ILogger logger, string responder);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "OCSP check answered from the cache: {State}")]
    public static partial void CacheHit(ILogger logger, JpkiRevocationState state);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "OCSP check cannot start: outcome {Outcome}")]
    public static partial void CannotStart(ILogger logger, string outcome);
}
