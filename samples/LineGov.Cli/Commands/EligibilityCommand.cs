using System.CommandLine;
using LineGov.Cli.Infrastructure;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov eligibility</c> (being written, issue 5).</summary>
internal static class EligibilityCommand
{
    public static Command Create(CliContext context)
    {
        _ = context;
        return new Command("eligibility", "Being written.");
    }
}
