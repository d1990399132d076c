using System.Globalization;
using LineGov.Cli.Infrastructure;
using LineGov.Eligibility;
using LineGov.Jpki;

namespace LineGov.Cli.Commands;

/// <summary>The counts of one run of <c>linegov eligibility evaluate</c>.</summary>
internal sealed record EligibilityBatchSummary(int Applications, int Received, int AlreadyApplied, int Ineligible, int NeedsReview, int InvalidRows);

/// <summary>
/// The work of <c>linegov eligibility evaluate</c> once the program and the register are in memory: reads the
/// applications CSV in order, takes each application through <see cref="EligibilityApplications"/> against one in-memory
/// claim book (so a second application of a household in the file is answered "already applied", dated the first one's
/// arrival), and writes one output line per application, in the same order. Bad rows are answered <c>needs_review</c>
/// with <c>InvalidApplication</c> and noted on stderr (line and column, never the value).
/// </summary>
internal static class EligibilityBatch
{
    public const string OutputHeader = "application_id,decision,household_id,amount,reasons,message";

    private static readonly string[] Required = ["application_id", "channel", "received_at"];
    private static readonly string[] IdentityColumns = ["name", "date_of_birth", "gender", "address"];

    /// <summary>Reads the applications file's header: the columns by name, and whether it is a key or identity file.</summary>
    public static Dictionary<string, int> ReadHeader(CsvRecord header, bool keyed, string what)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().ToLowerInvariant();
            if (name is "my_number" or "個人番号" or "マイナンバー")
            {
                throw new InputException($"{what} has a column '{header.Fields[i].Trim()}': the My Number is never read; remove the column.");
            }

