using LineGov.Payouts.Zengin;
using static LineGov.Payouts.Tests.Zengin.ZenginTestData;

namespace LineGov.Payouts.Tests.Zengin;

public class ZenginBankMasterTests
{
    private static ZenginHeader MasterHeader() => Header(bankCode: "0200", bankName: null, branchCode: "001", branchName: null);

    [Fact]
    public async Task Master_loads_banks_and_branches_from_a_zengin_code_folder()
    {
        var master = await ZenginBankMaster.LoadAsync(MasterDirectory);

        master.Banks.Keys.Order().ShouldBe(["0200", "0402"]);
        master.FindBank("0402")!.Kana.ShouldBe("ジエ－ピ－モルガン");
        (await master.FindBranchAsync("0200", "100"))!.Kana.ShouldBe("ヒカリ");
        (await master.FindBranchAsync("0200", "999")).ShouldBeNull();
        (await master.FindBranchAsync("9999", "001")).ShouldBeNull();
    }

    [Fact]
    public async Task Writer_fills_empty_bank_and_branch_names_from_the_master_in_half_width()
    {
        var writer = new ZenginWriter(new ZenginWriterOptions { BankMaster = await ZenginBankMaster.LoadAsync(MasterDirectory) });
        var transfer = Transfer(bankCode: "0402", bankName: null, branchCode: "001", branchName: "");
        using var stream = new MemoryStream();

        await writer.WriteAsync(stream, MasterHeader(), [transfer]);
        stream.Position = 0;
        var file = await new ZenginReader().ReadAsync(stream);

        file.Header.BankName.ShouldBe("ﾜｲｽﾞ");
        file.Header.BranchName.ShouldBe("ﾎﾝﾃﾝ");
        file.Transfers.Single().BankName.ShouldBe("ｼﾞｴ-ﾋﾟ-ﾓﾙｶﾞﾝ");
    }

    [Fact]
    public async Task Unknown_bank_and_branch_codes_are_reported_when_a_master_is_given()
    {
        var writer = new ZenginWriter(new ZenginWriterOptions { BankMaster = await ZenginBankMaster.LoadAsync(MasterDirectory) });
        ZenginTransfer[] transfers =
        [
            Transfer(bankCode: "0200", branchCode: "100"),
            Transfer(bankCode: "9999", branchCode: "001"),
            Transfer(bankCode: "0402", branchCode: "999"),
        ];

        var errors = await writer.ValidateAsync(MasterHeader(), transfers);

        errors.ShouldBe(
        [
            new ZenginRecordError(3, "BankCode", "is not in the bank master"),
            new ZenginRecordError(4, "BranchCode", "is not a branch of this bank in the bank master"),
        ]);
    }

    [Fact]
    public async Task Without_a_master_only_the_format_of_codes_is_checked()
    {
        var errors = await new ZenginWriter().ValidateAsync(Header(), [Transfer(bankCode: "9999", branchCode: "999")]);

        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_malformed_banks_json_is_a_format_error()
    {
        var dir = Directory.CreateTempSubdirectory("zengin-master-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "banks.json"), "[1, 2");

            await Should.ThrowAsync<ZenginFormatException>(() => ZenginBankMaster.LoadAsync(dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
