namespace LineGov.Cli.Infrastructure;

/// <summary>What every command writes to and reads the time from.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, TimeProvider timeProvider)
{
    /// <summary>Results: the report, or the one JSON object of <c>--json</c>.</summary>
    public TextWriter Out { get; } = stdout;

    /// <summary>Errors (one line each) and notes.</summary>
    public TextWriter Error { get; } = stderr;

    /// <summary>"Now" for validation and for minting test certificates.</summary>
    public TimeProvider TimeProvider { get; } = timeProvider;
}

/// <summary>The process exit codes, the same for every verb.</summary>
internal static class ExitCodes
{
    /// <summary>Valid, or the work is done.</summary>
    public const int Success = 0;

    /// <summary>Checked and found invalid; the reasons were printed.</summary>
    public const int Invalid = 1;

    /// <summary>The command line is wrong or an input cannot be read; nothing was checked.</summary>
    public const int UsageOrInputError = 2;
}
