namespace LineGov.Eligibility;

/// <summary>
/// Input that cannot be read at all: a program JSON that does not follow the schema (the message names the field), a
/// register file without its header. Row-level problems of a register are reported as <see cref="RegisterRowError"/>s
/// instead. Messages never contain personal data.
/// </summary>
public class EligibilityFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EligibilityFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EligibilityFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public EligibilityFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception naming the field at fault (a JSON path such as <c>$.amount.perPerson</c>, or a column).</summary>
    public EligibilityFormatException(string field, string message)
        : base($"{field}: {message}")
    {
        Field = field;
    }

    /// <summary>The field at fault, when known.</summary>
    public string? Field { get; }
}
