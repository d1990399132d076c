using System.Globalization;
using LineGov.Eligibility;
using LineGov.Messaging.Testing;
using LineGov.Payouts;
using LineGov.Payouts.Points;

namespace LineGov.Samples.Municipality.Infrastructure;

/// <summary>
/// The embedded services: the clock, the database (SQLite in the data folder, or PostgreSQL), the ledger (also the
/// household claim book), the sample's application table, the generated town, the program, JPKI (test authority and its
/// loopback OCSP/CRL server), LINE (the emulator, the Messaging API client, the ID token verifier, the webhook secret), the
/// fake points provider and the Zengin files; registers <see cref="IApplicationDesk"/> and <see cref="IPayoutDesk"/>.
/// </summary>
internal sealed class MunicipalityCore : IAsyncDisposable
{
    public const string ProgramResource = "LineGov.Samples.Municipality.Infrastructure.touma-bukka-2026.json";

    private readonly MunicipalityOptions _options;
    private readonly LedgerStore _ledgerStore;
    private readonly ApplicationStore _applications;
    private readonly JpkiSetup _jpki;
    private readonly LineSetup _line;
    private readonly TimeProvider _clock;
    private readonly GeneratedTown _town;
    private EmulatorSimulator? _simulator;

    private MunicipalityCore(MunicipalityOptions options, LedgerStore ledgerStore, ApplicationStore applications, JpkiSetup jpki, LineSetup line, TimeProvider clock, GeneratedTown town, string databaseDescription)
    {
        _options = options;
        _ledgerStore = ledgerStore;
        _applications = applications;
        _jpki = jpki;
        _line = line;
        _clock = clock;
        _town = town;
        DatabaseDescription = databaseDescription;
    }

    public LineEmulator? Line => _line.Emulator;

    public MunicipalitySimulator Simulator => _simulator ?? throw new InvalidOperationException("The host has not started yet.");

    public string DatabaseDescription { get; }

