namespace LineGov.Eligibility;

/// <summary>A register row that was not imported, and why. Holds no field values (they are personal data).</summary>
/// <param name="LineNumber">The 1-based line of the file (the header is line 1).</param>
/// <param name="Field">The column at fault (its header name), or <c>*</c> for the whole row.</param>
/// <param name="Reason">What is wrong, in English, without the value.</param>
public sealed record RegisterRowError(long LineNumber, string Field, string Reason);
