using System.CommandLine;
using LineGov.Cli.Infrastructure;

namespace LineGov.Cli.Commands;

internal static partial class PayoutsCommand
{
    private static Command CreateRun(CliContext context)
    {
        var command = new Command("run", "Pay a program's approved claims through a channel (placeholder until the channels are merged).");
        command.SetGuardedAction(context, "linegov payouts run", (_, _) => Task.FromResult(ExitCodes.UsageOrInputError));
        return command;
    }
}
