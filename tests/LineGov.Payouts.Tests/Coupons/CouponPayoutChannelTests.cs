using System.Collections.Concurrent;
using LineGov.Payouts.Coupons;

namespace LineGov.Payouts.Tests.Coupons;

public class CouponPayoutChannelTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryCouponStore _store = new();
    private readonly CouponBook _book;

    public CouponPayoutChannelTests() =>
        _book = new CouponBook(_store, new CouponBookOptions { SecretKey = CouponBookOptions.CreateSecretKey() }, _time);

    private static PayoutBatch Batch(int count, int attempt = 1) => new(
        "run-1", 1, [.. Enumerable.Range(1, count).Select(i => new PayoutInstruction("prog", $"H{i:D4}", 10_000 * i, attempt))]);

    [Fact]
    public async Task Each_payout_becomes_a_coupon_referenced_by_id_not_code()
    {
        var delivery = new RecordingDelivery();
        var channel = new CouponPayoutChannel(_book, delivery);
        var batch = Batch(3);

        var results = await channel.IssueAsync(batch);

        channel.Name.ShouldBe("coupon");
        results.Count.ShouldBe(3);
        results.ShouldAllBe(r => r.Succeeded && r.Reference!.StartsWith("cpn_"));
        results.Select(r => r.IdempotencyKey).ShouldBe(batch.Items.Select(i => i.IdempotencyKey), ignoreOrder: true);
        foreach (var delivered in delivery.Delivered)
        {
            results.ShouldNotContain(r => r.Reference == delivered.Code.ToCompactString());
            results.Single(r => r.IdempotencyKey == delivered.Coupon.IssueKey).Reference.ShouldBe(delivered.Coupon.Id);
        }

        var second = delivery.Delivered.Single(d => d.Coupon.BeneficiaryId == "H0002");
        second.Coupon.FaceValue.ShouldBe(20_000);
        (await _book.RedeemAsync(second.Code, "shop-1")).FaceValue.ShouldBe(20_000);
    }

    [Fact]
    public async Task Re_issuing_the_batch_returns_the_same_coupons_and_delivers_the_same_codes_again()
    {
        var delivery = new RecordingDelivery();
        var channel = new CouponPayoutChannel(_book, delivery);

        var first = await channel.IssueAsync(Batch(5));
        var again = await new CouponPayoutChannel(_book, delivery).IssueAsync(Batch(5));

        again.Select(r => r.Reference).ShouldBe(first.Select(r => r.Reference));
        _store.Count.ShouldBe(5);
        delivery.Delivered.Count.ShouldBe(10);
        delivery.Delivered.GroupBy(d => d.Coupon.Id).ShouldAllBe(g => g.Select(d => d.Code).Distinct().Count() == 1);
    }

    [Fact]
    public async Task A_deliberate_re_issue_makes_a_new_coupon()
    {
        var channel = new CouponPayoutChannel(_book);

        var first = await channel.IssueAsync(Batch(1, attempt: 1));
        var second = await channel.IssueAsync(Batch(1, attempt: 2));

        second[0].Reference.ShouldNotBe(first[0].Reference);
    }

    [Fact]
    public async Task A_failed_delivery_leaves_that_payout_without_a_result_so_it_is_offered_again()
    {
        var delivery = new RecordingDelivery { FailFor = "H0002" };
        var channel = new CouponPayoutChannel(_book, delivery);

        var results = await channel.IssueAsync(Batch(3));
        delivery.FailFor = null;
        var retry = await channel.IssueAsync(Batch(3));

        results.Count.ShouldBe(2);
        results.ShouldNotContain(r => r.IdempotencyKey == "prog:H0002:1");
        retry.Count.ShouldBe(3);
        _store.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_voided_coupon_is_reported_as_failed_not_issued_again()
    {
        var channel = new CouponPayoutChannel(_book);
        var first = await channel.IssueAsync(Batch(1));
        await _book.VoidAsync(first[0].Reference!);

        var again = await channel.IssueAsync(Batch(1));

        again[0].Succeeded.ShouldBeFalse();
        again[0].FailureReason!.ShouldContain("voided");
    }

    [Fact]
    public async Task Cancellation_stops_the_batch()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () => await new CouponPayoutChannel(_book).IssueAsync(Batch(2), cts.Token));
    }

    private sealed class RecordingDelivery : ICouponDelivery
    {
        public ConcurrentQueue<CouponIssueResult> Queue { get; } = new();

        public IReadOnlyList<CouponIssueResult> Delivered => [.. Queue];

        public string? FailFor { get; set; }

        public ValueTask DeliverAsync(CouponIssueResult issued, CancellationToken cancellationToken = default)
        {
            if (issued.Coupon.BeneficiaryId == FailFor)
            {
                throw new HttpRequestException("LINE is down");
            }

            Queue.Enqueue(issued);
            return ValueTask.CompletedTask;
        }
    }
}
