namespace LineGov.Eligibility;

/// <summary>A register row that was not imported, and why. Holds no field values (they are personal data).</summary>
public sealed class RegisterRowError
{
    /// <summary>Creates an error.</summary>
    /// <param name="lineNumber">The 1-based line of the file (the header is line 1).</param>
    /// <param name="field">The column at fault (its header name), or <c>*</c> for the whole row.</param>
    /// <param name="reason">What is wrong, in English, without the value.</param>
    public RegisterRowError(long lineNumber, string field, string reason)
        : this(lineNumber, field, reason, null)
    {
    }

    /// <summary>Creates an error for a row whose household is known.</summary>
    /// <param name="lineNumber">The 1-based line of the file (the header is line 1).</param>
    /// <param name="field">The column at fault (its header name), or <c>*</c> for the whole row.</param>
    /// <param name="reason">What is wrong, in English, without the value.</param>
    /// <param name="householdId">The row's <c>household_id</c> (世帯番号, not personal data), or null when it could not be read.</param>
    public RegisterRowError(long lineNumber, string field, string reason, string? householdId)
    {
        LineNumber = lineNumber;
        Field = field;
        Reason = reason;
        HouseholdId = householdId;
    }

    /// <summary>The 1-based line of the file (the header is line 1).</summary>
    public long LineNumber { get; }

    /// <summary>The column at fault (its header name), or <c>*</c> for the whole row.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the value.</summary>
    public string Reason { get; }

    /// <summary>
    /// The row's <c>household_id</c> (世帯番号: the household whose members on a date may be incomplete), or null when the
    /// row has none or its columns cannot be trusted (a quoting problem, or a different number of fields than the header).
    /// </summary>
    public string? HouseholdId { get; }

    /// <inheritdoc />
    public override string ToString() => $"line {LineNumber}, {Field}: {Reason}";
}
