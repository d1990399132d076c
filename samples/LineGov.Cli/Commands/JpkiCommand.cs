using System.CommandLine;
using LineGov.Cli.Infrastructure;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov jpki</c>: My Number Card certificates and signatures.</summary>
internal static class JpkiCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "jpki",
            "My Number Card (JPKI, 公的個人認証) certificates and signatures: read a certificate, check a signed " +
            "application (with revocation from CRLs or OCSP), read a CRL, and make fictitious test certificates and " +
            "signatures for your own tests.");
        command.Subcommands.Add(InspectCommand.Create(context));
        command.Subcommands.Add(VerifyCommand.Create(context));
        command.Subcommands.Add(CrlInspectCommand.CreateGroup(context));

        var testkit = new Command(
            "testkit",
            "Make FICTITIOUS test material with the LineGov test authority: certificates, keys and signatures for " +
            "vendors' and municipalities' tests. Its roots are never trusted unless you pass them with --anchors.");
        testkit.Subcommands.Add(TestkitIssueCommand.Create(context));
        testkit.Subcommands.Add(TestkitSignCommand.Create(context));
        command.Subcommands.Add(testkit);
        return command;
    }
}
