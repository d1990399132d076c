using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LineGov.Payouts.Zengin;

namespace LineGov.Benchmarks.Zengin;

/// <summary>
/// Write 1,000,000 transfers as 全銀 総合振込 files into a stream that counts and discards the bytes. A file holds at most
/// 999,999 transfers (the trailer's count has six digits), so the million is written as two files of 500,000:
/// 120,000,720 bytes, 1,000,006 records of 120 bytes.
/// </summary>
/// <remarks>
/// <para><b>Baseline</b>: what a hand-written exporter does — one <see cref="string.Format(IFormatProvider, string, object[])"/>
/// per record with the padding in the format string (<c>{1,-15}</c> pads text with spaces, <c>{8:D10}</c> pads the amount with
/// zeros), then <see cref="Encoding.GetBytes(string, int, int, byte[], int)"/> into a 512-record buffer flushed to the stream
/// like the writer's. Shift_JIS needs System.Text.Encoding.CodePages, which no LineGov project references, so the baseline
/// encodes with <see cref="Encoding.Latin1"/> over text whose half-width katakana were mapped once, in setup, to the
/// JIS X 0201 code points (U+FF61–U+FF9F → U+00A1–U+00DF): Latin1 then yields exactly the Shift_JIS bytes, through the
/// runtime's vectorized Latin-1 encoder — faster than a real Shift_JIS encoder would be. The baseline also gets its names
/// already converted to half-width and already cut to their widths, and checks nothing (no digits, no widths, no bank
/// master, no count or total limits). It is the cheapest honest form of "format and encode", not a straw man.</para>
/// <para><b>LineGov</b>: <see cref="ZenginWriter.WriteAsync"/>, which validates every record first (and would write nothing if one
/// were wrong), converts the names with <see cref="ZenginKana"/>, and writes. Two rows: the same half-width names as the
/// baseline, and the full-width names a municipality's CSV holds (ヤマダ　タロウ), converted on the way.</para>
/// <para>Every row produces the same bytes: <see cref="Setup"/> writes each once and compares them.</para>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ZenginWrite
{
    /// <summary>The number of transfers.</summary>
    public const int Count = 1_000_000;

    /// <summary>The files they are written as.</summary>
    public const int Files = 2;

    /// <summary>The bytes written: per file a header, the data records, a trailer and an end record, 120 bytes each.</summary>
    public const long TotalBytes = (Count + (3L * Files)) * 120;

    private const int PerFile = Count / Files;

    private const int BufferRecords = 512;

    private static readonly ZenginHeader Requester = new("0000012345", "ﾄｳﾏﾁﾖｳ", "0325", "0001", "001", "1234567", "ﾐｽﾞﾎ", "ﾄｳｷﾖｳ");

    private readonly ZenginWriter _writer = new();
    private List<ZenginTransfer>[] _halfWidth = null!;
    private List<ZenginTransfer>[] _fullWidth = null!;
    private BaselineRecord[] _baseline = null!;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // A million records take about half a second an operation: 3 warm-ups and 10 measured iterations per row
            // keep the run to a few minutes and the error column honest on a shared 2-core machine.
            AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithId("Iter10"));
            AddColumn(new MegabytesPerSecondColumn());
        }
    }

    /// <summary>The baseline's input: the fields of a data record, text already mapped to JIS X 0201 code points.</summary>
    private readonly record struct BaselineRecord(
        string BankCode, string BankName, string BranchCode, string BranchName, int AccountType, string AccountNumber, string AccountName, long Amount, string CustomerCode1);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261201);
        string[] syllables = ["ヤ", "マ", "ダ", "タ", "ロ", "ウ", "ス", "ズ", "キ", "ハ", "ナ", "コ", "ガ", "パ", "ッ", "ャ", "ー", "シ", "ジ", "イ", "チ", "ミ", "ト", "ヴ"];
        (string Code, string Name)[] banks = [("0001", "ミズホ"), ("0005", "ミツビシユーエフジエイ"), ("0009", "ミツイスミトモ"), ("0010", "リソナ"), ("9900", "ユウチヨ")];
        (string Code, string Name)[] branches = [("001", "ホンテン"), ("123", "トウマ"), ("456", "アサヒカワエキマエ"), ("789", "シンジユク")];
        ZenginAccountType[] types = [ZenginAccountType.Ordinary, ZenginAccountType.Ordinary, ZenginAccountType.Ordinary, ZenginAccountType.Current, ZenginAccountType.Savings];
        _fullWidth = [.. Enumerable.Range(0, Files).Select(_ => new List<ZenginTransfer>(PerFile))];
        _halfWidth = [.. Enumerable.Range(0, Files).Select(_ => new List<ZenginTransfer>(PerFile))];
        _baseline = new BaselineRecord[Count];
        for (var i = 0; i < Count; i++)
        {
            var name = new StringBuilder();
            var family = random.Next(2, 6);
            var given = random.Next(2, 6);
            for (var s = 0; s < family + given; s++)
            {
                name.Append(s == family ? "　" : string.Empty).Append(syllables[random.Next(syllables.Length)]);
            }

            var bank = banks[random.Next(banks.Length)];
            var branch = branches[random.Next(branches.Length)];
            var type = types[random.Next(types.Length)];
            var account = random.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
            var amount = random.Next(1, 21) * 5_000L;
            var code = i.ToString("D10", CultureInfo.InvariantCulture);
            _fullWidth[i / PerFile].Add(new ZenginTransfer(bank.Code, branch.Code, account, name.ToString(), amount, bank.Name, branch.Name, type, CustomerCode1: code));

            var half = (Name: ZenginKana.ToZengin(name.ToString(), "AccountName"), Bank: ZenginKana.ToZengin(bank.Name, "BankName"), Branch: ZenginKana.ToZengin(branch.Name, "BranchName"));
            _halfWidth[i / PerFile].Add(new ZenginTransfer(bank.Code, branch.Code, account, half.Name, amount, half.Bank, half.Branch, type, CustomerCode1: code));
            _baseline[i] = new BaselineRecord(bank.Code, ToJisX0201(Cut(half.Bank, 15)), branch.Code, ToJisX0201(Cut(half.Branch, 15)), (int)type, account, ToJisX0201(Cut(half.Name, 30)), amount, code);
        }

        var expected = Capture(stream => BaselineCore(stream));
        var lineGov = Capture(stream => WriteAllAsync(stream, _halfWidth).GetAwaiter().GetResult());
        var converted = Capture(stream => WriteAllAsync(stream, _fullWidth).GetAwaiter().GetResult());
        if (expected.Length != TotalBytes || !expected.AsSpan().SequenceEqual(lineGov) || !expected.AsSpan().SequenceEqual(converted))
        {
            throw new InvalidOperationException("The rows do not write the same bytes.");
        }
    }

    [Benchmark(Baseline = true, Description = "string.Format + Latin1 GetBytes")]
    public long Baseline()
    {
        var stream = new CountingStream();
        BaselineCore(stream);
        return stream.Length;
    }

    [Benchmark(Description = "LineGov ZenginWriter (half-width names)")]
    public async Task<long> LineGov()
    {
        var stream = new CountingStream();
        await WriteAllAsync(stream, _halfWidth);
        return stream.Length;
    }

    [Benchmark(Description = "LineGov ZenginWriter (full-width names converted)")]
    public async Task<long> LineGovConverting()
    {
        var stream = new CountingStream();
        await WriteAllAsync(stream, _fullWidth);
        return stream.Length;
    }

    private async Task WriteAllAsync(Stream stream, List<ZenginTransfer>[] files)
    {
        foreach (var transfers in files)
        {
            await _writer.WriteAsync(stream, Requester, transfers);
        }
    }

    private void BaselineCore(Stream stream)
    {
        for (var file = 0; file < Files; file++)
        {
            BaselineFile(stream, _baseline.AsSpan(file * PerFile, PerFile));
        }
    }

    private static void BaselineFile(Stream stream, ReadOnlySpan<BaselineRecord> records)
    {
        var latin1 = Encoding.Latin1;
        var invariant = CultureInfo.InvariantCulture;
        var buffer = new byte[120 * BufferRecords];
        var used = 0;
        var h = Requester;
        Put(stream, buffer, ref used, latin1, string.Format(
            invariant,
            "1210{0}{1,-40}{2}{3}{4,-15}{5}{6,-15}{7}{8}{9,17}",
            h.RequesterCode, ToJisX0201(h.RequesterName), h.TransferDate, h.BankCode, ToJisX0201(h.BankName!), h.BranchCode, ToJisX0201(h.BranchName!), (int)h.AccountType, h.AccountNumber, string.Empty));
        long total = 0;
        foreach (var t in records)
        {
            Put(stream, buffer, ref used, latin1, string.Format(
                invariant,
                "2{0}{1,-15}{2}{3,-15}    {4}{5}{6,-30}{7:D10}0{8,-10}{9,-10}  {10,7}",
                t.BankCode, t.BankName, t.BranchCode, t.BranchName, t.AccountType, t.AccountNumber, t.AccountName, t.Amount, t.CustomerCode1, string.Empty, string.Empty));
            total += t.Amount;
        }

        Put(stream, buffer, ref used, latin1, string.Format(invariant, "8{0:D6}{1:D12}{2,101}", records.Length, total, string.Empty));
        Put(stream, buffer, ref used, latin1, "9".PadRight(120));
        if (used > 0)
        {
            stream.Write(buffer, 0, used);
        }
    }

    private static void Put(Stream stream, byte[] buffer, ref int used, Encoding encoding, string record)
    {
        used += encoding.GetBytes(record, 0, record.Length, buffer, used);
        if (used == buffer.Length)
        {
            stream.Write(buffer, 0, used);
            used = 0;
        }
    }

    private static string Cut(string value, int width) => value.Length > width ? value[..width] : value;

    /// <summary>Half-width katakana to the Latin-1 code points whose bytes are their JIS X 0201 bytes.</summary>
    private static string ToJisX0201(string value) =>
        string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '\uFF61' and <= '\uFF9F' ? (char)(c - 0xFF61 + 0xA1) : c;
            }
        });

    private static byte[] Capture(Action<Stream> write)
    {
        using var stream = new MemoryStream((int)TotalBytes);
        write(stream);
        return stream.ToArray();
    }

    /// <summary>Counts the bytes and throws them away: the benchmark measures formatting, not a disk.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }
    }

    /// <summary>MB/s (10^6 bytes per second) of the 120,000,720 bytes written, from the mean time.</summary>
    private sealed class MegabytesPerSecondColumn : IColumn
    {
        public string Id => nameof(MegabytesPerSecondColumn);

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Megabytes (10^6 bytes) of Zengin file written per second, from the mean time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var report = summary[benchmarkCase];
            return report?.ResultStatistics is { } statistics
                ? (TotalBytes / (statistics.Mean / 1e9) / 1e6).ToString("N0", CultureInfo.InvariantCulture)
                : "-";
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
