using System.Globalization;
using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>
/// Builds a <see cref="BenefitProgram"/> in code: the same model, and the same validation, as
/// <see cref="BenefitProgramJson"/> — a mistake is one <see cref="EligibilityFormatException"/> naming the field as the
/// JSON path it would have in a program file (<c>$.amount.perPerson</c>). Custom rules can only be added here.
/// </summary>
public sealed class BenefitProgramBuilder
{
    /// <summary>The longest program id.</summary>
    public const int MaxIdLength = 64;

    private readonly string _id;
    private readonly string _name;
    private readonly DateOnly _referenceDate;
    private readonly List<ResidencyArea> _areas = [];
    private readonly List<AgeBand> _ageBands = [];
    private readonly List<ProgramCohort> _cohorts = [];
    private readonly List<JpkiGender> _genders = [];
    private readonly List<CustomEligibilityRule> _rules = [];
    private readonly List<ApplicationChannel> _channels = [];
    private int? _fiscalYear;
    private BenefitUnit? _unit;
    private ProgramAmount? _amount;
    private ApplicationWindow? _window;
    private ProgramKeySpec? _key;
    private string? _contact;

    /// <summary>Starts a program.</summary>
    /// <param name="id">The id: ASCII letters, digits, <c>-</c>, <c>_</c>, <c>.</c>; at most <see cref="MaxIdLength"/> characters.</param>
    /// <param name="name">The name in Japanese, as residents see it.</param>
    /// <param name="referenceDate">基準日.</param>
    public BenefitProgramBuilder(string id, string name, DateOnly referenceDate)
    {
        _id = id ?? string.Empty;
        _name = name ?? string.Empty;
        _referenceDate = referenceDate;
    }

    /// <summary>One claim and one amount per person.</summary>
    public BenefitProgramBuilder PerPerson()
    {
        _unit = BenefitUnit.Person;
        return this;
    }

    /// <summary>One claim per household, paid to the representative.</summary>
    public BenefitProgramBuilder PerHousehold()
    {
        _unit = BenefitUnit.Household;
        return this;
    }

    /// <summary>Sets the unit.</summary>
    public BenefitProgramBuilder ForUnit(BenefitUnit unit)
    {
        _unit = unit;
        return this;
    }

    /// <summary>Counts cohorts for this fiscal year (年度) instead of the reference date's.</summary>
    public BenefitProgramBuilder ForFiscalYear(int fiscalYear)
    {
        _fiscalYear = fiscalYear;
        return this;
    }

    /// <summary>
    /// Adds a residency area: a municipality, optionally some of its towns, resolved against the address data
    /// (<see cref="ResidencyArea.Parse"/>) and stored as the data spells it: <c>当麻町</c> becomes <c>上川郡当麻町</c>. A
    /// designated city without its ward (<c>札幌市</c>) is refused: add each ward.
    /// </summary>
    /// <exception cref="EligibilityFormatException">The municipality or a town is not in the address data (or fits several places); the field is <c>$.eligibility.residency[i].municipality</c> or <c>….towns[k]</c>.</exception>
    public BenefitProgramBuilder ResidentsOf(string prefecture, string municipality, params IEnumerable<string> towns) =>
        ResidentsOf(ResolveArea(prefecture, municipality, towns, string.Create(CultureInfo.InvariantCulture, $"$.eligibility.residency[{_areas.Count}]")));

    /// <summary>Resolves an area against the address data; errors name <paramref name="path"/> (the area's JSON path).</summary>
    internal static ResidencyArea ResolveArea(string prefecture, string municipality, IEnumerable<string>? towns, string path)
    {
        if (string.IsNullOrWhiteSpace(prefecture))
        {
            throw Error(path + ".prefecture", "must be a non-empty string");
        }

        if (string.IsNullOrWhiteSpace(municipality))
        {
            throw Error(path + ".municipality", "must be a non-empty string");
        }

        try
        {
            var area = ResidencyArea.Parse(prefecture.Trim() + municipality.Trim(), towns);
            if (area.Prefecture != prefecture.Trim())
            {
                throw Error(path + ".prefecture", $"the municipality lies in {area.Prefecture}, not in the prefecture given.");
            }

            return area;
        }
        catch (EligibilityFormatException e) when (e.Field is { } field && !field.StartsWith('$'))
        {
            // Parse names "area" or "towns[k]" and quotes only place names of the address data, never the text given.
            var message = e.Message.StartsWith(field + ": ", StringComparison.Ordinal) ? e.Message[(field.Length + 2)..] : e.Message;
            throw Error(field == "area" ? path + ".municipality" : path + "." + field, message);
        }
    }

