using System.CommandLine;
using LineGov.Cli.Infrastructure;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov age</c> (being written, issue 5).</summary>
internal static class AgeCommand
{
    public static Command Create(CliContext context)
    {
        _ = context;
        return new Command("age", "Being written.");
    }
}
