using System.CommandLine;
using LineGov.Cli.Infrastructure;
using LineGov.Jpki;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov jpki inspect &lt;cert&gt; [--json]</c>: what a certificate says, without judging it.</summary>
internal static class InspectCommand
{
    private const string CommandPath = "linegov jpki inspect";

    public static Command Create(CliContext context)
    {
        var certificateArgument = new Argument<string>("cert")
        {
            Description = "The certificate file: DER (.cer, .der) or PEM (.pem, '-----BEGIN CERTIFICATE-----').",
        };
        var jsonOption = new Option<bool>("--json")
        {
            Description = "Print one JSON object instead of the table (for scripts).",
        };

        var command = new Command(
            "inspect",
            "Show what a certificate says: its kind (signature 署名用 / authentication 利用者証明用), and for a signature " +
            "certificate the four facts (基本4情報: 氏名, 生年月日, 性別, 住所) with their alternate-character (代替文字) flags, " +
            "its serial number, issuer and validity. It does NOT check who issued it or whether it is still valid: use " +
            "'linegov jpki verify' for that. The output is personal data: handle it as such.\n" +
            "Exit codes: 0 = read, 2 = the file cannot be read or is not a certificate.")
        {
            certificateArgument,
            jsonOption,
        };

        command.SetGuardedAction(context, CommandPath, async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetRequiredValue(certificateArgument);
            var certificate = await Inputs.ReadCertificateAsync(path, "the certificate file", cancellationToken);
            if (parseResult.GetValue(jsonOption))
            {
                WriteJson(context.Out, certificate);
            }
            else
            {
                WriteTable(context.Out, certificate, path, context.TimeProvider.GetUtcNow());
            }

            return ExitCodes.Success;
        });

        return command;
    }

    private static void WriteJson(TextWriter output, JpkiCertificate certificate)
    {
        var facts = certificate.FourFacts;
        Json.WriteObject(output, json =>
        {
            json.WriteString("kind", Text.Code(certificate.Kind));
            json.WriteStringOrNull("name", facts?.Name.FullName);
            json.WriteStringOrNull("nameAlternateFlags", facts?.Name.AlternateCharacterFlags);
            json.WriteStringOrNull("address", facts?.Address.Value);
            json.WriteStringOrNull("addressAlternateFlags", facts?.Address.AlternateCharacterFlags);
            json.WriteStringOrNull("dateOfBirth", facts?.DateOfBirth.Date is { } date ? Text.IsoDate(date) : null);
            json.WriteStringOrNull("era", facts is null ? null : Text.Code(facts.DateOfBirth.Era));
            json.WriteStringOrNull("gender", facts is null ? null : Text.Code(facts.Gender));
            json.WriteString("serialNumber", certificate.SerialNumber);
            json.WriteString("issuer", certificate.Issuer);
            json.WriteString("notBefore", Text.IsoInstant(certificate.NotBefore));
            json.WriteString("notAfter", Text.IsoInstant(certificate.NotAfter));
        });
    }

    private static void WriteTable(TextWriter output, JpkiCertificate certificate, string path, DateTimeOffset now)
    {
        var rows = new List<(string, string)>
        {
            ("File", path),
            ("Kind", Text.Describe(certificate.Kind)),
        };

        if (certificate.FourFacts is { } facts)
        {
            rows.Add(("Name (氏名)", facts.Name.FullName));
            rows.Add(("Name flags", DescribeFlags(facts.Name.AlternateCharacterFlags)));
            rows.Add(("Date of birth (生年月日)", Text.Describe(facts.DateOfBirth)));
            rows.Add(("Gender (性別)", Text.Describe(facts.Gender)));
            rows.Add(("Address (住所)", facts.Address.Value));
            rows.Add(("Address flags", DescribeFlags(facts.Address.AlternateCharacterFlags)));
        }
        else if (certificate.Kind == JpkiCertificateKind.Signature)
        {
            rows.Add(("Four facts", "MISSING: this signature certificate carries no 基本4情報"));
        }
        else
        {
            rows.Add(("Four facts", "none (only a signature certificate carries 基本4情報)"));
        }

        rows.Add(("Subject", certificate.Subject));
        rows.Add(("Serial number", certificate.SerialNumber));
        rows.Add(("Issuer", certificate.Issuer));
        rows.Add(("Valid from", Text.IsoInstant(certificate.NotBefore)));
        rows.Add(("Valid until", Text.IsoInstant(certificate.NotAfter) + TimeNote(certificate, now)));
        rows.Add(("SHA-256", certificate.Sha256Thumbprint));
        Text.WriteTable(output, rows);
        output.WriteLine();
        output.WriteLine("This only reads the certificate. To check who issued it and whether a signature is valid, use 'linegov jpki verify'.");
    }

    private static string DescribeFlags(string flags)
    {
        if (!flags.Contains('1', StringComparison.Ordinal))
        {
            return flags + " (no alternate characters)";
        }

        var positions = flags.Select((c, i) => (c, i)).Where(p => p.c == '1').Select(p => p.i + 1);
        return $"{flags} (代替文字 at character {string.Join(", ", positions)}: the register may hold a different character there)";
    }

    private static string TimeNote(JpkiCertificate certificate, DateTimeOffset now) =>
        now > certificate.NotAfter ? " (expired)" : now < certificate.NotBefore ? " (not yet valid)" : string.Empty;
}
