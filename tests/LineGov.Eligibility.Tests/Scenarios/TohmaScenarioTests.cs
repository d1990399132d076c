using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LineGov.Jpki;
using Xunit.Abstractions;
using static LineGov.Eligibility.Tests.ProgramTestKit;

namespace LineGov.Eligibility.Tests.Scenarios;

/// <summary>
/// 当麻町 rejected 15 % of its applications after the fact because two members of one household had applied. Here a
/// generated town of 3,000 households / 6,000 residents sends 2,500 applications through LINE and the counter, 15 % of
/// them same-household duplicates, concurrently: every duplicate must be told at once, and nothing accepted may be undone.
/// </summary>
public sealed class TohmaScenarioTests(ITestOutputHelper output)
{
    private const int Households = 3_000;
    private const int Residents = 6_000;
    private const int Applications = 2_500;
    private const int Duplicates = 375; // 15 %

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

    [Fact]
    public async Task Every_duplicate_is_told_at_once_and_no_accepted_application_is_withdrawn()
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(20261201);
        var (register, households) = GenerateTown(random);
        register.Count.ShouldBe(Residents);
        households.Count.ShouldBe(Households);

        var program = await LoadSampleAsync("tohma-points.json");
        var applications = GenerateApplications(random, households);
        applications.Count.ShouldBe(Applications);

        var book = new InMemoryHouseholdClaimBook();
        var options = Options();
        var results = new ConcurrentDictionary<string, ApplicationResult>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(applications, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (application, cancellationToken) =>
        {
            var request = EligibilityRequest.ForIdentity(IdentityOf(application.Applicant), application.Channel, application.ReceivedAt);
            var result = await EligibilityApplications.ApplyAsync(program, request, application.Id, register, book, options, cancellationToken);
            results.TryAdd(application.Id, result).ShouldBeTrue();
        });
        var elapsed = watch.Elapsed;

        results.Count.ShouldBe(Applications);
        results.Values.Count(r => r.Status is ApplicationStatus.Received or ApplicationStatus.AlreadyApplied).ShouldBe(Applications);

        var byHousehold = applications.GroupBy(a => a.Applicant.HouseholdId).ToList();
        byHousehold.Count.ShouldBe(Applications - Duplicates);
        foreach (var household in byHousehold)
        {
            var answers = household.Select(a => results[a.Id]).ToList();
            var received = answers.Where(r => r.Status == ApplicationStatus.Received).ToList();

            // Exactly one application of the household is accepted, and every other one was told about that one.
            received.Count.ShouldBe(1, $"household {household.Key}");
            foreach (var duplicate in answers.Where(r => r.Status == ApplicationStatus.AlreadyApplied))
            {
                duplicate.Claim!.ApplicationId.ShouldBe(received[0].ApplicationId);
                duplicate.Reasons[^1].Code.ShouldBe(EligibilityReasonCodes.HouseholdAlreadyApplied);
            }

            // Nothing accepted is withdrawn: the claim that holds at the end is the one the resident was told about.
            (await book.FindAsync(program.Id, household.Key)).ShouldNotBeNull().ApplicationId.ShouldBe(received[0].ApplicationId);
        }

        results.Values.Count(r => r.Status == ApplicationStatus.AlreadyApplied).ShouldBe(Duplicates);
        book.Count.ShouldBe(Applications - Duplicates);

        var expected = byHousehold.Sum(h => 10_000L * households[h.Key].Count);
        results.Values.Sum(r => r.Amount ?? 0).ShouldBe(expected);
        foreach (var result in results.Values.Where(r => r.Status == ApplicationStatus.Received))
        {
            result.Amount.ShouldBe(10_000L * households[result.Decision.HouseholdId!].Count);
        }

        // Both channels collide: some duplicates came through the other channel than the claim that holds.
        var channels = applications.ToDictionary(a => a.Id, a => a.Channel, StringComparer.Ordinal);
        results.Values.Count(r => r.Status == ApplicationStatus.AlreadyApplied && r.Claim!.Channel != channels[r.ApplicationId])
            .ShouldBeGreaterThan(0);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Applications} applications, {book.Count} households received, {Duplicates} told 'already applied', {expected:N0} points, in {elapsed.TotalMilliseconds:F0} ms"));
    }

    private static (ResidentRegister Register, Dictionary<string, List<Resident>> Households) GenerateTown(Random random)
    {
        // 1,050 × 1 + 1,200 × 2 + 450 × 3 + 300 × 4 = 6,000 residents in 3,000 households.
        var sizes = Enumerable.Repeat(1, 1_050).Concat(Enumerable.Repeat(2, 1_200)).Concat(Enumerable.Repeat(3, 450)).Concat(Enumerable.Repeat(4, 300)).ToArray();
        random.Shuffle(sizes);
        var taken = new HashSet<(string, DateOnly)>();
        var households = new Dictionary<string, List<Resident>>(StringComparer.Ordinal);
        var residentNumber = 0;
        for (var h = 0; h < sizes.Length; h++)
        {
            var householdId = string.Create(CultureInfo.InvariantCulture, $"S{h + 1:D5}");
            var family = FamilyNames[random.Next(FamilyNames.Length)];
            var address = string.Create(CultureInfo.InvariantCulture, $"{TohmaAddress}字{(h % 7) + 1}区{h + 1}番地");
            var members = new List<Resident>(sizes[h]);
            for (var m = 0; m < sizes[h]; m++)
            {
                string name;
                DateOnly born;
                do
                {
                    name = $"{family} {GivenNames[random.Next(GivenNames.Length)]}";
                    born = new DateOnly(1935, 1, 1).AddDays(random.Next(32_000));
                }
                while (!taken.Add((name, born)));

                residentNumber++;
                members.Add(new Resident(
                    string.Create(CultureInfo.InvariantCulture, $"A{residentNumber:D6}"),
                    householdId,
                    name,
                    born,
                    random.Next(2) == 0 ? JpkiGender.Male : JpkiGender.Female,
                    address,
                    isHeadOfHousehold: m == 0));
            }

            households.Add(householdId, members);
        }

        return (ResidentRegister.Create(households.Values.SelectMany(m => m)), households);
    }

    private static List<Application> GenerateApplications(Random random, Dictionary<string, List<Resident>> households)
    {
        var ids = households.Keys.ToArray();
        random.Shuffle(ids);
        var applying = ids.Take(Applications - Duplicates).ToList();
        var opens = new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.FromHours(9));
        var applications = new List<Application>(Applications);
        foreach (var household in applying)
        {
            applications.Add(NewApplication(household));
        }

        // Duplicates: another member (or the same one again) of a household that applies, often through the other channel.
        for (var d = 0; d < Duplicates; d++)
        {
            applications.Add(NewApplication(applying[random.Next(applying.Count)]));
        }

        var shuffled = applications.ToArray();
        random.Shuffle(shuffled);
        return [.. shuffled.Select((a, i) => a with { Id = string.Create(CultureInfo.InvariantCulture, $"APP-{i + 1:D5}") })];

        Application NewApplication(string household)
        {
            var members = households[household];
            return new Application(
                string.Empty,
                members[random.Next(members.Count)],
                random.Next(10) < 7 ? ApplicationChannel.Line : ApplicationChannel.Counter,
                opens.AddMinutes(random.Next(60 * 24 * 30)));
        }
    }

    private sealed record Application(string Id, Resident Applicant, ApplicationChannel Channel, DateTimeOffset ReceivedAt)
    {
        public override string ToString() => Id;
    }
}
