using System.Globalization;
using LineGov.Eligibility;
using LineGov.Jpki;
using RegisterResident = LineGov.Eligibility.Resident;

namespace LineGov.Samples.Municipality.Infrastructure;

/// <summary>What the simulated My Number Card of a person says, and how the register sees that person.</summary>
internal enum CardScenario
{
    /// <summary>The card's four facts are the register's: matched at once.</summary>
    Normal,

    /// <summary>The register holds a character JIS cannot write; the card has a stand-in (代替文字) flagged: staff review.</summary>
    AlternateCharacter,

    /// <summary>Two residents of the same name and birthday; the card's address is neither's: staff review.</summary>
    Ambiguous,

    /// <summary>Someone not in the register (moved in after the reference date): staff review.</summary>
    NotFound,
}

/// <summary>A person the simulator can play: the register entry (if any) and the four facts on their card.</summary>
internal sealed record TownPerson(string ResidentId, string HouseholdId, string LineUserId, JpkiFourFacts Card, CardScenario Scenario)
{
    public override string ToString() => ResidentId;
}

/// <summary>
/// A fictitious 当麻町 (北海道上川郡当麻町): households and residents generated from a seed — the same seed, the same town —
/// with addresses in the town's real 町丁目, so the address normalizer resolves them. A few people are generated to land in
/// staff review (alternate characters, namesakes, someone not in the register).
/// </summary>
internal sealed class GeneratedTown
{
    public const string Municipality = "北海道上川郡当麻町";

    private static readonly string[] FamilyNames =
    [
        "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上",
        "木村", "林", "斎藤", "清水", "山崎", "森", "池田", "橋本", "阿部", "石川", "山下", "中島", "石井", "小川", "前田", "岡田",
    ];

    private static readonly string[] GivenNames =
    [
        "太郎", "次郎", "三郎", "一郎", "健", "誠", "学", "翔", "蓮", "湊", "大翔", "悠真", "陽翔", "樹", "蒼", "律", "朝陽", "大和",
        "花子", "春子", "夏子", "秋子", "冬子", "陽葵", "凛", "結菜", "葵", "紬", "芽依", "澪", "結衣", "咲良", "美咲", "愛", "恵", "舞",
    ];

    private GeneratedTown(ResidentRegister register, IReadOnlyList<TownPerson> people, int households)
    {
        Register = register;
        People = people;
        Households = households;
        ById = people.ToDictionary(p => p.ResidentId, StringComparer.Ordinal);
    }

    public ResidentRegister Register { get; }

    /// <summary>Everyone the simulator can play, register order; the review cases come first.</summary>
    public IReadOnlyList<TownPerson> People { get; }

    public IReadOnlyDictionary<string, TownPerson> ById { get; }

    public int Households { get; }

    public static GeneratedTown Generate(int households, int seed, DateOnly referenceDate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(households, 10);
        var random = new Random(seed);
        var towns = ResolvableTowns();
        var residents = new List<RegisterResident>(households * 2);
        var cards = new List<(RegisterResident Resident, JpkiFourFacts Card, CardScenario Scenario)>(households * 2);
        var taken = new HashSet<(string, DateOnly)>();
        var number = 0;

        for (var h = 0; h < households - 3; h++)
        {
            var householdId = string.Create(CultureInfo.InvariantCulture, $"S{h + 1:D5}");
            var size = random.Next(100) switch { < 35 => 1, < 75 => 2, < 90 => 3, _ => 4 };
            var family = FamilyNames[random.Next(FamilyNames.Length)];
            var address = AddressOf(towns, h, random);
            for (var m = 0; m < size; m++)
            {
                string given;
                DateOnly born;
                do
                {
                    given = GivenNames[random.Next(GivenNames.Length)];
                    born = new DateOnly(1935, 1, 1).AddDays(random.Next(32_000));
                }
                while (born > referenceDate || !taken.Add((family + given, born)));

                number++;
                var resident = new RegisterResident(
                    string.Create(CultureInfo.InvariantCulture, $"A{number:D6}"),
                    householdId,
                    $"{family} {given}",
                    born,
                    random.Next(2) == 0 ? JpkiGender.Male : JpkiGender.Female,
                    address,
                    relationship: m == 0 ? "世帯主" : "世帯員",
                    isHeadOfHousehold: m == 0);
                residents.Add(resident);
                cards.Add((resident, FactsOf(resident), CardScenario.Normal));
            }
        }

        var special = AddReviewCases(residents, cards, towns, ref number, households);
        var register = ResidentRegister.Create(residents);
        var people = special.Concat(cards.Where(c => c.Scenario == CardScenario.Normal))
            .Select((c, i) => new TownPerson(c.Resident.ResidentId, c.Resident.HouseholdId, LineUserIdFor(i), c.Card, c.Scenario))
            .ToList();
        return new GeneratedTown(register, people, households);
    }

