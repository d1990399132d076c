using System.CommandLine;
using System.Security.Cryptography;
using LineGov.Jpki;

namespace LineGov.Cli.Infrastructure;

/// <summary>The command line is wrong (conflicting or malformed options): exit code 2 and a pointer to <c>--help</c>.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An input file cannot be used (missing, unreadable, not a certificate or key): exit code 2.</summary>
internal sealed class InputException : Exception
{
    public InputException()
    {
    }

    public InputException(string message)
        : base(message)
    {
    }

    public InputException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Turns every failure of a command into one line on stderr and exit code 2: never a stack trace.</summary>
internal static class GuardedAction
{
    public static void SetGuardedAction(this Command command, CliContext context, string commandPath, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await action(parseResult, cancellationToken);
            }
            catch (UsageException e)
            {
                return Fail(context, commandPath, $"{e.Message} (see '{commandPath} --help')");
            }
            catch (InputException e)
            {
                return Fail(context, commandPath, $"{e.Message}");
            }
            catch (JpkiFormatException e)
            {
                return Fail(context, commandPath, $"the input is not well-formed: {e.Message}");
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return Fail(context, commandPath, $"not found: {(e as FileNotFoundException)?.FileName ?? e.Message}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(context, commandPath, $"cannot read or write a file: {e.Message}");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail(context, commandPath, $"cancelled.");
            }
            catch (CryptographicException e)
            {
                return Fail(context, commandPath, $"a cryptographic operation failed: {e.Message}");
            }
#pragma warning disable CA1031 // A command-line tool answers every failure with one line and exit code 2, never a stack trace.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return Fail(context, commandPath, $"unexpected error ({e.GetType().Name}): {e.Message}");
            }
        });

    private static int Fail(CliContext context, string commandPath, string message)
    {
        context.Error.WriteLine($"{commandPath}: error: {LinegovCli.OneLine(message)}");
        return ExitCodes.UsageOrInputError;
    }
}
