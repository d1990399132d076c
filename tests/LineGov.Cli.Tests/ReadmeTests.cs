using System.Text.RegularExpressions;

namespace LineGov.Cli.Tests;

/// <summary>The commands of samples/LineGov.Cli/examples/README.md work as the README says.</summary>
public sealed partial class ReadmeTests
{
    private const string GenerationHeading = "## How these files were made";

    private static string Examples => Path.Combine(AppContext.BaseDirectory, "examples");

    [Fact]
    public async Task Try_it_commands_of_the_examples_README_give_the_exit_codes_it_states()
    {
        var commands = ReadCommands();
        commands.Count.ShouldBeGreaterThanOrEqualTo(8);

        foreach (var command in commands)
        {
            var run = await Cli.RunAsync(ToArgs(command.Line, Examples));
            run.ExitCode.ShouldBe(command.ExpectedExitCode, $"{command.Line}\n{run}");
        }
    }

    [Fact]
    public async Task Generation_commands_of_the_examples_README_make_examples_that_pass_the_same_commands()
    {
        using var folder = new TempFolder();
        File.Copy(Path.Combine(Examples, "application.txt"), Path.Combine(folder.Path, "application.txt"));
        foreach (var line in ReadSection(GenerationHeading).Where(l => !l.StartsWith('#')))
        {
            if (line.StartsWith("cp ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                File.Copy(Path.Combine(folder.Path, parts[1]), Path.Combine(folder.Path, parts[2]), overwrite: true);
                continue;
            }

            var run = await Cli.RunAsync(ToArgs(line, folder.Path));
            run.ExitCode.ShouldBe(0, $"{line}\n{run}");
        }

        foreach (var command in ReadCommands())
        {
            var run = await Cli.RunAsync(ToArgs(command.Line, folder.Path));
            run.ExitCode.ShouldBe(command.ExpectedExitCode, $"{command.Line}\n{run}");
        }
    }

    [Fact]
    public void Digest_in_the_README_is_the_SHA256_of_the_bundled_application()
    {
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Examples, "application.txt"))));

        File.ReadAllText(Path.Combine(Examples, "README.md")).ShouldContain(digest);
    }

    /// <summary>The <c>linegov</c> lines of the sh blocks before the generation heading, with the exit code a preceding <c># exit code N</c> comment states (0 otherwise).</summary>
    private static List<(string Line, int ExpectedExitCode)> ReadCommands()
    {
        var readme = File.ReadAllText(Path.Combine(Examples, "README.md"));
        var split = readme.IndexOf(GenerationHeading, StringComparison.Ordinal);
        split.ShouldBeGreaterThan(0);
        var text = readme[..split];
        var commands = new List<(string, int)>();
        var expected = 0;
        foreach (var line in ShellLines(text))
        {
            var comment = ExitCodeComment().Match(line);
            if (comment.Success)
            {
                expected = int.Parse(comment.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("linegov ", StringComparison.Ordinal))
            {
                commands.Add((line, expected));
                expected = 0;
            }
        }

        return commands;
    }

    private static List<string> ReadSection(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(Examples, "README.md"));
        return ShellLines(readme[readme.IndexOf(heading, StringComparison.Ordinal)..]);
    }

    private static List<string> ShellLines(string markdown)
    {
        var lines = new List<string>();
        var inBlock = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock && line == "```sh";
                continue;
            }

            if (inBlock && line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>Splits a README command line as a shell would (no quoting is used there) and resolves file names against <paramref name="folder"/>.</summary>
    private static string[] ToArgs(string line, string folder)
    {
        var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        tokens[0].ShouldBe("linegov");
        return [.. tokens.Skip(1).Select(t => !t.StartsWith('-') && (t.Contains('.', StringComparison.Ordinal) || t.Contains('/', StringComparison.Ordinal) || t == "gen") ? Path.Combine(folder, t) : t)];
    }

    [GeneratedRegex(@"^#\s*exit code (\d)")]
    private static partial Regex ExitCodeComment();
}
