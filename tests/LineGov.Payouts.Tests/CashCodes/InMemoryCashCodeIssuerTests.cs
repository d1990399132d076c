using System.Collections.Concurrent;
using LineGov.Payouts.CashCodes;
using LineGov.Payouts.Tests.Coupons;

namespace LineGov.Payouts.Tests.CashCodes;

public class InMemoryCashCodeIssuerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryCashCodeIssuer _issuer;

    public InMemoryCashCodeIssuerTests() =>
        _issuer = new InMemoryCashCodeIssuer(new InMemoryCashCodeIssuerOptions { Digits = 14, ValidityPeriod = TimeSpan.FromDays(7) }, _time);

    [Fact]
    public async Task An_issued_code_pays_out_once()
    {
        var issued = await _issuer.IssueAsync("prog", "H001", 50_000, "prog:H001:1");

        var first = await _issuer.RedeemAsync(CashCode.Parse(issued.Code.ToDisplayString()), "atm-1");
        var second = await _issuer.RedeemAsync(issued.Code, "atm-2");

        issued.Code.Length.ShouldBe(14);
        issued.ExpiresAt.ShouldBe(FakeTimeProvider.Start.AddDays(7));
        first.Outcome.ShouldBe(CashCodeRedeemOutcome.Redeemed);
        first.Amount.ShouldBe(50_000);
        second.Outcome.ShouldBe(CashCodeRedeemOutcome.AlreadyRedeemed);
        second.RedeemedBy.ShouldBe("atm-1");
        second.Amount.ShouldBeNull();
    }

    [Fact]
    public async Task Issuing_again_with_the_same_key_returns_the_same_code()
    {
        var first = await _issuer.IssueAsync("prog", "H001", 50_000, "k");
        var again = await _issuer.IssueAsync("prog", "H001", 50_000, "k");

        again.Created.ShouldBeFalse();
        again.Voucher.Id.ShouldBe(first.Voucher.Id);
        again.Code.ShouldBe(first.Code);
        await Should.ThrowAsync<InvalidOperationException>(async () => await _issuer.IssueAsync("prog", "H001", 60_000, "k"));
    }

    [Fact]
    public async Task A_code_expires_at_its_expiry_instant()
    {
        var a = await _issuer.IssueAsync("prog", "H001", 1_000, "a");
        var b = await _issuer.IssueAsync("prog", "H002", 1_000, "b");

        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromTicks(1));
        (await _issuer.RedeemAsync(a.Code, "atm-1")).Outcome.ShouldBe(CashCodeRedeemOutcome.Redeemed);
        _time.Advance(TimeSpan.FromTicks(1));
        (await _issuer.RedeemAsync(b.Code, "atm-1")).Outcome.ShouldBe(CashCodeRedeemOutcome.Expired);
        (await _issuer.ExpireDueAsync()).ShouldBe(1);
        (await _issuer.FindAsync(b.Code))!.State.ShouldBe(CashCodeState.Expired);
        (await _issuer.FindByIdAsync(a.Voucher.Id))!.State.ShouldBe(CashCodeState.Redeemed);
    }

    [Fact]
    public async Task A_voided_code_pays_nothing_and_a_used_one_cannot_be_voided()
    {
        var voidMe = await _issuer.IssueAsync("prog", "H001", 1_000, "a");
        var useMe = await _issuer.IssueAsync("prog", "H002", 1_000, "b");
        await _issuer.RedeemAsync(useMe.Code, "atm-1");

        (await _issuer.VoidAsync(voidMe.Voucher.Id)).Outcome.ShouldBe(CashCodeVoidOutcome.Voided);
        (await _issuer.VoidAsync(voidMe.Voucher.Id)).Outcome.ShouldBe(CashCodeVoidOutcome.AlreadyVoided);
        (await _issuer.VoidAsync(useMe.Voucher.Id)).Outcome.ShouldBe(CashCodeVoidOutcome.AlreadyRedeemed);
        (await _issuer.VoidAsync("unknown")).Outcome.ShouldBe(CashCodeVoidOutcome.NotFound);
        (await _issuer.RedeemAsync(voidMe.Code, "atm-1")).Outcome.ShouldBe(CashCodeRedeemOutcome.Voided);
    }

    [Fact]
    public async Task An_unknown_code_is_not_found() =>
        (await _issuer.RedeemAsync(CashCode.Generate(14), "atm-1")).Outcome.ShouldBe(CashCodeRedeemOutcome.NotFound);

    [Fact]
    public async Task Fifty_concurrent_redemptions_have_exactly_one_winner()
    {
        var issued = await _issuer.IssueAsync("prog", "H001", 1_000, "k");

        var results = await Concurrently.RunAsync(50, i => _issuer.RedeemAsync(issued.Code, $"atm-{i}"));

        results.Count(r => r.Outcome == CashCodeRedeemOutcome.Redeemed).ShouldBe(1);
        results.Count(r => r.Outcome == CashCodeRedeemOutcome.AlreadyRedeemed).ShouldBe(49);
    }

    [Fact]
    public async Task Fifty_concurrent_issues_with_one_key_make_one_code()
    {
        var results = await Concurrently.RunAsync(50, _ => _issuer.IssueAsync("prog", "H001", 1_000, "k"));

        results.Count(r => r.Created).ShouldBe(1);
        results.Select(r => r.Code).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Results_print_no_code_and_no_beneficiary()
    {
        var issued = await _issuer.IssueAsync("prog", "H001-SECRET", 1_000, "k");
        var redemption = await _issuer.RedeemAsync(issued.Code, "atm-1");

        foreach (var text in new[] { issued.ToString(), issued.Voucher.ToString(), redemption.ToString() })
        {
            text.ShouldNotContain(issued.Code.ToCompactString()[..6]);
            text.ShouldNotContain("H001-SECRET");
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    public void Digit_counts_outside_12_to_16_are_refused(int digits) =>
        Should.Throw<ArgumentException>(() => new InMemoryCashCodeIssuer(new InMemoryCashCodeIssuerOptions { Digits = digits }));
}

public class CashCodePayoutChannelTests
{
    private readonly InMemoryCashCodeIssuer _issuer = new(timeProvider: new FakeTimeProvider());

    private static PayoutBatch Batch(int count, int attempt = 1) => new(
        "run-1", 7, [.. Enumerable.Range(1, count).Select(i => new PayoutInstruction("prog", $"H{i:D4}", 5_000 * i, attempt))]);

    [Fact]
    public async Task Each_payout_becomes_a_cash_code_and_a_re_issue_returns_the_same_vouchers()
    {
        var delivered = new ConcurrentQueue<CashCodeIssueResult>();
        var channel = new CashCodePayoutChannel(_issuer, new Delivery(delivered));

        var first = await channel.IssueAsync(Batch(4));
        var again = await channel.IssueAsync(Batch(4));

        channel.Name.ShouldBe("cash-code");
        first.ShouldAllBe(r => r.Succeeded && r.Reference!.StartsWith("csh_"));
        again.Select(r => r.Reference).ShouldBe(first.Select(r => r.Reference));
        delivered.Count.ShouldBe(8);
        delivered.GroupBy(d => d.Voucher.Id).ShouldAllBe(g => g.Select(d => d.Code).Distinct().Count() == 1);
        var code = delivered.First(d => d.Voucher.BeneficiaryId == "H0003");
        (await _issuer.RedeemAsync(code.Code, "atm-1")).Amount.ShouldBe(15_000);
    }

    [Fact]
    public async Task A_failed_delivery_leaves_the_payout_without_a_result()
    {
        var channel = new CashCodePayoutChannel(_issuer, new Delivery(new ConcurrentQueue<CashCodeIssueResult>(), failFor: "H0001"));

        var results = await channel.IssueAsync(Batch(2));

        results.ShouldHaveSingleItem().IdempotencyKey.ShouldBe("prog:H0002:1");
    }

    [Fact]
    public async Task A_voided_voucher_is_reported_as_failed()
    {
        var channel = new CashCodePayoutChannel(_issuer);
        var first = await channel.IssueAsync(Batch(1));
        await _issuer.VoidAsync(first[0].Reference!);

        (await channel.IssueAsync(Batch(1)))[0].Succeeded.ShouldBeFalse();
        (await channel.IssueAsync(Batch(1, attempt: 2)))[0].Succeeded.ShouldBeTrue();
    }

    private sealed class Delivery(ConcurrentQueue<CashCodeIssueResult> sink, string? failFor = null) : ICashCodeDelivery
    {
        public ValueTask DeliverAsync(CashCodeIssueResult issued, CancellationToken cancellationToken = default)
        {
            if (issued.Voucher.BeneficiaryId == failFor)
            {
                throw new HttpRequestException("LINE is down");
            }

            sink.Enqueue(issued);
            return ValueTask.CompletedTask;
        }
    }
}
