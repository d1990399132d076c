using System.CommandLine;
using LineGov.Cli.Infrastructure;
using LineGov.Jpki;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov x509</c>: any X.509 certificate, not only JPKI.</summary>
internal static class X509Command
{
    private const string CommandPath = "linegov x509 validate";

    public static Command Create(CliContext context)
    {
        var command = new Command(
            "x509",
            "Any X.509 certificate, not only My Number Card ones: check a certificate path the way RFC 5280 describes " +
            "(the rules every certificate library should follow; tested with NIST's PKITS suite).");
        command.Subcommands.Add(CreateValidate(context));
        return command;
    }

    private static Command CreateValidate(CliContext context)
    {
        var anchorOption = new Option<string[]>("--anchor")
        {
            Description = "The root certificate(s) you trust (DER or PEM; a PEM file may hold several). Repeat for several.",
            HelpName = "cert",
            Arity = ArgumentArity.OneOrMore,
            Required = true,
        };
        var intermediateOption = new Option<string[]>("--intermediate")
        {
            Description = "Intermediate CA certificates the path may go through, and certificates of separate CRL issuers (DER or PEM; a PEM file may hold several). Repeat for several; order does not matter.",
            HelpName = "cert",
            Arity = ArgumentArity.OneOrMore,
        };
        var certOption = new Option<string>("--cert")
        {
            Description = "The certificate to check (the end-entity or 'leaf' certificate), DER or PEM.",
            HelpName = "cert",
            Required = true,
        };
        var crlOption = new Option<string[]>("--crl")
        {
            Description = "A CRL file (DER or PEM), or a folder of .crl/.der/.pem CRL files. Repeat for several. These are the ONLY revocation source: give the CRL of every CA on the path (and delta CRLs if you use them).",
            HelpName = "file or folder",
            Arity = ArgumentArity.OneOrMore,
        };
        var noRevocationOption = new Option<bool>("--no-revocation")
        {
            Description = "Do not check revocation at all (for tests and investigations only; the report says 'NOT checked').",
        };
        var atOption = new Option<string>("--at")
        {
            Description = "Check as of this instant instead of now, ISO 8601: 2011-04-15 (midnight UTC) or 2011-04-15T09:00:00+09:00.",
            HelpName = "instant",
        };
        var policySetOption = new Option<string[]>("--initial-policy-set")
        {
            Description = "The certificate policies you accept (RFC 5280 user-initial-policy-set), as OIDs separated by commas, e.g. 2.16.840.1.101.3.2.1.48.1,2.16.840.1.101.3.2.1.48.2; 'anyPolicy' (2.5.29.32.0) is the default and accepts any.",
            HelpName = "oid,oid",
            Arity = ArgumentArity.OneOrMore,
        };
        var requireExplicitPolicyOption = new Option<bool>("--require-explicit-policy")
        {
            Description = "The path must be valid for at least one policy of --initial-policy-set (RFC 5280 initial-explicit-policy).",
        };
        var inhibitPolicyMappingOption = new Option<bool>("--inhibit-policy-mapping")
        {
            Description = "Do not follow policy mappings (RFC 5280 initial-policy-mapping-inhibit).",
        };
        var inhibitAnyPolicyOption = new Option<bool>("--inhibit-any-policy")
        {
            Description = "A certificate's anyPolicy does not count as every policy (RFC 5280 initial-any-policy-inhibit).",
        };
        var jsonOption = new Option<bool>("--json")
        {
            Description = "Print one JSON object (valid, reasons, path, userConstrainedPolicySet, validationTime, trustAnchor) instead of the report.",
        };

        var command = new Command(
            "validate",
            "Check a certificate path as RFC 5280 section 6 says: a chain from --cert through the --intermediate certificates to " +
            "a trusted --anchor, each signature, each validity period, basic constraints and path lengths, key usage, " +
            "certificate policies (with --initial-policy-set and the three policy switches), name constraints, unknown " +
            "critical extensions, and revocation. Every reason for a failure is listed.\n" +
            "Revocation is STRICT: only the CRLs you give with --crl are asked, and every certificate of the path must be " +
            "covered by a current CRL. With no --crl every certificate's status is unknown and the result is invalid " +
            "(RevocationUnknown); use --no-revocation to skip the check knowingly.\n" +
            "Exit codes: 0 = valid, 1 = invalid (the reasons are printed), 2 = usage or input error (nothing was checked).")
        {
            anchorOption,
            intermediateOption,
            certOption,
            crlOption,
            noRevocationOption,
            atOption,
            policySetOption,
            requireExplicitPolicyOption,
            inhibitPolicyMappingOption,
            inhibitAnyPolicyOption,
            jsonOption,
        };

        command.SetGuardedAction(context, CommandPath, async (parseResult, cancellationToken) =>
        {
            var crlPaths = parseResult.GetValue(crlOption) ?? [];
            var noRevocation = parseResult.GetValue(noRevocationOption);
            if (noRevocation && crlPaths.Length > 0)
            {
                throw new UsageException("--no-revocation and --crl contradict each other: give CRLs to check revocation, or --no-revocation to skip it.");
            }

            var policySet = ParsePolicySet(parseResult.GetValue(policySetOption) ?? []);
            var at = parseResult.GetValue(atOption) is { } atText ? Inputs.ParseInstant(atText, "--at") : Text.WholeSeconds(context.TimeProvider.GetUtcNow());

            var anchors = new List<JpkiCertificate>();
            foreach (var path in parseResult.GetValue(anchorOption) ?? [])
            {
                anchors.AddRange(await Inputs.ReadCertificatesAsync(path, "the trust anchor (--anchor)", cancellationToken));
            }

            var intermediates = new List<JpkiCertificate>();
            foreach (var path in parseResult.GetValue(intermediateOption) ?? [])
            {
                intermediates.AddRange(await Inputs.ReadCertificatesAsync(path, "the intermediate certificate (--intermediate)", cancellationToken));
            }

            var certificate = await Inputs.ReadCertificateAsync(parseResult.GetRequiredValue(certOption), "the certificate (--cert)", cancellationToken);
            var crls = new List<JpkiCrl>();
            foreach (var path in crlPaths)
            {
                if (Directory.Exists(path))
                {
                    var files = Inputs.CrlFilesIn(path);
                    if (files.Count == 0)
                    {
                        throw new InputException($"the CRL folder (--crl) '{path}' holds no .crl, .der or .pem file.");
                    }

                    foreach (var file in files)
                    {
                        crls.Add(await Inputs.ReadCrlAsync(file, "the CRL file (--crl)", cancellationToken));
                    }
                }
                else
                {
                    crls.Add(await Inputs.ReadCrlAsync(path, "the CRL file (--crl)", cancellationToken));
                }
            }

            var settings = new X509PathValidationSettings
            {
                TrustAnchors = anchors,
                Certificates = intermediates,
                Crls = crls,
                ValidationTime = at,
                CheckRevocation = !noRevocation,
                InitialPolicySet = policySet,
                RequireExplicitPolicy = parseResult.GetValue(requireExplicitPolicyOption),
                InhibitPolicyMapping = parseResult.GetValue(inhibitPolicyMappingOption),
                InhibitAnyPolicy = parseResult.GetValue(inhibitAnyPolicyOption),
            };

            var result = X509PathValidator.Validate(certificate, settings);
            // Leaf first, as the path is listed (the validator works from the root down).
            var reasons = result.Failures
                .OrderBy(f => f.ChainIndex)
                .Select(f => (Code: f.Reason.ToString(), Message: Explain(f, crls.Count, noRevocation), ChainIndex: (int?)f.ChainIndex))
                .ToList();
            if (parseResult.GetValue(jsonOption))
            {
                WriteJson(context.Out, result, reasons, at);
            }
            else
            {
                WriteReport(context.Out, result, reasons, settings, parseResult.GetValue(atOption) is not null);
            }

            return result.IsValid ? ExitCodes.Success : ExitCodes.Invalid;
        });

        return command;
    }

