using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LineGov.Eligibility;
using LineGov.Jpki;

namespace LineGov.Benchmarks.Eligibility;

/// <summary>
/// A generated residents register (fictitious people: family names and given names composed from common kanji, dates
/// of birth over 100 years, one address per household) written once as the agreed CSV layout and cached under the
/// temp folder, and verified identities drawn from it. Deterministic: the same seed gives the same files.
/// </summary>
public static class RegisterCorpus
{
    public static readonly DateOnly ReferenceDate = new(2025, 4, 1);

    private static readonly string[] FamilyFirst =
        ["佐", "高", "田", "中", "伊", "渡", "山", "小", "加", "吉", "松", "井", "木", "林", "清", "斎", "森", "池", "橋", "石", "前", "藤", "岡", "長", "村", "坂", "遠", "青", "西", "東", "北", "南", "大", "川", "上", "下"];

    private static readonly string[] FamilySecond =
        ["田", "藤", "野", "川", "山", "本", "村", "井", "木", "原", "島", "沢", "谷", "口", "岡", "部", "崎", "橋"];

    private static readonly string[] MaleFirst = ["太", "健", "翔", "大", "拓", "誠", "浩", "和", "隆", "直", "修", "勇", "正", "光", "悠", "陽", "蓮", "湊"];
    private static readonly string[] MaleSecond = ["郎", "一", "介", "太", "也", "樹", "斗", "人", "真", "輝", "平", "志"];
    private static readonly string[] FemaleFirst = ["花", "美", "愛", "結", "陽", "咲", "由", "真", "恵", "優", "千", "彩", "明", "菜"];
    private static readonly string[] FemaleSecond = ["子", "香", "奈", "菜", "美", "衣", "里", "希", "乃", "代", "絵", "佳"];

    private static readonly string[] Municipalities =
        ["北海道上川郡当麻町", "北海道旭川市", "北海道札幌市中央区", "青森県弘前市", "宮城県仙台市青葉区", "東京都世田谷区", "東京都八王子市", "神奈川県横浜市港北区", "愛知県名古屋市中区", "大阪府堺市堺区", "広島県広島市南区", "福岡県北九州市小倉北区"];

    private static readonly string[] Towns = ["本町", "中央", "緑町", "栄町", "旭町", "東町", "西町", "南町", "北町", "宮前", "新町", "桜町", "若葉", "朝日町", "昭和町"];

    private static readonly string[] KanjiDigits = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>The CSV of <paramref name="residents"/> residents, generated on first use.</summary>
    public static string CsvPath(int residents)
    {
        var folder = Path.Combine(Path.GetTempPath(), "linegov-benchmarks");
        var path = Path.Combine(folder, $"register-{residents}-v2.csv");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(folder);
            var temporary = path + ".tmp";
            Write(temporary, residents);
            File.Move(temporary, path, overwrite: true);
        }

