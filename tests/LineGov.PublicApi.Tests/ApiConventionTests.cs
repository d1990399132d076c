namespace LineGov.PublicApi.Tests;

/// <summary>
/// Conventions every shipped package keeps (STYLE.md, "Client types" and "Tests"), checked by reflection over its
/// public and protected surface, in the style of Octokit's and NServiceBus's convention tests. A failure lists every
/// offending member as it appears in the API snapshot. The rules themselves are in <see cref="ApiConventions"/>.
/// </summary>
public sealed class ApiConventionTests
{
    [Theory]
    [MemberData(nameof(ShippedPackages.Names), MemberType = typeof(ShippedPackages))]
    public void Async_methods_take_a_cancellation_token(string package)
    {
        var assembly = ShippedPackages.Get(package);
        ShouldHaveNone(
            ApiConventions.AsyncMethodsWithoutCancellationToken(PublicApiRenderer.VisibleTypes(assembly), assembly),
            "Every *Async method returning Task, ValueTask or IAsyncEnumerable takes a CancellationToken (and passes it on):");
    }

    [Theory]
    [MemberData(nameof(ShippedPackages.Names), MemberType = typeof(ShippedPackages))]
    public void Cancellation_token_is_the_last_parameter_named_cancellationToken_with_a_default(string package)
    {
        var assembly = ShippedPackages.Get(package);
        ShouldHaveNone(
            ApiConventions.MisplacedCancellationTokens(PublicApiRenderer.VisibleTypes(assembly), assembly),
            "A CancellationToken parameter comes last, is named `cancellationToken` and, on public methods, defaults to `default`:");
    }

    [Theory]
    [MemberData(nameof(ShippedPackages.Names), MemberType = typeof(ShippedPackages))]
    public void Result_models_have_no_public_setters(string package)
    {
        var assembly = ShippedPackages.Get(package);
        ShouldHaveNone(
            ApiConventions.PublicSettersOnResultModels([.. PublicApiRenderer.VisibleTypes(assembly)], assembly),
            "Output models are get-only (STYLE.md: Output models). Public `set` and `init` are allowed only on types named "
            + string.Join(" or ", ApiConventions.SetterExemptions.Select(e => $"*{e.Suffix} ({e.Reason})")) + ":");
    }

    [Theory]
    [MemberData(nameof(ShippedPackages.Names), MemberType = typeof(ShippedPackages))]
    public void Service_methods_are_virtual_so_users_can_mock_them(string package)
    {
        var assembly = ShippedPackages.Get(package);
        ShouldHaveNone(
            ApiConventions.NonVirtualServiceMethods(PublicApiRenderer.VisibleTypes(assembly), assembly),
            "Public Task/ValueTask methods of unsealed *Validator, *Verifier, *Service and *Client classes are virtual (STYLE.md: Client types):");
    }

    [Theory]
    [MemberData(nameof(ShippedPackages.Names), MemberType = typeof(ShippedPackages))]
    public void Public_types_are_in_the_package_namespace(string package)
    {
        ShouldHaveNone(
            ApiConventions.TypesOutsidePackageNamespace(PublicApiRenderer.VisibleTypes(ShippedPackages.Get(package)), package),
            $"Public types live in `{package}` or a namespace under it; only " +
            string.Join(" and ", ApiConventions.ExtensionNamespaces.Select(e => $"*{e.ClassSuffix} classes go in `{e.Namespace}`")) + ":");
    }

    private static void ShouldHaveNone(IReadOnlyList<string> offenders, string rule)
    {
        if (offenders.Count > 0)
        {
            Assert.Fail($"{rule}\n  {string.Join("\n  ", offenders)}\n({offenders.Count} offending member(s))");
        }
    }
}
