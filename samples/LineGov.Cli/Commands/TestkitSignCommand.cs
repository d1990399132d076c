using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using LineGov.Cli.Infrastructure;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov jpki testkit sign</c>: signs a file the way a phone (raw PKCS#1) or signing software (CMS) does.</summary>
internal static class TestkitSignCommand
{
    private const string CommandPath = "linegov jpki testkit sign";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    public static Command Create(CliContext context)
    {
        var keyOption = new Option<string>("--key")
        {
            Description = "The private key (PEM: PKCS#8 '-----BEGIN PRIVATE KEY-----' as 'testkit issue' writes it, or PKCS#1 RSA).",
            HelpName = "private-key.pem",
            Required = true,
        };
        var dataOption = new Option<string>("--data")
        {
            Description = "The file to sign.",
            HelpName = "file",
            Required = true,
        };
        var outOption = new Option<string>("--out")
        {
            Description = "Where to write the signature (binary: 256 bytes for raw, DER for CMS). Replaced when it exists.",
            HelpName = "file",
            Required = true,
        };
        var cmsOption = new Option<bool>("--cms")
        {
            Description = "Make CMS SignedData (PKCS#7, .p7s) with the certificate inside, detached unless --attached. Needs --cert.",
        };
        var certOption = new Option<string>("--cert")
        {
            Description = "With --cms: the certificate that belongs to --key (DER or PEM).",
            HelpName = "cert.pem",
        };
        var attachedOption = new Option<bool>("--attached")
        {
            Description = "With --cms: put the signed file inside the message (verify it without --data).",
        };

        var command = new Command(
            "sign",
            "Sign a file with a test key, the way a phone reading the My Number Card does (raw RSA PKCS#1 v1.5 over " +
            "SHA-256, the default) or the way signing software does (--cms). For making test data for your own system; " +
            "check the result with 'linegov jpki verify'.")
        {
            keyOption,
            dataOption,
            outOption,
            cmsOption,
            certOption,
            attachedOption,
        };

        command.SetGuardedAction(context, CommandPath, async (parseResult, cancellationToken) =>
        {
            var cms = parseResult.GetValue(cmsOption);
            var certificatePath = parseResult.GetValue(certOption);
            var attached = parseResult.GetValue(attachedOption);
            if (cms && certificatePath is null)
            {
                throw new UsageException("--cms needs --cert: the certificate that belongs to --key goes into the message.");
            }

            if (!cms && (certificatePath is not null || attached))
            {
                throw new UsageException("--cert and --attached go with --cms; a raw signature is the signature value alone.");
            }

            var keyPath = parseResult.GetRequiredValue(keyOption);
            var dataPath = parseResult.GetRequiredValue(dataOption);
            var outPath = parseResult.GetRequiredValue(outOption);
            using var key = await ReadKeyAsync(keyPath, cancellationToken);
            var data = await Inputs.ReadFileAsync(dataPath, "the file to sign (--data)", Inputs.MaxDataLength, cancellationToken);
            byte[] signature;
            if (cms)
            {
                var parsed = await Inputs.ReadCertificateAsync(certificatePath!, "the certificate file (--cert)", cancellationToken);
                using var certificate = parsed.ToX509Certificate2();
                signature = SignCms(certificate, key, data, !attached, context.TimeProvider.GetUtcNow());
            }
            else
            {
                signature = key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            await File.WriteAllBytesAsync(outPath, signature, cancellationToken);
            var what = cms ? $"CMS SignedData ({(attached ? "attached" : "detached")}, SHA-256, certificate included)" : "raw RSA PKCS#1 v1.5 SHA-256 signature";
            context.Out.WriteLine($"Wrote {outPath}: {what}, {signature.Length} bytes, over {dataPath}.");
            return ExitCodes.Success;
        });

        return command;
    }

    private static async Task<RSA> ReadKeyAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await Inputs.ReadFileAsync(path, "the private key file (--key)", 1 << 20, cancellationToken);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(System.Text.Encoding.UTF8.GetString(bytes));
            return rsa;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new InputException($"the private key file (--key) '{path}' is not an unencrypted RSA private key in PEM: {e.Message}", e);
        }
    }

    private static byte[] SignCms(X509Certificate2 certificate, RSA key, byte[] data, bool detached, DateTimeOffset signingTime)
    {
        X509Certificate2 withKey;
        try
        {
            withKey = certificate.CopyWithPrivateKey(key);
        }
        catch (ArgumentException e)
        {
            throw new InputException("the private key (--key) does not belong to the certificate (--cert).", e);
        }

        using (withKey)
        {
            var message = new SignedCms(new ContentInfo(data), detached);
            var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, withKey)
            {
                DigestAlgorithm = new Oid(Sha256Oid),
                IncludeOption = X509IncludeOption.EndCertOnly,
            };
            signer.SignedAttributes.Add(new Pkcs9SigningTime(signingTime.UtcDateTime));
            message.ComputeSignature(signer, silent: true);
            return message.Encode();
        }
    }
}
