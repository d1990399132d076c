using System.Text;
using LineGov.Payouts.Zengin;
using static LineGov.Payouts.Tests.Zengin.ZenginTestData;

namespace LineGov.Payouts.Tests.Zengin;

public class ZenginReaderTests
{
    private static async Task<byte[]> WriteAsync(bool crlf, int transfers = 3)
    {
        using var stream = new MemoryStream();
        await new ZenginWriter(new ZenginWriterOptions { UseCrLf = crlf })
            .WriteAsync(stream, Header(), Enumerable.Range(1, transfers).Select(i => Transfer(amount: i * 1000)));
        return stream.ToArray();
    }

    private static void Put(byte[] file, int offset, string ascii) => Encoding.ASCII.GetBytes(ascii).CopyTo(file, offset);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Trailer_count_mismatch_is_detected(bool crlf)
    {
        var file = await WriteAsync(crlf);
        var stride = crlf ? 122 : 120;
        Put(file, (4 * stride) + 1, "000004");

        var ex = Should.Throw<ZenginFormatException>(() => ZenginReader.Parse(file));

        ex.RecordNumber.ShouldBe(5);
        ex.Field.ShouldBe("Count");
    }

    [Fact]
    public async Task Trailer_total_mismatch_is_detected()
    {
        var file = await WriteAsync(crlf: false);
        Put(file, (4 * 120) + 7, "000000006001");

        var ex = Should.Throw<ZenginFormatException>(() => ZenginReader.Parse(file));

        ex.RecordNumber.ShouldBe(5);
        ex.Field.ShouldBe("TotalAmount");
    }

    [Fact]
    public async Task Non_digit_amount_is_reported_with_record_and_field()
    {
        var file = await WriteAsync(crlf: false);
        Put(file, (2 * 120) + 80, "X");   // second data record, inside 振込金額 (offset 80..89)

        var ex = Should.Throw<ZenginFormatException>(() => ZenginReader.Parse(file));

        ex.RecordNumber.ShouldBe(3);
        ex.Field.ShouldBe("Amount");
    }

    [Fact]
    public async Task Bytes_outside_JIS_X_0201_are_reported_without_the_value()
    {
        var file = await WriteAsync(crlf: false);
        file[120 + 50] = 0x82;   // first data record, 受取人名 (offset 50..79)

        var ex = Should.Throw<ZenginFormatException>(() => ZenginReader.Parse(file));

        ex.RecordNumber.ShouldBe(2);
        ex.Field.ShouldBe("AccountName");
    }

    [Fact]
    public async Task A_length_that_is_not_whole_records_is_rejected()
    {
        var file = await WriteAsync(crlf: false);

        Should.Throw<ZenginFormatException>(() => ZenginReader.Parse(file.AsSpan(0, file.Length - 1))).Field.ShouldBe("Length");
    }

    [Fact]
    public async Task Missing_end_record_is_rejected()
    {
        var file = await WriteAsync(crlf: false);

        var ex = Should.Throw<ZenginFormatException>(() => ZenginReader.Parse(file.AsSpan(0, file.Length - 120)));

        ex.Field.ShouldBe("DataType");
        ex.Message.ShouldContain("end record");
    }

    [Fact]
    public async Task Records_out_of_order_are_rejected()
    {
        var file = await WriteAsync(crlf: false);
        file[0] = (byte)'2';

        Should.Throw<ZenginFormatException>(() => ZenginReader.Parse(file)).RecordNumber.ShouldBe(1);
    }

    [Fact]
    public async Task Wrong_kind_in_header_is_rejected()
    {
        var file = await WriteAsync(crlf: false);
        Put(file, 1, "11");

        Should.Throw<ZenginFormatException>(() => ZenginReader.Parse(file)).Field.ShouldBe("Kind");
    }

    [Fact]
    public async Task Last_record_without_CRLF_and_trailing_EOF_byte_are_accepted()
    {
        var file = await WriteAsync(crlf: true);
        byte[] trimmed = [.. file.AsSpan(0, file.Length - 2), 0x1A];

        ZenginReader.Parse(trimmed).Transfers.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Empty_file_with_header_trailer_and_end_is_valid()
    {
        var file = await WriteAsync(crlf: false, transfers: 0);

        var parsed = ZenginReader.Parse(file);

        parsed.Transfers.ShouldBeEmpty();
        parsed.Trailer.ShouldBe(new ZenginTrailer(0, 0));
    }
}
