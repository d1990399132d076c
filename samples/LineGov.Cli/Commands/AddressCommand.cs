using System.CommandLine;
using LineGov.Cli.Infrastructure;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov address</c> (being written, issue 5).</summary>
internal static class AddressCommand
{
    public static Command Create(CliContext context)
    {
        _ = context;
        return new Command("address", "Being written.");
    }
}
