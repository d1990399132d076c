using System.Diagnostics;
using System.Net;
using LineGov.Payouts.Points;
using LineGov.Payouts.Testing;
using static LineGov.Payouts.Tests.Points.PointsTestKit;

namespace LineGov.Payouts.Tests.Points;

public class HttpPointsProviderTests
{
    [Fact]
    public async Task A_grant_is_made_and_answered_as_new()
    {
        await using var kit = await StartAsync();

        var result = await kit.Provider.GrantAsync(Grant());

        result.AlreadyGranted.ShouldBeFalse();
        result.Points.ShouldBe(3000);
        result.MemberId.ShouldBe("M-0001");
        result.TransactionId.ShouldBe(kit.Server.Ledger.Grants.Single().TransactionId);
        result.ToString().ShouldNotContain("M-0001");
        kit.Server.Ledger.Grants.Single().Description.ShouldBe("物価高騰支援");
        kit.Server.Requests.Single().Status.ShouldBe(201);
    }

    [Fact]
    public async Task The_same_key_again_returns_the_first_grant_and_grants_nothing_new()
    {
        await using var kit = await StartAsync();
        var first = await kit.Provider.GrantAsync(Grant());

        var second = await kit.Provider.GrantAsync(Grant());

        second.AlreadyGranted.ShouldBeTrue();
        second.TransactionId.ShouldBe(first.TransactionId);
        second.GrantedAt.ShouldBe(first.GrantedAt);
        kit.Server.Ledger.GrantCount.ShouldBe(1);
        kit.Server.Requests.Select(r => r.Status).ShouldBe([201, 200]);
    }

    [Fact]
    public async Task A_500_is_retried_with_the_same_key_and_grants_once()
    {
        await using var kit = await StartAsync();
        kit.Server.InjectFault(FakePointsFault.ServerError);

        var result = await kit.Provider.GrantAsync(Grant());

        result.AlreadyGranted.ShouldBeFalse();
        kit.Server.Ledger.GrantCount.ShouldBe(1);
        kit.Server.Requests.Select(r => (r.Status, r.IdempotencyKey)).ShouldBe([(500, "prog:H0001:1"), (201, "prog:H0001:1")]);
    }

    [Theory]
    [InlineData(FakePointsLostAnswerMode.AbortConnection)]
    [InlineData(FakePointsLostAnswerMode.ServerError)]
    [InlineData(FakePointsLostAnswerMode.AnswerLate)]
    public async Task A_lost_answer_is_retried_and_returns_the_first_grant(FakePointsLostAnswerMode mode)
    {
        await using var kit = await StartAsync(
            new FakePointsServerOptions { LostAnswerMode = mode, LostAnswerDelay = TimeSpan.FromSeconds(6) },
            o => o.AttemptTimeout = TimeSpan.FromSeconds(2)); // long enough for a cold retry on a busy 2-core machine
        kit.Server.InjectFault(FakePointsFault.LostAnswer);

        var result = await kit.Provider.GrantAsync(Grant());

        result.AlreadyGranted.ShouldBeTrue("the first attempt granted; the retry found it");
        result.TransactionId.ShouldBe(kit.Server.Ledger.Grants.Single().TransactionId);
        kit.Server.Ledger.GrantCount.ShouldBe(1);
        kit.Server.Ledger.TotalPoints.ShouldBe(3000);
        kit.Server.RequestCountOf("prog:H0001:1").ShouldBeGreaterThanOrEqualTo(2, "the lost answer was retried");
    }

