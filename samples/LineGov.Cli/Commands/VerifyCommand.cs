using System.CommandLine;
using LineGov.Cli.Infrastructure;
using LineGov.Jpki;

namespace LineGov.Cli.Commands;

/// <summary>
/// <c>linegov jpki verify</c>: validates the signer's certificate against the J-LIS production roots (plus
/// <c>--anchors</c>) and verifies a raw PKCS#1 or CMS signature.
/// </summary>
internal static class VerifyCommand
{
    private const string CommandPath = "linegov jpki verify";

    private const string RevocationHint =
        "No revocation source was given: pass the CRLs you receive from J-LIS with --crl <file or folder>, ask the " +
        "OCSP responder with --revocation ocsp (or --ocsp-url <url>), or use --revocation none to skip the revocation check.";

    public static Command Create(CliContext context)
    {
        var certOption = new Option<string>("--cert")
        {
            Description = "The signer's certificate (DER or PEM). Required for a raw signature; with --cms only needed when the message does not carry it (when given, it must be the certificate that signed).",
            HelpName = "file",
        };
        var signatureOption = new Option<string>("--signature")
        {
            Description = "The signature file: a raw RSA PKCS#1 v1.5 signature (binary or Base64), or with --cms a CMS SignedData / PKCS#7 (.p7s, DER or PEM).",
            HelpName = "file",
            Required = true,
        };
        var dataOption = new Option<string>("--data")
        {
            Description = "The file that was signed (the application). With --cms and no --data, the content is taken from inside the message (attached signature).",
            HelpName = "file",
        };
        var digestOption = new Option<string>("--digest")
        {
            Description = "Instead of --data: the SHA-256 digest of what was signed, as 64 hexadecimal characters (raw signatures only).",
            HelpName = "hex",
        };
        var cmsOption = new Option<bool>("--cms")
        {
            Description = "The signature file is CMS SignedData (PKCS#7): detached over --data, or attached when --data is absent.",
        };
        var atOption = new Option<string>("--at")
        {
            Description = "Check as of this instant instead of now, ISO 8601: 2030-04-01 (midnight UTC) or 2030-04-01T09:00:00+09:00.",
            HelpName = "instant",
        };
        var anchorsOption = new Option<string[]>("--anchors")
        {
            Description = "Further roots to trust besides the J-LIS production roots built in: a certificate file (DER or PEM, several PEM blocks allowed) or a folder of .pem/.crt/.cer/.der files. Repeat for several. Only for roots you trust, such as the LineGov test authority's in tests.",
            HelpName = "file or folder",
            Arity = ArgumentArity.OneOrMore,
        };
        var revocationOption = new Option<string>("--revocation")
        {
            Description = "Where to ask whether the certificate was revoked: 'crl' (only the CRL files of --crl), 'ocsp' (only the OCSP responder named in the certificate, or --ocsp-url; needs the network), 'ocsp-then-crl' (OCSP, and the CRLs when OCSP cannot answer), or 'none' (do not check; for tests only). Default: crl when you give --crl, ocsp when you give --ocsp-url, ocsp-then-crl when you give both; with neither, revocation is still required and nothing can answer, so the result is invalid (RevocationUnknown). Unless --soft-fail, a status nobody can confirm makes the certificate invalid.",
            HelpName = "none|crl|ocsp|ocsp-then-crl",
        };
        revocationOption.AcceptOnlyFromAmong("none", "crl", "ocsp", "ocsp-then-crl");
        var crlOption = new Option<string[]>("--crl")
        {
            Description = "A CRL file (DER or PEM) or a folder of .crl/.der/.pem CRL files, as received from J-LIS (one per municipality). Repeat for several. Only CRLs signed by a trusted root are used; the others are named in a warning.",
            HelpName = "file or folder",
            Arity = ArgumentArity.OneOrMore,
        };
        var ocspUrlOption = new Option<string>("--ocsp-url")
        {
            Description = "Ask this OCSP responder instead of the one named in the certificate (registered verifiers are often given their own address).",
            HelpName = "url",
        };
        var ocspTimeoutOption = new Option<int?>("--ocsp-timeout")
        {
            Description = "The longest to wait for the OCSP responder, retries included, in seconds (1 to 120). Default: 10.",
            HelpName = "seconds",
        };
        var softFailOption = new Option<bool>("--soft-fail")
        {
            Description = "Accept a certificate whose revocation status nobody could confirm (responder down, no CRL for it), with a warning. A certificate known to be revoked is still invalid. Never use it for payments.",
        };
        var kindOption = new Option<string>("--kind")
        {
            Description = "Accept only this certificate kind: 'signature' (署名用, carries the four facts; what a benefit application needs) or 'authentication' (利用者証明用, log-in only). Default: either.",
            HelpName = "signature|authentication",
        };
        kindOption.AcceptOnlyFromAmong("signature", "authentication");
        var jsonOption = new Option<bool>("--json")
        {
            Description = "Print one JSON object (valid, kind, reasons, warnings, path, verificationTime, signer, revocation) instead of the report.",
        };

        var command = new Command(
            "verify",
            "Check a signed application: is the signer's certificate valid (issued by a trusted root, within its validity, " +
            "a JPKI certificate of the right kind, not revoked according to the CRLs or OCSP responder you name) and does " +
            "the signature match the file? Raw signatures are " +
            "RSA PKCS#1 v1.5 over SHA-256, as a phone reading the My Number Card makes them; --cms takes CMS SignedData " +
            "as signing software makes it. Every reason for a failure is listed.\n" +
            "Exit codes: 0 = valid, 1 = invalid (the reasons are printed), 2 = usage or input error (nothing was checked).")
        {
            certOption,
            signatureOption,
            dataOption,
            digestOption,
            cmsOption,
            atOption,
            anchorsOption,
            revocationOption,
            crlOption,
            ocspUrlOption,
            ocspTimeoutOption,
            softFailOption,
            kindOption,
            jsonOption,
        };

        command.SetGuardedAction(context, CommandPath, async (parseResult, cancellationToken) =>
        {
            var request = new VerifyRequest(
                parseResult.GetValue(certOption),
                parseResult.GetRequiredValue(signatureOption),
                parseResult.GetValue(dataOption),
                parseResult.GetValue(digestOption),
                parseResult.GetValue(cmsOption),
                parseResult.GetValue(atOption),
                parseResult.GetValue(anchorsOption) ?? [],
                parseResult.GetValue(revocationOption),
                parseResult.GetValue(crlOption) ?? [],
                parseResult.GetValue(ocspUrlOption),
                parseResult.GetValue(ocspTimeoutOption),
                parseResult.GetValue(softFailOption),
                parseResult.GetValue(kindOption),
                parseResult.GetValue(jsonOption));
            return await RunAsync(context, request, cancellationToken);
        });

        return command;
    }

