using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using LineGov.Eligibility;
using LineGov.Jpki;

namespace LineGov.Benchmarks.Eligibility;

/// <summary>
/// Match 1,000,000 verified identities against a register of 4,000,000 residents (about 1.7 M households) as of a
/// reference date and count the distinct households matched. Baseline: the naive way — a LINQ Join of the identities
/// with the residents on that date over (folded name, date of birth, gender), then Distinct households. LineGov:
/// <see cref="ResidentRegister.Match"/> per identity (ambiguity, near-misses, addresses and alternate characters
/// included) and a HashSet of household ids. Both processes import the same cached CSV with
/// <see cref="ResidentRegisterCsv.ImportAsync"/> first; the "Peak working set" column is each process's peak.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class HouseholdMatch
{
    private ResidentRegister _register = null!;
    private List<Resident> _residents = null!;
    private List<JpkiFourFacts> _identities = null!;
    private int _households;

    [Params(4_000_000)]
    public int Residents { get; set; }

    [Params(1_000_000)]
    public int Identities { get; set; }

    [GlobalSetup(Target = nameof(NaiveLinq))]
    public void SetupNaive()
    {
        SetupIndexed();
        _residents = [.. _register.Residents];
    }

    [GlobalSetup(Target = nameof(Indexed))]
    public void SetupIndexed()
    {
        _register = RegisterCorpus.Load(Residents);
        _identities = RegisterCorpus.Identities(_register, Identities);
    }

    [Benchmark(Baseline = true, Description = "LINQ Join (name, DOB, gender) + Distinct households")]
    public int NaiveLinq() => _households =
        _identities
            .Join(
                _residents.Where(r => r.IsResidentOn(RegisterCorpus.ReferenceDate)),
                i => (JapaneseNames.Fold(i.Name.FullName), i.DateOfBirth.Date, i.Gender),
                r => (JapaneseNames.Fold(r.Name), (DateOnly?)r.DateOfBirth, r.Gender),
                (i, r) => r.HouseholdId)
            .Distinct()
            .Count();

    [Benchmark(Description = "ResidentRegister.Match + HashSet of households")]
    public int Indexed()
    {
        var households = new HashSet<string>(StringComparer.Ordinal);
        foreach (var identity in _identities)
        {
            var match = _register.Match(identity, RegisterCorpus.ReferenceDate);
            if (match.Outcome == ResidentMatchOutcome.Matched)
            {
                households.Add(match.Resident!.HouseholdId);
            }
        }

        return _households = households.Count;
    }

    [GlobalCleanup(Target = nameof(NaiveLinq))]
    public void CleanupNaive() => Report(nameof(NaiveLinq));

    [GlobalCleanup(Target = nameof(Indexed))]
    public void CleanupIndexed() => Report(nameof(Indexed));

    private void Report(string benchmark)
    {
        // The two rows count slightly differently on purpose: the join counts every namesake's household and misses
        // alternate-character names; Match counts only unambiguous matches. Printed so the log shows both.
        Console.WriteLine($"// {benchmark}: {_households:N0} distinct households from {_identities.Count:N0} identities");
        ProcessMemory.Report($"{nameof(HouseholdMatch)}.{benchmark}");
    }

    private sealed class Columns : BenchmarkDotNet.Configs.ManualConfig
    {
        public Columns() => AddColumn(new PeakMemoryColumn());
    }
}

/// <summary>
/// One warm single-identity lookup in the same 4,000,000-resident register, cycling over 1,024 identities of residents
/// so that caches are not flattered. Target: ≤ 5 µs. Baseline: a LINQ scan of the residents for that identity.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class HouseholdMatchWarmLookup
{
    private ResidentRegister _register = null!;
    private List<Resident> _residents = null!;
    private JpkiFourFacts[] _sample = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _register = RegisterCorpus.Load(4_000_000);
        _residents = [.. _register.Residents];
        _sample = [.. RegisterCorpus.Identities(_register, 20_000, seed: 11)
            .Where(i => _register.Match(i, RegisterCorpus.ReferenceDate).Outcome == ResidentMatchOutcome.Matched)
            .Take(1024)];
    }

    [Benchmark(Baseline = true, Description = "LINQ scan of List<Resident> for one identity")]
    public Resident? Scan()
    {
        var identity = _sample[_next++ & 1023];
        var folded = JapaneseNames.Fold(identity.Name.FullName);
        return _residents
            .Where(r => r.DateOfBirth == identity.DateOfBirth.Date && r.Gender == identity.Gender && r.IsResidentOn(RegisterCorpus.ReferenceDate))
            .FirstOrDefault(r => JapaneseNames.Fold(r.Name) == folded);
    }

    [Benchmark(Description = "ResidentRegister.Match, warm")]
    public Resident? Match() => _register.Match(_sample[_next++ & 1023], RegisterCorpus.ReferenceDate).Resident;

    [GlobalCleanup(Target = nameof(Scan))]
    public void CleanupScan() => ProcessMemory.Report($"{nameof(HouseholdMatchWarmLookup)}.{nameof(Scan)}");

    [GlobalCleanup(Target = nameof(Match))]
    public void CleanupMatch() => ProcessMemory.Report($"{nameof(HouseholdMatchWarmLookup)}.{nameof(Match)}");

    private sealed class Columns : BenchmarkDotNet.Configs.ManualConfig
    {
        public Columns() => AddColumn(new PeakMemoryColumn());
    }
}
