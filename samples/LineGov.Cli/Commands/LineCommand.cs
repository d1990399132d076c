using System.CommandLine;
using LineGov.Cli.Infrastructure;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov line</c>: tools for building a service on the LINE Messaging API.</summary>
internal static class LineCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "line",
            "The LINE Messaging API, for developing and testing a LineGov service: run the LINE platform emulator on " +
            "127.0.0.1 and point your app at it, and sign webhook bodies the way LINE does (x-line-signature) to post " +
            "them to your own app.");
        command.Subcommands.Add(LineEmulatorCommand.Create(context));

        var webhook = new Command(
            "webhook",
            "Webhooks LINE sends to your app: sign a body with the channel secret (x-line-signature).");
        webhook.Subcommands.Add(LineWebhookSignCommand.Create(context));
        command.Subcommands.Add(webhook);
        return command;
    }
}
