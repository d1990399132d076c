namespace LineGov.Payouts.Zengin;

/// <summary>
/// A Zengin file or value that cannot be read: a record of the wrong length or kind, a field that is not what the
/// format says (the message names the record number and the field), a trailer whose count or total does not match the
/// data records, or a character that a Zengin record may not contain. Messages never contain the value itself: account
/// names and numbers are personal data.
/// </summary>
public class ZenginFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ZenginFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ZenginFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ZenginFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception naming the field at fault (such as <c>AccountName</c>).</summary>
    public ZenginFormatException(string field, string message)
        : base($"{field}: {message}")
    {
        Field = field;
    }

    /// <summary>Creates the exception naming the record (1-based, the header is record 1) and the field at fault.</summary>
    public ZenginFormatException(int recordNumber, string field, string message)
        : base($"record {recordNumber}, {field}: {message}")
    {
        RecordNumber = recordNumber;
        Field = field;
    }

    /// <summary>The 1-based number of the record at fault (the header is record 1), when known.</summary>
    public int? RecordNumber { get; }

    /// <summary>The field at fault, when known (a property name such as <c>AccountName</c> or <c>TotalAmount</c>).</summary>
    public string? Field { get; }
}
