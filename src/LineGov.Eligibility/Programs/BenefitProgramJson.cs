using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>
/// Reads and writes programs as JSON (the schema is docs/eligibility/program-schema.md). Reading validates everything: a
/// program that does not follow the schema is ONE <see cref="EligibilityFormatException"/> naming the first field at
/// fault as a JSON path — <c>$.amount.perPerson: must be a positive integer (yen) of at most 100000000</c> — whether the
/// value is of the wrong type, out of range, an unknown enum value, a date that is not a date, or missing. Unknown
/// properties are errors too (a misspelt optional field must not be silently ignored).
/// </summary>
/// <example>
/// <code>
/// await using var file = File.OpenRead("tohma-points.json");
/// var program = await BenefitProgramJson.ReadAsync(file);
/// </code>
/// </example>
public static class BenefitProgramJson
{
    /// <summary>The largest program file read (a program is a few KB; anything bigger is the wrong file).</summary>
    public const int MaxLength = 1 << 20;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",

        // Program files are read by people (and never embedded in HTML): keep the Japanese readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses a program from JSON text.</summary>
    /// <exception cref="EligibilityFormatException">The JSON is malformed or does not follow the schema.</exception>
    public static BenefitProgram Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxLength)
        {
            throw TooLarge();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw NotJson(e);
        }

        using (document)
        {
            return FromElement(document.RootElement);
        }
    }

    /// <summary>Reads a program from a UTF-8 stream (BOM allowed), at most <see cref="MaxLength"/> bytes.</summary>
    /// <exception cref="EligibilityFormatException">The JSON is malformed, too large, or does not follow the schema.</exception>
    public static async Task<BenefitProgram> ReadAsync(Stream json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var read = await json.ReadAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxLength)
            {
                throw TooLarge();
            }
        }

        var bytes = buffer.WrittenMemory;
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw NotJson(e);
        }

        using (document)
        {
            return FromElement(document.RootElement);
        }
    }

    /// <summary>
    /// Writes a program as JSON (indented, Japanese unescaped). Reading it back gives the same program. Whole-day windows
    /// are written as dates.
    /// </summary>
    /// <exception cref="NotSupportedException">The program has custom rules: they are code and cannot be written as data.</exception>
    public static string ToJson(BenefitProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, program);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>Writes <see cref="ToJson"/>'s UTF-8 (no BOM) to <paramref name="destination"/>.</summary>
    public static async Task WriteAsync(BenefitProgram program, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var bytes = System.Text.Encoding.UTF8.GetBytes(ToJson(program));
        await destination.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    private static EligibilityFormatException TooLarge() =>
        new("$", string.Create(CultureInfo.InvariantCulture, $"the program is larger than {MaxLength} bytes; is it the right file?"));

    // JsonException's message quotes no input, only the position: safe to pass on.
    private static EligibilityFormatException NotJson(JsonException e) =>
        new(string.IsNullOrEmpty(e.Path) ? "$" : e.Path, string.Create(
            CultureInfo.InvariantCulture,
            $"not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1} of the line)"));

    private static BenefitProgram FromElement(JsonElement root)
    {
        var obj = new JsonObjectReader(root, "$", "id", "name", "referenceDate", "fiscalYear", "unit", "eligibility", "amount", "applicationWindow", "channels", "key", "contact");
        var builder = new BenefitProgramBuilder(obj.RequiredString("id"), obj.RequiredString("name"), obj.RequiredDate("referenceDate"));
        if (obj.OptionalInt("fiscalYear", "must be a year (an integer)") is { } fiscalYear)
        {
            builder.ForFiscalYear(fiscalYear);
        }

        builder.ForUnit(obj.RequiredEnum("unit", Units));

        var eligibility = obj.RequiredObject("eligibility", "residency", "ageBands", "cohorts", "genders");
        foreach (var area in eligibility.RequiredArray("residency"))
        {
            var a = area.AsObject("prefecture", "municipality", "towns");
            var towns = a.OptionalArray("towns").Select(t => t.AsString()).ToList();
            builder.ResidentsOf(BenefitProgramBuilder.ResolveArea(a.RequiredString("prefecture"), a.RequiredString("municipality"), towns, area.Path));
        }

        foreach (var band in eligibility.OptionalArray("ageBands"))
        {
            var b = band.AsObject("minAge", "maxAge");
            builder.AgedBetween(b.OptionalInt("minAge", "must be an integer from 0 to 150"), b.OptionalInt("maxAge", "must be an integer from 0 to 150"));
        }

        foreach (var cohort in eligibility.OptionalArray("cohorts"))
        {
            builder.InCohort(cohort.AsEnum(Cohorts));
        }

        foreach (var gender in eligibility.OptionalArray("genders"))
        {
            builder.OfGender(gender.AsEnum(Genders));
        }

        builder.WithAmount(ReadAmount(obj.RequiredObject("amount", "fixed", "perPerson", "byAge", "byHouseholdSize", "paidAs")));

        var window = obj.RequiredObject("applicationWindow", "from", "to");
        var (opens, _) = window.RequiredInstant("from");
        var (closes, closesIsDate) = window.RequiredInstant("to");

        // A date alone as "to" is the last day accepted: the window closes at the end of it.
        builder.AcceptApplications(opens, closesIsDate ? closes.AddDays(1) : closes);

        foreach (var channel in obj.RequiredArray("channels"))
        {
            builder.AcceptChannels(channel.AsEnum(Channels));
        }

        if (obj.OptionalObject("key", "kind", "length", "checkDigit") is { } key)
        {
            var kind = key.RequiredEnum("kind", KeyKinds);
            var length = key.RequiredInt("length", string.Create(CultureInfo.InvariantCulture, $"must be an integer from {ProgramKeySpec.MinLength} to {ProgramKeySpec.MaxLength} (digits, the check digit included)"));
            if (length is < ProgramKeySpec.MinLength or > ProgramKeySpec.MaxLength)
            {
                throw new EligibilityFormatException(key.PathOf("length"), string.Create(CultureInfo.InvariantCulture, $"must be an integer from {ProgramKeySpec.MinLength} to {ProgramKeySpec.MaxLength} (digits, the check digit included)"));
            }

            var scheme = key.OptionalEnum("checkDigit", CheckDigitSchemes);
            builder.KeyedBy(new ProgramKeySpec(kind, length, scheme));
        }

        if (obj.OptionalString("contact") is { } contact)
        {
            builder.ContactAt(contact);
        }

        return builder.Build();
    }

    private static ProgramAmount ReadAmount(JsonObjectReader amount)
    {
        string[] kinds = ["fixed", "perPerson", "byAge", "byHouseholdSize"];
        var given = kinds.Where(amount.Has).ToList();
        if (given.Count != 1)
        {
            throw new EligibilityFormatException(amount.Path, given.Count == 0
                ? "must have one of fixed, perPerson, byAge or byHouseholdSize"
                : $"must have only one of fixed, perPerson, byAge or byHouseholdSize (found {string.Join(" and ", given)})");
        }

        var paidAs = amount.OptionalEnum("paidAs", PaidAsValues) ?? PaidAs.Yen;
        const string Yen = "must be a positive integer (yen) of at most 100000000";
        switch (given[0])
        {
            case "fixed":
                return ProgramAmount.Fixed(amount.RequiredLong("fixed", Yen), paidAs);
            case "perPerson":
                return ProgramAmount.PerPerson(amount.RequiredLong("perPerson", Yen), paidAs);
            case "byAge":
                return ProgramAmount.ByAge(ReadRows(amount.RequiredArray("byAge"), "minAge", "maxAge"), paidAs);
            default:
                return ProgramAmount.ByHouseholdSize(ReadRows(amount.RequiredArray("byHouseholdSize"), "minMembers", "maxMembers"), paidAs);
        }

        static List<AmountTableRow> ReadRows(IEnumerable<JsonValueReader> rows, string min, string max) =>
            [.. rows.Select(r =>
            {
                var row = r.AsObject(min, max, "yen");
                return new AmountTableRow(
                    row.OptionalInt(min, "must be an integer from 0 to 150"),
                    row.OptionalInt(max, "must be an integer from 0 to 150"),
                    row.RequiredLong("yen", Yen));
            })];
    }

    private static void Write(Utf8JsonWriter json, BenefitProgram program)
    {
        if (program.Eligibility.CustomRules.Count > 0)
        {
            throw new NotSupportedException("The program has custom rules: they are code and cannot be written as JSON.");
        }

        json.WriteStartObject();
        json.WriteString("id", program.Id);
        json.WriteString("name", program.Name);
        json.WriteString("referenceDate", IsoDate(program.ReferenceDate));
        if (program.IsFiscalYearExplicit)
        {
            json.WriteNumber("fiscalYear", program.FiscalYear);
        }

        json.WriteString("unit", NameOf(Units, program.Unit));

        json.WriteStartObject("eligibility");
        json.WriteStartArray("residency");
        foreach (var area in program.Eligibility.Areas)
        {
            json.WriteStartObject();
            json.WriteString("prefecture", area.Prefecture);
            json.WriteString("municipality", area.Municipality);
            if (area.Towns.Count > 0)
            {
                json.WriteStartArray("towns");
                foreach (var town in area.Towns)
                {
                    json.WriteStringValue(town);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (program.Eligibility.AgeBands.Count > 0)
        {
            json.WriteStartArray("ageBands");
            foreach (var band in program.Eligibility.AgeBands)
            {
                json.WriteStartObject();
                WriteOptional(json, "minAge", band.MinAge);
                WriteOptional(json, "maxAge", band.MaxAge);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        WriteNames(json, "cohorts", Cohorts, program.Eligibility.Cohorts);
        WriteNames(json, "genders", Genders, program.Eligibility.Genders);
        json.WriteEndObject();

        json.WriteStartObject("amount");
        var amount = program.Amount;
        switch (amount.Kind)
        {
            case AmountKind.Fixed:
                json.WriteNumber("fixed", amount.Yen);
                break;
            case AmountKind.PerPerson:
                json.WriteNumber("perPerson", amount.Yen);
                break;
            default:
                var (name, min, max) = amount.Kind == AmountKind.ByAge ? ("byAge", "minAge", "maxAge") : ("byHouseholdSize", "minMembers", "maxMembers");
                json.WriteStartArray(name);
                foreach (var row in amount.Rows)
                {
                    json.WriteStartObject();
                    WriteOptional(json, min, row.Min);
                    WriteOptional(json, max, row.Max);
                    json.WriteNumber("yen", row.Yen);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
        }

        json.WriteString("paidAs", NameOf(PaidAsValues, amount.PaidAs));
        json.WriteEndObject();

        json.WriteStartObject("applicationWindow");
        var window = program.ApplicationWindow;
        json.WriteString("from", IsWholeDay(window.Opens) ? IsoDate(DateOnly.FromDateTime(window.Opens.DateTime)) : IsoInstant(window.Opens));
        json.WriteString("to", IsWholeDay(window.Closes) ? IsoDate(DateOnly.FromDateTime(window.Closes.DateTime).AddDays(-1)) : IsoInstant(window.Closes));
        json.WriteEndObject();

        json.WriteStartArray("channels");
        foreach (var channel in program.Channels)
        {
            json.WriteStringValue(channel.Value);
        }

        json.WriteEndArray();

        if (program.Key is { } key)
        {
            json.WriteStartObject("key");
            json.WriteString("kind", NameOf(KeyKinds, key.Kind));
            json.WriteNumber("length", key.Length);
            json.WriteString("checkDigit", NameOf(CheckDigitSchemes, key.CheckDigit));
            json.WriteEndObject();
        }

        if (program.Contact is { } contact)
        {
            json.WriteString("contact", contact);
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    private static void WriteNames<T>(Utf8JsonWriter json, string name, (string Name, T Value)[] table, IReadOnlyList<T> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(NameOf(table, value));
        }

        json.WriteEndArray();
    }

    private static string NameOf<T>((string Name, T Value)[] table, T value) =>
        Array.Find(table, e => EqualityComparer<T>.Default.Equals(e.Value, value)).Name ?? throw new NotSupportedException("The value has no JSON name.");

    private static bool IsWholeDay(DateTimeOffset instant) => instant.ToOffset(ApplicationWindow.JapanOffset).TimeOfDay == TimeSpan.Zero;

    private static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string IsoInstant(DateTimeOffset instant) =>
        instant.ToOffset(ApplicationWindow.JapanOffset).ToString("yyyy-MM-dd'T'HH:mm:ss'+09:00'", CultureInfo.InvariantCulture);

    internal static readonly (string Name, BenefitUnit Value)[] Units = [("person", BenefitUnit.Person), ("household", BenefitUnit.Household)];

    internal static readonly (string Name, ProgramCohort Value)[] Cohorts =
        [("eighteenOrUnder", ProgramCohort.EighteenOrUnder), ("highSchoolGeneration", ProgramCohort.HighSchoolGeneration)];

    internal static readonly (string Name, JpkiGender Value)[] Genders =
        [("male", JpkiGender.Male), ("female", JpkiGender.Female), ("unknown", JpkiGender.Unknown)];

    internal static readonly (string Name, PaidAs Value)[] PaidAsValues = [("yen", PaidAs.Yen), ("points", PaidAs.Points)];

    internal static readonly (string Name, ApplicationChannel Value)[] Channels =
        [("line", ApplicationChannel.Line), ("counter", ApplicationChannel.Counter), ("mail", ApplicationChannel.Mail)];

    internal static readonly (string Name, ProgramKeyKind Value)[] KeyKinds = [("ticket", ProgramKeyKind.Ticket), ("card", ProgramKeyKind.Card)];

    internal static readonly (string Name, CheckDigitScheme Value)[] CheckDigitSchemes =
        [("damm", CheckDigitScheme.Damm), ("luhn", CheckDigitScheme.Luhn), ("none", CheckDigitScheme.None)];
}

/// <summary>A JSON value at a path, read with errors that name the path.</summary>
internal readonly struct JsonValueReader(JsonElement element, string path)
{
    public JsonElement Element { get; } = element;

    public string Path { get; } = path;

    public JsonObjectReader AsObject(params string[] known) => new(Element, Path, known);

    public string AsString()
    {
        if (Element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(Element.GetString()))
        {
            throw new EligibilityFormatException(Path, "must be a non-empty string");
        }

        return Element.GetString()!;
    }

    public T AsEnum<T>((string Name, T Value)[] table)
    {
        var names = string.Join(", ", table.Select(e => e.Name));
        if (Element.ValueKind != JsonValueKind.String)
        {
            throw new EligibilityFormatException(Path, $"must be one of {names}");
        }

        var text = Element.GetString();
        foreach (var (name, value) in table)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        // The value is a program's own vocabulary, not personal data: naming it helps.
        throw new EligibilityFormatException(Path, $"'{Shorten(text ?? string.Empty)}' is not one of {names}");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}

/// <summary>A JSON object at a path: unknown and duplicate properties are errors; missing required ones too.</summary>
internal sealed class JsonObjectReader
{
    private readonly Dictionary<string, JsonElement> _properties = new(StringComparer.Ordinal);

    public JsonObjectReader(JsonElement element, string path, params string[] known)
    {
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new EligibilityFormatException(path, "must be an object");
        }

        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = PathOf(property.Name);
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new EligibilityFormatException(propertyPath, $"is not a known property (known here: {string.Join(", ", known)})");
            }

            if (!_properties.TryAdd(property.Name, property.Value))
            {
                throw new EligibilityFormatException(propertyPath, "is given twice");
            }
        }
    }

    public string Path { get; }

    public string PathOf(string name) => Path + "." + name;

    public bool Has(string name) => _properties.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public string RequiredString(string name) => Required(name).AsString();

    public string? OptionalString(string name) => Optional(name)?.AsString();

    public DateOnly RequiredDate(string name)
    {
        var value = Required(name);
        if (value.Element.ValueKind != JsonValueKind.String ||
            !DateOnly.TryParseExact(value.Element.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new EligibilityFormatException(value.Path, "must be a date (yyyy-MM-dd)");
        }

        return date;
    }

    /// <summary>A date (<c>2026-12-01</c>, the start of that day in Japan) or an instant (<c>2026-12-01T09:00:00+09:00</c>; Japan time when no offset is given).</summary>
    public (DateTimeOffset Instant, bool IsDate) RequiredInstant(string name)
    {
        var value = Required(name);
        var text = value.Element.ValueKind == JsonValueKind.String ? value.Element.GetString()! : string.Empty;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (ApplicationWindow.StartOfDay(date), true);
        }

        string[] withOffset = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'"];
        if (DateTimeOffset.TryParseExact(text, withOffset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return (instant, false);
        }

        string[] local = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"];
        if (DateTime.TryParseExact(text, local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var localTime))
        {
            return (new DateTimeOffset(localTime, ApplicationWindow.JapanOffset), false);
        }

        throw new EligibilityFormatException(value.Path, "must be a date (yyyy-MM-dd) or a time (yyyy-MM-ddTHH:mm[:ss][+09:00])");
    }

    public int RequiredInt(string name, string message) => ToInt(Required(name), message);

    public int? OptionalInt(string name, string message) => Optional(name) is { } value ? ToInt(value, message) : null;

    public long RequiredLong(string name, string message)
    {
        var value = Required(name);
        if (value.Element.ValueKind != JsonValueKind.Number || !value.Element.TryGetInt64(out var number))
        {
            throw new EligibilityFormatException(value.Path, message);
        }

        return number;
    }

    public T RequiredEnum<T>(string name, (string Name, T Value)[] table) => Required(name).AsEnum(table);

    public T? OptionalEnum<T>(string name, (string Name, T Value)[] table)
        where T : struct => Optional(name) is { } value ? value.AsEnum(table) : null;

    public JsonObjectReader RequiredObject(string name, params string[] known) => Required(name).AsObject(known);

    public JsonObjectReader? OptionalObject(string name, params string[] known) => Optional(name)?.AsObject(known);

    public IEnumerable<JsonValueReader> RequiredArray(string name) => Elements(Required(name));

    public IEnumerable<JsonValueReader> OptionalArray(string name) => Optional(name) is { } value ? Elements(value) : [];

    private static List<JsonValueReader> Elements(JsonValueReader value)
    {
        if (value.Element.ValueKind != JsonValueKind.Array)
        {
            throw new EligibilityFormatException(value.Path, "must be an array");
        }

        return [.. value.Element.EnumerateArray().Select((e, i) => new JsonValueReader(e, BenefitProgramBuilder.Path(value.Path, i)))];
    }

    private static int ToInt(JsonValueReader value, string message)
    {
        if (value.Element.ValueKind != JsonValueKind.Number || !value.Element.TryGetInt32(out var number))
        {
            throw new EligibilityFormatException(value.Path, message);
        }

        return number;
    }

    private JsonValueReader Required(string name) =>
        Optional(name) ?? throw new EligibilityFormatException(PathOf(name), "is required");

    private JsonValueReader? Optional(string name) =>
        _properties.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? new JsonValueReader(value, PathOf(name)) : null;
}
