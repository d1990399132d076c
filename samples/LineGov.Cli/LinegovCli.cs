using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using LineGov.Cli.Commands;
using LineGov.Cli.Infrastructure;

namespace LineGov.Cli;

/// <summary>
/// The <c>linegov</c> command line, runnable in-process: everything it prints goes to the writers it is given, and the
/// exit code is returned (0 = valid or done, 1 = invalid with reasons, 2 = usage or input error).
/// </summary>
/// <example>
/// <code>
/// var stdout = new StringWriter();
/// var exitCode = await LinegovCli.RunAsync(["jpki", "inspect", "certificate.pem", "--json"], stdout, TextWriter.Null);
/// </code>
/// </example>
public static class LinegovCli
{
    /// <summary>Runs <c>linegov</c> with <paramref name="args"/>.</summary>
    /// <param name="args">The arguments after the command name, for example <c>["jpki", "inspect", "cert.pem"]</c>.</param>
    /// <param name="stdout">Receives results (the report, or the one JSON object of <c>--json</c>) and help.</param>
    /// <param name="stderr">Receives errors, one line each, and notes.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The exit code: 0 valid or done, 1 invalid (the reasons are printed), 2 usage or input error.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, stdout, stderr, TimeProvider.System, cancellationToken);

    /// <summary>Runs <c>linegov</c> with a given clock (tests pin "now" with it).</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var context = new CliContext(stdout, stderr, timeProvider);
        var root = BuildRootCommand(context);
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            // System.CommandLine would print help after the errors and exit 1; linegov keeps 1 for "invalid" and
            // answers a usage error with one line per problem and exit code 2.
            var command = CommandPath(parseResult);
            foreach (var error in parseResult.Errors)
            {
                stderr.WriteLine($"{command}: error: {OneLine(error.Message)} (see '{command} --help')");
            }

            return ExitCodes.UsageOrInputError;
        }

        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }

    internal static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "linegov: tools for LineGov municipal services on LINE.\n" +
            "Start with 'linegov jpki --help' (My Number Card certificates, signatures and CRLs),\n" +
            "'linegov x509 --help' (RFC 5280 path validation of any certificate),\n" +
            "'linegov line --help' (the LINE platform emulator and webhook signatures),\n" +
            "'linegov age --help' (ages as the law counts them, school years, 和暦 dates),\n" +
            "'linegov address --help' (normalize an address down to the town),\n" +
            "'linegov eligibility --help' (decide a batch of applications for a benefit program),\n" +
            "'linegov zengin --help' (write and read 全銀 総合振込 bank transfer files) or\n" +
            "'linegov payouts --help' (pay approved claims exactly once: points, coupons, 全銀 files; status; bank results).\n" +
            "Exit codes: 0 = valid / done, 1 = invalid (the reasons are printed), 2 = usage or input error.");
        root.Subcommands.Add(JpkiCommand.Create(context));
        root.Subcommands.Add(X509Command.Create(context));
        root.Subcommands.Add(LineCommand.Create(context));
        root.Subcommands.Add(AgeCommand.Create(context));
        root.Subcommands.Add(AddressCommand.Create(context));
        root.Subcommands.Add(EligibilityCommand.Create(context));
        root.Subcommands.Add(PayoutsCommand.Create(context));
        root.Subcommands.Add(ZenginCommand.Create(context));
        return root;
    }

    /// <summary>Collapses every run of white space (line breaks, tabs) into one space: an error is one line.</summary>
    internal static string OneLine(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (!char.IsWhiteSpace(c) || c == '\u3000')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (SymbolResult? result = parseResult.CommandResult; result is CommandResult commandResult; result = commandResult.Parent)
        {
            names.Add(commandResult.Parent is null ? "linegov" : commandResult.Command.Name);
        }

        names.Reverse();
        return names.Count == 0 ? "linegov" : string.Join(' ', names);
    }
}