    public static async Task<MunicipalityCore> StartAsync(WebApplicationBuilder builder, MunicipalityOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var clock = CreateClock(options.Clock);
        var dataFolder = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, options.DataFolder));
        Directory.CreateDirectory(dataFolder);

        var program = await LoadProgramAsync(cancellationToken);
        var town = GeneratedTown.Generate(options.Town.Households, options.Town.Seed, program.ReferenceDate);

        var postgres = !string.IsNullOrWhiteSpace(options.Database) && LedgerStore.LooksLikePostgres(options.Database);
        var connection = string.IsNullOrWhiteSpace(options.Database) ? Path.Combine(dataFolder, "municipality.db") : options.Database;
        var ledgerStore = LedgerStore.Open(connection);
        ApplicationStore? applications = null;
        JpkiSetup? jpki = null;
        LineSetup? line = null;
        try
        {
            await ledgerStore.MigrateAsync(cancellationToken);
            applications = await ApplicationStore.OpenAsync(connection, postgres, cancellationToken);
            jpki = options.Jpki.IsTestAuthority
                ? await JpkiSetup.StartAsync(clock, cancellationToken)
                : await JpkiSetup.StartProductionAsync(options.Jpki, clock, cancellationToken);
            line = await LineSetup.StartAsync(options.Line, cancellationToken);
        }
        catch
        {
            if (line is not null)
            {
                await line.DisposeAsync();
            }

            if (jpki is not null)
            {
                await jpki.DisposeAsync();
            }

            if (applications is not null)
            {
                await applications.DisposeAsync();
            }

            await ledgerStore.DisposeAsync();
            throw;
        }

        var ledger = new PayoutLedger(ledgerStore, clock);
        var services = builder.Services;
        services.AddSingleton(clock);
        services.AddSingleton(program);
        services.AddSingleton(town);
        services.AddSingleton(ledgerStore);
        services.AddSingleton(ledger);
        services.AddSingleton<HouseholdClaimBook>(ledger);
        services.AddSingleton(applications);
        services.AddSingleton(jpki);
        services.AddSingleton(line);
        services.AddSingleton(new FakePointsProvider(null, clock));
        var zenginFolder = Path.Combine(dataFolder, "zengin");
        Directory.CreateDirectory(zenginFolder);
        services.AddSingleton(new ZenginFiles(zenginFolder, new SampleAccounts(town, program.ReferenceDate), clock));
        services.AddSingleton<LineNotifier>();
        services.AddSingleton<WebhookTracker>();
        services.AddSingleton(new SampleHost(line.Emulator is not null, line.LiffId));
        services.AddSingleton<ApplicationService>();
        services.AddSingleton<IApplicationDesk>(sp => sp.GetRequiredService<ApplicationService>());
        services.AddSingleton<PayoutDesk>();
        services.AddSingleton<IPayoutDesk>(sp => sp.GetRequiredService<PayoutDesk>());

        services.AddLineGovMessaging(o =>
        {
            o.ChannelAccessToken = line.ChannelAccessToken;
            if (line.Emulator is { } emulator)
            {
                o.ApiBaseUri = emulator.ApiBaseUri;
                o.DataApiBaseUri = emulator.DataApiBaseUri;
            }
        });
        services.AddLineIdTokenVerifier(o =>
        {
            o.ChannelId = line.LoginChannelId;

            // Emulator mode: the simulator mints HS256 tokens with the channel secret. Real LIFF tokens are ES256 (JWKS).
            o.ChannelSecret = line.Emulator is null ? null : line.ChannelSecret;
        });
        services.AddLineWebhooks(o => o.ChannelSecret = line.ChannelSecret);

        var description = postgres ? "PostgreSQL" : $"SQLite {connection}";
        var core = new MunicipalityCore(options, ledgerStore, applications, jpki, line, clock, town, description);
        services.AddSingleton(_ => core.Simulator);
        return core;
    }

    public Task OnHostStartedAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        cancellationToken.ThrowIfCancellationRequested();
        var baseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        app.Services.GetRequiredService<SampleHost>().BaseAddress = baseAddress;
        _simulator = new EmulatorSimulator(baseAddress, _line, _jpki, _town, _clock, app.Services.GetRequiredService<WebhookTracker>());
        return Task.CompletedTask;
    }

    public IEnumerable<string> Describe(Uri baseAddress)
    {
        yield return "LineGov municipal sample — 当麻町 物価高騰対応 生活応援給付金";
        yield return $"  Resident front page : {baseAddress}";
        yield return $"  LIFF application    : {baseAddress}liff/apply";
        if (_line.Emulator is { } emulator)
        {
            yield return $"  Simulator           : {baseAddress}simulator   (play residents: follow, apply, ask for the status)";
            yield return $"  LINE emulator       : {emulator.ApiBaseUri}";
        }

        yield return $"  Staff               : {baseAddress}staff";
        if (_line.Emulator is not null && _options.Staff.Users.Count == 0)
        {
            yield return "  Demo staff logins   : reviewer / reviewer-pass (reviewer), approver / approver-pass (reviewer + approver)";
        }

        yield return $"  Town                : {_town.Households.ToString("N0", CultureInfo.InvariantCulture)} households, {_town.Register.Count.ToString("N0", CultureInfo.InvariantCulture)} residents (seed {_options.Town.Seed.ToString(CultureInfo.InvariantCulture)})";
        yield return $"  Database            : {DatabaseDescription}";
        yield return $"  JPKI                : {_jpki.Description}";
        yield return $"  Clock               : {(_clock is FixedClock ? "fixed at " + _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) : "system")}";
        yield return "Press Ctrl+C to stop.";
    }

    public async ValueTask DisposeAsync()
    {
        await _line.DisposeAsync();
        await _jpki.DisposeAsync();
        await _applications.DisposeAsync();
        await _ledgerStore.DisposeAsync();
        _simulator?.Dispose();
    }

    internal static async Task<BenefitProgram> LoadProgramAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(MunicipalityCore).Assembly.GetManifestResourceStream(ProgramResource)
            ?? throw new InvalidOperationException($"The embedded program {ProgramResource} is missing.");
        return await BenefitProgramJson.ReadAsync(stream, cancellationToken);
    }

    private static TimeProvider CreateClock(ClockSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Now))
        {
            return TimeProvider.System;
        }

        return DateTimeOffset.TryParse(settings.Now, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var now)
            ? new FixedClock(now)
            : throw new InvalidOperationException("Municipality:Clock:Now is not an ISO 8601 instant (e.g. 2026-12-01T09:00:00+09:00).");
    }
}

/// <summary>A clock that always says the same instant (Municipality:Clock:Now): tests and demos.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}

/// <summary>What the pages and the rich menu need to know about the running host.</summary>
internal sealed class SampleHost(bool isEmulator, string? liffId)
{
    public bool IsEmulator { get; } = isEmulator;

    /// <summary>The host's address, known once Kestrel listens.</summary>
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1/");

    /// <summary>Where the rich menu's 物価高騰支援 opens the application page: the LIFF URL in Real mode.</summary>
    public string ApplyUri => !IsEmulator && !string.IsNullOrEmpty(LiffId) ? $"https://liff.line.me/{LiffId}" : new Uri(BaseAddress, "liff/apply").ToString();

    public string? LiffId { get; } = liffId;
}
