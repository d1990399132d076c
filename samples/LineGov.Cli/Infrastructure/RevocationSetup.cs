using LineGov.Jpki;

namespace LineGov.Cli.Infrastructure;

/// <summary>Where <c>linegov jpki verify</c> asks whether a certificate was revoked (<c>--revocation</c>).</summary>
internal enum RevocationChoice
{
    /// <summary>No option and no source given: revocation is required but nothing can answer (RevocationUnknown).</summary>
    NoSource,

    /// <summary><c>none</c>: not checked.</summary>
    None,

    /// <summary><c>crl</c>: the CRLs of <c>--crl</c> only.</summary>
    Crl,

    /// <summary><c>ocsp</c>: the certificate's OCSP responder (or <c>--ocsp-url</c>) only.</summary>
    Ocsp,

    /// <summary><c>ocsp-then-crl</c>: OCSP, and the CRLs when OCSP cannot tell.</summary>
    OcspThenCrl,
}

/// <summary>
/// The revocation sources of one run: a <see cref="JpkiCrlStore"/> filled from <c>--crl</c> files and folders, and a
/// <see cref="JpkiOcspClient"/> over one <see cref="HttpClient"/>, combined by a <see cref="JpkiRevocationChecker"/>.
/// CRLs that cannot be used are reported as warnings (file names only, never content).
/// </summary>
internal sealed class RevocationSetup : IDisposable
{
    private HttpClient? _httpClient;
    private JpkiCrlStore? _store;

    private RevocationSetup(RevocationChoice choice) => Choice = choice;

    public RevocationChoice Choice { get; }

    /// <summary>The checker for the validator; <see langword="null"/> when there is no source (or none is wanted).</summary>
    public IJpkiRevocationChecker? Checker { get; private set; }

    /// <summary>The CLI name of a choice.</summary>
    public static string Name(RevocationChoice choice) => choice switch
    {
        RevocationChoice.None => "none",
        RevocationChoice.Crl => "crl",
        RevocationChoice.Ocsp => "ocsp",
        RevocationChoice.OcspThenCrl => "ocsp-then-crl",
        _ => "no source",
    };

    /// <summary>
    /// The choice the command line makes: <c>--revocation</c> when given, otherwise inferred from the sources given
    /// (<c>--crl</c>: crl, <c>--ocsp-url</c>: ocsp, both: ocsp-then-crl). Throws <see cref="UsageException"/> for combinations that make no sense.
    /// </summary>
    public static RevocationChoice Decide(string? revocation, int crlCount, bool ocspUrlGiven, bool ocspTimeoutGiven, bool softFail)
    {
        var choice = revocation switch
        {
            "none" => RevocationChoice.None,
            "crl" => RevocationChoice.Crl,
            "ocsp" => RevocationChoice.Ocsp,
            "ocsp-then-crl" => RevocationChoice.OcspThenCrl,
            _ when crlCount > 0 && ocspUrlGiven => RevocationChoice.OcspThenCrl,
            _ when crlCount > 0 => RevocationChoice.Crl,
            _ when ocspUrlGiven => RevocationChoice.Ocsp,
            _ => RevocationChoice.NoSource,
        };

        var usesCrls = choice is RevocationChoice.Crl or RevocationChoice.OcspThenCrl;
        var usesOcsp = choice is RevocationChoice.Ocsp or RevocationChoice.OcspThenCrl;
        if (choice == RevocationChoice.None && (crlCount > 0 || ocspUrlGiven || ocspTimeoutGiven || softFail))
        {
            throw new UsageException("--revocation none checks nothing: leave out --crl, --ocsp-url, --ocsp-timeout and --soft-fail, or choose --revocation crl, ocsp or ocsp-then-crl.");
        }

        if (usesCrls && crlCount == 0)
        {
            throw new UsageException($"--revocation {Name(choice)} needs the CRLs: give --crl <file or folder> (the CRL files you receive from J-LIS).");
        }

        if (!usesCrls && crlCount > 0)
        {
            throw new UsageException($"--crl is used only with --revocation crl or ocsp-then-crl, not {Name(choice)}.");
        }

        if (!usesOcsp && (ocspUrlGiven || ocspTimeoutGiven))
        {
            throw new UsageException($"--ocsp-url and --ocsp-timeout are used only with --revocation ocsp or ocsp-then-crl, not {Name(choice)}.");
        }

        if (softFail && choice == RevocationChoice.NoSource)
        {
            throw new UsageException("--soft-fail needs a revocation source: --crl <file or folder>, --revocation ocsp or --ocsp-url <url>.");
        }

        return choice;
    }

