namespace LineGov.Eligibility;

/// <summary>A register row that was not imported, and why. Holds no field values (they are personal data).</summary>
public sealed class RegisterRowError
{
    /// <summary>Creates an error.</summary>
    /// <param name="lineNumber">The 1-based line of the file (the header is line 1).</param>
    /// <param name="field">The column at fault (its header name), or <c>*</c> for the whole row.</param>
    /// <param name="reason">What is wrong, in English, without the value.</param>
    public RegisterRowError(long lineNumber, string field, string reason)
    {
        LineNumber = lineNumber;
        Field = field;
        Reason = reason;
    }

    /// <summary>The 1-based line of the file (the header is line 1).</summary>
    public long LineNumber { get; }

    /// <summary>The column at fault (its header name), or <c>*</c> for the whole row.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the value.</summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override string ToString() => $"line {LineNumber}, {Field}: {Reason}";
}
