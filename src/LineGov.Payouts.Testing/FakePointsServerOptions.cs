using LineGov.Payouts.Points;

namespace LineGov.Payouts.Testing;

/// <summary>A fault the <see cref="FakePointsServer"/> injects into a grant request.</summary>
public enum FakePointsFault
{
    /// <summary>No fault: the request is answered as the protocol says.</summary>
    None = 0,

    /// <summary>500 before anything is granted.</summary>
    ServerError = 1,

    /// <summary>429 with <c>Retry-After</c> before anything is granted.</summary>
    RateLimited = 2,

    /// <summary>The grant is applied, then its answer is lost (see <see cref="FakePointsServerOptions.LostAnswerMode"/>).</summary>
    LostAnswer = 3,
}

/// <summary>How a lost answer is lost.</summary>
public enum FakePointsLostAnswerMode
{
    /// <summary>The connection is aborted without an answer (the client sees a connection error).</summary>
    AbortConnection = 0,

    /// <summary>The server answers 500 although it granted.</summary>
    ServerError = 1,

    /// <summary>The server holds the answer for <see cref="FakePointsServerOptions.LostAnswerDelay"/> (past the client's attempt timeout), then sends it.</summary>
    AnswerLate = 2,
}

/// <summary>How a <see cref="FakePointsServer"/> behaves: its port, API key, members, limits and injected faults.</summary>
public sealed class FakePointsServerOptions
{
    /// <summary>The loopback port; 0 (the default) for an ephemeral one.</summary>
    public int Port { get; set; }

    /// <summary>The API key expected as <c>Authorization: Bearer</c>; <see langword="null"/> (the default) accepts any non-empty bearer token.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The member ids that exist; <see langword="null"/> (the default) accepts any member.</summary>
    public ICollection<string>? Members { get; set; }

    /// <summary>Member ids whose accounts are closed (grants answered 422 <c>account_closed</c>).</summary>
    public ICollection<string> ClosedMembers { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The most points one member may receive; a grant past it is answered 422 <c>limit_exceeded</c>. Default: no limit.</summary>
    public long? PointsLimitPerMember { get; set; }

    /// <summary>The share (0-1) of grant requests answered 500 before anything is granted. Default: 0.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>The share (0-1) of grant requests answered 429 with <c>Retry-After: </c><see cref="RetryAfterSeconds"/>. Default: 0.</summary>
    public double RateLimitRate { get; set; }

    /// <summary>The share (0-1) of grant requests applied and then answered never, wrongly or late (<see cref="LostAnswerMode"/>). Default: 0.</summary>
    public double LostAnswerRate { get; set; }

    /// <summary>How lost answers are lost. Default: the connection is aborted.</summary>
    public FakePointsLostAnswerMode LostAnswerMode { get; set; }

    /// <summary>How long <see cref="FakePointsLostAnswerMode.AnswerLate"/> holds an answer. Default: 2 s.</summary>
    public TimeSpan LostAnswerDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The <c>Retry-After</c> of a 429, in whole seconds as the header has it. Default: 1.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// The seed of the fault draws; <see langword="null"/> for a random one. Each draw is a hash of the seed, the
    /// idempotency key and the request's number for that key, so a run repeats whatever order requests arrive in.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>The clock of grant times and the request log; <see cref="System.TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    internal void Validate()
    {
        double[] rates = [ServerErrorRate, RateLimitRate, LostAnswerRate];
        if (rates.Any(r => double.IsNaN(r) || r is < 0 or > 1) || rates.Sum() > 1)
        {
            throw new ArgumentException("ServerErrorRate, RateLimitRate and LostAnswerRate must each be between 0 and 1, and together at most 1.");
        }

        if (Port is < 0 or > 65535 || RetryAfterSeconds < 0 || LostAnswerDelay < TimeSpan.Zero || PointsLimitPerMember is <= 0)
        {
            throw new ArgumentException("Port must be 0-65535, RetryAfterSeconds and LostAnswerDelay not negative, PointsLimitPerMember positive when set.");
        }

        if (ApiKey is not null && (ApiKey.Length == 0 || ApiKey.Any(c => c is < '!' or > '~')))
        {
            throw new ArgumentException("ApiKey must be printable ASCII without spaces when set.");
        }
    }

    internal FakePointsProviderOptions ToLedgerOptions()
    {
        var ledger = new FakePointsProviderOptions { Members = Members, PointsLimitPerMember = PointsLimitPerMember };
        foreach (var member in ClosedMembers)
        {
            ledger.ClosedMembers.Add(member);
        }

        return ledger;
    }
}

/// <summary>One request the <see cref="FakePointsServer"/> received, as recorded for assertions.</summary>
public sealed class FakePointsServerRequest
{
    internal FakePointsServerRequest(long sequence, string method, string path, string? idempotencyKey, int status, FakePointsFault fault, DateTimeOffset receivedAt)
    {
        Sequence = sequence;
        Method = method;
        Path = path;
        IdempotencyKey = idempotencyKey;
        Status = status;
        Fault = fault;
        ReceivedAt = receivedAt;
    }

    /// <summary>1 for the first request, then 2, 3, …</summary>
    public long Sequence { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path as received (a grant lookup's path contains the escaped key).</summary>
    public string Path { get; }

    /// <summary>The <c>Idempotency-Key</c> header, or for a lookup the key in the path; <see langword="null"/> when none.</summary>
    public string? IdempotencyKey { get; }

    /// <summary>The status answered; 0 when the connection was aborted instead.</summary>
    public int Status { get; }

    /// <summary>The injected fault, if any.</summary>
    public FakePointsFault Fault { get; }

    /// <summary>When it arrived.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <inheritdoc />
    /// <remarks>Leaves out the path and key: keys contain beneficiary ids.</remarks>
    public override string ToString() => $"FakePointsServerRequest(#{Sequence} {Method} → {Status}{(Fault == FakePointsFault.None ? string.Empty : ", " + Fault)})";
}