    [Fact]
    public async Task A_429_waits_as_long_as_its_Retry_After_says()
    {
        await using var kit = await StartAsync(new FakePointsServerOptions { RetryAfterSeconds = 1 });
        kit.Server.InjectFault(FakePointsFault.RateLimited);
        var clock = Stopwatch.StartNew();

        var result = await kit.Provider.GrantAsync(Grant());

        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900), "RetryDelay is 1 ms: only Retry-After explains the wait");
        result.AlreadyGranted.ShouldBeFalse();
        kit.Server.Requests.Select(r => r.Status).ShouldBe([429, 201]);
    }

    [Fact]
    public async Task A_long_Retry_After_is_cut_to_MaxRetryAfter()
    {
        await using var kit = await StartAsync(new FakePointsServerOptions { RetryAfterSeconds = 30 }, o => o.MaxRetryAfter = TimeSpan.FromMilliseconds(20));
        kit.Server.InjectFault(FakePointsFault.RateLimited);
        var clock = Stopwatch.StartNew();

        await kit.Provider.GrantAsync(Grant());

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        kit.Server.Ledger.GrantCount.ShouldBe(1);
    }

    [Theory]
    [InlineData("M-unknown", HttpStatusCode.NotFound, PointsErrorCodes.UnknownMember)]
    [InlineData("M-closed", HttpStatusCode.UnprocessableEntity, PointsErrorCodes.AccountClosed)]
    [InlineData("M-0001", HttpStatusCode.UnprocessableEntity, PointsErrorCodes.LimitExceeded)]
    public async Task Rejections_are_typed_and_never_retried(string member, HttpStatusCode status, string code)
    {
        var server = new FakePointsServerOptions { Members = ["M-0001", "M-closed"], PointsLimitPerMember = 1000 };
        server.ClosedMembers.Add("M-closed");
        await using var kit = await StartAsync(server);

        var e = await Should.ThrowAsync<PointsProviderException>(() => kit.Provider.GrantAsync(Grant(member: member, points: member == "M-0001" ? 1001 : 10)));

        e.Kind.ShouldBe(PointsProviderErrorKind.Rejected);
        e.StatusCode.ShouldBe(status);
        e.ErrorCode.ShouldBe(code);
        e.IsTransient.ShouldBeFalse();
        e.Message.ShouldNotContain(member);
        e.Message.ShouldNotContain("H0001");
        kit.Server.RequestCount.ShouldBe(1);
        kit.Server.Ledger.GrantCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_wrong_api_key_is_Unauthorized_not_retried_and_never_shown()
    {
        await using var kit = await StartAsync(client: o => o.ApiKey = "wrong-secret-key");

        var e = await Should.ThrowAsync<PointsProviderException>(() => kit.Provider.GrantAsync(Grant()));

        e.Kind.ShouldBe(PointsProviderErrorKind.Unauthorized);
        e.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        e.ToString().ShouldNotContain("wrong-secret-key");
        kit.Server.RequestCount.ShouldBe(1);
        kit.Server.Ledger.GrantCount.ShouldBe(0);
    }

    [Theory]
    [InlineData("M-0002", 3000, "物価高騰支援")]
    [InlineData("M-0001", 5000, "物価高騰支援")]
    [InlineData("M-0001", 3000, "another program")]
    public async Task Reusing_a_key_for_a_different_grant_is_refused_and_the_first_stands(string member, long points, string description)
    {
        await using var kit = await StartAsync();
        var first = await kit.Provider.GrantAsync(Grant());

        var e = await Should.ThrowAsync<PointsProviderException>(() => kit.Provider.GrantAsync(Grant(member: member, points: points, description: description)));

        e.Kind.ShouldBe(PointsProviderErrorKind.IdempotencyKeyReused);
        e.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        kit.Server.RequestCount.ShouldBe(2, "a 409 is not retried");
        kit.Server.Ledger.Grants.Single().TransactionId.ShouldBe(first.TransactionId);
        kit.Server.Ledger.TotalPoints.ShouldBe(3000);
    }

    [Fact]
    public async Task Failures_past_the_retries_are_Transient_and_grant_nothing()
    {
        await using var kit = await StartAsync(new FakePointsServerOptions { ServerErrorRate = 1 }, o => o.MaxRetryAttempts = 2);

        var e = await Should.ThrowAsync<PointsProviderException>(() => kit.Provider.GrantAsync(Grant()));

        e.Kind.ShouldBe(PointsProviderErrorKind.Transient);
        e.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        kit.Server.RequestCount.ShouldBe(3);
        kit.Server.Ledger.GrantCount.ShouldBe(0);
    }

    [Fact]
    public async Task An_unreachable_provider_is_Transient()
    {
        var server = await FakePointsServer.StartAsync();
        var address = server.BaseAddress;
        await server.DisposeAsync();
        var options = FastOptions(address);
        options.MaxRetryAttempts = 1;
        using var http = new HttpClient(new PointsResilienceHandler(options) { InnerHandler = new SocketsHttpHandler() });

        var e = await Should.ThrowAsync<PointsProviderException>(() => new HttpPointsProvider(http, options).GrantAsync(Grant()));

        e.Kind.ShouldBe(PointsProviderErrorKind.Transient);
        e.StatusCode.ShouldBeNull();
    }

    [Fact]
    public async Task Cancellation_ends_the_wait_with_OperationCanceledException()
    {
        await using var kit = await StartAsync(
            new FakePointsServerOptions { LostAnswerRate = 1, LostAnswerMode = FakePointsLostAnswerMode.AnswerLate, LostAnswerDelay = TimeSpan.FromSeconds(5) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => kit.Provider.GrantAsync(Grant(), cancel.Token));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_grant_can_be_looked_up_by_its_key_even_with_reserved_characters()
    {
        await using var kit = await StartAsync();
        const string key = "prog/2025:H 0001?#%:1";
        var missing = await kit.Provider.GetGrantAsync(key);
        var made = await kit.Provider.GrantAsync(Grant(key: key.Replace(" ", "_", StringComparison.Ordinal)));

        var found = await kit.Provider.GetGrantAsync(key.Replace(" ", "_", StringComparison.Ordinal));

        missing.ShouldBeNull();
        found.ShouldNotBeNull();
        found.TransactionId.ShouldBe(made.TransactionId);
        found.AlreadyGranted.ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"error":"not_found"}""")]
    public async Task A_404_that_does_not_say_the_member_is_unknown_is_a_protocol_error_not_a_rejection(string body)
    {
        // A wrong base path or a proxy's 404 must not fail every payout of a run as "rejected".
        await using var server = new CannedHttpServer(HttpStatusCode.NotFound, body);
        using var http = new HttpClient();
        var provider = new HttpPointsProvider(http, FastOptions(server.BaseAddress));

        var e = await Should.ThrowAsync<PointsProviderException>(() => provider.GrantAsync(Grant()));

        e.Kind.ShouldBe(PointsProviderErrorKind.Protocol);
    }

    [Fact]
    public async Task A_grant_answer_for_someone_else_is_a_protocol_error()
    {
        // A provider that hands back another member's grant for our key must not be believed.
        await using var server = new CannedHttpServer(HttpStatusCode.OK,
            """{"transaction_id":"t1","member_id":"M-9999","points":3000,"granted_at":"2025-06-01T00:00:00+09:00"}""");
        using var http = new HttpClient();
        var provider = new HttpPointsProvider(http, FastOptions(server.BaseAddress));

        var e = await Should.ThrowAsync<PointsProviderException>(() => provider.GrantAsync(Grant()));

        e.Kind.ShouldBe(PointsProviderErrorKind.Protocol);
        e.Message.ShouldNotContain("M-9999");
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "not json")]
    [InlineData(HttpStatusCode.Created, """{"transaction_id":"t1"}""")]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"invalid_request"}""")]
    [InlineData(HttpStatusCode.Found, "")]
    public async Task Unreadable_or_unexpected_answers_are_protocol_errors(HttpStatusCode status, string body)
    {
        await using var server = new CannedHttpServer(status, body);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var provider = new HttpPointsProvider(http, FastOptions(server.BaseAddress));

        var e = await Should.ThrowAsync<PointsProviderException>(() => provider.GrantAsync(Grant()));

        e.Kind.ShouldBe(PointsProviderErrorKind.Protocol);
    }

    [Fact]
    public void Only_requests_safe_to_repeat_are_retried()
    {
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "http://x/v1/grants");
        keyed.Headers.Add(PointsResilienceHandler.IdempotencyKeyHeader, "k");
        using var unkeyed = new HttpRequestMessage(HttpMethod.Post, "http://x/v1/grants");
        using var get = new HttpRequestMessage(HttpMethod.Get, "http://x/v1/grants/k");

        PointsResilienceHandler.IsRetrySafe(keyed).ShouldBeTrue();
        PointsResilienceHandler.IsRetrySafe(unkeyed).ShouldBeFalse();
        PointsResilienceHandler.IsRetrySafe(get).ShouldBeTrue();
    }
}
