namespace LineGov.Samples.Municipality;

/// <summary>The <c>Municipality</c> configuration section (appsettings.json, or environment variables <c>Municipality__X</c>).</summary>
public sealed class MunicipalityOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Municipality";

    /// <summary>Where the SQLite database and written files go. Default: <c>data</c> under the content root.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Empty: SQLite in <see cref="DataFolder"/>. A PostgreSQL connection string: PostgreSQL.</summary>
    public string? Database { get; set; }

    /// <summary>The generated town.</summary>
    public TownSettings Town { get; set; } = new();

    /// <summary>The LINE channel.</summary>
    public LineSettings Line { get; set; } = new();

    /// <summary>JPKI trust and revocation.</summary>
    public JpkiSettings Jpki { get; set; } = new();

    /// <summary>Staff logins.</summary>
    public StaffSettings Staff { get; set; } = new();

    /// <summary>A fixed clock for tests and demos.</summary>
    public ClockSettings Clock { get; set; } = new();
}

/// <summary>The generated town (住民基本台帳 of fictitious residents).</summary>
public sealed class TownSettings
{
    /// <summary>Households. Default 3,000.</summary>
    public int Households { get; set; } = 3_000;

    /// <summary>The generator's seed: the same seed, the same town. Default 20261123.</summary>
    public int Seed { get; set; } = 20261123;
}

/// <summary>The LINE channel.</summary>
public sealed class LineSettings
{
    /// <summary><c>Emulator</c> (default: the LINE emulator in process) or <c>Real</c> (api.line.me with the settings below).</summary>
    public string Mode { get; set; } = "Emulator";

    /// <summary>The Messaging API channel secret (webhook signatures).</summary>
    public string? ChannelSecret { get; set; }

    /// <summary>A long-lived channel access token (Real mode).</summary>
    public string? ChannelAccessToken { get; set; }

    /// <summary>The LIFF app id (Real mode).</summary>
    public string? LiffId { get; set; }

    /// <summary>The LINE Login channel id: the audience of LIFF ID tokens.</summary>
    public string? LoginChannelId { get; set; }

    /// <summary>True in Emulator mode.</summary>
    public bool IsEmulator => string.Equals(Mode, "Emulator", StringComparison.OrdinalIgnoreCase);
}

/// <summary>JPKI trust anchors and revocation.</summary>
public sealed class JpkiSettings
{
    /// <summary><c>TestAuthority</c> (default: the LineGov test authority and its loopback OCSP/CRL server; the card simulator signs) or <c>Production</c> (the J-LIS roots; a JPKI provider signs on the phone).</summary>
    public string Mode { get; set; } = "TestAuthority";

    /// <summary>True in TestAuthority mode.</summary>
    public bool IsTestAuthority => string.Equals(Mode, "TestAuthority", StringComparison.OrdinalIgnoreCase);

    /// <summary>Production: a folder of the CRLs J-LIS delivers (files are re-read at start; point a sync job at it).</summary>
    public string? CrlFolder { get; set; }

    /// <summary>Production: the OCSP responder to ask (your JPKI provider's); empty: the one each certificate names.</summary>
    public string? OcspUrl { get; set; }
}

/// <summary>Staff logins (a sample: a real deployment uses the municipality's identity provider).</summary>
public sealed class StaffSettings
{
    /// <summary>The users. Empty: the two demo users (reviewer / approver).</summary>
    public List<StaffUser> Users { get; set; } = [];
}

/// <summary>A staff login.</summary>
public sealed class StaffUser
{
    /// <summary>The login id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The password (a sample; store hashes in a real deployment).</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary><c>reviewer</c> and/or <c>approver</c>.</summary>
    public List<string> Roles { get; set; } = [];
}

/// <summary>A fixed clock.</summary>
public sealed class ClockSettings
{
    /// <summary>An ISO 8601 instant used as "now" (it does not advance); empty: the system clock.</summary>
    public string? Now { get; set; }
}
