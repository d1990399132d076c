using System.CommandLine;
using LineGov.Cli.Infrastructure;
using LineGov.Messaging.Webhooks;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov line webhook sign --secret &lt;secret&gt; &lt;body file&gt;</c>: the <c>x-line-signature</c> of a webhook body.</summary>
internal static class LineWebhookSignCommand
{
    private const string CommandPath = "linegov line webhook sign";

    /// <summary>A LINE channel secret is 32 hexadecimal digits.</summary>
    private const int ChannelSecretLength = 32;

    public static Command Create(CliContext context)
    {
        var bodyArgument = new Argument<string>("body-file")
        {
            Description = "The webhook body to sign, read as bytes exactly as they are (no newline conversion, no BOM removal): post this same file.",
        };
        var secretOption = new Option<string>("--secret")
        {
            Description = "The channel secret (Basic settings of the Messaging API channel; 32 hexadecimal digits). For 'linegov line emulator' without --channel-secret: 0123456789abcdef0123456789abcdef.",
            HelpName = "channel-secret",
            Required = true,
        };

        var command = new Command(
            "sign",
            "Print the x-line-signature of a webhook body: Base64(HMAC-SHA256(channel secret, the file's bytes)), as LINE " +
            "signs the requests it sends to your webhook. The signature covers the exact bytes of the file, so post that " +
            "file unchanged (curl --data-binary @file) with the header 'x-line-signature: <the printed value>' to test " +
            "your app's signature check. A real channel's secret is a secret: a command line is visible to other users " +
            "of the machine and stays in your shell history, so prefer a test channel's.\n" +
            "Exit codes: 0 = printed, 2 = usage or input error (the file cannot be read).")
        {
            bodyArgument,
            secretOption,
        };

        command.SetGuardedAction(context, CommandPath, async (parseResult, cancellationToken) =>
        {
            var secret = parseResult.GetRequiredValue(secretOption);
            if (secret.Length == 0)
            {
                throw new UsageException("--secret is empty: give the channel secret of the channel the webhook is for.");
            }

            var path = parseResult.GetRequiredValue(bodyArgument);
            if (path == "-" && !File.Exists(path))
            {
                // CliContext has no standard input, and a console reader would decode the bytes the signature covers.
                throw new UsageException("reading the body from standard input ('-') is not supported: save the body to a file and give its name.");
            }

            var body = await Inputs.ReadFileAsync(path, "the webhook body file", Inputs.MaxDataLength, cancellationToken);
            if (secret.Length != ChannelSecretLength || !secret.All(char.IsAsciiHexDigit))
            {
                // Still signed: tests may use any secret; but a mistyped real secret would give a signature nobody accepts.
                context.Error.WriteLine($"{CommandPath}: warning: --secret is not 32 hexadecimal digits, as a LINE channel secret is; the signature is computed with it anyway.");
            }

            context.Out.WriteLine(LineWebhookSignature.Compute(body, secret));
            return ExitCodes.Success;
        });

        return command;
    }
}
