using Xunit.Abstractions;
using Xunit.Sdk;

namespace LineGov.Payouts.Tests.Infrastructure;

/// <summary>
/// A fact for the store contract tests, which run once per store: in a test class whose name contains "Postgres" it is
/// skipped (with the reason) when no PostgreSQL is available outside CI (and, in the sample's tests, in a class whose
/// name contains "Browser" when Chromium is missing). xunit 2 has no dynamic skip, so the decision is made at discovery.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("LineGov.Payouts.Tests.Infrastructure.LedgerFactDiscoverer", DiscovererAssembly)]
internal sealed class LedgerFactAttribute : FactAttribute
{
    // The file is also compiled into the CLI tests (the crash tests of 'payouts run') and the sample's tests.
    internal const string DiscovererAssembly =
#if LINEGOV_CLI_TESTS
        "LineGov.Cli.Tests";
#elif LINEGOV_SAMPLE_TESTS
        "LineGov.Samples.Municipality.Tests";
#else
        "LineGov.Payouts.Tests";
#endif
}

/// <summary>Discovers <see cref="LedgerFactAttribute"/> tests, skipping PostgreSQL ones when the server is unavailable.</summary>
public sealed class LedgerFactDiscoverer : FactDiscoverer
{
    /// <summary>Creates the discoverer.</summary>
    public LedgerFactDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink)
    {
    }

    /// <inheritdoc />
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var name = testMethod.TestClass.Class.Name;
        var reason = name.Contains("Postgres", StringComparison.Ordinal) ? PostgresServer.SkipReason : null;
#if LINEGOV_SAMPLE_TESTS
        // The sample's browser suites need Debian's Chromium.
        reason ??= name.Contains("Browser", StringComparison.Ordinal) ? LineGov.Samples.Municipality.Tests.Infrastructure.Chromium.SkipReason : null;
#endif
        if (reason is not null)
        {
            // xunit's own skipped case (it carries the reason through serialization between discovery and execution).
            return new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
        }

        return base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
    }
}
