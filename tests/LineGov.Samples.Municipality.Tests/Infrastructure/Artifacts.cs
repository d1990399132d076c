namespace LineGov.Samples.Municipality.Tests.Infrastructure;

/// <summary>
/// Where the tests leave what a person looks at afterwards (screenshots, load results): <c>TestResults/</c> under the
/// test output folder (bin/…/TestResults), or under LINEGOV_TEST_ARTIFACTS when set (CI collects it from there).
/// </summary>
public static class Artifacts
{
    /// <summary>The root folder (created).</summary>
    public static string Root
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("LINEGOV_TEST_ARTIFACTS") is { Length: > 0 } given
                ? given
                : Path.Combine(AppContext.BaseDirectory, "TestResults");
            Directory.CreateDirectory(root);
            return root;
        }
    }

    /// <summary>A sub-folder of <see cref="Root"/> (created, emptied first).</summary>
    public static string Folder(params string[] parts)
    {
        var folder = Path.Combine([Root, .. parts]);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }
}
