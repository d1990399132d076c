using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LineGov.Cli.Infrastructure;
using LineGov.Jpki;
using LineGov.Jpki.Testing;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov jpki testkit issue</c>: mints a test authority and one certificate with its private key.</summary>
internal static class TestkitIssueCommand
{
    private const string CommandPath = "linegov jpki testkit issue";

    /// <summary>The defect names of the command line and what they build in.</summary>
    internal static readonly IReadOnlyDictionary<string, JpkiTestDefects> Defects = new Dictionary<string, JpkiTestDefects>(StringComparer.Ordinal)
    {
        ["expired"] = JpkiTestDefects.Expired,
        ["not-yet-valid"] = JpkiTestDefects.NotYetValid,
        ["wrong-policy"] = JpkiTestDefects.WrongPolicy,
        ["test-card-policy"] = JpkiTestDefects.TestCardPolicy,
        ["wrong-key-usage"] = JpkiTestDefects.WrongKeyUsage,
        ["key-usage-not-critical"] = JpkiTestDefects.KeyUsageNotCritical,
        ["unknown-critical-extension"] = JpkiTestDefects.UnknownCriticalExtension,
        ["ca"] = JpkiTestDefects.CertificateAuthority,
        ["bad-signature"] = JpkiTestDefects.BadSignature,
        ["missing-four-facts"] = JpkiTestDefects.MissingFourFacts,
        ["no-authority-key-identifier"] = JpkiTestDefects.NoAuthorityKeyIdentifier,
    };

    public static Command Create(CliContext context)
    {
        var outOption = new Option<string>("--out")
        {
            Description = "The folder to write to (created when missing; existing files of the same names are replaced).",
            HelpName = "folder",
            Required = true,
        };
        var nameOption = new Option<string>("--name")
        {
            Description = "氏名: family and given name separated by a full-width space (U+3000). Default: 見本　花子 (fictitious).",
            HelpName = "氏名",
        };
        var nameFlagsOption = new Option<string>("--name-flags")
        {
            Description = "One 0/1 per character of the name; 1 marks an alternate character (代替文字). Default: all 0.",
            HelpName = "0/1...",
        };
        var dateOfBirthOption = new Option<string>("--date-of-birth")
        {
            Description = "生年月日: yyyy-MM-dd (the era follows from the date), EYYYYMMDD as in the certificate (E: 1 明治 … 5 令和), or 'unknown' (era code 0). Default: 1985-04-02.",
            HelpName = "date",
        };
        var genderOption = new Option<string>("--gender")
        {
            Description = "性別. Default: female.",
            HelpName = "male|female|unknown",
        };
        genderOption.AcceptOnlyFromAmong("male", "female", "unknown");
        var addressOption = new Option<string>("--address")
        {
            Description = "住所, starting with the prefecture, no postal code. Default: 北海道上川郡当麻町３条東２丁目１１番１号 (fictitious).",
            HelpName = "住所",
        };
        var addressFlagsOption = new Option<string>("--address-flags")
        {
            Description = "One 0/1 per character of the address; 1 marks an alternate character (代替文字). Default: all 0.",
            HelpName = "0/1...",
        };
        var kindOption = new Option<string>("--kind")
        {
            Description = "Which certificate to write to certificate.pem: 'signature' (署名用, with the four facts; the default) or 'authentication' (利用者証明用, no four facts: the name, date, gender and address options are not used).",
            HelpName = "signature|authentication",
        };
        kindOption.AcceptOnlyFromAmong("signature", "authentication");
        var defectOption = new Option<string[]>("--defect")
        {
            Description = "Build in a defect, to test how your system rejects it. Repeat for several: " + string.Join(", ", Defects.Keys) + ".",
            HelpName = "defect",
            Arity = ArgumentArity.OneOrMore,
        };
        defectOption.AcceptOnlyFromAmong([.. Defects.Keys]);
        var validFromOption = new Option<string>("--valid-from")
        {
            Description = "Start of the certificate's validity (2025-01-01 or an ISO 8601 instant). Default: a day ago (or as a defect needs).",
            HelpName = "date",
        };
        var validUntilOption = new Option<string>("--valid-until")
        {
            Description = "End of the certificate's validity. Default: five years after it starts (or as a defect needs).",
            HelpName = "date",
        };
        var caValidFromOption = new Option<string>("--ca-valid-from")
        {
            Description = "Start of the test roots' validity. Default: a year ago, or --valid-from when earlier.",
            HelpName = "date",
        };
        var caValidUntilOption = new Option<string>("--ca-valid-until")
        {
            Description = "End of the test roots' validity. Default: ten years from now, or --valid-until when later.",
            HelpName = "date",
        };

        var command = new Command(
            "issue",
            "Mint a FICTITIOUS test authority (a signature root and an authentication root, like J-LIS's) and one " +
            "certificate with the four facts and defects you choose. Writes root-signature.pem, root-authentication.pem, " +
            "certificate.pem and private-key.pem (PKCS#8, unencrypted) to --out. Each run makes a new authority. Never " +
            "trust these roots in production.")
        {
            outOption,
            nameOption,
            nameFlagsOption,
            dateOfBirthOption,
            genderOption,
            addressOption,
            addressFlagsOption,
            kindOption,
            defectOption,
            validFromOption,
            validUntilOption,
            caValidFromOption,
            caValidUntilOption,
        };

        command.SetGuardedAction(context, CommandPath, (parseResult, cancellationToken) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var identity = BuildIdentity(
                parseResult.GetValue(nameOption),
                parseResult.GetValue(nameFlagsOption),
                parseResult.GetValue(dateOfBirthOption),
                parseResult.GetValue(genderOption),
                parseResult.GetValue(addressOption),
                parseResult.GetValue(addressFlagsOption));
            var defects = (parseResult.GetValue(defectOption) ?? []).Aggregate(JpkiTestDefects.None, (all, name) => all | Defects[name]);
            var kind = parseResult.GetValue(kindOption) == "authentication" ? JpkiCertificateKind.Authentication : JpkiCertificateKind.Signature;
            var validFrom = Instant(parseResult.GetValue(validFromOption), "--valid-from");
            var validUntil = Instant(parseResult.GetValue(validUntilOption), "--valid-until");
            var caValidFrom = Instant(parseResult.GetValue(caValidFromOption), "--ca-valid-from");
            var caValidUntil = Instant(parseResult.GetValue(caValidUntilOption), "--ca-valid-until");
            var issue = new IssueRequest(parseResult.GetRequiredValue(outOption), identity, kind, defects, validFrom, validUntil, caValidFrom, caValidUntil);
            return Task.FromResult(Issue(context, issue));
        });