    private static async Task<int> RunAsync(CliContext context, VerifyRequest request, CancellationToken cancellationToken)
    {
        // Usage first, so that nothing is read when the command line is wrong.
        if (request.Data is not null && request.Digest is not null)
        {
            throw new UsageException("give either --data or --digest, not both.");
        }

        if (request.Cms && request.Digest is not null)
        {
            throw new UsageException("--digest works with raw signatures only; a CMS signature is checked against --data or its own content.");
        }

        if (!request.Cms && request.Data is null && request.Digest is null)
        {
            throw new UsageException("give the signed file with --data, or its SHA-256 with --digest.");
        }

        if (!request.Cms && request.Certificate is null)
        {
            throw new UsageException("--cert is required for a raw signature (only a CMS message can carry its certificate).");
        }

        var digest = request.Digest is null ? null : Inputs.ParseSha256Hex(request.Digest);
        DateTimeOffset? at = request.At is null ? null : Inputs.ParseInstant(request.At, "--at");
        var choice = RevocationSetup.Decide(request.Revocation, request.Crls.Length, request.OcspUrl is not null, request.OcspTimeout is not null, request.SoftFail);
        var ocspUrl = request.OcspUrl is null ? null : Inputs.ParseHttpUrl(request.OcspUrl, "--ocsp-url");
        if (request.OcspTimeout is { } seconds && seconds is < 1 or > 120)
        {
            throw new UsageException($"--ocsp-timeout must be between 1 and 120 seconds, not {seconds}.");
        }

        var revocationSkipped = choice == RevocationChoice.None;
        var policy = JpkiValidationPolicy.Default with
        {
            RequiredKind = request.Kind switch
            {
                "signature" => JpkiKindRequirement.Signature,
                "authentication" => JpkiKindRequirement.Authentication,
                _ => JpkiKindRequirement.SignatureOrAuthentication,
            },
            RevocationMode = revocationSkipped ? JpkiRevocationMode.None : request.SoftFail ? JpkiRevocationMode.BestEffort : JpkiRevocationMode.Required,

            // Without --at the validator takes its clock: a revocation the responder dates a moment "after now" is clock skew, not a reprieve.
            VerificationTime = at,
        };

        var trustStore = JpkiTrustStore.Production;
        foreach (var anchors in request.Anchors)
        {
            trustStore = await LoadAnchorsAsync(trustStore, anchors, cancellationToken);
        }

        var certificate = request.Certificate is null ? null : await Inputs.ReadCertificateAsync(request.Certificate, "the certificate file (--cert)", cancellationToken);
        var signature = Inputs.DecodeSignature(
            await Inputs.ReadFileAsync(request.Signature, "the signature file (--signature)", Inputs.MaxSignatureLength, cancellationToken),
            request.Signature);
        var data = request.Data is null ? (byte[]?)null : await Inputs.ReadFileAsync(request.Data, "the signed file (--data)", Inputs.MaxDataLength, cancellationToken);

        using var revocation = await RevocationSetup.CreateAsync(
            choice,
            request.Crls,
            ocspUrl,
            request.OcspTimeout is { } timeout ? TimeSpan.FromSeconds(timeout) : null,
            trustStore,
            context,
            CommandPath,
            cancellationToken);
        var validator = new JpkiCertificateValidator(
            new JpkiCertificateValidatorOptions { TrustStore = trustStore, DefaultPolicy = policy },
            revocation.Checker,
            context.TimeProvider);
        var verifier = new JpkiSignatureVerifier(validator);
        JpkiSignatureResult result;
        if (request.Cms)
        {
            result = data is null
                ? await verifier.VerifyCmsAsync(signature, certificate, policy, cancellationToken)
                : await verifier.VerifyDetachedCmsAsync(signature, data, certificate, policy, cancellationToken);
        }
        else if (digest is not null)
        {
            result = await verifier.VerifyRawDigestAsync(certificate!, digest, signature, policy, cancellationToken);
        }
        else
        {
            result = await verifier.VerifyRawAsync(certificate!, data!, signature, policy, cancellationToken);
        }

        var outcome = Outcome.From(result, choice, revocation, at ?? context.TimeProvider.GetUtcNow());
        foreach (var warning in outcome.Warnings)
        {
            context.Error.WriteLine($"{CommandPath}: warning: {warning.Code}: {LinegovCli.OneLine(warning.Message)}");
        }

        if (request.Json)
        {
            WriteJson(context.Out, outcome, at is null);
        }
        else
        {
            WriteReport(context.Out, outcome, request, choice);
        }

        return outcome.Valid ? ExitCodes.Success : ExitCodes.Invalid;
    }

