using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>
/// Decides each request's fault. The draw is a hash of the seed, the request's identity (its retry key, or its method,
/// path and body) and how many times that identity was seen before, so a run is reproducible whatever order
/// concurrent requests arrive in, and a retry draws afresh. Faults forced with <see cref="Force"/> come first.
/// </summary>
internal sealed class FaultInjector(ulong seed)
{
    private readonly ConcurrentDictionary<UInt128, int> _attempts = new();
    private readonly List<Forced> _forced = [];
    private readonly Lock _forcedGate = new();

    private sealed class Forced(LineEmulatorFault fault, string? operation, int remaining)
    {
        public LineEmulatorFault Fault { get; } = fault;

        public string? Operation { get; } = operation;

        public int Remaining { get; set; } = remaining;
    }

    public void Force(LineEmulatorFault fault, string? operation, int count)
    {
        lock (_forcedGate)
        {
            _forced.Add(new Forced(fault, operation, count));
        }
    }

    public LineEmulatorFault Decide(LineEmulatorFaults faults, EmulatorOperation operation, string pathAndQuery, string? retryKey, ReadOnlySpan<byte> body)
    {
        if (TakeForced(operation.OperationId) is { } forced)
        {
            return forced;
        }

        if (!faults.Any || (faults.Operations is { } only && !only.Contains(operation.OperationId)))
        {
            return LineEmulatorFault.None;
        }

        var identity = Identity(operation, pathAndQuery, retryKey, body);
        var attempt = _attempts.AddOrUpdate(identity, 0, static (_, n) => n + 1);
        var draw = Uniform(identity, attempt, 0x51);
        if (draw < faults.ServerErrorProbability)
        {
            return LineEmulatorFault.ServerError;
        }

        if (draw < faults.ServerErrorProbability + faults.TimeoutProbability)
        {
            return faults.TimeoutMode switch
            {
                LineEmulatorTimeoutMode.DroppedBeforeProcessing => LineEmulatorFault.TimeoutDroppedBeforeProcessing,
                LineEmulatorTimeoutMode.ProcessedThenAnsweredLate => LineEmulatorFault.TimeoutProcessedThenAnsweredLate,
                _ => LineEmulatorFault.TimeoutProcessedThenLost,
            };
        }

        return faults.SlowResponseProbability > 0 && Uniform(identity, attempt, 0x52) < faults.SlowResponseProbability
            ? LineEmulatorFault.SlowResponse
            : LineEmulatorFault.None;
    }

    private LineEmulatorFault? TakeForced(string operation)
    {
        lock (_forcedGate)
        {
            for (var i = 0; i < _forced.Count; i++)
            {
                var forced = _forced[i];
                if (forced.Operation is null || string.Equals(forced.Operation, operation, StringComparison.Ordinal))
                {
                    if (--forced.Remaining <= 0)
                    {
                        _forced.RemoveAt(i);
                    }

                    return forced.Fault;
                }
            }
        }

        return null;
    }

    private static UInt128 Identity(EmulatorOperation operation, string pathAndQuery, string? retryKey, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(operation.Method + " " + pathAndQuery + "\n"));
        if (retryKey is not null)
        {
            hash.AppendData(Encoding.UTF8.GetBytes("key:" + retryKey));
        }
        else
        {
            hash.AppendData(body);
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return new UInt128(BitConverter.ToUInt64(digest), BitConverter.ToUInt64(digest[8..]));
    }

    private double Uniform(UInt128 identity, int attempt, ulong salt)
    {
        var r = EmulatorIds.Mix(seed ^ EmulatorIds.Mix((ulong)identity ^ salt) ^ EmulatorIds.Mix((ulong)(identity >> 64) + (ulong)attempt));
        return (r >> 11) * (1.0 / (1UL << 53));
    }

    public void Clear()
    {
        _attempts.Clear();
        lock (_forcedGate)
        {
            _forced.Clear();
        }
    }
}
