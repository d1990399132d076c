using LineGov.Payouts.Zengin;
using static LineGov.Payouts.Tests.Zengin.ZenginTestData;

namespace LineGov.Payouts.Tests.Zengin;

public class ZenginValidationTests
{
    [Fact]
    public async Task Every_invalid_field_is_reported_with_record_number_and_nothing_is_written()
    {
        var header = Header(requesterCode: "123", transferDate: "1332");
        ZenginTransfer[] transfers =
        [
            Transfer(),
            Transfer(accountName: "山田　太郎", amount: 0),
            Transfer(bankCode: "12", branchCode: "12a", accountNumber: "12345678"),
            Transfer(amount: 10_000_000_000, customerCode1: "12345678901", newCode: '5'),
        ];
        using var stream = new MemoryStream();

        var ex = await Should.ThrowAsync<ZenginValidationException>(() => new ZenginWriter().WriteAsync(stream, header, transfers));

        stream.Length.ShouldBe(0);
        ex.Errors.Select(e => (e.RecordNumber, e.Field)).ShouldBe(
        [
            (1, "RequesterCode"), (1, "TransferDate"),
            (3, "AccountName"), (3, "Amount"),
            (4, "BankCode"), (4, "BranchCode"), (4, "AccountNumber"),
            (5, "Amount"), (5, "NewCode"), (5, "CustomerCode1"),
        ]);
        ex.Message.ShouldNotContain("山田");
        ex.Errors.Single(e => e.Field == "AccountName").Reason.ShouldBe("contains a character that cannot be written in a Zengin record");
    }

    [Fact]
    public async Task ValidateAsync_returns_no_errors_for_a_valid_file()
    {
        (await new ZenginWriter().ValidateAsync(Header(), [Transfer()])).ShouldBeEmpty();
    }

    [Fact]
    public async Task Empty_account_name_is_required()
    {
        var errors = await new ZenginWriter().ValidateAsync(Header(), [Transfer(accountName: "　")]);

        errors.ShouldBe([new ZenginRecordError(2, "AccountName", "is required")]);
    }

    [Fact]
    public async Task Undefined_account_type_is_rejected()
    {
        var errors = await new ZenginWriter().ValidateAsync(Header(), [Transfer(accountType: (ZenginAccountType)3)]);

        errors.Single().Field.ShouldBe("AccountType");
    }

    [Fact]
    public async Task A_total_that_does_not_fit_12_digits_is_reported_on_the_trailer()
    {
        var transfers = Enumerable.Repeat(Transfer(amount: 9_999_999_999), 101).ToList();

        var errors = await new ZenginWriter().ValidateAsync(Header(), transfers);

        errors.ShouldBe([new ZenginRecordError(103, "TotalAmount", "the total exceeds 999,999,999,999 yen")]);
    }
}

public class ZenginPersonalDataTests
{
    [Fact]
    public void Transfer_ToString_leaves_out_account_number_and_name()
    {
        var text = ZenginTestData.Transfer(accountName: "ヤマダ　タロウ").ToString();

        text.ShouldNotContain("7654321");
        text.ShouldNotContain("ヤマダ");
        text.ShouldContain("50000");
    }

    [Fact]
    public async Task A_lazy_sequence_of_transfers_is_enumerated_once()
    {
        var enumerations = 0;
        IEnumerable<ZenginTransfer> Lazy()
        {
            enumerations++;
            yield return ZenginTestData.Transfer();
        }

        using var stream = new MemoryStream();
        await new ZenginWriter().WriteAsync(stream, ZenginTestData.Header(), Lazy());

        enumerations.ShouldBe(1);
        stream.Length.ShouldBe(480);
    }
}
