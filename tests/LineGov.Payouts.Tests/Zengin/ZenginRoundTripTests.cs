using LineGov.Payouts.Zengin;
using static LineGov.Payouts.Tests.Zengin.ZenginTestData;

namespace LineGov.Payouts.Tests.Zengin;

public class ZenginRoundTripTests
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ ()-./¥,ｦｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝﾞﾟ";

    private static readonly string NoSpace = Alphabet.Replace(" ", "", StringComparison.Ordinal);

    private static string Text(Random random, int min, int max)
    {
        var length = random.Next(min, max + 1);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            // No leading or trailing space: the writer trims names and the reader drops the padding.
            var edge = i == 0 || i == length - 1;
            chars[i] = edge ? NoSpace[random.Next(NoSpace.Length)] : Alphabet[random.Next(Alphabet.Length)];
        }

        return new string(chars);
    }

    private static string Digits(Random random, int width) =>
        string.Concat(Enumerable.Range(0, width).Select(_ => (char)('0' + random.Next(10))));

    private static List<ZenginTransfer> Generate(int count, int seed)
    {
        var random = new Random(seed);
        ZenginAccountType[] types = [ZenginAccountType.Ordinary, ZenginAccountType.Current, ZenginAccountType.Savings, ZenginAccountType.Other];
        return Enumerable.Range(0, count).Select(i => new ZenginTransfer(
            BankCode: Digits(random, 4),
            BranchCode: Digits(random, 3),
            AccountNumber: Digits(random, 7),
            AccountName: Text(random, 1, 30),
            // The largest amount now and then; the total must still fit the trailer's 12 digits.
            Amount: i % 500 == 0 ? 9_999_999_999 : random.NextInt64(1, 100_000_000),
            BankName: random.Next(4) == 0 ? null : Text(random, 1, 15),
            BranchName: random.Next(4) == 0 ? null : Text(random, 1, 15),
            AccountType: types[random.Next(types.Length)],
            ClearingHouseCode: random.Next(3) == 0 ? Digits(random, 4) : null,
            NewCode: "012"[random.Next(3)],
            CustomerCode1: random.Next(2) == 0 ? null : Text(random, 1, 10),
            CustomerCode2: random.Next(2) == 0 ? null : Text(random, 1, 10),
            TransferDesignation: " 78"[random.Next(3)],
            Identification: " Y"[random.Next(2)])).ToList();
    }

    private static ZenginHeader HalfWidthHeader() => Header(requesterName: "ﾄｳﾏﾁﾖｳ", bankName: "ﾐｽﾞﾎ", branchName: "ﾄｳｷﾖｳ");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Writer_to_reader_round_trip_of_10000_records_is_lossless(bool crlf)
    {
        var transfers = Generate(10_000, seed: crlf ? 2 : 1);
        using var stream = new MemoryStream();
        var trailer = await new ZenginWriter(new ZenginWriterOptions { UseCrLf = crlf }).WriteAsync(stream, HalfWidthHeader(), transfers);

        stream.Length.ShouldBe(10_003L * (crlf ? 122 : 120));
        stream.Position = 0;
        var file = await new ZenginReader().ReadAsync(stream);

        file.HasLineBreaks.ShouldBe(crlf);
        file.Header.ShouldBe(HalfWidthHeader());
        file.Trailer.ShouldBe(trailer);
        file.Trailer.ShouldBe(new ZenginTrailer(10_000, transfers.Sum(t => t.Amount)));
        file.Transfers.Count.ShouldBe(transfers.Count);
        for (var i = 0; i < transfers.Count; i++)
        {
            file.Transfers[i].ShouldBe(transfers[i], $"record {i + 2}");
        }
    }

    [Fact]
    public async Task WriteFileAsync_replaces_the_target_and_leaves_no_temporary_file()
    {
        var dir = Directory.CreateTempSubdirectory("zengin-");
        try
        {
            var path = Path.Combine(dir.FullName, "furikomi.txt");
            await File.WriteAllTextAsync(path, "old");
            await new ZenginWriter().WriteFileAsync(path, Header(), Generate(50, seed: 3));

            (await new ZenginReader().ReadFileAsync(path)).Transfers.Count.ShouldBe(50);
            Directory.GetFiles(dir.FullName).ShouldBe([path]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Invalid_records_leave_the_target_file_untouched()
    {
        var dir = Directory.CreateTempSubdirectory("zengin-");
        try
        {
            var path = Path.Combine(dir.FullName, "furikomi.txt");
            await File.WriteAllTextAsync(path, "old");
            var transfers = Generate(5, seed: 4);
            transfers[3] = new ZenginTransfer(transfers[3].BankCode, transfers[3].BranchCode, transfers[3].AccountNumber, transfers[3].AccountName, Amount: 0);

            var ex = await Should.ThrowAsync<ZenginValidationException>(() => new ZenginWriter().WriteFileAsync(path, Header(), transfers));

            ex.Errors.ShouldBe([new ZenginRecordError(5, "Amount", "must be 1 to 9,999,999,999 yen")]);
            (await File.ReadAllTextAsync(path)).ShouldBe("old");
            Directory.GetFiles(dir.FullName).ShouldBe([path]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