    /// <summary>Builds the sources: reads the CRLs (an unreadable --crl file is an input error; a CRL no trusted root signed is a warning).</summary>
    public static async Task<RevocationSetup> CreateAsync(
        RevocationChoice choice,
        IReadOnlyList<string> crlPaths,
        Uri? ocspUrl,
        TimeSpan? ocspTimeout,
        JpkiTrustStore trustStore,
        CliContext context,
        string commandPath,
        CancellationToken cancellationToken)
    {
        var setup = new RevocationSetup(choice);
        try
        {
            if (choice is RevocationChoice.Crl or RevocationChoice.OcspThenCrl)
            {
                await setup.LoadCrlsAsync(crlPaths, trustStore, context, commandPath, cancellationToken);
            }

            if (choice is RevocationChoice.Ocsp or RevocationChoice.OcspThenCrl)
            {
                var options = new JpkiOcspClientOptions { ResponderUri = ocspUrl };
                if (ocspTimeout is { } timeout)
                {
                    options.TotalTimeout = timeout;
                    options.AttemptTimeout = timeout < options.AttemptTimeout ? timeout : options.AttemptTimeout;
                }

                setup._httpClient = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
                var ocsp = new JpkiOcspClient(setup._httpClient, options, context.TimeProvider);
                setup.Checker = new JpkiRevocationChecker(
                    new JpkiRevocationCheckerOptions { Sources = choice == RevocationChoice.Ocsp ? JpkiRevocationSources.OcspOnly : JpkiRevocationSources.OcspThenCrl },
                    ocsp,
                    setup._store);
            }
            else if (choice == RevocationChoice.Crl)
            {
                setup.Checker = new JpkiRevocationChecker(new JpkiRevocationCheckerOptions { Sources = JpkiRevocationSources.CrlOnly }, null, setup._store);
            }

            return setup;
        }
        catch
        {
            setup.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _store?.Dispose();
        _httpClient?.Dispose();
    }

    private async Task LoadCrlsAsync(IReadOnlyList<string> paths, JpkiTrustStore trustStore, CliContext context, string commandPath, CancellationToken cancellationToken)
    {
        var options = new JpkiCrlStoreOptions();
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                if (Inputs.CrlFilesIn(path).Count == 0)
                {
                    Warn(context, commandPath, $"the CRL folder (--crl) '{path}' holds no .crl, .der or .pem file.");
                }

                options.Sources.Add(new JpkiCrlFolderSource(path));
            }
            else
            {
                files.Add(path);
            }
        }

        _store = new JpkiCrlStore(options, trustStore, context.TimeProvider);
        if (options.Sources.Count > 0)
        {
            var refresh = await _store.RefreshAsync(cancellationToken: cancellationToken);
            foreach (var error in refresh.Errors)
            {
                Warn(context, commandPath, $"a CRL of a --crl folder is not used: {error}");
            }
        }

        foreach (var file in files)
        {
            var crl = await Inputs.ReadCrlAsync(file, "the CRL file (--crl)", cancellationToken);
            if (!_store.Add(crl, file))
            {
                Warn(context, commandPath, $"the CRL '{file}' is not used: no trusted root (the J-LIS roots or --anchors) signed it.");
            }
        }

        if (_store.Crls.Count == 0)
        {
            Warn(context, commandPath, "no usable CRL was given: the CRLs cannot answer for any certificate.");
        }
    }

    private static void Warn(CliContext context, string commandPath, string message) =>
        context.Error.WriteLine($"{commandPath}: warning: {LinegovCli.OneLine(message)}");

}
