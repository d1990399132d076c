namespace LineGov.Jpki;

/// <summary>Settings of the revocation services registered by <c>AddLineGovJpkiRevocation</c>; bindable from configuration.</summary>
public sealed class JpkiRevocationOptions
{
    /// <summary>Which sources are asked, in what order. Default: OCSP, then CRLs.</summary>
    public JpkiRevocationSources Sources { get; set; } = JpkiRevocationSources.OcspThenCrl;

    /// <summary>Folders of CRL files the operator keeps current (J-LIS signature CRLs are per municipality).</summary>
    public IList<string> CrlFolders { get; } = [];

    /// <summary>HTTP(S) URLs of CRLs.</summary>
    public IList<Uri> CrlUrls { get; } = [];

    /// <summary>How often the CRL store refreshes in the background. Default: one hour.</summary>
    public TimeSpan CrlRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after nextUpdate a CRL may still be used. Default: none.</summary>
    public TimeSpan CrlNextUpdateGrace { get; set; } = TimeSpan.Zero;

    /// <summary>Whether delta CRLs are used. Default: yes.</summary>
    public bool UseDeltaCrls { get; set; } = true;

    /// <summary>The largest CRL read. Default: 512 MiB.</summary>
    public long MaxCrlLength { get; set; } = JpkiCrl.DefaultMaxLength;
}
