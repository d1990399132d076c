using System.CommandLine;
using System.Globalization;
using System.Text;
using LineGov.Cli.Infrastructure;
using LineGov.Eligibility;
using Spectre.Console;

namespace LineGov.Cli.Commands;

/// <summary>
/// <c>linegov eligibility evaluate --program &lt;json&gt; --register &lt;csv&gt; --applications &lt;csv&gt; --out &lt;csv&gt;</c>:
/// one output line per application, in order — decision, household, amount, reason codes and the Japanese sentence.
/// </summary>
internal static class EligibilityEvaluateCommand
{
    private const string CommandPath = "linegov eligibility evaluate";

    public static Command Create(CliContext context)
    {
        var programOption = new Option<string>("--program") { Description = "The program (JSON, see docs/eligibility/program-schema.md).", HelpName = "json", Required = true };
        var registerOption = new Option<string>("--register") { Description = "The residents register (住民基本台帳) CSV.", HelpName = "csv", Required = true };
        var applicationsOption = new Option<string>("--applications")
        {
            Description = "The applications CSV, in arrival order: application_id,channel,received_at,name,date_of_birth,gender,address[,name_alternate_flags] (or key for keyed programs).",
            HelpName = "csv",
            Required = true,
        };
        var outOption = new Option<string>("--out") { Description = "Where to write the decisions CSV (overwritten).", HelpName = "csv", Required = true };
        var issuedKeysOption = new Option<string>("--issued-keys") { Description = "For keyed programs: the tickets issued, CSV key,resident_id. Without it a well-formed ticket is a bearer voucher.", HelpName = "csv" };
        var residencyOption = new Option<string>("--residency")
        {
            Description = "How residency is decided: 'address' (default: the registered address is normalized and must lie in the program's area) or 'register' (every resident of the register is inside: the register is the municipality's own and the program covers all of it).",
            HelpName = "address|register",
        };
        residencyOption.AcceptOnlyFromAmong("address", "register");

        var command = new Command(
            "evaluate",
            "Decide a file of applications to a benefit program against the residents register: one line per application, in " +
            "order, with the decision (received, already_applied, ineligible, needs_review), the household (世帯番号), the amount, " +
            "the reason codes and the sentence for the resident. A second application of a household in the file is answered " +
            "already_applied. Identities that cannot be matched with certainty are needs_review, never a silent rejection.\n" +
            "Exit codes: 0 = done (also when some applications are ineligible), 2 = usage or input error (a program that does " +
            "not follow the schema is one error naming the field).")
        {
            programOption,
            registerOption,
            applicationsOption,
            outOption,
            issuedKeysOption,
            residencyOption,
        };

        command.SetGuardedAction(context, CommandPath, async (parseResult, cancellationToken) =>
        {
            var programPath = parseResult.GetRequiredValue(programOption);
            var registerPath = parseResult.GetRequiredValue(registerOption);
            var applicationsPath = parseResult.GetRequiredValue(applicationsOption);
            var outPath = parseResult.GetRequiredValue(outOption);
            var issuedKeysPath = parseResult.GetValue(issuedKeysOption);
            EnsureFile(programPath, "the program (--program)");
            EnsureFile(registerPath, "the register (--register)");
            EnsureFile(applicationsPath, "the applications (--applications)");
            if (issuedKeysPath is not null)
            {
                EnsureFile(issuedKeysPath, "the issued keys (--issued-keys)");
            }

            var program = await ReadProgramAsync(programPath, cancellationToken);
            var options = new EligibilityEvaluationOptions
            {
                ResidencyCheck = parseResult.GetValue(residencyOption) == "register" ? RegisterResidencyCheck.Instance : AddressResidencyCheck.Default,
                IssuedKeys = issuedKeysPath is null ? null : await ReadIssuedKeysAsync(issuedKeysPath, cancellationToken),
            };

            return await RunWithProgressAsync(context, async (registerProgress, applicationProgress) =>
            {
                var register = await ReadRegisterAsync(context, registerPath, registerProgress, cancellationToken);
                using var applications = new StreamReader(applicationsPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                var summary = await WriteDecisionsAsync(program, register, applications, outPath, context, options, $"the applications '{applicationsPath}'", applicationProgress, cancellationToken);
                context.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{CommandPath}: {summary.Applications} applications: {summary.Received} received, {summary.AlreadyApplied} already applied, {summary.Ineligible} ineligible, {summary.NeedsReview} need review{(summary.InvalidRows > 0 ? $" ({summary.InvalidRows} unreadable rows)" : string.Empty)}; wrote {outPath}"));
                return ExitCodes.Success;
            });
        });

        return command;
    }

    /// <summary>Reads a program file, turning a schema error into one line that names the field.</summary>
    internal static async Task<BenefitProgram> ReadProgramAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        try
        {
            return await BenefitProgramJson.ReadAsync(stream, cancellationToken);
        }
        catch (EligibilityFormatException e)
        {
            throw new InputException($"the program '{path}' does not follow the schema: {e.Message}", e);
        }
    }

