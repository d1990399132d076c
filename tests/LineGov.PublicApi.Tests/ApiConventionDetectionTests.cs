using LineGov.PublicApi.Tests.Fixtures.Conventions;

namespace LineGov.PublicApi.Tests;

/// <summary>Each convention on fixtures that break it on purpose: the rule finds the offenders and only them.</summary>
public sealed class ApiConventionDetectionTests
{
    private static readonly Type[] Fixtures =
    [
        .. PublicApiRenderer.VisibleTypes(typeof(FixtureClient).Assembly)
            .Where(t => t.Namespace == typeof(FixtureClient).Namespace
                || t.Name.StartsWith("FixtureServiceCollection", StringComparison.Ordinal)
                || t.Name.StartsWith("FixtureEndpointRoute", StringComparison.Ordinal)
                || t.Name.StartsWith("FixtureMisplaced", StringComparison.Ordinal)),
    ];

    private static readonly System.Reflection.Assembly Home = typeof(FixtureClient).Assembly;

    [Fact]
    public void Async_methods_without_a_cancellation_token_are_found()
    {
        var offenders = ApiConventions.AsyncMethodsWithoutCancellationToken(Fixtures, Home);
        offenders.ShouldBe(
        [
            "LineGov.PublicApi.Tests.Fixtures.Conventions.FixtureClient: public System.Threading.Tasks.Task SendAsync(string text);",
            "LineGov.PublicApi.Tests.Fixtures.Conventions.FixtureClient: public virtual System.Collections.Generic.IAsyncEnumerable<int> StreamAsync();",
        ]);
    }

    [Fact]
    public void Cancellation_token_out_of_place_misnamed_or_without_default_is_found()
    {
        var offender = ApiConventions.MisplacedCancellationTokens(Fixtures, Home).ShouldHaveSingleItem();
        offender.ShouldStartWith("LineGov.PublicApi.Tests.Fixtures.Conventions.FixtureClient: public virtual System.Threading.Tasks.Task<int> CountAsync(");
        offender.ShouldEndWith(
            "the CancellationToken is not the last parameter, is named `token`, not `cancellationToken`, has no default value (`= default`)");
    }

    [Fact]
    public void Setters_on_result_models_and_returned_records_are_found_but_not_on_options()
    {
        var offenders = ApiConventions.PublicSettersOnResultModels(Fixtures, Home);
        offenders.ShouldBe(
        [
            "LineGov.PublicApi.Tests.Fixtures.Conventions.FixtureLookupResult: public int Count; — writable public field (*Result result model)",
            "LineGov.PublicApi.Tests.Fixtures.Conventions.FixtureLookupResult: public int Value { get; set; } — public set (*Result result model)",
            "LineGov.PublicApi.Tests.Fixtures.Conventions.FixtureLookupResult: public string Name { get; init; } — public init (*Result result model)",
            "LineGov.PublicApi.Tests.Fixtures.Conventions.FixtureOutput: public int X { get; init; } — public init (record returned by the API)",
        ]);
    }

    [Fact]
    public void Non_virtual_service_methods_are_found()
    {
        ApiConventions.NonVirtualServiceMethods(Fixtures, Home).ShouldBe(
        [
            "LineGov.PublicApi.Tests.Fixtures.Conventions.FixtureClient: public System.Threading.Tasks.Task SendAsync(string text); — not virtual",
        ]);
    }

    [Fact]
    public void Types_outside_the_package_namespace_are_found_except_registration_classes()
    {
        ApiConventions.TypesOutsidePackageNamespace(Fixtures, "LineGov.PublicApi.Tests")
            .ShouldBe([
                "Microsoft.AspNetCore.Builder.FixtureMisplacedRouteHelpers (namespace `Microsoft.AspNetCore.Builder`)",
                "Microsoft.Extensions.DependencyInjection.FixtureMisplacedHelpers (namespace `Microsoft.Extensions.DependencyInjection`)",
            ]);
        ApiConventions.TypesOutsidePackageNamespace(Fixtures, "LineGov.PublicApi").ShouldBe(
            ApiConventions.TypesOutsidePackageNamespace(Fixtures, "LineGov.PublicApi.Tests"),
            "a package's sub-namespaces are its own");
        ApiConventions.TypesOutsidePackageNamespace(Fixtures, "LineGov.PublicApi.Test").Count.ShouldBe(Fixtures.Length - 2);
    }
}
