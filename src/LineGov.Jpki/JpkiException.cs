namespace LineGov.Jpki;

/// <summary>Base type of the exceptions LineGov.Jpki throws for misuse and unreadable input.</summary>
/// <remarks>An invalid certificate or signature is never an exception: it is a result listing every reason.</remarks>
public class JpkiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JpkiException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public JpkiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public JpkiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The input is not a well-formed certificate, CMS message or JPKI value. The message names the element and
/// the reason; it never contains personal data from the input.
/// </summary>
public sealed class JpkiFormatException : JpkiException
{
    /// <summary>Creates the exception.</summary>
    public JpkiFormatException()
    {
        Element = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public JpkiFormatException(string message)
        : base(message)
    {
        Element = string.Empty;
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public JpkiFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Element = string.Empty;
    }

    /// <summary>Creates the exception for one element of the input.</summary>
    internal JpkiFormatException(string element, string message, Exception? innerException = null)
        : base($"{element}: {message}", innerException)
    {
        Element = element;
    }

    /// <summary>The element of the input that is malformed (for example <c>subjectAltName</c>, <c>dateOfBirth</c>).</summary>
    public string Element { get; }
}
