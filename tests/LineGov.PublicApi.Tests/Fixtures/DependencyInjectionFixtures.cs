// Registration classes may live in the DI namespace; other types may not (ApiConventionDetectionTests).
namespace Microsoft.Extensions.DependencyInjection;

public static class FixtureServiceCollectionExtensions
{
    public static int Registered => 0;
}

public static class FixtureMisplacedHelpers
{
    public static int Value => 0;
}
