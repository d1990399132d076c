using System.CommandLine;
using System.Globalization;
using LineGov.Cli.Infrastructure;
using LineGov.Jpki;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov jpki crl inspect &lt;file&gt; [--issuer &lt;cert&gt;] [--json]</c>: what a CRL says, and how big it is in memory.</summary>
internal static class CrlInspectCommand
{
    private const string CommandPath = "linegov jpki crl inspect";

    public static Command CreateGroup(CliContext context)
    {
        var group = new Command(
            "crl",
            "Certificate revocation lists (CRLs, 失効リスト): J-LIS publishes them daily, one per municipality, to registered " +
            "verifiers. Use 'inspect' to see what a CRL file says before you give it to 'linegov jpki verify --crl'.");
        group.Subcommands.Add(Create(context));
        return group;
    }

    private static Command Create(CliContext context)
    {
        var fileArgument = new Argument<string>("file")
        {
            Description = "The CRL file: DER (.crl, .der) or PEM ('-----BEGIN X509 CRL-----').",
        };
        var issuerOption = new Option<string>("--issuer")
        {
            Description = "The certificate of the CA that issued the CRL (DER or PEM), to check the CRL's signature. Without it the signature is not checked.",
            HelpName = "cert",
        };
        var jsonOption = new Option<bool>("--json")
        {
            Description = "Print one JSON object instead of the table (for scripts).",
        };

        var command = new Command(
            "inspect",
            "Show what a CRL says: who issued it, its number (and for a delta CRL the number of the complete CRL it updates), " +
            "when it was made and when the next one is due, which certificates it covers (its scope: a municipality's " +
            "distribution point, user or CA certificates only, some reasons only, indirect), how many certificates it lists " +
            "as revoked, its signature algorithm, any critical extension linegov cannot process (such a CRL must not be used), " +
            "and how long it took to read and how much memory its index takes. With --issuer it also checks the signature. " +
            "It lists no serial numbers.\n" +
            "Exit codes: 0 = read (and with --issuer, the signature is valid), 1 = the signature does not verify with --issuer, " +
            "2 = the file cannot be read or is not a CRL.")
        {
            fileArgument,
            issuerOption,
            jsonOption,
        };

        command.SetGuardedAction(context, CommandPath, async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetRequiredValue(fileArgument);
            var issuerPath = parseResult.GetValue(issuerOption);
            var issuer = issuerPath is null ? null : await Inputs.ReadCertificateAsync(issuerPath, "the issuer certificate (--issuer)", cancellationToken);
            var crl = await Inputs.ReadCrlAsync(path, "the CRL file", cancellationToken);
            var signature = issuer is null
                ? null
                : new SignatureCheck(issuer, crl.IsSignatureValid(issuer), DistinguishedNamesEqual(issuer.SubjectName.RawData, crl.IssuerName.RawData));
            var now = context.TimeProvider.GetUtcNow();
            if (parseResult.GetValue(jsonOption))
            {
                WriteJson(context.Out, crl, signature);
            }
            else
            {
                WriteTable(context.Out, crl, path, signature, now);
            }

            return signature is { Valid: false } ? ExitCodes.Invalid : ExitCodes.Success;
        });

