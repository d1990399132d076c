// Endpoint-mapping classes may live in the ASP.NET Core builder namespace; other types may not (ApiConventionDetectionTests).
namespace Microsoft.AspNetCore.Builder;

public static class FixtureEndpointRouteBuilderExtensions
{
    public static int Mapped => 0;
}

public static class FixtureMisplacedRouteHelpers
{
    public static int Value => 0;
}
