using System.Text;

namespace LineGov.PublicApi.Tests;

/// <summary>
/// Each shipped package's public API must match its committed snapshot, src/&lt;Package&gt;/api/&lt;Package&gt;.txt, so
/// that every change to the public surface shows up in review. Accept a deliberate change by running the tests
/// with LINEGOV_UPDATE_API=1 and committing the rewritten snapshot.
/// </summary>
public sealed class PublicApiSnapshotTests
{
    private const string UpdateVariable = "LINEGOV_UPDATE_API";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    [Theory]
    [MemberData(nameof(ShippedPackages.Names), MemberType = typeof(ShippedPackages))]
    public void Public_api_matches_the_committed_snapshot(string package)
    {
        var actual = PublicApiRenderer.Render(ShippedPackages.Get(package));
        var root = RepositoryRoot.Find();
        var relativePath = $"src/{package}/api/{package}.txt";
        var path = Path.Combine(root, "src", package, "api", package + ".txt");
        var command = $"{UpdateVariable}=1 dotnet test tests/LineGov.PublicApi.Tests";

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path) || File.ReadAllText(path, Utf8NoBom) != actual)
            {
                File.WriteAllText(path, actual, Utf8NoBom);
            }

            return;
        }

        if (!File.Exists(path))
        {
            Assert.Fail(
                $"{package} has no public-API snapshot at {relativePath}. Create it with `{command}` (from the repository root), " +
                "review it, and commit it with the package.");
        }

        var expected = File.ReadAllText(path, Utf8NoBom).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail(
                $"The public API of {package} differs from {relativePath} (- snapshot, + assembly). If the change is " +
                $"intended, accept it with `{command}` and commit the snapshot; otherwise restore the API.\n\n" +
                LineDiff.Unified(expected, actual, relativePath, package + ".dll"));
        }
    }

    [Fact]
    public void Every_package_under_src_is_covered()
    {
        var src = Path.Combine(RepositoryRoot.Find(), "src");
        var packages = Directory.EnumerateDirectories(src)
            .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToList();

        var missing = packages.Except(ShippedPackages.All, StringComparer.Ordinal).ToList();
        missing.ShouldBeEmpty(
            "Each src/<Package> is a shipped package and needs a public-API snapshot: add a ProjectReference to " +
            "tests/LineGov.PublicApi.Tests/LineGov.PublicApi.Tests.csproj and a `typeof(<a public type>).Assembly` line " +
            "to ShippedPackages.cs for: " + string.Join(", ", missing));
    }
}