        return path;
    }

    /// <summary>Imports the cached CSV; prints how long it took and the register's size.</summary>
    public static ResidentRegister Load(int residents)
    {
        var path = CsvPath(residents);
        var watch = Stopwatch.StartNew();
        using var stream = File.OpenRead(path);
        var result = ResidentRegisterCsv.ImportAsync(stream).GetAwaiter().GetResult();
        if (result.Errors.Count != 0 || result.Register.Count != residents)
        {
            throw new InvalidOperationException($"The generated register did not import cleanly: {result.Errors.Count} errors.");
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Console.WriteLine($"// register: {residents:N0} residents, {result.Register.HouseholdCount:N0} households, imported in {watch.Elapsed.TotalSeconds:F1} s, managed heap after import {GC.GetTotalMemory(false) / 1048576.0:N0} MiB");
        return result.Register;
    }

    /// <summary>
    /// Verified identities drawn from the register: most are residents as of the reference date (and some of them from
    /// the same household as the one before), some are not found (a family name not in the register, a shifted date of
    /// birth, people who left), a few carry JPKI alternate-character flags or an unknown date of birth.
    /// </summary>
    public static List<JpkiFourFacts> Identities(ResidentRegister register, int count, int seed = 7)
    {
        var residents = register.Residents;
        var random = new Random(seed);
        var names = new Dictionary<string, JpkiName>(StringComparer.Ordinal);
        var addresses = new Dictionary<string, JpkiAddress>(StringComparer.Ordinal);
        var dates = new Dictionary<DateOnly, JpkiDateOfBirth>();
        var identities = new List<JpkiFourFacts>(count);
        Resident? previous = null;

        // Identities are held all at once only for the benchmark; sharing equal names and addresses between them keeps
        // that artefact from dominating the process's memory.
        JpkiName Name(string registered, bool flagged)
        {
            var full = registered.Replace(' ', JpkiName.Separator);
            var key = flagged ? full + "\u0001" : full;
            if (!names.TryGetValue(key, out var name))
            {
                name = new JpkiName(full, flagged ? "1" + new string('0', full.Length - 1) : "");
                names[key] = name;
            }

            return name;
        }

        JpkiFourFacts Facts(Resident resident, DateOnly? born = null, string? family = null, bool flagged = false, bool unknownBirth = false)
        {
            var name = family is null ? resident.Name : family + resident.Name[resident.Name.IndexOf(' ', StringComparison.Ordinal)..];
            var date = born ?? resident.DateOfBirth;
            if (!dates.TryGetValue(date, out var dateOfBirth))
            {
                dateOfBirth = JpkiDateOfBirth.FromDate(date);
                dates[date] = dateOfBirth;
            }

            if (!addresses.TryGetValue(resident.Address, out var address))
            {
                address = new JpkiAddress(resident.Address);
                addresses[resident.Address] = address;
            }

            return new JpkiFourFacts(Name(name, flagged), unknownBirth ? JpkiDateOfBirth.Unknown : dateOfBirth, resident.Gender, address);
        }

        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(1000);
            if (roll < 100 && previous is not null)
            {
                // A second member of the household that applied just before.
                var members = register.HouseholdMembers(previous.HouseholdId, ReferenceDate);
                var other = members.Count > 1 ? members[random.Next(members.Count)] : previous;
                identities.Add(Facts(other));
                continue;
            }

            var resident = residents[random.Next(residents.Count)];
            previous = resident;
            identities.Add(roll switch
            {
                < 150 => Facts(resident, family: "架空"), // nobody of that family name lives here
                < 200 => Facts(resident, born: resident.DateOfBirth.AddDays(3)),
                < 202 => Facts(resident, flagged: true),
                < 203 => Facts(resident, unknownBirth: true),
                _ => Facts(resident),
            });
        }

        return identities;
    }

    private static void Write(string path, int residents)
    {
        var random = new Random(42);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 20);
        writer.Write("resident_id,household_id,name,date_of_birth,gender,address,relationship,head_of_household,became_resident_on,removed_on\n");
        var line = new StringBuilder(256);
        var written = 0;
        var household = 0;
        var start = new DateOnly(1925, 1, 1);
        var last = new DateOnly(2024, 12, 31);
        while (written < residents)
        {
            var size = random.Next(100) switch
            {
                < 35 => 1,
                < 63 => 2,
                < 80 => 3,
                < 93 => 4,
                < 98 => 5,
                _ => 6,
            };
            size = Math.Min(size, residents - written);
            var family = FamilyFirst[random.Next(FamilyFirst.Length)] + FamilySecond[random.Next(FamilySecond.Length)];
            var h = household++;
            var address = string.Create(
                CultureInfo.InvariantCulture,
                $"{Municipalities[h % Municipalities.Length]}{Towns[(h / Municipalities.Length) % Towns.Length]}{KanjiDigits[(h / 180) % 9]}丁目{(h / 1620) % 60 + 1}番{(h / 97_200) % 30 + 1}号");
            var headBorn = start.AddDays(random.Next(80 * 365));
            var headMale = random.Next(2) == 0;
            for (var m = 0; m < size; m++)
            {
                bool male;
                DateOnly born;
                string relationship;
                switch (m)
                {
                    case 0:
                        male = headMale;
                        born = headBorn;
                        relationship = "世帯主";
                        break;
                    case 1 when size > 1 && random.Next(10) < 7:
                        male = !headMale;
                        born = Clamp(headBorn.AddDays(random.Next(-1800, 1800)), start, last);
                        relationship = male ? "夫" : "妻";
                        break;
                    default:
                        male = random.Next(2) == 0;
                        born = headBorn.AddDays(random.Next(20 * 365, 40 * 365));
                        if (born > last)
                        {
                            // A young head's child: born in the last 18 years rather than piling up on one day.
                            born = last.AddDays(-random.Next(18 * 365));
                        }

                        relationship = "子";
                        break;
                }

                var given = male
                    ? MaleFirst[random.Next(MaleFirst.Length)] + MaleSecond[random.Next(MaleSecond.Length)]
                    : FemaleFirst[random.Next(FemaleFirst.Length)] + FemaleSecond[random.Next(FemaleSecond.Length)];
                var gender = random.Next(1000) == 0 ? "9" : male ? "1" : "2";
                var became = random.Next(100) < 4 ? Max(born, new DateOnly(2018, 1, 1).AddDays(random.Next(8 * 365))) : (DateOnly?)null;
                var removed = random.Next(100) < 3 ? Max(became ?? born, new DateOnly(2019, 1, 1).AddDays(random.Next(7 * 365))) : (DateOnly?)null;
                line.Clear();
                line.Append(CultureInfo.InvariantCulture, $"{10_000_000 + written},{5_000_000 + h},{family} {given},{born:yyyy-MM-dd},{gender},{address},{relationship},{(m == 0 ? "1" : "0")},{became:yyyy-MM-dd},{removed:yyyy-MM-dd}\n");
                writer.Write(line);
                written++;
            }
        }
    }

    private static DateOnly Clamp(DateOnly value, DateOnly min, DateOnly max) => value < min ? min : value > max ? max : value;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}