        return command;
    }

    private static int Issue(CliContext context, IssueRequest request)
    {
        var now = context.TimeProvider.GetUtcNow();
        // Whole seconds: the test kit truncates a certificate's times to seconds after clamping them to the roots'
        // start, so a start with a fraction of a second would make a defaulted validity "not fit" the roots.
        var caFrom = WholeSeconds(request.CaValidFrom ?? Min(now.AddYears(-1), request.ValidFrom ?? now));
        var caUntil = WholeSeconds(request.CaValidUntil ?? Max(now.AddYears(10), request.ValidUntil ?? now));
        if (caUntil <= caFrom)
        {
            throw new UsageException("the test roots' validity must end after it starts (--ca-valid-from, --ca-valid-until).");
        }

        if ((request.ValidFrom is { } from && from < caFrom) || (request.ValidUntil is { } until && until > caUntil))
        {
            throw new UsageException("the certificate's validity (--valid-from, --valid-until) must lie within the test roots' (--ca-valid-from, --ca-valid-until).");
        }

        if (request.ValidFrom is { } start && request.ValidUntil is { } end && end <= start)
        {
            throw new UsageException("--valid-until must be after --valid-from.");
        }

        using var authority = JpkiTestAuthority.Create(new JpkiTestAuthorityOptions
        {
            TimeProvider = context.TimeProvider,
            Generations = [new JpkiTestGeneration("01", caFrom, caUntil)],
        });
        using var key = RSA.Create(2048);
        var options = new JpkiTestCertificateOptions
        {
            Defects = request.Defects,
            Key = key,
            NotBefore = request.ValidFrom,
            NotAfter = request.ValidUntil ?? (request.ValidFrom is { } validFrom && request.Defects == JpkiTestDefects.None ? Min(validFrom.AddYears(5), caUntil) : null),
        };

        X509Certificate2 issued;
        try
        {
            issued = request.Kind == JpkiCertificateKind.Signature
                ? authority.IssueSignatureCertificate(request.Identity, options)
                : authority.IssueAuthenticationCertificate(options);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"the test authority cannot mint this certificate: {e.Message}", e);
        }

        using (issued)
        {
            Directory.CreateDirectory(request.Out);
            var files = new List<(string Path, string What)>
            {
                (Write(request.Out, "root-signature.pem", authority.GetCa(JpkiCertificateKind.Signature).Certificate.ExportCertificatePem()), "the test signature root: pass it to 'verify --anchors'"),
                (Write(request.Out, "root-authentication.pem", authority.GetCa(JpkiCertificateKind.Authentication).Certificate.ExportCertificatePem()), "the test authentication root"),
                (Write(request.Out, "certificate.pem", issued.ExportCertificatePem()), $"the {Text.Code(request.Kind)} certificate"),
                (Write(request.Out, "private-key.pem", key.ExportPkcs8PrivateKeyPem()), "its private key (PKCS#8, unencrypted: test material only)"),
            };

            var parsed = JpkiCertificate.FromX509Certificate(issued);
            var output = context.Out;
            output.WriteLine("Minted a FICTITIOUS certificate with a new LineGov test authority (never trust it in production):");
            Text.WriteTable(output,
            [
                ("Kind", Text.Describe(parsed.Kind)),
                ("Serial number", parsed.SerialNumber),
                ("Valid", $"{Text.IsoInstant(parsed.NotBefore)} .. {Text.IsoInstant(parsed.NotAfter)}"),
                ("Roots valid", $"{Text.IsoInstant(authority.GetCa(request.Kind).Parsed.NotBefore)} .. {Text.IsoInstant(authority.GetCa(request.Kind).Parsed.NotAfter)}"),
                ("Defects", request.Defects == JpkiTestDefects.None ? "none" : string.Join(", ", Defects.Where(d => request.Defects.HasFlag(d.Value)).Select(d => d.Key))),
            ], "  ");
            output.WriteLine("Wrote:");
            Text.WriteTable(output, files.Select(f => (f.Path, f.What)), "  ");
            output.WriteLine("Next:");
            var certificate = Path.Combine(request.Out, "certificate.pem");
            var privateKey = Path.Combine(request.Out, "private-key.pem");
            var root = Path.Combine(request.Out, request.Kind == JpkiCertificateKind.Signature ? "root-signature.pem" : "root-authentication.pem");
            output.WriteLine($"  linegov jpki inspect {Quote(certificate)}");
            output.WriteLine($"  linegov jpki testkit sign --key {Quote(privateKey)} --data <file> --out <file>.sig");
            output.WriteLine($"  linegov jpki verify --cert {Quote(certificate)} --signature <file>.sig --data <file> --anchors {Quote(root)} --revocation none");
        }

        return ExitCodes.Success;
    }

    internal static JpkiTestIdentity BuildIdentity(string? name, string? nameFlags, string? dateOfBirth, string? gender, string? address, string? addressFlags)
    {
        var identity = JpkiTestIdentity.Default;
        if (name is not null)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new UsageException("--name must not be empty.");
            }

            identity = identity with { Name = name };
        }

        if (address is not null)
        {
            if (string.IsNullOrWhiteSpace(address))
            {
                throw new UsageException("--address must not be empty.");
            }

            identity = identity with { Address = address };
        }

        identity = identity with
        {
            NameAlternateCharacterFlags = CheckFlags(nameFlags, identity.Name, "--name-flags", "name"),
            AddressAlternateCharacterFlags = CheckFlags(addressFlags, identity.Address, "--address-flags", "address"),
            Gender = gender switch
            {
                "male" => "1",
                "unknown" => "3",
                "female" => "2",
                _ => identity.Gender,
            },
        };

        if (dateOfBirth is not null)
        {
            identity = identity with { DateOfBirth = ParseDateOfBirth(dateOfBirth) };
        }

        return identity;
    }

    private static string ParseDateOfBirth(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Equals("unknown", StringComparison.OrdinalIgnoreCase))
        {
            return JpkiDateOfBirth.Unknown.RawValue;
        }

        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            try
            {
                return JpkiDateOfBirth.FromDate(date).RawValue;
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new UsageException($"--date-of-birth {trimmed} is before the Meiji era (1868-01-25), which JPKI cannot encode.");
            }
        }

        try
        {
            return JpkiDateOfBirth.Parse(trimmed).RawValue;
        }
        catch (FormatException e)
        {
            throw new UsageException($"--date-of-birth '{value}' is neither yyyy-MM-dd, EYYYYMMDD nor 'unknown': {e.Message}", e);
        }
    }

    private static string? CheckFlags(string? flags, string text, string optionName, string what)
    {
        if (flags is null)
        {
            return null;
        }

        var characters = text.EnumerateRunes().Count();
        if (flags.Length != characters || flags.Any(c => c is not ('0' or '1')))
        {
            throw new UsageException($"{optionName} must be one 0 or 1 per character of the {what} ({characters} characters), for example {new string('0', characters)}.");
        }

        return flags;
    }

    private static DateTimeOffset? Instant(string? value, string optionName) => value is null ? null : Inputs.ParseInstant(value, optionName);

    private static string Write(string folder, string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content.EndsWith('\n') ? content : content + "\n");
        return path;
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;

    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed record IssueRequest(
        string Out,
        JpkiTestIdentity Identity,
        JpkiCertificateKind Kind,
        JpkiTestDefects Defects,
        DateTimeOffset? ValidFrom,
        DateTimeOffset? ValidUntil,
        DateTimeOffset? CaValidFrom,
        DateTimeOffset? CaValidUntil);
}
