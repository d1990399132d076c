using System.Text.Json;

namespace LineGov.Cli.Tests;

/// <summary>What one run of <c>linegov</c> printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json()
    {
        // --json prints exactly one JSON object: parsing the whole of stdout proves it.
        using var document = JsonDocument.Parse(Stdout);
        document.RootElement.ValueKind.ShouldBe(JsonValueKind.Object);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>Runs the CLI in-process through its public entry point.</summary>
public static class Cli
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await LinegovCli.RunAsync(args, stdout, stderr, CancellationToken.None);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts a failure is reported the way the brief says: one line on stderr, no stack trace, nothing on stdout.</summary>
    public static void ShouldBeOneLineError(this CliRun run, int exitCode = 2)
    {
        run.ExitCode.ShouldBe(exitCode, run.ToString());
        run.Stdout.ShouldBeEmpty(run.ToString());
        run.Stderr.TrimEnd('\n', '\r').ShouldNotContain("\n", customMessage: run.ToString());
        run.Stderr.ShouldNotBeNullOrWhiteSpace();
        run.Stderr.ShouldNotContain("   at ", customMessage: run.ToString());
        run.Stderr.ShouldNotContain("Exception", customMessage: run.ToString());
    }

    public static string[] ReasonCodes(this JsonElement result) =>
        [.. result.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!)];
}
