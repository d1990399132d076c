using System.Diagnostics;
using System.Globalization;
using System.Text;
using B = LineGov.Jpki.Tests.Parsing.RawCertificateBuilder;

namespace LineGov.Jpki.Tests.Parsing;

/// <summary>
/// Deterministic mutation fuzzing of <see cref="JpkiCertificate.Parse(ReadOnlySpan{byte})"/>: every mutated input
/// either parses or throws <see cref="JpkiFormatException"/>. A failure names the seed, the base certificate, the
/// iteration and the mutation — never the bytes (the bases carry four facts).
/// </summary>
public sealed class MutationFuzzTests
{
    private const int Seed = 0x4A504B49; // "JPKI"
    private const int MutationsPerBase = 6_000;
    private const int PemMutations = 2_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    private enum Mutation
    {
        BitFlip,
        ByteReplace,
        Truncate,
        LengthByte,
        TagByte,
        Insert,
        Delete,
        DuplicateRange,
    }

    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0C, 0x13, 0x17, 0x18, 0x1E, 0x30, 0x31, 0x7F, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x89, 0xA0, 0xA3, 0xFE, 0xFF];

    private static List<(string Name, byte[] Der)> Bases() =>
    [
        ("signature", B.Signature().Build()),
        ("authentication", B.Authentication().Build()),
        ("ca-generalized-time", CaWithGeneralizedTime()),
        ("signature-odd-strings", B.Signature()
            .WithOtherName(B.NameOid, B.DefaultName, RawStringKind.Bmp)
            .WithOtherName(B.GenderOid, "1", RawStringKind.Printable)
            .WithOtherName(B.DateOfBirthOid, "520190501", RawStringKind.Ia5)
            .AddRawGeneralName(B.Tlv(0x82, "example.jp"u8))
            .AddExtension("1.3.6.1.4.1.99999.1", true, [0x05, 0x00])
            .Build()),
    ];

    private static byte[] CaWithGeneralizedTime()
    {
        var builder = B.CertificateAuthority();
        builder.BasicConstraints = (true, 0);
        builder.NotAfter = new DateTimeOffset(2055, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return builder.Build();
    }

    [Fact]
    public async Task Mutated_der_certificates_parse_or_throw_jpki_format_exception_only()
    {
        var stopwatch = Stopwatch.StartNew();
        var bases = Bases();
        var outcome = await Task.Run(() => Fuzz(bases)).WaitAsync(Budget);
        stopwatch.Stop();

        outcome.Failures.ShouldBeEmpty(string.Join(Environment.NewLine, outcome.Failures.Take(20)));
        outcome.Total.ShouldBeGreaterThanOrEqualTo(20_000);
        outcome.Accepted.ShouldBeGreaterThan(0, "the mutations never kept a certificate valid: the fuzz is too coarse");
        outcome.Rejected.ShouldBeGreaterThan(outcome.Total / 4, "the mutations rarely broke the certificate: the fuzz is too gentle");
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Mutated_pem_text_parses_or_throws_jpki_format_exception_only()
    {
        var pem = Encoding.ASCII.GetBytes(B.Signature().BuildPem());
        var failures = await Task.Run(() =>
        {
            var random = new Random(Seed ^ 0x50454D);
            var found = new List<string>();
            for (var iteration = 0; iteration < PemMutations; iteration++)
            {
                var mutated = (byte[])pem.Clone();
                var count = random.Next(1, 4);
                for (var i = 0; i < count; i++)
                {
                    var position = random.Next(mutated.Length);
                    mutated[position] = random.Next(3) switch
                    {
                        0 => (byte)"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="[random.Next(65)],
                        1 => (byte)"-\r\n \t"[random.Next(5)],
                        _ => (byte)random.Next(256),
                    };
                }

                var failure = Check(mutated, $"seed {Seed ^ 0x50454D} pem iteration {iteration}");
                if (failure is not null)
                {
                    found.Add(failure);
                }

                var text = Encoding.Latin1.GetString(mutated);
                var stringFailure = CheckString(text, $"seed {Seed ^ 0x50454D} pem-string iteration {iteration}");
                if (stringFailure is not null)
                {
                    found.Add(stringFailure);
                }
            }

            return found;
        }).WaitAsync(Budget);

        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures.Take(20)));
    }

    private static FuzzOutcome Fuzz(List<(string Name, byte[] Der)> bases)
    {
        var failures = new List<string>();
        int total = 0, accepted = 0, rejected = 0;
        for (var baseIndex = 0; baseIndex < bases.Count; baseIndex++)
        {
            var (name, der) = bases[baseIndex];
            JpkiCertificate.Parse(der).ShouldNotBeNull();
            var headers = DerWalker.Headers(der);
            headers.Count.ShouldBeGreaterThan(20);
            var seed = Seed + baseIndex;
            var random = new Random(seed);
            var mutations = Enum.GetValues<Mutation>();
            for (var iteration = 0; iteration < MutationsPerBase; iteration++)
            {
                var mutation = mutations[random.Next(mutations.Length)];
                var mutated = Mutate(der, headers, mutation, random);
                var context = string.Create(CultureInfo.InvariantCulture, $"seed {seed} base {name} iteration {iteration} mutation {mutation}");
                total++;
                var outcome = Run(mutated, context, out var failure);
                if (failure is not null)
                {
                    failures.Add(failure);
                }
                else if (outcome)
                {
                    accepted++;
                }
                else
                {
                    rejected++;
                }
            }
        }

        return new FuzzOutcome(total, accepted, rejected, failures);
    }

    private static string? Check(byte[] input, string context)
    {
        Run(input, context, out var failure);
        return failure;
    }

    private static string? CheckString(string input, string context)
    {
        try
        {
            Touch(JpkiCertificate.Parse(input));
            return null;
        }
        catch (JpkiFormatException)
        {
            return null;
        }
        catch (Exception e) when (e is not ShouldAssertException)
        {
            return Describe(context, e);
        }
    }

    /// <summary>True when parsed, false when rejected with <see cref="JpkiFormatException"/>; any other exception is a failure.</summary>
    private static bool Run(byte[] input, string context, out string? failure)
    {
        failure = null;
        JpkiCertificate certificate;
        try
        {
            certificate = JpkiCertificate.Parse(input);
        }
        catch (JpkiFormatException)
        {
            return false;
        }
        catch (Exception e)
        {
            failure = Describe(context, e);
            return false;
        }

        try
        {
            Touch(certificate);
        }
        catch (Exception e)
        {
            failure = Describe(context + " (after a successful parse, reading the certificate)", e);
        }

        return true;
    }

    /// <summary>Reads what a caller reads right after parsing: the names, the description, the four facts.</summary>
    private static void Touch(JpkiCertificate certificate)
    {
        _ = certificate.ToString();
        _ = certificate.Subject;
        _ = certificate.Issuer;
        _ = certificate.Sha256Thumbprint;
        _ = certificate.FourFacts?.ToString();
    }

    // Only the exception type and the top frames: never the message (it could echo input) nor the bytes.
    private static string Describe(string context, Exception e)
    {
        var frames = (e.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3);
        return $"{context}: {e.GetType().FullName} at {string.Join(" <- ", frames)}";
    }

    private static byte[] Mutate(byte[] der, List<(int TagOffset, int LengthOffset)> headers, Mutation mutation, Random random)
    {
        switch (mutation)
        {
            case Mutation.BitFlip:
            {
                var copy = (byte[])der.Clone();
                var flips = random.Next(1, 5);
                for (var i = 0; i < flips; i++)
                {
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                }

                return copy;
            }

            case Mutation.ByteReplace:
            {
                var copy = (byte[])der.Clone();
                var count = random.Next(1, 4);
                for (var i = 0; i < count; i++)
                {
                    copy[random.Next(copy.Length)] = random.Next(2) == 0 ? InterestingBytes[random.Next(InterestingBytes.Length)] : (byte)random.Next(256);
                }

                return copy;
            }

            case Mutation.Truncate:
                return der.AsSpan(0, random.Next(der.Length)).ToArray();

            case Mutation.LengthByte:
            {
                var copy = (byte[])der.Clone();
                var (_, lengthOffset) = headers[random.Next(headers.Count)];
                copy[lengthOffset] = random.Next(6) switch
                {
                    0 => (byte)(copy[lengthOffset] + 1),
                    1 => (byte)(copy[lengthOffset] - 1),
                    2 => 0x00,
                    3 => 0x80,
                    4 => InterestingBytes[random.Next(InterestingBytes.Length)],
                    _ => (byte)random.Next(256),
                };
                return copy;
            }

            case Mutation.TagByte:
            {
                var copy = (byte[])der.Clone();
                var (tagOffset, _) = headers[random.Next(headers.Count)];
                copy[tagOffset] = random.Next(3) == 0 ? (byte)random.Next(256) : InterestingBytes[random.Next(InterestingBytes.Length)];
                return copy;
            }

            case Mutation.Insert:
            {
                var position = random.Next(der.Length + 1);
                var inserted = new byte[random.Next(1, 9)];
                random.NextBytes(inserted);
                return [.. der.AsSpan(0, position), .. inserted, .. der.AsSpan(position)];
            }

            case Mutation.Delete:
            {
                var position = random.Next(der.Length);
                var count = Math.Min(random.Next(1, 9), der.Length - position);
                return [.. der.AsSpan(0, position), .. der.AsSpan(position + count)];
            }

            default:
            {
                var start = random.Next(der.Length);
                var count = Math.Min(random.Next(1, 33), der.Length - start);
                var at = random.Next(der.Length + 1);
                return [.. der.AsSpan(0, at), .. der.AsSpan(start, count), .. der.AsSpan(at)];
            }
        }
    }

    private sealed record FuzzOutcome(int Total, int Accepted, int Rejected, List<string> Failures);

    /// <summary>Finds every TLV header of a DER blob, descending into constructed values and into OCTET/BIT STRINGs that hold DER.</summary>
    private static class DerWalker
    {
        public static List<(int TagOffset, int LengthOffset)> Headers(byte[] der)
        {
            var headers = new List<(int, int)>();
            Walk(der, 0, der.Length, headers);
            return headers;
        }

        private static bool Walk(byte[] der, int start, int end, List<(int, int)> headers)
        {
            var found = new List<(int, int)>();
            var offset = start;
            while (offset < end)
            {
                if (!TryHeader(der, offset, end, out var tag, out var contentStart, out var contentLength))
                {
                    return false;
                }

                found.Add((offset, offset + 1));
                var contentEnd = contentStart + contentLength;
                if ((tag & 0x20) != 0)
                {
                    var nested = new List<(int, int)>();
                    if (!Walk(der, contentStart, contentEnd, nested))
                    {
                        return false;
                    }

                    found.AddRange(nested);
                }
                else if (tag == 0x04 && contentLength > 0)
                {
                    var nested = new List<(int, int)>();
                    if (Walk(der, contentStart, contentEnd, nested))
                    {
                        found.AddRange(nested);
                    }
                }
                else if (tag == 0x03 && contentLength > 1 && der[contentStart] == 0)
                {
                    var nested = new List<(int, int)>();
                    if (Walk(der, contentStart + 1, contentEnd, nested))
                    {
                        found.AddRange(nested);
                    }
                }

                offset = contentEnd;
            }

            headers.AddRange(found);
            return true;
        }

        private static bool TryHeader(byte[] der, int offset, int end, out byte tag, out int contentStart, out int contentLength)
        {
            tag = der[offset];
            contentStart = 0;
            contentLength = 0;
            if ((tag & 0x1F) == 0x1F || offset + 1 >= end)
            {
                return false;
            }

            var first = der[offset + 1];
            if (first < 0x80)
            {
                contentLength = first;
                contentStart = offset + 2;
            }
            else
            {
                var count = first & 0x7F;
                if (count is 0 or > 3 || offset + 2 + count > end)
                {
                    return false;
                }

                for (var i = 0; i < count; i++)
                {
                    contentLength = (contentLength << 8) | der[offset + 2 + i];
                }

                contentStart = offset + 2 + count;
            }

            return contentStart + contentLength <= end;
        }
    }
}
