using System.Text;
using BenchmarkDotNet.Attributes;
using LineGov.Eligibility;

namespace LineGov.Benchmarks.Eligibility;

/// <summary>
/// Normalizing and resolving 1,000 realistic addresses in 1,000 municipalities of all 47 prefectures, written the ways
/// applications write them (full-width digits, kanji or digit 丁目, 郡 or prefecture left out, 番地 / 号 / の / dashes,
/// spaces, half-width katakana buildings). Each row reports the time per address (OperationsPerInvoke = 1,000), so
/// addresses per second = 1 s / Mean. Baseline: only the NFKC step (what a naive normalizer does before comparing
/// strings). The data is warm (every prefecture used is loaded in setup), as in a server that has run a while.
/// </summary>
[MemoryDiagnoser]
public class AddressNormalization
{
    private const int Count = 1_000;

    private readonly JapaneseAddressNormalizer _normalizer = JapaneseAddressNormalizer.Default;
    private string[] _addresses = null!;

    [GlobalSetup]
    public void Setup()
    {
        _addresses = Addresses();
        var towns = _addresses.Count(a => _normalizer.Normalize(a).Level == AddressResolutionLevel.Town);
        if (towns < Count * 9 / 10)
        {
            throw new InvalidOperationException($"Only {towns} of {Count} addresses resolve to the town.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count, Description = "NFKC only")]
    public int NfkcOnly()
    {
        var length = 0;
        foreach (var address in _addresses)
        {
            length += address.Normalize(NormalizationForm.FormKC).Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "LineGov text steps (NFKC, dashes, canonical form)")]
    public int TextSteps()
    {
        var length = 0;
        foreach (var address in _addresses)
        {
            length += AddressText.Canonical(AddressText.Normalize(address)).Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "LineGov normalize + resolve to the town")]
    public int NormalizeAndResolve()
    {
        var resolved = 0;
        foreach (var address in _addresses)
        {
            resolved += (int)_normalizer.Normalize(address).Level;
        }

        return resolved;
    }

    /// <summary>A fixed set: the same 1,000 addresses on every run (fixed seed, data order).</summary>
    private string[] Addresses()
    {
        var data = _normalizer.Data;
        var random = new Random(20260401);
        var addresses = new List<string>(Count);
        var step = (double)data.Municipalities.Count / Count;
        for (var i = 0; i < Count; i++)
        {
            var municipality = data.Municipalities[(int)(i * step)];
            var names = data.Towns(municipality.Index).Names;
            var town = names.Count == 0 ? string.Empty : names[random.Next(names.Count)];
            var prefecture = data.Prefectures[municipality.Prefecture];
            var (block, building) = (random.Next(1, 40), random.Next(1, 30));
            addresses.Add((i % 6) switch
            {
                0 => $"{prefecture}{municipality.Name}{town}{block}番地{building}",
                1 => FullWidth($"{prefecture}{municipality.Name}{town}{block}-{building}"),
                2 => $"{prefecture} {municipality.Name} {Digits(town)} {block}番{building}号",
                3 => $"{prefecture}{WithoutGun(municipality.Name)}{town}{block}の{building}",
                4 => $"〒{random.Next(1000000):D7} {prefecture}{municipality.Name}{town}{block}ー{building} ｺｰﾎﾟ{random.Next(101, 310)}",
                _ => $"{prefecture}{municipality.Name}{Digits(town)}{block}−{building}−{random.Next(1, 9)}",
            });
        }

        return [.. addresses];
    }

    private static string FullWidth(string text) =>
        string.Concat(text.Select(c => c is >= '0' and <= '9' or '-' ? (char)(c + 0xFEE0) : c));

    private static string WithoutGun(string municipality)
    {
        var gun = municipality.IndexOf('郡', StringComparison.Ordinal);
        return gun > 0 && municipality[^1] is '町' or '村' ? municipality[(gun + 1)..] : municipality;
    }

    /// <summary>The town with its kanji numerals as digits, as most people type 丁目 (三条東二丁目 → 三条東2丁目).</summary>
    private static string Digits(string town)
    {
        var builder = new StringBuilder();
        var i = 0;
        while (i < town.Length)
        {
            var start = i;
            while (i < town.Length && "〇一二三四五六七八九十百千".Contains(town[i], StringComparison.Ordinal))
            {
                i++;
            }

            if (i > start)
            {
                builder.Append(AddressText.KanjiNumber(town.AsSpan(start, i - start)));
            }
            else
            {
                builder.Append(town[i++]);
            }
        }

        return builder.ToString();
    }
}
