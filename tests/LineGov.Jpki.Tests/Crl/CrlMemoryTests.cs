using Xunit.Abstractions;

namespace LineGov.Jpki.Tests.Crl;

/// <summary>The index of a large CRL stays within 40 bytes of managed memory per entry once ingested.</summary>
/// <remarks>
/// GC.GetTotalMemory counts the whole process: alone in its collection, with parallelization off, so that other tests'
/// allocations do not land in the measurement (they did once, on a busy CI run: 57 bytes "per entry").
/// </remarks>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class CrlMemoryTests(AuthorityFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_large_crl_costs_at_most_40_bytes_per_entry_after_ingest()
    {
        const int entries = 300_000;
        var ca = fixture.Authority.GetCa(JpkiCertificateKind.Signature);
        var builder = fixture.Authority.CreateCrlBuilder(ca);
        builder.SyntheticEntryCount = entries;
        var bytes = builder.Build();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        JpkiCrl crl;
        using (var stream = new MemoryStream(bytes, writable: false))
        {
            crl = await JpkiCrl.LoadAsync(stream);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var retainedPerEntry = (after - before) / (double)entries;

        output.WriteLine(FormattableString.Invariant($"{entries} entries: {retainedPerEntry:F1} retained bytes per entry, {crl.IndexMemoryBytes / (double)entries:F1} index bytes per entry"));
        crl.Count.ShouldBe(entries);
        crl.IsSignatureValid(ca.Parsed).ShouldBeTrue();
        retainedPerEntry.ShouldBeLessThanOrEqualTo(40, "retained managed bytes per entry");
        (crl.IndexMemoryBytes / (double)entries).ShouldBeLessThanOrEqualTo(40, "index bytes per entry");
        GC.KeepAlive(crl);
    }
}

/// <summary>Tests that measure process-wide memory: run alone, never beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection : ICollectionFixture<AuthorityFixture>
{
    public const string Name = "memory measurements";
}
