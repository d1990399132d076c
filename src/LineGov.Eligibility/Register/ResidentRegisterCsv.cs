using System.Text;
using LineGov.Jpki;

namespace LineGov.Eligibility;

/// <summary>The result of importing a register file: the register of the good rows, and every bad row with its reason.</summary>
public sealed class RegisterImportResult
{
    /// <summary>Creates a result.</summary>
    public RegisterImportResult(ResidentRegister register, long rowsRead, IReadOnlyList<RegisterRowError> errors)
    {
        Register = register;
        RowsRead = rowsRead;
        Errors = errors;
    }

    /// <summary>The register of the rows that were imported.</summary>
    public ResidentRegister Register { get; }

    /// <summary>Data rows read (header excluded).</summary>
    public long RowsRead { get; }

    /// <summary>The rows not imported, in file order.</summary>
    public IReadOnlyList<RegisterRowError> Errors { get; }
}

/// <summary>
/// Reads the residents register CSV (the layout is documented in the package README): streaming, one error per bad row
/// (line, column, reason), good rows kept.
/// </summary>
/// <remarks>
/// UTF-8 (a BOM is allowed), RFC 4180 quoting, a header row naming the columns in any order. Required columns:
/// <c>resident_id</c>, <c>household_id</c>, <c>name</c>, <c>date_of_birth</c>, <c>gender</c>, <c>address</c>; optional:
/// <c>name_kana</c>, <c>relationship</c>, <c>head_of_household</c>, <c>became_resident_on</c>, <c>removed_on</c>; other
/// columns are ignored. A My Number column (<c>my_number</c>, <c>個人番号</c>, <c>マイナンバー</c>) is refused so that it is
/// never read. Values are trimmed; repeated values (household ids, addresses, names) are stored once.
/// </remarks>
public static class ResidentRegisterCsv
{
    /// <summary>Header names of the columns.</summary>
    internal static class Columns
    {
        public const string ResidentId = "resident_id";
        public const string HouseholdId = "household_id";
        public const string Name = "name";
        public const string NameKana = "name_kana";
        public const string DateOfBirth = "date_of_birth";
        public const string Gender = "gender";
        public const string Address = "address";
        public const string Relationship = "relationship";
        public const string HeadOfHousehold = "head_of_household";
        public const string BecameResidentOn = "became_resident_on";
        public const string RemovedOn = "removed_on";
    }

    private const int ProgressEvery = 1 << 16;
    private const int MaxIdLength = 64;

    /// <summary>Imports a register from UTF-8 (BOM allowed) CSV.</summary>
    /// <param name="csv">The file's content.</param>
    /// <param name="progress">Receives the number of data rows read so far, now and then.</param>
    /// <param name="cancellationToken">Stops the import.</param>
    /// <exception cref="EligibilityFormatException">The header is missing or lacks a required column, or the file has a My Number column.</exception>
    public static async Task<RegisterImportResult> ImportAsync(Stream csv, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var text = new StreamReader(csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var reader = new CsvRecordReader(text);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.IsBlankLine)
        {
            throw new EligibilityFormatException("header", "The register file has no header row naming its columns.");
        }

        var layout = Layout.FromHeader(reader);
        var importer = new RowImporter(layout);
        long rowsRead = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.IsBlankLine)
            {
                continue;
            }