            if (!columns.TryAdd(name, i))
            {
                throw new InputException($"{what} has the column '{name}' twice.");
            }
        }

        var missing = Required.Where(c => !columns.ContainsKey(c)).ToList();
        var hasIdentity = IdentityColumns.All(columns.ContainsKey);
        var hasKey = columns.ContainsKey("key");
        if (keyed ? !hasKey && !hasIdentity : !hasIdentity)
        {
            missing.AddRange(keyed && !hasIdentity ? ["key"] : IdentityColumns.Where(c => !columns.ContainsKey(c)));
        }

        if (missing.Count > 0)
        {
            throw new InputException($"{what} lacks the column{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", missing)} (header: {string.Join(",", Required)},{(keyed ? "key or " : string.Empty)}{string.Join(",", IdentityColumns)}).");
        }

        return columns;
    }

    public static async Task<EligibilityBatchSummary> RunAsync(
        BenefitProgram program,
        ResidentRegister register,
        TextReader applications,
        TextWriter output,
        TextWriter notes,
        EligibilityEvaluationOptions options,
        string what,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        var clock = new ArrivalClock();
        var book = new InMemoryHouseholdClaimBook(clock);
        await output.WriteLineAsync(OutputHeader.AsMemory(), cancellationToken);
        Dictionary<string, int>? columns = null;
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        int count = 0, received = 0, already = 0, ineligible = 0, review = 0, invalid = 0;
        await foreach (var record in EligibilityCsv.ReadAsync(applications, what, cancellationToken))
        {
            if (columns is null)
            {
                columns = ReadHeader(record, program.IsKeyed, what);
                continue;
            }

            count++;
            var id = Field(record, columns, "application_id") ?? string.Empty;
            if (id.Length > 0 && !seenIds.Add(id))
            {
                // An id used twice in one file is a mistake: never a second "received" (with an amount) under one id.
                review++;
                await notes.WriteLineAsync($"{what}, line {record.LineNumber.ToString(CultureInfo.InvariantCulture)}: application_id repeats an earlier line; answered needs_review (DuplicateApplicationId).");
                await output.WriteLineAsync(EligibilityCsv.Line(
                [
                    id, "needs_review", null, null, EligibilityReasonCodes.DuplicateApplicationId,
                    "申請の受付番号の確認に職員の確認が必要です。担当者が確認してご連絡しますので、お待ちください。",
                ]));
            }
            else if (!TryParse(record, columns, out var request, out var problem))
            {
                invalid++;
                review++;
                await notes.WriteLineAsync($"{what}, line {record.LineNumber.ToString(CultureInfo.InvariantCulture)}: {problem}; answered needs_review (InvalidApplication).");
                await output.WriteLineAsync(EligibilityCsv.Line(
                [
                    id, "needs_review", null, null, EligibilityReasonCodes.InvalidApplication,
                    "申請内容を読み取れませんでした。担当者が確認してご連絡しますので、お待ちください。",
                ]));
            }
            else
            {
                // Sequential on purpose: the file's order is the arrival order, and the claim is dated at the arrival.
                clock.Now = request.ReceivedAt!.Value;
                var result = await EligibilityApplications.ApplyAsync(program, request, id, register, book, options, cancellationToken);
                switch (result.Status)
                {
                    case ApplicationStatus.Received: received++; break;
                    case ApplicationStatus.AlreadyApplied: already++; break;
                    case ApplicationStatus.Ineligible: ineligible++; break;
                    default: review++; break;
                }

                await output.WriteLineAsync(EligibilityCsv.Line(
                [
                    id,
                    Code(result.Status),
                    result.Decision.HouseholdId,
                    (result.Amount ?? (result.Status == ApplicationStatus.NeedsReview ? result.Decision.Amount : null))?.ToString(CultureInfo.InvariantCulture),
                    string.Join(';', result.Reasons.Select(r => r.Code)),
                    result.ResidentMessage,
                ]));
            }

            if (count % 256 == 0)
            {
                progress?.Report(count);
            }
        }

        if (columns is null)
        {
            throw new InputException($"{what} is empty: it needs a header row ({string.Join(",", Required)},…).");
        }

        progress?.Report(count);
        return new EligibilityBatchSummary(count, received, already, ineligible, review, invalid);
    }

    public static string Code(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Received => "received",
        ApplicationStatus.AlreadyApplied => "already_applied",
        ApplicationStatus.Ineligible => "ineligible",
        _ => "needs_review",
    };

    private static bool TryParse(CsvRecord record, Dictionary<string, int> columns, out EligibilityRequest request, out string problem)
    {
        request = null!;
        if (record.Fields.Count != columns.Count)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"{record.Fields.Count} fields where the header has {columns.Count}");
            return false;
        }

        if (string.IsNullOrWhiteSpace(Field(record, columns, "application_id")))
        {
            problem = "application_id is empty";
            return false;
        }

        if (ParseChannel(Field(record, columns, "channel")) is not { } channel)
        {
            problem = "channel is not line, counter or mail";
            return false;
        }

        if (ParseInstant(Field(record, columns, "received_at")) is not { } receivedAt)
        {
            problem = "received_at is not a date and time (yyyy-MM-ddTHH:mm[:ss][+09:00]; Japan time when no offset)";
            return false;
        }

        if (Field(record, columns, "key") is { Length: > 0 } key)
        {
            request = EligibilityRequest.ForKey(key, channel, receivedAt);
            problem = string.Empty;
            return true;
        }

        if (!columns.ContainsKey("name"))
        {
            problem = "key is empty";
            return false;
        }

        var name = Field(record, columns, "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            problem = "name is empty";
            return false;
        }

        if (ParseDate(Field(record, columns, "date_of_birth")) is not { } born || born < new DateOnly(1868, 1, 25))
        {
            problem = "date_of_birth is not a date (yyyy-MM-dd or yyyy/MM/dd)";
            return false;
        }

        if (ParseGender(Field(record, columns, "gender")) is not { } gender)
        {
            problem = "gender is not 1/男/male, 2/女/female or 9/不明/unknown";
            return false;
        }

        var address = Field(record, columns, "address") ?? string.Empty;

        // J-LIS separates family and given name with U+3000; applications typed by staff often use an ASCII space.
        var jpkiName = name.Trim().Replace(' ', JpkiName.Separator);
        try
        {
            var identity = new JpkiFourFacts(
                new JpkiName(jpkiName, Field(record, columns, "name_alternate_flags") ?? string.Empty),
                JpkiDateOfBirth.FromDate(born),
                gender,
                new JpkiAddress(address, Field(record, columns, "address_alternate_flags") ?? string.Empty));
            request = EligibilityRequest.ForIdentity(identity, channel, receivedAt);
        }
        catch (ArgumentException)
        {
            problem = "name_alternate_flags or address_alternate_flags is not one 0/1 per character";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    private static string? Field(CsvRecord record, Dictionary<string, int> columns, string name) =>
        columns.TryGetValue(name, out var index) && index < record.Fields.Count ? record.Fields[index].Trim() : null;

    private static ApplicationChannel? ParseChannel(string? value) => value?.ToLowerInvariant() switch
    {
        "line" => ApplicationChannel.Line,
        "counter" or "窓口" => ApplicationChannel.Counter,
        "mail" or "郵送" => ApplicationChannel.Mail,
        _ => null,
    };

    private static JpkiGender? ParseGender(string? value) => value?.ToLowerInvariant() switch
    {
        "1" or "男" or "male" => JpkiGender.Male,
        "2" or "女" or "female" => JpkiGender.Female,
        "3" or "9" or "不明" or "unknown" => JpkiGender.Unknown,
        _ => null,
    };

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    internal static DateTimeOffset? ParseInstant(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string[] withOffset = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
        if (DateTimeOffset.TryParseExact(value, withOffset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        string[] local = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm"];
        return DateTime.TryParseExact(value, local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? new DateTimeOffset(time, ApplicationWindow.JapanOffset)
            : null;
    }

    /// <summary>The claim book's clock: set to each application's arrival before it is claimed (the batch is sequential).</summary>
    private sealed class ArrivalClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}
