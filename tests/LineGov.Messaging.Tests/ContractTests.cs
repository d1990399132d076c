using System.Net;

namespace LineGov.Messaging.Tests;

public sealed class ContractTests
{
    [Fact]
    public void The_monthly_quota_429_is_told_apart_from_a_rate_limit()
    {
        var quota = new LineApiException(HttpStatusCode.TooManyRequests, LineApiException.MonthlyQuotaMessage, [], "req-1", "POST /v2/bot/message/push");
        var rate = new LineApiException(HttpStatusCode.TooManyRequests, "Too many requests", [], "req-2", "POST /v2/bot/message/push");

        quota.IsMonthlyQuotaExceeded.ShouldBeTrue();
        quota.IsRateLimited.ShouldBeFalse();
        rate.IsRateLimited.ShouldBeTrue();
        quota.Message.ShouldContain("req-1");
    }

    [Fact]
    public async Task A_static_token_provider_hides_its_token()
    {
        var provider = new StaticLineChannelAccessTokenProvider("secret-token");

        (await provider.GetTokenAsync()).ShouldBe("secret-token");
        provider.ToString().ShouldNotContain("secret-token");
    }
}
