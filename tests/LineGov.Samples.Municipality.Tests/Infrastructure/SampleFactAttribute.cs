using LineGov.Payouts.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace LineGov.Samples.Municipality.Tests.Infrastructure;

/// <summary>
/// A fact of the sample's tests. In a test class whose name contains "Postgres" it is skipped (with the reason) when no
/// PostgreSQL is available, and in one whose name contains "Browser" when /usr/bin/chromium is missing — outside CI
/// only: under CI=true nothing is skipped, so a missing server or browser fails. xunit 2 has no dynamic skip, so the
/// decision is made at discovery (as LedgerFactAttribute does in the Payouts tests).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("LineGov.Samples.Municipality.Tests.Infrastructure.SampleFactDiscoverer", "LineGov.Samples.Municipality.Tests")]
public sealed class SampleFactAttribute : FactAttribute
{
}

/// <summary>Discovers <see cref="SampleFactAttribute"/> tests, skipping those whose server or browser is unavailable.</summary>
public sealed class SampleFactDiscoverer : FactDiscoverer
{
    /// <summary>Creates the discoverer.</summary>
    public SampleFactDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink)
    {
    }

    /// <inheritdoc />
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var name = testMethod.TestClass.Class.Name;
        var reason = (name.Contains("Postgres", StringComparison.Ordinal) ? PostgresServer.SkipReason : null)
            ?? (name.Contains("Browser", StringComparison.Ordinal) ? Chromium.SkipReason : null);
        if (reason is not null)
        {
            return new SampleSkippedTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
        }

        return base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
    }
}

/// <summary>A test case skipped with a reason decided at discovery.</summary>
public sealed class SampleSkippedTestCase : XunitTestCase
{
    private string _reason = string.Empty;

    /// <summary>For the deserializer.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SampleSkippedTestCase()
    {
    }

    /// <summary>Creates a skipped case.</summary>
    public SampleSkippedTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, string reason)
        : base(sink, display, options, testMethod)
    {
        _reason = reason;
    }

    /// <inheritdoc />
    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

    /// <inheritdoc />
    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("Reason", _reason);
    }

    /// <inheritdoc />
    public override void Deserialize(IXunitSerializationInfo data)
    {
        base.Deserialize(data);
        _reason = data.GetValue<string>("Reason");
    }
}