    /// <summary>The four facts JPKI would prove for a resident: family and given name separated by U+3000, as J-LIS writes them.</summary>
    public static JpkiFourFacts FactsOf(RegisterResident resident, string nameFlags = "") => new(
        new JpkiName(resident.Name.Replace(' ', JpkiName.Separator), nameFlags),
        JpkiDateOfBirth.FromDate(resident.DateOfBirth),
        resident.Gender,
        new JpkiAddress(resident.Address));

    /// <summary>A LINE-shaped user id (U + 32 hex digits) for the i-th simulated person; stable for a seed.</summary>
    public static string LineUserIdFor(int index) => "U" + (0x5A_0000_0000L + index).ToString("x32", CultureInfo.InvariantCulture);

    private static List<(RegisterResident Resident, JpkiFourFacts Card, CardScenario Scenario)> AddReviewCases(
        List<RegisterResident> residents,
        List<(RegisterResident Resident, JpkiFourFacts Card, CardScenario Scenario)> cards,
        List<string> towns,
        ref int number,
        int households)
    {
        var special = new List<(RegisterResident, JpkiFourFacts, CardScenario)>();
        var next = number;
        string NextId() => string.Create(CultureInfo.InvariantCulture, $"A{++next:D6}");
        string Household(int h) => string.Create(CultureInfo.InvariantCulture, $"S{h:D5}");

        // 𠮷 (U+20BB7) is outside JIS X 0208: the card writes 吉 and flags the position.
        var alternate = new RegisterResident(NextId(), Household(households - 2), "𠮷田 花子", new DateOnly(1958, 4, 12), JpkiGender.Female, $"{Municipality}{towns[0]}3番5号", relationship: "世帯主", isHeadOfHousehold: true);
        residents.Add(alternate);
        special.Add((alternate, new JpkiFourFacts(new JpkiName("吉田\u3000花子", "10000"), JpkiDateOfBirth.FromDate(alternate.DateOfBirth), alternate.Gender, new JpkiAddress(alternate.Address)), CardScenario.AlternateCharacter));

        // Namesakes born the same day in two households; the card's address (a move within the town not yet
        // registered) matches neither, so the register cannot tell them apart.
        var born = new DateOnly(1971, 9, 3);
        var first = new RegisterResident(NextId(), Household(households - 1), "見本 一郎", born, JpkiGender.Male, $"{Municipality}{towns[1 % towns.Count]}8番2号", relationship: "世帯主", isHeadOfHousehold: true);
        var second = new RegisterResident(NextId(), Household(households), "見本 一郎", born, JpkiGender.Male, $"{Municipality}{towns[2 % towns.Count]}9番4号", relationship: "世帯主", isHeadOfHousehold: true);
        residents.Add(first);
        residents.Add(second);
        special.Add((first, new JpkiFourFacts(new JpkiName("見本\u3000一郎"), JpkiDateOfBirth.FromDate(born), JpkiGender.Male, new JpkiAddress($"{Municipality}{towns[3 % towns.Count]}99番99号")), CardScenario.Ambiguous));

        // Not in the register at all: someone who moved in after the reference date.
        var newcomer = new RegisterResident(NextId(), "S99999", "試験 舞", new DateOnly(1990, 2, 14), JpkiGender.Female, $"{Municipality}{towns[0]}20番1号");
        special.Add((newcomer, FactsOf(newcomer), CardScenario.NotFound));
        _ = cards;
        number = next;
        return special;
    }

    private static string AddressOf(List<string> towns, int household, Random random)
    {
        var town = towns[household % towns.Count];
        return town.EndsWith("丁目", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"{Municipality}{town}{random.Next(1, 30)}番{random.Next(1, 20)}号")
            : string.Create(CultureInfo.InvariantCulture, $"{Municipality}{town}{random.Next(1, 2000)}番地");
    }

    /// <summary>The 町丁目 of 当麻町 that the embedded address data knows (checked, not assumed).</summary>
    private static List<string> ResolvableTowns()
    {
        string[] digits = ["一", "二", "三", "四", "五", "六"];
        var candidates = new List<string>();
        foreach (var jo in digits)
        {
            foreach (var side in new[] { "東", "西" })
            {
                foreach (var chome in digits[..4])
                {
                    candidates.Add($"{jo}条{side}{chome}丁目");
                }
            }
        }

        candidates.AddRange(["伊香牛", "宇園別", "園別", "中島", "北星", "緑郷", "開明", "市街"]);
        var towns = candidates
            .Where(t => JapaneseAddressNormalizer.Default.Normalize($"{Municipality}{t}1番1号").Level == AddressResolutionLevel.Town)
            .ToList();
        return towns.Count >= 4 ? towns : [.. towns, "", "", "", ""];
    }
}