    private static async Task<JpkiTrustStore> LoadAnchorsAsync(JpkiTrustStore store, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new InputException($"the trust anchor path (--anchors) '{path}' does not exist.");
        }

        try
        {
            var before = store.Anchors.Count;
            var result = await store.WithAnchorsFromAsync(path, cancellationToken);
            if (Directory.Exists(path) && result.Anchors.Count == before && !CertificateFilesIn(path))
            {
                throw new InputException($"the trust anchor folder (--anchors) '{path}' holds no .pem, .crt, .cer or .der file.");
            }

            return result;
        }
        catch (JpkiFormatException e)
        {
            var hint = Directory.Exists(path)
                ? "; every .pem/.crt/.cer/.der file of an --anchors folder must be a root certificate: point --anchors at the root file itself (for example root-signature.pem)"
                : string.Empty;
            throw new InputException($"cannot read the trust anchors (--anchors) '{path}': {e.Message}{(e.InnerException is { } inner ? " (" + inner.Message + ")" : string.Empty)}{hint}", e);
        }
    }

    private static bool CertificateFilesIn(string folder) =>
        Directory.EnumerateFiles(folder).Any(f => Path.GetExtension(f).ToUpperInvariant() is ".PEM" or ".CRT" or ".CER" or ".DER");

    private static void WriteJson(TextWriter output, Outcome outcome, bool now) =>
        Json.WriteObject(output, json =>
        {
            json.WriteBoolean("valid", outcome.Valid);
            json.WriteStringOrNull("kind", outcome.Signer is null ? null : Text.Code(outcome.Signer.Kind));
            json.WriteReasons("reasons", outcome.Reasons.Select(r => (r.Code, r.Message, r.ChainIndex)));
            json.WriteReasons("warnings", outcome.Warnings.Select(r => (r.Code, r.Message, r.ChainIndex)));
            json.WriteStringOrNull("path", outcome.Path is { } path ? Text.Code(path) : null);
            json.WriteString("verificationTime", Text.IsoInstant(now ? Text.WholeSeconds(outcome.VerificationTime) : outcome.VerificationTime));
            if (outcome.Signer is { } signer)
            {
                json.WriteStartObject("signer");
                json.WriteString("serial", signer.SerialNumber);
                json.WriteString("issuer", signer.Issuer);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("signer");
            }

            if (outcome.Revocation is { } revocation)
            {
                json.WriteStartObject("revocation");
                json.WriteString("source", outcome.RevocationSource);
                json.WriteString("state", Text.Code(revocation.State));
                json.WriteInstantOrNull("thisUpdate", revocation.ThisUpdate);
                json.WriteInstantOrNull("nextUpdate", revocation.NextUpdate);
                json.WriteInstantOrNull("revocationTime", revocation.RevocationTime);
                json.WriteStringOrNull("reason", revocation.RevocationReason is { } reason ? Text.Code(reason) : null);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("revocation");
            }
        });

    private static void WriteReport(TextWriter output, Outcome outcome, VerifyRequest request, RevocationChoice choice)
    {
        output.WriteLine(outcome.Valid
            ? outcome.Warnings.Count == 0
                ? "VALID: the signature matches and the certificate is valid."
                : $"VALID, with {outcome.Warnings.Count} warning{(outcome.Warnings.Count == 1 ? string.Empty : "s")}: the signature matches and the certificate is valid, but:"
            : $"INVALID: {outcome.Reasons.Count} reason{(outcome.Reasons.Count == 1 ? string.Empty : "s")}:");
        foreach (var reason in outcome.Reasons.Concat(outcome.Warnings))
        {
            var where = reason.ChainIndex switch
            {
                null => "signature",
                0 => "certificate",
                var i => $"issuer #{i}",
            };
            output.WriteLine($"  - {reason.Code} ({where}): {reason.Message}");
        }

        output.WriteLine();
        var signed = request.Cms
            ? request.Data is null ? "CMS SignedData, content inside the message" : $"CMS SignedData, detached over {request.Data}"
            : request.Data is null ? "raw PKCS#1 v1.5 over the SHA-256 digest given" : $"raw PKCS#1 v1.5 SHA-256 over {request.Data}";
        var rows = new List<(string, string)> { ("Signature", signed) };
        if (outcome.Signer is { } signer)
        {
            rows.Add(("Certificate", Text.Describe(signer.Kind)));
            rows.Add(("Serial number", signer.SerialNumber));
            rows.Add(("Issuer", signer.Issuer));
        }

        if (outcome.Anchor is { } anchor)
        {
            rows.Add(("Trusted root", anchor.Source == JpkiTrustAnchorSource.EmbeddedProduction
                ? $"J-LIS production root ({anchor.Label})"
                : $"{anchor.Certificate.Subject} (from --anchors)"));
        }

        rows.Add(("Checked as of", Text.IsoInstant(request.At is null ? Text.WholeSeconds(outcome.VerificationTime) : outcome.VerificationTime) + (request.At is null ? " (now)" : " (--at)")));
        if (outcome.Path is { } path)
        {
            rows.Add(("Path", Text.Code(path) == "direct" ? "direct (issued by the root itself)" : "platform (built by the platform chain engine)"));
        }

        rows.Add(("Revocation", DescribeRevocation(outcome, choice, request.SoftFail)));
        Text.WriteTable(output, rows);
        if (outcome.Anchor?.Certificate.Subject.Contains("LineGov Test Authority", StringComparison.Ordinal) == true)
        {
            output.WriteLine();
            output.WriteLine("Note: this certificate comes from the LineGov TEST authority. It is fictitious: never accept it in production.");
        }
    }

    private static string DescribeRevocation(Outcome outcome, RevocationChoice choice, bool softFail)
    {
        if (choice == RevocationChoice.None)
        {
            return "NOT checked (--revocation none)";
        }

        if (choice == RevocationChoice.NoSource)
        {
            return "required, but no source was given (--crl, --revocation ocsp)";
        }

        var mode = $"{RevocationSetup.Name(choice)}{(softFail ? ", soft-fail" : string.Empty)}";
        if (outcome.Revocation is not { } status)
        {
            return $"not asked ({mode}): the certificate has no trustworthy path to a root";
        }

        var freshness = status.ThisUpdate is { } thisUpdate
            ? $", information of {Text.IsoInstant(thisUpdate)}{(status.NextUpdate is { } next ? $", next update {Text.IsoInstant(next)}" : string.Empty)}"
            : string.Empty;
        return status.State switch
        {
            JpkiRevocationState.Good => $"good: not revoked according to {outcome.RevocationSource} ({mode}{freshness})",
            JpkiRevocationState.Revoked => $"REVOKED{(status.RevocationTime is { } at ? " on " + Text.IsoInstant(at) : string.Empty)}{(status.RevocationReason is { } reason ? $" ({Text.Code(reason)})" : string.Empty)} according to {outcome.RevocationSource} ({mode}{freshness})",
            _ => $"UNKNOWN: {status.Detail ?? "no source could tell"} ({mode})",
        };
    }

    private sealed record VerifyRequest(
        string? Certificate,
        string Signature,
        string? Data,
        string? Digest,
        bool Cms,
        string? At,
        string[] Anchors,
        string? Revocation,
        string[] Crls,
        string? OcspUrl,
        int? OcspTimeout,
        bool SoftFail,
        string? Kind,
        bool Json);

    private sealed record Reason(string Code, string Message, int? ChainIndex);

    private sealed record Outcome(
        bool Valid,
        IReadOnlyList<Reason> Reasons,
        IReadOnlyList<Reason> Warnings,
        JpkiCertificate? Signer,
        JpkiTrustAnchor? Anchor,
        JpkiValidationPath? Path,
        DateTimeOffset VerificationTime,
        JpkiRevocationStatus? Revocation,
        string RevocationSource)
    {
        public static Outcome From(JpkiSignatureResult result, RevocationChoice choice, RevocationSetup revocation, DateTimeOffset requestedTime)
        {
            var reasons = new List<Reason>();
            var validation = result.CertificateValidation;
            if (validation is not null)
            {
                foreach (var failure in validation.Failures)
                {
                    var message = failure.Reason == JpkiValidationFailureReason.RevocationUnknown && choice == RevocationChoice.NoSource
                        ? $"{failure.Message.TrimEnd('.')}. {RevocationHint}"
                        : failure.Message;
                    reasons.Add(new Reason(failure.Reason.ToString(), message, failure.ChainIndex));
                }
            }

            // CertificateInvalid only summarises the certificate reasons listed above.
            foreach (var failure in result.Failures.Where(f => f.Reason != JpkiSignatureFailureReason.CertificateInvalid))
            {
                reasons.Add(new Reason(failure.Reason.ToString(), failure.Message, null));
            }

            if (!result.IsValid && reasons.Count == 0)
            {
                reasons.AddRange(result.Failures.Select(f => new Reason(f.Reason.ToString(), f.Message, null)));
            }

            var warnings = validation?.Warnings.Select(w => new Reason(w.Reason.ToString(), w.Message, w.ChainIndex)).ToList() ?? [];
            var signer = validation?.Certificate;
            var status = choice == RevocationChoice.None ? null : validation?.Chain.Count > 0 ? validation.Chain[0].Revocation : null;
            var source = status?.Source ?? string.Empty;

            return new Outcome(
                reasons.Count == 0 && result.IsValid,
                reasons,
                warnings,
                signer,
                validation?.TrustAnchor,
                validation?.Path,
                validation?.VerificationTime ?? requestedTime,
                status,
                source);
        }
    }
}
