using LineGov.Payouts.Zengin;
using static LineGov.Payouts.Tests.Zengin.ZenginTestData;

namespace LineGov.Payouts.Tests.Zengin;

/// <summary>Expected bytes are written out by hand from the JIS X 0201 table (ｱ = 0xB1 … ﾝ = 0xDD, ﾞ = 0xDE, ﾟ = 0xDF).</summary>
public class ZenginGoldenTests
{
    private static readonly byte[] Tomacho = [0xC4, 0xB3, 0xCF, 0xC1, 0xD6, 0xB3];     // ﾄｳﾏﾁﾖｳ
    private static readonly byte[] Mizuho = [0xD0, 0xBD, 0xDE, 0xCE];                   // ﾐｽﾞﾎ
    private static readonly byte[] Tokyo = [0xC4, 0xB3, 0xB7, 0xD6, 0xB3];              // ﾄｳｷﾖｳ
    private static readonly byte[] GakkoTaro = [0xB6, 0xDE, 0xC2, 0xBA, 0xB3, 0x20, 0xC0, 0xDB, 0xB3]; // ｶﾞﾂｺｳ ﾀﾛｳ

    private static readonly byte[] HeaderRecord = Bytes(
        "1", "21", "0", "0000012345", Tomacho, Spaces(34), "0325", "0001", Mizuho, Spaces(11), "001", Tokyo, Spaces(10),
        "1", "1234567", Spaces(17));

    private static readonly byte[] DataRecord = Bytes(
        "2", "0001", Mizuho, Spaces(11), "001", Tokyo, Spaces(10), "    ", "1", "7654321", GakkoTaro, Spaces(21),
        "0000050000", "0", "A001      ", Spaces(10), " ", " ", Spaces(7));

    private static readonly byte[] TrailerRecord = Bytes("8", "000001", "000000050000", Spaces(101));

    private static readonly byte[] EndRecord = Bytes("9", Spaces(119));

    [Fact]
    public void Golden_records_are_120_bytes_each()
    {
        HeaderRecord.Length.ShouldBe(120);
        DataRecord.Length.ShouldBe(120);
        TrailerRecord.Length.ShouldBe(120);
        EndRecord.Length.ShouldBe(120);
    }

    [Fact]
    public async Task Header_data_trailer_and_end_records_match_hand_computed_bytes()
    {
        using var stream = new MemoryStream();
        var trailer = await new ZenginWriter().WriteAsync(stream, Header(), [Transfer()]);

        trailer.ShouldBe(new ZenginTrailer(1, 50_000));
        var bytes = stream.ToArray();
        bytes.Length.ShouldBe(480);
        bytes[..120].ShouldBe(HeaderRecord);
        bytes[120..240].ShouldBe(DataRecord);
        bytes[240..360].ShouldBe(TrailerRecord);
        bytes[360..].ShouldBe(EndRecord);
    }

    [Fact]
    public async Task CrLf_option_ends_every_record_with_CR_LF()
    {
        using var stream = new MemoryStream();
        await new ZenginWriter(new ZenginWriterOptions { UseCrLf = true }).WriteAsync(stream, Header(), [Transfer()]);

        stream.ToArray().ShouldBe(Bytes(HeaderRecord, "\r\n", DataRecord, "\r\n", TrailerRecord, "\r\n", EndRecord, "\r\n"));
    }

    [Fact]
    public async Task Long_names_with_dakuten_are_truncated_to_the_field_width()
    {
        // 16 × パ = 32 bytes (ﾊﾟ each); 受取人名 keeps the first 30.
        var transfer = Transfer(accountName: new string('パ', 16), customerCode1: null);
        using var stream = new MemoryStream();
        await new ZenginWriter().WriteAsync(stream, Header(), [transfer]);

        var pa = Enumerable.Repeat(new byte[] { 0xCA, 0xDF }, 15).SelectMany(b => b).ToArray();
        stream.ToArray()[120..240].ShouldBe(Bytes(
            "2", "0001", Mizuho, Spaces(11), "001", Tokyo, Spaces(10), "    ", "1", "7654321", pa,
            "0000050000", "0", Spaces(10), Spaces(10), " ", " ", Spaces(7)));
    }

    [Fact]
    public async Task Reader_reads_the_golden_file_back()
    {
        var file = ZenginReader.Parse(Bytes(HeaderRecord, DataRecord, TrailerRecord, EndRecord));

        file.HasLineBreaks.ShouldBeFalse();
        file.Header.RequesterName.ShouldBe("ﾄｳﾏﾁﾖｳ");
        file.Header.BankName.ShouldBe("ﾐｽﾞﾎ");
        file.Transfers.Single().AccountName.ShouldBe("ｶﾞﾂｺｳ ﾀﾛｳ");
        file.Transfers.Single().Amount.ShouldBe(50_000);
        file.Transfers.Single().ClearingHouseCode.ShouldBeNull();
        file.Trailer.ShouldBe(new ZenginTrailer(1, 50_000));
        await Task.CompletedTask;
    }
}
