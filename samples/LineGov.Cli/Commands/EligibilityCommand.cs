using System.CommandLine;
using LineGov.Cli.Infrastructure;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov eligibility</c>: decide applications to a benefit program against the residents register.</summary>
internal static class EligibilityCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "eligibility",
            "Benefit programs (給付事業): decide who is entitled, and to how much, from applications and the residents register " +
            "(住民基本台帳) as of the program's reference date, one claim per household.");
        command.Subcommands.Add(EligibilityEvaluateCommand.Create(context));
        return command;
    }
}