    /// <summary>OIDs separated by commas (or repeated options); <c>anyPolicy</c> stands for 2.5.29.32.0.</summary>
    private static List<string> ParsePolicySet(string[] values)
    {
        if (values.Length == 0)
        {
            return [X509PathValidationSettings.AnyPolicy];
        }

        var set = new List<string>();
        foreach (var part in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var oid = part.Equals("anyPolicy", StringComparison.OrdinalIgnoreCase) ? X509PathValidationSettings.AnyPolicy : part;
            var arcs = oid.Split('.');
            if (arcs.Length < 2 || arcs.Any(a => a.Length == 0 || !a.All(char.IsAsciiDigit)) || arcs[0] is not ("0" or "1" or "2"))
            {
                throw new UsageException($"--initial-policy-set: '{part}' is not an OID such as 2.16.840.1.101.3.2.1.48.1 (or 'anyPolicy').");
            }

            if (!set.Contains(oid, StringComparer.Ordinal))
            {
                set.Add(oid);
            }
        }

        return set.Count > 0 ? set : throw new UsageException("--initial-policy-set needs at least one OID (or 'anyPolicy').");
    }

    private static string Explain(JpkiValidationFailure failure, int crlCount, bool noRevocation) =>
        failure.Reason == JpkiValidationFailureReason.RevocationUnknown && crlCount == 0 && !noRevocation
            ? $"{failure.Message.TrimEnd('.')}. No --crl was given: give the CRL of every CA on the path with --crl, or use --no-revocation to skip the revocation check."
            : failure.Message;