    /// <summary>Adds a residency area.</summary>
    public BenefitProgramBuilder ResidentsOf(ResidencyArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        _areas.Add(area);
        return this;
    }

    /// <summary>Adds an age band (age on the reference date, both ends inclusive; null = open).</summary>
    public BenefitProgramBuilder AgedBetween(int? minAge, int? maxAge)
    {
        _ageBands.Add(new AgeBand(minAge, maxAge));
        return this;
    }

    /// <summary>Adds a cohort of the program's fiscal year.</summary>
    public BenefitProgramBuilder InCohort(ProgramCohort cohort)
    {
        _cohorts.Add(cohort);
        return this;
    }

    /// <summary>Adds a gender (only when a program must: most never do).</summary>
    public BenefitProgramBuilder OfGender(JpkiGender gender)
    {
        _genders.Add(gender);
        return this;
    }

    /// <summary>Adds a condition written in code.</summary>
    public BenefitProgramBuilder Require(CustomEligibilityRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _rules.Add(rule);
        return this;
    }

    /// <summary>Sets the amount.</summary>
    public BenefitProgramBuilder WithAmount(ProgramAmount amount)
    {
        ArgumentNullException.ThrowIfNull(amount);
        _amount = amount;
        return this;
    }

    /// <summary>A fixed amount per beneficiary.</summary>
    public BenefitProgramBuilder FixedAmount(long yen, PaidAs paidAs = PaidAs.Yen) => WithAmount(ProgramAmount.Fixed(yen, paidAs));

    /// <summary>An amount per person (per counted household member for per-household programs).</summary>
    public BenefitProgramBuilder AmountPerPerson(long yen, PaidAs paidAs = PaidAs.Yen) => WithAmount(ProgramAmount.PerPerson(yen, paidAs));

    /// <summary>Accepts applications from <paramref name="opens"/> (inclusive) until <paramref name="closes"/> (exclusive).</summary>
    public BenefitProgramBuilder AcceptApplications(DateTimeOffset opens, DateTimeOffset closes)
    {
        _window = new ApplicationWindow(opens, closes);
        return this;
    }

    /// <summary>Accepts applications on whole days, Japan time, both inclusive.</summary>
    public BenefitProgramBuilder AcceptApplicationDays(DateOnly firstDay, DateOnly lastDay)
    {
        _window = ApplicationWindow.FromDays(firstDay, lastDay);
        return this;
    }

    /// <summary>Adds the channels applications may come through.</summary>
    public BenefitProgramBuilder AcceptChannels(params IEnumerable<ApplicationChannel> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _channels.AddRange(channels);
        return this;
    }

    /// <summary>Makes the program keyed: applications carry a ticket or card number of this spec, each usable once.</summary>
    public BenefitProgramBuilder KeyedBy(ProgramKeySpec key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        return this;
    }

    /// <summary>Where residents ask (e.g. <c>当麻町役場 福祉課</c>), used in the messages.</summary>
    public BenefitProgramBuilder ContactAt(string contact)
    {
        _contact = contact;
        return this;
    }

