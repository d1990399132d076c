using System.Reflection;
using LineGov.Eligibility;
using LineGov.Jpki;
using LineGov.Jpki.Testing;
using LineGov.Messaging;
using LineGov.Messaging.AspNetCore;
using LineGov.Messaging.Testing;
using LineGov.Payouts.Testing;
using LineGov.Payouts.Zengin;

namespace LineGov.PublicApi.Tests;

/// <summary>
/// The shipped NuGet packages, each named by a public type in it. The snapshot and convention tests run once per
/// entry. To cover a new package, add a ProjectReference to this project and one line here.
/// </summary>
internal static class ShippedPackages
{
    private static readonly Assembly[] Assemblies =
    [
        typeof(JpkiCertificate).Assembly,
        typeof(JpkiTestAuthority).Assembly,
        typeof(LineMessagingClient).Assembly,
        typeof(LineEmulator).Assembly,
        typeof(LineWebhookOptions).Assembly,
        typeof(ResidentRegister).Assembly,
        typeof(ZenginWriter).Assembly,
        typeof(FakePointsServer).Assembly,
    ];

    /// <summary>The package (= assembly = root namespace) names, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Names => new(Assemblies.Select(a => a.GetName().Name!).Order(StringComparer.Ordinal));

    public static IEnumerable<string> All => Assemblies.Select(a => a.GetName().Name!);

    public static Assembly Get(string package) =>
        Array.Find(Assemblies, a => a.GetName().Name == package)
        ?? throw new ArgumentException($"{package} is not listed in {nameof(ShippedPackages)}.", nameof(package));
}