/// <summary>What a benchmark process reports about its memory, printed in the log and written for <see cref="PeakMemoryColumn"/>.</summary>
public static class ProcessMemory
{
    private static string FileFor(string benchmark) => Path.Combine(Path.GetTempPath(), "linegov-benchmarks", $"peak-{benchmark}.txt");

    public static void Report(string benchmark)
    {
        using var process = Process.GetCurrentProcess();
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var peak = process.PeakWorkingSet64 / 1048576.0;
        Console.WriteLine(
            $"// {benchmark}: peak working set {peak:N0} MiB, working set now {Environment.WorkingSet / 1048576.0:N0} MiB, " +
            $"GC heap {info.HeapSizeBytes / 1048576.0:N0} MiB, committed {info.TotalCommittedBytes / 1048576.0:N0} MiB, " +
            $"managed live {GC.GetTotalMemory(false) / 1048576.0:N0} MiB, gen2 collections {GC.CollectionCount(2)}");
        File.WriteAllText(FileFor(benchmark), peak.ToString("N0", CultureInfo.InvariantCulture) + " MiB");
    }

    public static string? Read(string benchmark) => File.Exists(FileFor(benchmark)) ? File.ReadAllText(FileFor(benchmark)) : null;
}

/// <summary>The peak working set of the process that ran the row (setup, import and the measured work together).</summary>
public sealed class PeakMemoryColumn : IColumn
{
    public string Id => nameof(PeakMemoryColumn);

    public string ColumnName => "Peak working set";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Peak working set of the benchmark process (Process.PeakWorkingSet64), register import included";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        ProcessMemory.Read($"{benchmarkCase.Descriptor.Type.Name}.{benchmarkCase.Descriptor.WorkloadMethod.Name}") ?? "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
