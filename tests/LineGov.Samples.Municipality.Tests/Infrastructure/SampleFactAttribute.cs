using LineGov.Payouts.Tests.Infrastructure;
using Xunit.Sdk;

namespace LineGov.Samples.Municipality.Tests.Infrastructure;

/// <summary>
/// A fact of the sample's tests. In a test class whose name contains "Postgres" it is skipped (with the reason) when no
/// PostgreSQL is available, and in one whose name contains "Browser" when /usr/bin/chromium is missing — outside CI
/// only: under CI=true nothing is skipped, so a missing server or browser fails. The discoverer is the one of the
/// Payouts tests (LedgerFactAttribute.cs, linked), compiled here with LINEGOV_SAMPLE_TESTS.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("LineGov.Payouts.Tests.Infrastructure.LedgerFactDiscoverer", LedgerFactAttribute.DiscovererAssembly)]
public sealed class SampleFactAttribute : FactAttribute
{
}
