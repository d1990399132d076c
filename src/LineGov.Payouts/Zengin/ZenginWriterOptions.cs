namespace LineGov.Payouts.Zengin;

/// <summary>Options of <see cref="ZenginWriter"/>.</summary>
public sealed class ZenginWriterOptions
{
    /// <summary>Whether each record ends with CRLF (122 bytes a record). Default <see langword="false"/>: 120-byte records back to back.</summary>
    public bool UseCrLf { get; set; }

    /// <summary>
    /// Bank master to check bank and branch codes against and to fill empty bank and branch names from; when
    /// <see langword="null"/> (the default) only the format of the codes is checked.
    /// </summary>
    public ZenginBankMaster? BankMaster { get; set; }
}
