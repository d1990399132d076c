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
        "linegov has no revocation source yet (J-LIS gives CRL/OCSP access only to registered verifiers), so the " +
        "status cannot be confirmed: use --revocation none to skip the revocation check.";

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
            Description = "'none' skips the revocation check (the only value for now). Without it, revocation is required and, with no revocation source available yet, every certificate is reported invalid with RevocationUnknown.",
            HelpName = "none",
        };
        revocationOption.AcceptOnlyFromAmong("none");
        var kindOption = new Option<string>("--kind")
        {
            Description = "Accept only this certificate kind: 'signature' (署名用, carries the four facts; what a benefit application needs) or 'authentication' (利用者証明用, log-in only). Default: either.",
            HelpName = "signature|authentication",
        };
        kindOption.AcceptOnlyFromAmong("signature", "authentication");
        var jsonOption = new Option<bool>("--json")
        {
            Description = "Print one JSON object (valid, kind, reasons, path, verificationTime, signer) instead of the report.",
        };

        var command = new Command(
            "verify",
            "Check a signed application: is the signer's certificate valid (issued by a trusted root, within its validity, " +
            "a JPKI certificate of the right kind, not revoked) and does the signature match the file? Raw signatures are " +
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
        var revocationSkipped = request.Revocation == "none";
        var policy = JpkiValidationPolicy.Default with
        {
            RequiredKind = request.Kind switch
            {
                "signature" => JpkiKindRequirement.Signature,
                "authentication" => JpkiKindRequirement.Authentication,
                _ => JpkiKindRequirement.SignatureOrAuthentication,
            },
            RevocationMode = revocationSkipped ? JpkiRevocationMode.None : JpkiRevocationMode.Required,
            VerificationTime = at ?? WholeSeconds(context.TimeProvider.GetUtcNow()),
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

        var validator = new JpkiCertificateValidator(new JpkiCertificateValidatorOptions { TrustStore = trustStore, DefaultPolicy = policy }, timeProvider: context.TimeProvider);
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

        var outcome = Outcome.From(result, revocationSkipped, policy.VerificationTime.Value);
        if (request.Json)
        {
            WriteJson(context.Out, outcome);
        }
        else
        {
            WriteReport(context.Out, outcome, request, revocationSkipped);
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

    // Certificates count time in whole seconds; so does the report.
    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static bool CertificateFilesIn(string folder) =>
        Directory.EnumerateFiles(folder).Any(f => Path.GetExtension(f).ToUpperInvariant() is ".PEM" or ".CRT" or ".CER" or ".DER");

    private static void WriteJson(TextWriter output, Outcome outcome) =>
        Json.WriteObject(output, json =>
        {
            json.WriteBoolean("valid", outcome.Valid);
            json.WriteStringOrNull("kind", outcome.Signer is null ? null : Text.Code(outcome.Signer.Kind));
            json.WriteStartArray("reasons");
            foreach (var reason in outcome.Reasons)
            {
                json.WriteStartObject();
                json.WriteString("code", reason.Code);
                json.WriteString("message", reason.Message);
                if (reason.ChainIndex is { } index)
                {
                    json.WriteNumber("chainIndex", index);
                }
                else
                {
                    json.WriteNull("chainIndex");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStringOrNull("path", outcome.Path is { } path ? Text.Code(path) : null);
            json.WriteString("verificationTime", Text.IsoInstant(outcome.VerificationTime));
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
        });

    private static void WriteReport(TextWriter output, Outcome outcome, VerifyRequest request, bool revocationSkipped)
    {
        output.WriteLine(outcome.Valid
            ? "VALID: the signature matches and the certificate is valid."
            : $"INVALID: {outcome.Reasons.Count} reason{(outcome.Reasons.Count == 1 ? string.Empty : "s")}:");
        foreach (var reason in outcome.Reasons)
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

        rows.Add(("Checked as of", Text.IsoInstant(outcome.VerificationTime) + (request.At is null ? " (now)" : " (--at)")));
        if (outcome.Path is { } path)
        {
            rows.Add(("Path", Text.Code(path) == "direct" ? "direct (issued by the root itself)" : "platform (built by the platform chain engine)"));
        }

        rows.Add(("Revocation", revocationSkipped ? "NOT checked (--revocation none)" : "required; no revocation source is available yet"));
        Text.WriteTable(output, rows);
        if (outcome.Anchor?.Certificate.Subject.Contains("LineGov Test Authority", StringComparison.Ordinal) == true)
        {
            output.WriteLine();
            output.WriteLine("Note: this certificate comes from the LineGov TEST authority. It is fictitious: never accept it in production.");
        }
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
        string? Kind,
        bool Json);

    private sealed record Reason(string Code, string Message, int? ChainIndex);

    private sealed record Outcome(bool Valid, IReadOnlyList<Reason> Reasons, JpkiCertificate? Signer, JpkiTrustAnchor? Anchor, JpkiValidationPath? Path, DateTimeOffset VerificationTime)
    {
        public static Outcome From(JpkiSignatureResult result, bool revocationSkipped, DateTimeOffset requestedTime)
        {
            var reasons = new List<Reason>();
            var validation = result.CertificateValidation;
            if (validation is not null)
            {
                foreach (var failure in validation.Failures)
                {
                    var message = failure.Reason == JpkiValidationFailureReason.RevocationUnknown && !revocationSkipped
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

            var signer = validation?.Certificate;
            return new Outcome(
                reasons.Count == 0 && result.IsValid,
                reasons,
                signer,
                validation?.TrustAnchor,
                validation?.Path,
                validation?.VerificationTime ?? requestedTime);
        }
    }
}
