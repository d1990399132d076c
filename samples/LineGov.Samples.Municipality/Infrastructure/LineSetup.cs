using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LineGov.Messaging;
using LineGov.Messaging.Testing;

namespace LineGov.Samples.Municipality.Infrastructure;

/// <summary>
/// The LINE side of the core: in Emulator mode the LINE emulator on loopback (the Messaging API, the inbox of every
/// simulated resident, a webhook sender that signs with the channel secret) and ID tokens minted as LINE Login would
/// mint them for the LIFF app (HS256 with the channel secret, audience = the login channel id, which
/// <see cref="LineIdTokenVerifier"/> accepts). In Real mode the same client talks to api.line.me.
/// </summary>
internal sealed class LineSetup : IAsyncDisposable
{
    /// <summary>The login channel id used in Emulator mode when none is configured.</summary>
    public const string EmulatorLoginChannelId = "2000000001";

    private static readonly string[] AuthenticationMethods = ["linesso"];

    private LineSetup(LineEmulator? emulator, string channelSecret, string loginChannelId, string? channelAccessToken, string? liffId)
    {
        Emulator = emulator;
        ChannelSecret = channelSecret;
        LoginChannelId = loginChannelId;
        ChannelAccessToken = channelAccessToken;
        LiffId = liffId;
    }

    public LineEmulator? Emulator { get; }

    public string ChannelSecret { get; }

    public string LoginChannelId { get; }

    public string? ChannelAccessToken { get; }

    public string? LiffId { get; }

    public static async Task<LineSetup> StartAsync(LineSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.IsEmulator)
        {
            if (string.IsNullOrWhiteSpace(settings.ChannelSecret) || string.IsNullOrWhiteSpace(settings.ChannelAccessToken) || string.IsNullOrWhiteSpace(settings.LoginChannelId) || string.IsNullOrWhiteSpace(settings.LiffId))
            {
                throw new InvalidOperationException("Municipality:Line:Mode is Real: set Municipality:Line:ChannelSecret, ChannelAccessToken, LoginChannelId and LiffId.");
            }

            return new LineSetup(null, settings.ChannelSecret, settings.LoginChannelId, settings.ChannelAccessToken, settings.LiffId);
        }

        // A fresh secret per run unless one is configured: nothing outside this process needs it.
        var secret = string.IsNullOrWhiteSpace(settings.ChannelSecret) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : settings.ChannelSecret;
        // The emulator keeps the system clock even when Municipality:Clock:Now fixes the service's: its rate-limit windows
        // and retry-key expiry must move.
        var emulator = await LineEmulator.StartAsync(
            new LineEmulatorOptions { ChannelSecret = secret, Seed = 20261123 },
            cancellationToken);
        return new LineSetup(emulator, secret, settings.LoginChannelId ?? EmulatorLoginChannelId, "emulator-token", settings.LiffId);
    }

    /// <summary>An ID token as LINE Login issues it to the LIFF app (Emulator mode only: signed with the channel secret).</summary>
    public string MintIdToken(string lineUserId, TimeProvider clock)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = LineIdTokenVerifierOptions.LineIssuer,
            ["sub"] = lineUserId,
            ["aud"] = LoginChannelId,
            ["iat"] = now,
            ["exp"] = now + 3600,
            ["amr"] = AuthenticationMethods,
        }));
        var signingInput = $"{header}.{payload}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(ChannelSecret), Encoding.ASCII.GetBytes(signingInput));
        return string.Create(CultureInfo.InvariantCulture, $"{signingInput}.{Base64Url.EncodeToString(signature)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }
}
