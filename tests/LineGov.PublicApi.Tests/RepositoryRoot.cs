using System.Reflection;

namespace LineGov.PublicApi.Tests;

/// <summary>Finds the repository (the directory holding LineGov.slnx).</summary>
internal static class RepositoryRoot
{
    private const string Marker = "LineGov.slnx";

    /// <summary>
    /// Walks up from the test binaries; when they are built outside the repository (an artifacts path), walks up
    /// from this project's directory as recorded at build time instead.
    /// </summary>
    public static string Find()
    {
        var projectDirectory = typeof(RepositoryRoot).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "LineGov.ProjectDirectory")?.Value;

        string?[] starts = [AppContext.BaseDirectory, projectDirectory, Environment.CurrentDirectory];
        foreach (var start in starts)
        {
            for (var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, Marker)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"No {Marker} above {AppContext.BaseDirectory}, {projectDirectory} or {Environment.CurrentDirectory}.");
    }
}