    private static void WriteJson(TextWriter output, X509PathValidationResult result, List<(string Code, string Message, int? ChainIndex)> reasons, DateTimeOffset at) =>
        Json.WriteObject(output, json =>
        {
            json.WriteBoolean("valid", result.IsValid);
            json.WriteReasons("reasons", reasons);
            json.WriteStartArray("path");
            for (var i = 0; i < result.Path.Count; i++)
            {
                var certificate = result.Path[i];
                json.WriteStartObject();
                json.WriteString("subject", certificate.Subject);
                json.WriteString("serial", certificate.SerialNumber);
                json.WriteStringOrNull("revocation", i < result.Revocation.Count && result.Revocation[i] is { } status ? Text.Code(status.State) : null);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("userConstrainedPolicySet");
            foreach (var policy in result.UserConstrainedPolicySet)
            {
                json.WriteStringValue(policy);
            }

            json.WriteEndArray();
            json.WriteString("validationTime", Text.IsoInstant(at));
            json.WriteStringOrNull("trustAnchor", result.TrustAnchor?.Subject);
        });

    private static void WriteReport(TextWriter output, X509PathValidationResult result, List<(string Code, string Message, int? ChainIndex)> reasons, X509PathValidationSettings settings, bool atGiven)
    {
        output.WriteLine(result.IsValid
            ? "VALID: the path to a trusted root is valid."
            : $"INVALID: {reasons.Count} reason{(reasons.Count == 1 ? string.Empty : "s")}:");
        foreach (var (code, message, chainIndex) in reasons)
        {
            output.WriteLine($"  - {code} ({Where(chainIndex ?? 0, result.Path.Count)}): {message}");
        }

        output.WriteLine();
        output.WriteLine("Path (the checked certificate first):");
        for (var i = 0; i < result.Path.Count; i++)
        {
            var certificate = result.Path[i];
            var revocation = !settings.CheckRevocation ? "revocation NOT checked"
                : i < result.Revocation.Count && result.Revocation[i] is { } status ? "revocation " + Text.Code(status.State)
                : "revocation not determined";
            output.WriteLine($"  [{i}] {certificate.Subject} (serial {certificate.SerialNumber}; {revocation})");
        }

        output.WriteLine(result.TrustAnchor is { } anchor
            ? $"  root: {anchor.Subject} (--anchor)"
            : "  root: none reached (no trusted --anchor issued this path)");
        output.WriteLine();
        var rows = new List<(string, string)>
        {
            ("Checked as of", Text.IsoInstant(settings.ValidationTime) + (atGiven ? " (--at)" : " (now)")),
            ("Policies accepted", string.Join(", ", settings.InitialPolicySet.Select(p => p == X509PathValidationSettings.AnyPolicy ? "anyPolicy" : p))),
            ("Valid for policies", result.IsValid
                ? result.UserConstrainedPolicySet.Count == 0 ? "none (no policy was required)" : string.Join(", ", result.UserConstrainedPolicySet.Select(p => p == X509PathValidationSettings.AnyPolicy ? "anyPolicy" : p))
                : "-"),
            ("Revocation", !settings.CheckRevocation
                ? "NOT checked (--no-revocation)"
                : settings.Crls.Count == 0 ? "required, but no --crl was given" : $"from the {settings.Crls.Count} CRL{(settings.Crls.Count == 1 ? string.Empty : "s")} given (--crl) only"),
        };
        Text.WriteTable(output, rows);
    }

    private static string Where(int chainIndex, int pathLength) =>
        chainIndex == 0 ? "certificate" : chainIndex < pathLength ? $"CA #{chainIndex}" : "path";
}
