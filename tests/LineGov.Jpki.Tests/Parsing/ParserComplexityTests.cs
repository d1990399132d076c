using System.Globalization;
using System.Diagnostics;
using B = LineGov.Jpki.Tests.Parsing.RawCertificateBuilder;

namespace LineGov.Jpki.Tests.Parsing;

/// <summary>
/// Any input under <see cref="JpkiCertificate.MaxEncodedLength"/> is parsed (or rejected) in time linear in its size:
/// "malformed DER never crashes or hangs anything". A linear parse of 1 MB takes well under a second; the bound
/// below is generous. The parse runs on the thread pool so a slow parse fails the test instead of stalling the run.
/// </summary>
public sealed class ParserComplexityTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private static async Task ShouldFinishWithinTheBound(byte[] der)
    {
        der.Length.ShouldBeLessThan(JpkiCertificate.MaxEncodedLength);
        var stopwatch = Stopwatch.StartNew();
        var parse = Task.Run(() => JpkiCertificate.TryParse(der, out _, out _));
        var finished = await Task.WhenAny(parse, Task.Delay(Bound));
        stopwatch.Stop();
        (finished == parse).ShouldBeTrue($"parsing a {der.Length}-byte certificate took more than {Bound.TotalSeconds} s");
    }

    [Fact]
    public async Task Certificate_with_many_subject_alt_names_parses_in_bounded_time()
    {
        var builder = B.Signature();
        for (var i = 0; i < 60_000; i++)
        {
            builder.AddRawGeneralName(B.Tlv(0x82, "a.jp"u8));
        }

        await ShouldFinishWithinTheBound(builder.Build());
    }

    [Fact]
    public async Task Certificate_with_tens_of_thousands_of_distinct_extensions_parses_in_bounded_time()
    {
        var builder = B.Signature();
        for (var i = 0; i < 90_000; i++)
        {
            builder.AddExtension(string.Create(CultureInfo.InvariantCulture, $"1.2.3.{i}"), false, []);
        }

        await ShouldFinishWithinTheBound(builder.Build());
    }

    [Fact]
    public async Task Certificate_with_tens_of_thousands_of_distinct_policies_parses_in_bounded_time()
    {
        var builder = B.Signature()
            .WithPolicies([.. Enumerable.Range(0, 110_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"1.2.3.{i}")), B.SignaturePolicyOid]);

        await ShouldFinishWithinTheBound(builder.Build());
    }
}