    /// <summary>Validates and builds the program.</summary>
    /// <exception cref="EligibilityFormatException">A field is missing or wrong; <see cref="EligibilityFormatException.Field"/> is its JSON path.</exception>
    public BenefitProgram Build()
    {
        if (_id.Length == 0 || _id.Length > MaxIdLength || !_id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw Error("$.id", $"must be 1–{MaxIdLength} ASCII letters, digits, '-', '_' or '.'");
        }

        if (string.IsNullOrWhiteSpace(_name) || _name.Length > 200)
        {
            throw Error("$.name", "must be a non-empty string of at most 200 characters");
        }

        if (_fiscalYear is { } fy && (fy < 1900 || fy > 2200))
        {
            throw Error("$.fiscalYear", "must be a year between 1900 and 2200");
        }

        if (_unit is not { } unit || !Enum.IsDefined(unit))
        {
            throw Error("$.unit", "is required: \"person\" or \"household\"");
        }

        if (_areas.Count == 0)
        {
            throw Error("$.eligibility.residency", "must name at least one area (prefecture and municipality)");
        }

        for (var i = 0; i < _ageBands.Count; i++)
        {
            var band = _ageBands[i];
            var path = Path("$.eligibility.ageBands", i);
            if (band.MinAge is null && band.MaxAge is null)
            {
                throw Error(path, "must have minAge, maxAge or both");
            }

            CheckAge(band.MinAge, path + ".minAge");
            CheckAge(band.MaxAge, path + ".maxAge");
            if (band.MinAge > band.MaxAge)
            {
                throw Error(path + ".maxAge", "must not be less than minAge");
            }
        }

        CheckDistinct(_cohorts, "$.eligibility.cohorts", c => Enum.IsDefined(c));
        CheckDistinct(_genders, "$.eligibility.genders", g => Enum.IsDefined(g));

        var amount = _amount ?? throw Error("$.amount", "is required: one of fixed, perPerson, byAge or byHouseholdSize");
        CheckAmount(amount, unit);

        var window = _window ?? throw Error("$.applicationWindow", "is required (from and to)");
        if (window.Closes <= window.Opens)
        {
            throw Error("$.applicationWindow.to", "must be after from");
        }

        if (_channels.Count == 0)
        {
            throw Error("$.channels", "must name at least one channel (line, counter, mail)");
        }

        CheckDistinct(_channels, "$.channels", _ => true);

        if (_contact is { } contact && (string.IsNullOrWhiteSpace(contact) || contact.Length > 100))
        {
            throw Error("$.contact", "must be a non-empty string of at most 100 characters");
        }

        var eligibility = new ProgramEligibility([.. _areas], [.. _ageBands], [.. _cohorts], [.. _genders], [.. _rules]);
        return new BenefitProgram(
            _id,
            _name,
            _referenceDate,
            _fiscalYear ?? JapaneseAge.FiscalYearOf(_referenceDate),
            _fiscalYear is not null,
            unit,
            eligibility,
            amount,
            window,
            [.. _channels],
            _key,
            _contact);
    }

    internal static string Path(string array, int index) => string.Create(CultureInfo.InvariantCulture, $"{array}[{index}]");

    private static void CheckAmount(ProgramAmount amount, BenefitUnit unit)
    {
        if (!Enum.IsDefined(amount.PaidAs))
        {
            throw Error("$.amount.paidAs", "must be \"yen\" or \"points\"");
        }

        switch (amount.Kind)
        {
            case AmountKind.Fixed:
                CheckYen(amount.Yen, "$.amount.fixed");
                return;
            case AmountKind.PerPerson:
                CheckYen(amount.Yen, "$.amount.perPerson");
                return;
        }

        var (table, floor, what) = amount.Kind == AmountKind.ByAge ? ("$.amount.byAge", 0, "Age") : ("$.amount.byHouseholdSize", 1, "Members");
        if (amount.Kind == AmountKind.ByHouseholdSize && unit != BenefitUnit.Household)
        {
            throw Error(table, "is only for \"unit\": \"household\"");
        }

        if (amount.Rows.Count == 0)
        {
            throw Error(table, "must have at least one row");
        }

        for (var i = 0; i < amount.Rows.Count; i++)
        {
            var row = amount.Rows[i];
            var path = Path(table, i);
            if (row.Min is null && row.Max is null)
            {
                throw Error(path, $"must have min{what}, max{what} or both");
            }

            if (row.Min is { } min && (min < floor || min > 150))
            {
                throw Error($"{path}.min{what}", $"must be an integer from {floor} to 150");
            }

            if (row.Max is { } max && (max < floor || max > 150))
            {
                throw Error($"{path}.max{what}", $"must be an integer from {floor} to 150");
            }

            if (row.Min > row.Max)
            {
                throw Error($"{path}.max{what}", $"must not be less than min{what}");
            }

            CheckYen(row.Yen, path + ".yen");
            for (var j = 0; j < i; j++)
            {
                var other = amount.Rows[j];
                if ((row.Min ?? int.MinValue) <= (other.Max ?? int.MaxValue) && (other.Min ?? int.MinValue) <= (row.Max ?? int.MaxValue))
                {
                    throw Error(path, string.Create(CultureInfo.InvariantCulture, $"overlaps row {j}"));
                }
            }
        }
    }

    private static void CheckYen(long yen, string path)
    {
        if (yen <= 0 || yen > ProgramAmount.MaxYen)
        {
            throw Error(path, "must be a positive integer (yen) of at most 100000000");
        }
    }

    private static void CheckAge(int? age, string path)
    {
        if (age is { } a && (a < 0 || a > 150))
        {
            throw Error(path, "must be an integer from 0 to 150");
        }
    }

    private static void CheckDistinct<T>(List<T> items, string path, Func<T, bool> isKnown)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (!isKnown(items[i]))
            {
                throw Error(Path(path, i), "is not a known value");
            }

            if (items.IndexOf(items[i]) != i)
            {
                throw Error(Path(path, i), "is listed twice");
            }
        }
    }

    private static EligibilityFormatException Error(string field, string message) => new(field, message);
}