        return command;
    }

    private static void WriteJson(TextWriter output, JpkiCrl crl, SignatureCheck? signature) =>
        Json.WriteObject(output, json =>
        {
            json.WriteString("issuer", crl.Issuer);
            json.WriteNumber("version", crl.Version);
            json.WriteStringOrNull("crlNumber", crl.CrlNumber?.ToString(CultureInfo.InvariantCulture));
            json.WriteStringOrNull("baseCrlNumber", crl.BaseCrlNumber?.ToString(CultureInfo.InvariantCulture));
            json.WriteBoolean("delta", crl.IsDelta);
            json.WriteString("thisUpdate", Text.IsoInstant(crl.ThisUpdate));
            json.WriteInstantOrNull("nextUpdate", crl.NextUpdate);
            if (crl.IssuingDistributionPoint is { } scope)
            {
                json.WriteStartObject("scope");
                json.WriteStartArray("distributionPoint");
                foreach (var name in scope.DirectoryNames)
                {
                    json.WriteStringValue(name.Name);
                }

                foreach (var uri in scope.Uris)
                {
                    json.WriteStringValue(uri);
                }

                json.WriteEndArray();
                json.WriteBoolean("nameRelativeToIssuer", scope.IsRelativeToCrlIssuer);
                json.WriteBoolean("onlyUserCertificates", scope.OnlyContainsUserCertificates);
                json.WriteBoolean("onlyCaCertificates", scope.OnlyContainsCaCertificates);
                json.WriteBoolean("onlyAttributeCertificates", scope.OnlyContainsAttributeCertificates);
                if (scope.OnlySomeReasons is { } reasons)
                {
                    json.WriteStartArray("onlySomeReasons");
                    foreach (var reason in reasons)
                    {
                        json.WriteStringValue(Text.Code(reason));
                    }

                    json.WriteEndArray();
                }
                else
                {
                    json.WriteNull("onlySomeReasons");
                }

                json.WriteBoolean("indirect", scope.IsIndirect);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("scope");
            }

            json.WriteNumber("entries", crl.Count);
            json.WriteString("signatureAlgorithm", Text.SignatureAlgorithmName(crl.SignatureAlgorithmOid));
            json.WriteString("signatureAlgorithmOid", crl.SignatureAlgorithmOid);
            json.WriteStringOrNull("unsupportedCriticalExtension", crl.UnsupportedCriticalExtensionOid);
            json.WriteNumber("parseTimeMs", Math.Round(crl.ParseTime.TotalMilliseconds, 3));
            json.WriteNumber("encodedBytes", crl.EncodedLength);
            json.WriteNumber("indexMemoryBytes", crl.IndexMemoryBytes);
            if (crl.Count > 0)
            {
                json.WriteNumber("bytesPerEntry", Math.Round((double)crl.IndexMemoryBytes / crl.Count, 1));
            }
            else
            {
                json.WriteNull("bytesPerEntry");
            }

            if (signature is { } check)
            {
                json.WriteStartObject("signature");
                json.WriteString("issuer", check.Issuer.Subject);
                json.WriteBoolean("issuerNameMatches", check.NameMatches);
                json.WriteBoolean("valid", check.Valid);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("signature");
            }
        });

    private static void WriteTable(TextWriter output, JpkiCrl crl, string path, SignatureCheck? signature, DateTimeOffset now)
    {
        var rows = new List<(string, string)>
        {
            ("File", path),
            ("Issuer", crl.Issuer),
            ("CRL number", crl.CrlNumber?.ToString(CultureInfo.InvariantCulture) ?? "none (no cRLNumber extension)"),
            ("Type", crl.BaseCrlNumber is { } baseNumber
                ? string.Create(CultureInfo.InvariantCulture, $"delta CRL: only the changes since complete CRL number {baseNumber}")
                : "complete CRL"),
            ("This update", Text.IsoInstant(crl.ThisUpdate) + (crl.ThisUpdate > now ? " (in the future: check the clocks)" : string.Empty)),
            ("Next update", crl.NextUpdate is { } next
                ? Text.IsoInstant(next) + (next < now ? " (PASSED: a newer CRL should exist; an out-of-date CRL answers nothing)" : " (current)")
                : "none given"),
            ("Scope", DescribeScope(crl.IssuingDistributionPoint)),
            ("Entries", string.Create(CultureInfo.InvariantCulture, $"{crl.Count:N0} revoked certificate{(crl.Count == 1 ? string.Empty : "s")}")),
            ("Signature algorithm", $"{Text.SignatureAlgorithmName(crl.SignatureAlgorithmOid)} ({crl.SignatureAlgorithmOid})"),
            ("Critical extensions", crl.UnsupportedCriticalExtensionOid is { } oid
                ? $"{oid} is NOT supported: this CRL must not be used to decide any certificate's status"
                : "all understood"),
            ("Signature", signature switch
            {
                null => "not checked (give the issuing CA's certificate with --issuer)",
                { Valid: true } => $"VALID: signed by the key of {signature.Issuer.Subject}",
                { NameMatches: false } => $"INVALID: --issuer is {signature.Issuer.Subject}, not the CRL's issuer",
                _ => $"INVALID: does not verify with the key of {signature.Issuer.Subject}",
            }),
            ("Size", string.Create(CultureInfo.InvariantCulture, $"{crl.EncodedLength:N0} bytes of DER, read in {crl.ParseTime.TotalMilliseconds:0.###} ms")),
            ("Index memory", string.Create(
                CultureInfo.InvariantCulture,
                $"{crl.IndexMemoryBytes:N0} bytes{(crl.Count > 0 ? $" ({(double)crl.IndexMemoryBytes / crl.Count:0.#} bytes per entry)" : string.Empty)}")),
        };

        Text.WriteTable(output, rows);
    }

    private static string DescribeScope(JpkiIssuingDistributionPoint? scope)
    {
        if (scope is null)
        {
            return "every certificate of the issuer, every reason (no issuingDistributionPoint)";
        }

        var parts = new List<string>();
        var names = scope.DirectoryNames.Select(n => n.Name).Concat(scope.Uris).ToList();
        if (names.Count > 0)
        {
            parts.Add("distribution point " + string.Join(" | ", names));
        }
        else if (scope.IsRelativeToCrlIssuer)
        {
            parts.Add("a distribution point named relative to the issuer");
        }

        parts.Add(scope.OnlyContainsUserCertificates ? "user (end-entity) certificates only"
            : scope.OnlyContainsCaCertificates ? "CA certificates only"
            : scope.OnlyContainsAttributeCertificates ? "attribute certificates only"
            : "user and CA certificates");
        parts.Add(scope.OnlySomeReasons is { } reasons ? "only the reasons " + string.Join(", ", reasons.Select(Text.Code)) : "every reason");
        if (scope.IsIndirect)
        {
            parts.Add("indirect (may list certificates of other issuers)");
        }

        return string.Join("; ", parts);
    }

    private static bool DistinguishedNamesEqual(byte[] a, byte[] b) =>
        a.AsSpan().SequenceEqual(b) ||
        string.Equals(
            new System.Security.Cryptography.X509Certificates.X500DistinguishedName(a).Format(false),
            new System.Security.Cryptography.X509Certificates.X500DistinguishedName(b).Format(false),
            StringComparison.OrdinalIgnoreCase);

    /// <summary>The CRL's signature checked with <c>--issuer</c>: valid when the key verifies it and the names match.</summary>
    private sealed record SignatureCheck(JpkiCertificate Issuer, bool KeyVerifies, bool NameMatches)
    {
        public bool Valid => KeyVerifies && NameMatches;
    }
}