    /// <summary>Decides the applications and writes the decisions file (UTF-8 with a BOM, so spreadsheet programs read the Japanese).</summary>
    internal static async Task<EligibilityBatchSummary> WriteDecisionsAsync(
        BenefitProgram program,
        ResidentRegister register,
        TextReader applications,
        string outPath,
        CliContext context,
        EligibilityEvaluationOptions options,
        string what,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        await using var output = new StreamWriter(outPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)) { NewLine = "\r\n" };
        return await EligibilityBatch.RunAsync(program, register, applications, output, context.Error, options, what, progress, cancellationToken);
    }

    private static async Task<ResidentRegister> ReadRegisterAsync(CliContext context, string path, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        RegisterImportResult imported;
        try
        {
            imported = await ResidentRegisterCsv.ImportAsync(stream, progress, cancellationToken);
        }
        catch (EligibilityFormatException e)
        {
            throw new InputException($"the register '{path}' cannot be read: {e.Message}", e);
        }

        if (imported.Errors.Count > 0)
        {
            // Row errors carry line, column and reason only: never a value from the register.
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{CommandPath}: the register has {imported.Errors.Count} rows that were not imported (of {imported.RowsRead}); the first:"));
            foreach (var error in imported.Errors.Take(10))
            {
                context.Error.WriteLine($"  {error}");
            }
        }

        return imported.Register;
    }

    private static async Task<IssuedKeys> ReadIssuedKeysAsync(string path, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var what = $"the issued keys '{path}'";
        var pairs = new List<KeyValuePair<string, string>>();
        (int Key, int Resident)? columns = null;
        await foreach (var record in EligibilityCsv.ReadAsync(reader, what, cancellationToken))
        {
            if (columns is null)
            {
                var header = record.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
                if (header.IndexOf("key") is var key and >= 0 && header.IndexOf("resident_id") is var resident and >= 0)
                {
                    columns = (key, resident);
                    continue;
                }

                throw new InputException($"{what} needs the header key,resident_id.");
            }

            var (k, r) = columns.Value;
            if (record.Fields.Count <= Math.Max(k, r) || string.IsNullOrWhiteSpace(record.Fields[k]) || string.IsNullOrWhiteSpace(record.Fields[r]))
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{what}, line {record.LineNumber}: key and resident_id are both required."));
            }

            pairs.Add(new(record.Fields[k].Trim(), record.Fields[r].Trim()));
        }

        try
        {
            return IssuedKeys.Create(pairs);
        }
        catch (ArgumentException)
        {
            throw new InputException($"{what} lists a key twice.");
        }
    }

    /// <summary>
    /// Runs the work with a progress bar on stderr when stderr is the process's own terminal; otherwise (redirected, or
    /// an in-process run with other writers) without one, so no ANSI sequences end up in files or tests.
    /// </summary>
    private static async Task<int> RunWithProgressAsync(CliContext context, Func<IProgress<long>?, IProgress<int>?, Task<int>> work)
    {
        if (!ReferenceEquals(context.Error, Console.Error) || Console.IsErrorRedirected)
        {
            return await work(null, null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var register = progress.AddTask("register (住民基本台帳)", autoStart: true, maxValue: 1);
                register.IsIndeterminate = true;
                var applications = progress.AddTask("applications", autoStart: false, maxValue: 1);
                applications.IsIndeterminate = true;
                var result = await work(
                    new Progress<long>(rows => register.Description = string.Create(CultureInfo.InvariantCulture, $"register (住民基本台帳): {rows:N0} rows")),
                    new Progress<int>(count =>
                    {
                        register.IsIndeterminate = false;
                        register.Value = register.MaxValue;
                        applications.StartTask();
                        applications.Description = string.Create(CultureInfo.InvariantCulture, $"applications: {count:N0}");
                    }));
                register.StopTask();
                applications.StopTask();
                return result;
            });
    }

    private static void EnsureFile(string path, string what)
    {
        if (Directory.Exists(path))
        {
            throw new InputException($"{what} '{path}' is a folder, not a file.");
        }

        if (!File.Exists(path))
        {
            throw new InputException($"{what} '{path}' does not exist.");
        }
    }
}