            rowsRead++;
            importer.Import(reader);
            if (rowsRead % ProgressEvery == 0)
            {
                progress?.Report(rowsRead);
            }
        }

        progress?.Report(rowsRead);
        var register = importer.Build();
        if (importer.RejectedHouseholds.Count > 0)
        {
            register.RejectedHouseholds = importer.RejectedHouseholds;
        }

        return new RegisterImportResult(register, rowsRead, importer.Errors);
    }

    /// <summary>Where each known column is in the file.</summary>
    private sealed class Layout
    {
        public required int FieldCount { get; init; }

        public required string[] Names { get; init; }

        public required int ResidentId { get; init; }

        public required int HouseholdId { get; init; }

        public required int Name { get; init; }

        public required int DateOfBirth { get; init; }

        public required int Gender { get; init; }

        public required int Address { get; init; }

        public int NameKana { get; init; } = -1;

        public int Relationship { get; init; } = -1;

        public int HeadOfHousehold { get; init; } = -1;

        public int BecameResidentOn { get; init; } = -1;

        public int RemovedOn { get; init; } = -1;

        public static Layout FromHeader(CsvRecordReader header)
        {
            if (header.Problem is { } problem)
            {
                throw new EligibilityFormatException("header", $"The header row is malformed: {problem}.");
            }

            var names = new string[header.FieldCount];
            var positions = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                var written = header.Field(i).Trim().ToString();
                var name = written.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
                if (IsMyNumber(name))
                {
                    // Refused before any row is read: the number must never enter this process.
                    throw new EligibilityFormatException(written, "A My Number (個人番号) column is never read: export the register without it.");
                }

                names[i] = name.Length == 0 ? "*" : name;
                if (name.Length > 0 && !positions.TryAdd(name, i) && IsKnown(name))
                {
                    throw new EligibilityFormatException(name, "The column appears twice in the header.");
                }
            }

            int Required(string column) => positions.TryGetValue(column, out var position)
                ? position
                : throw new EligibilityFormatException(column, $"The register has no '{column}' column (required; is the first row the header?).");
            int Optional(string column) => positions.GetValueOrDefault(column, -1);

            return new Layout
            {
                FieldCount = names.Length,
                Names = names,
                ResidentId = Required(Columns.ResidentId),
                HouseholdId = Required(Columns.HouseholdId),
                Name = Required(Columns.Name),
                DateOfBirth = Required(Columns.DateOfBirth),
                Gender = Required(Columns.Gender),
                Address = Required(Columns.Address),
                NameKana = Optional(Columns.NameKana),
                Relationship = Optional(Columns.Relationship),
                HeadOfHousehold = Optional(Columns.HeadOfHousehold),
                BecameResidentOn = Optional(Columns.BecameResidentOn),
                RemovedOn = Optional(Columns.RemovedOn),
            };
        }

        private static bool IsMyNumber(string name)
        {
            var compact = name.Replace(" ", string.Empty, StringComparison.Ordinal)
                .Replace("_", string.Empty, StringComparison.Ordinal)
                .Replace("-", string.Empty, StringComparison.Ordinal);
            return compact is "mynumber" or "個人番号" or "マイナンバー";
        }

        private static bool IsKnown(string name) => name is Columns.ResidentId or Columns.HouseholdId or Columns.Name or Columns.NameKana
            or Columns.DateOfBirth or Columns.Gender or Columns.Address or Columns.Relationship or Columns.HeadOfHousehold
            or Columns.BecameResidentOn or Columns.RemovedOn;
    }

    /// <summary>Validates rows and turns the good ones into residents, pooling repeated strings.</summary>
    private sealed class RowImporter(Layout layout)
    {
        private readonly ResidentRegisterBuilder _builder = new();
        private readonly List<long> _lineOfRow = [];
        private readonly StringPool _households = new();
        private readonly StringPool _names = new();
        private readonly StringPool _addresses = new();
        private readonly StringPool _others = new();

        public List<RegisterRowError> Errors { get; } = [];

        /// <summary>The households of the rejected rows: their members on a date may be incomplete.</summary>
        public HashSet<string> RejectedHouseholds { get; } = new(StringComparer.Ordinal);

        public ResidentRegister Build() => _builder.Build();

        public void Import(CsvRecordReader row)
        {
            var error = TryImport(row);
            if (error is null)
            {
                return;
            }

            // A rejected row still belongs to a household, which is now short of a member: remember it, so that a
            // decision counting the household goes to staff instead of silently paying for fewer people.
            if (RejectedHousehold(row) is { } household)
            {
                RejectedHouseholds.Add(household);

                // The error names the household only when the columns are where the header says (otherwise the value
                // read could be another column's, e.g. a name).
                if (row.Problem is null && row.FieldCount == layout.FieldCount)
                {
                    error = new RegisterRowError(error.LineNumber, error.Field, error.Reason, household);
                }
            }

            Errors.Add(error);
        }

        /// <summary>The household id of a rejected row, when the row reached that column intact.</summary>
        private string? RejectedHousehold(CsvRecordReader row)
        {
            var column = layout.HouseholdId;
            if (column >= row.FieldCount || (row.Problem is not null && row.ProblemField <= column))
            {
                return null;
            }

            var householdId = row.Field(column).Trim();
            return householdId.IsEmpty || householdId.Length > MaxIdLength ? null : _households.Get(householdId);
        }

        private RegisterRowError? TryImport(CsvRecordReader row)
        {
            var line = row.LineNumber;
            if (row.Problem is { } problem)
            {
                var field = row.ProblemField >= 0 && row.ProblemField < layout.FieldCount ? layout.Names[row.ProblemField] : "*";
                return new RegisterRowError(line, field, problem);
            }

            if (row.FieldCount != layout.FieldCount)
            {
                return new RegisterRowError(line, "*", $"the row has {row.FieldCount} fields; the header has {layout.FieldCount}");
            }

            var residentId = row.Field(layout.ResidentId).Trim();
            if (Required(residentId, Columns.ResidentId) is { } idError)
            {
                return idError;
            }

            if (residentId.Length > MaxIdLength)
            {
                return Error(Columns.ResidentId, $"is longer than {MaxIdLength} characters");
            }

            var householdId = row.Field(layout.HouseholdId).Trim();
            if (Required(householdId, Columns.HouseholdId) is { } householdError)
            {
                return householdError;
            }

            if (householdId.Length > MaxIdLength)
            {
                return Error(Columns.HouseholdId, $"is longer than {MaxIdLength} characters");
            }

            var name = row.Field(layout.Name).Trim();
            if ((Required(name, Columns.Name) ?? Utf8(name, Columns.Name)) is { } nameError)
            {
                return nameError;
            }

            if (!TryParseDate(row.Field(layout.DateOfBirth).Trim(), out var dateOfBirth))
            {
                return Error(Columns.DateOfBirth, "is not a date (yyyy-MM-dd)");
            }

            if (!TryParseGender(row.Field(layout.Gender).Trim(), out var gender))
            {
                return Error(Columns.Gender, "is not a gender (1 / 男 / male, 2 / 女 / female, 3 / 9 / 不明 / unknown)");
            }

            var address = row.Field(layout.Address).Trim();
            if ((Required(address, Columns.Address) ?? Utf8(address, Columns.Address)) is { } addressError)
            {
                return addressError;
            }

            var nameKana = Optional(row, layout.NameKana);
            var relationship = Optional(row, layout.Relationship);
            var isHead = false;
            if (layout.HeadOfHousehold >= 0 && !TryParseHead(row.Field(layout.HeadOfHousehold).Trim(), out isHead))
            {
                return Error(Columns.HeadOfHousehold, "is not a yes / no flag (1 / true / 世帯主 / ○, or 0 / false / empty)");
            }

            DateOnly? became = null, removed = null;
            if (layout.BecameResidentOn >= 0 && !TryParseOptionalDate(row.Field(layout.BecameResidentOn).Trim(), out became))
            {
                return Error(Columns.BecameResidentOn, "is not a date (yyyy-MM-dd) or empty");
            }

            if (layout.RemovedOn >= 0 && !TryParseOptionalDate(row.Field(layout.RemovedOn).Trim(), out removed))
            {
                return Error(Columns.RemovedOn, "is not a date (yyyy-MM-dd) or empty");
            }

            if (became < dateOfBirth)
            {
                return Error(Columns.BecameResidentOn, "is before date_of_birth");
            }

            if (removed < became)
            {
                return Error(Columns.RemovedOn, "is before became_resident_on");
            }

            if (removed < dateOfBirth)
            {
                return Error(Columns.RemovedOn, "is before date_of_birth");
            }

            var firstRow = _builder.FindRow(residentId);
            if (firstRow >= 0)
            {
                return Error(Columns.ResidentId, $"is the same as on line {_lineOfRow[firstRow]} (resident ids are unique)");
            }

            var resident = new Resident(
                residentId.ToString(),
                _households.Get(householdId),
                _names.Get(name),
                dateOfBirth,
                gender,
                _addresses.Get(address),
                nameKana.IsEmpty ? null : _names.Get(nameKana),
                relationship.IsEmpty ? null : _others.Get(relationship),
                isHead,
                became,
                removed);
            _builder.TryAdd(resident, out _);
            _lineOfRow.Add(line);
            return null;

            RegisterRowError Error(string column, string reason) => new(line, column, reason);

            RegisterRowError? Required(ReadOnlySpan<char> value, string column) => value.IsEmpty ? Error(column, "is empty") : null;

            // A Shift_JIS export read as UTF-8 turns into replacement characters: say so rather than import garbage.
            RegisterRowError? Utf8(ReadOnlySpan<char> value, string column) =>
                value.Contains('\uFFFD') ? Error(column, "is not valid UTF-8 (is the file Shift_JIS?)") : null;
        }

        private static ReadOnlySpan<char> Optional(CsvRecordReader row, int position) =>
            position < 0 ? [] : row.Field(position).Trim();
    }

    /// <summary>
    /// <c>yyyy-MM-dd</c> or <c>yyyy/MM/dd</c>. Read digit by digit: three dates a row over millions of rows make the
    /// general parser the import's largest cost.
    /// </summary>
    private static bool TryParseDate(ReadOnlySpan<char> value, out DateOnly date)
    {
        date = default;
        if (value.Length != 10 || value[4] != value[7] || value[4] is not ('-' or '/'))
        {
            return false;
        }

        if (!TryDigits(value[..4], out var year) || !TryDigits(value.Slice(5, 2), out var month) || !TryDigits(value.Slice(8, 2), out var day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static bool TryParseOptionalDate(ReadOnlySpan<char> value, out DateOnly? date)
    {
        date = null;
        if (value.IsEmpty)
        {
            return true;
        }

        if (!TryParseDate(value, out var parsed))
        {
            return false;
        }

        date = parsed;
        return true;
    }

    private static bool TryParseGender(ReadOnlySpan<char> value, out JpkiGender gender)
    {
        gender = value switch
        {
            "1" or "男" => JpkiGender.Male,
            "2" or "女" => JpkiGender.Female,
            // 3 is JPKI's own code for unknown (the applications file uses it), 9 the ISO 5218 one.
            "3" or "9" or "不明" => JpkiGender.Unknown,
            _ when value.Equals("male", StringComparison.OrdinalIgnoreCase) => JpkiGender.Male,
            _ when value.Equals("female", StringComparison.OrdinalIgnoreCase) => JpkiGender.Female,
            _ when value.Equals("unknown", StringComparison.OrdinalIgnoreCase) => JpkiGender.Unknown,
            _ => 0,
        };
        return gender != 0;
    }

    private static bool TryParseHead(ReadOnlySpan<char> value, out bool isHead)
    {
        isHead = value is "1" or "世帯主" or "○" || value.Equals("true", StringComparison.OrdinalIgnoreCase);
        return isHead || value.IsEmpty || value is "0" || value.Equals("false", StringComparison.OrdinalIgnoreCase);
    }
}
