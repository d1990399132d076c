namespace LineGov.Eligibility;

/// <summary>The result of importing a register file: the register of the good rows, and every bad row with its reason.</summary>
public sealed class RegisterImportResult
{
    /// <summary>Creates a result.</summary>
    public RegisterImportResult(ResidentRegister register, long rowsRead, IReadOnlyList<RegisterRowError> errors)
    {
        Register = register;
        RowsRead = rowsRead;
        Errors = errors;
    }

    /// <summary>The register of the rows that were imported.</summary>
    public ResidentRegister Register { get; }

    /// <summary>Data rows read (header excluded).</summary>
    public long RowsRead { get; }

    /// <summary>The rows not imported, in file order.</summary>
    public IReadOnlyList<RegisterRowError> Errors { get; }
}

/// <summary>
/// Reads the residents register CSV (the layout is documented in the package README): streaming, one error per bad row
/// (line, column, reason), good rows kept.
/// </summary>
public static class ResidentRegisterCsv
{
    /// <summary>Imports a register from UTF-8 (BOM allowed) CSV.</summary>
    /// <param name="csv">The file's content.</param>
    /// <param name="progress">Receives the number of data rows read so far, now and then.</param>
    /// <param name="cancellationToken">Stops the import.</param>
    /// <exception cref="EligibilityFormatException">The header is missing or lacks a required column.</exception>
    public static Task<RegisterImportResult> ImportAsync(Stream csv, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        _ = progress;
        _ = cancellationToken;
        throw new NotImplementedException("Being written (issue 5, register).");
    }
}
