namespace LineGov.Payouts.Zengin;

/// <summary>
/// Thrown by <see cref="ZenginWriter"/> when any record is invalid; nothing has been written. <see cref="Errors"/> lists
/// every problem found (record number, field, reason), not only the first. Messages never contain the values.
/// </summary>
public class ZenginValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ZenginValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ZenginValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ZenginValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception listing the errors found.</summary>
    /// <param name="errors">Every invalid field, in record order.</param>
    public ZenginValidationException(IReadOnlyList<ZenginRecordError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every invalid field, in record order.</summary>
    public IReadOnlyList<ZenginRecordError> Errors { get; }

    private static string Describe(IReadOnlyList<ZenginRecordError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        const int Shown = 20;
        var lines = errors.Take(Shown).Select(e => e.ToString());
        var more = errors.Count > Shown ? $"{Environment.NewLine}… and {errors.Count - Shown} more" : string.Empty;
        return $"The Zengin file was not written: {errors.Count} invalid field(s).{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}

/// <summary>One invalid field of a record that <see cref="ZenginWriter"/> refused to write.</summary>
/// <param name="RecordNumber">1-based record number in the file: the header is 1, the first transfer 2, the trailer comes after the last transfer.</param>
/// <param name="Field">The field, as the property name (<c>BankCode</c>, <c>AccountName</c>, <c>Amount</c>…).</param>
/// <param name="Reason">Why, in English; never the value.</param>
public sealed record ZenginRecordError(int RecordNumber, string Field, string Reason)
{
    /// <summary>1-based record number in the file (the header is 1).</summary>
    public int RecordNumber { get; } = RecordNumber;

    /// <summary>The field, as the property name.</summary>
    public string Field { get; } = Field;

    /// <summary>Why, in English; never the value.</summary>
    public string Reason { get; } = Reason;

    /// <inheritdoc />
    public override string ToString() => $"record {RecordNumber}, {Field}: {Reason}";
}
