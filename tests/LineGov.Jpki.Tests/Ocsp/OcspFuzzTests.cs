using System.Diagnostics;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;
using Xunit.Abstractions;

namespace LineGov.Jpki.Tests.Ocsp;

/// <summary>
/// Mutated responses fed straight to the parser and verifier: every one must give a status — never an exception, never
/// a hang — and no mutation may turn into an answer the original did not give.
/// </summary>
[Collection(OcspCollection.Name)]
public sealed class OcspFuzzTests(OcspFixture fixture, ITestOutputHelper output)
{
    private const int MutationsPerSeed = 2_000;
    private const string Source = "ocsp:http://fuzz.test/";

    [Fact]
    public void Mutated_responses_always_give_a_status_and_never_a_forged_answer()
    {
        var clock = new FakeTimeProvider(OcspFixture.Start);
        var responder = new OcspTestResponder(fixture, clock);
        var certId = OcspCertIdFor(fixture.Certificate);
        var nonce = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var nonceValue = new DerOctetString(nonce).GetEncoded();
        var serial = new BigInteger(1, fixture.Certificate.SerialNumberBytes.ToArray());
        var options = new JpkiOcspClientOptions();
        var expectation = new OcspExpectation(certId, nonce, RequireNonce: false);

        var seeds = new (string Name, OcspScenario Scenario)[]
        {
            ("good, CA-signed, nonce", new OcspScenario()),
            ("revoked with reason, delegated, by key", new OcspScenario { Status = OcspTestCertStatus.Revoked, RevocationReason = 1, Signer = fixture.DelegatedNoCheck, ResponderIdByKey = true }),
            ("unknown status, no nextUpdate", new OcspScenario { Status = OcspTestCertStatus.Unknown, NextUpdateOffset = null }),
            ("good, delegated ECDSA", new OcspScenario { Signer = fixture.DelegatedEcdsa, SignatureAlgorithm = "SHA256WITHECDSA" }),
            ("tryLater", new OcspScenario { ResponseStatus = 3 }),
        };

        var random = new Random(20261122);
        var total = 0;
        var states = new Dictionary<JpkiRevocationState, int>();
        var watch = Stopwatch.StartNew();
        foreach (var (name, scenario) in seeds)
        {
            var seed = responder.Build(scenario, "1.3.14.3.2.26", serial, nonceValue);
            var original = OcspResponseVerifier.Verify(seed, expectation, fixture.IssuerCertificate, OcspFixture.Start, OcspFixture.Start, options, Source).Status;
            if (scenario.ResponseStatus == 0 && scenario.Status != OcspTestCertStatus.Unknown)
            {
                original.State.ShouldNotBe(JpkiRevocationState.Unknown, $"seed '{name}': {original.Detail}");
            }

            for (var i = 0; i < MutationsPerSeed; i++)
            {
                var mutant = Mutate(seed, random);
                JpkiRevocationStatus status;
                try
                {
                    status = OcspResponseVerifier.Verify(mutant, expectation, fixture.IssuerCertificate, OcspFixture.Start, OcspFixture.Start, options, Source).Status;
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"Seed '{name}', mutation {i} threw {e.GetType().Name}: {e.Message}\n{Convert.ToHexString(mutant)}");
                }

                status.ShouldNotBeNull();
                status.Source.ShouldBe(Source);
                if (status.State != JpkiRevocationState.Unknown)
                {
                    // The signature covers what the answer says: a mutation can only keep it or lose it.
                    status.State.ShouldBe(original.State, $"seed '{name}', mutation {i} produced an answer the original did not give: {Convert.ToHexString(mutant)}");
                }
                else
                {
                    status.Detail.ShouldNotBeNullOrEmpty();
                }

                states[status.State] = states.GetValueOrDefault(status.State) + 1;
                total++;
            }
        }

        watch.Stop();
        output.WriteLine($"{total} mutated responses in {watch.ElapsedMilliseconds} ms: " + string.Join(", ", states.Select(s => $"{s.Key} {s.Value}")));
        total.ShouldBeGreaterThanOrEqualTo(10_000);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "no input may make the verifier crawl");
    }

    [Fact]
    public void Random_bytes_and_deep_nesting_give_a_status()
    {
        var certId = OcspCertIdFor(fixture.Certificate);
        var expectation = new OcspExpectation(certId, null, RequireNonce: false);
        var options = new JpkiOcspClientOptions();
        var random = new Random(7);
        List<byte[]> inputs =
        [
            [],
            [0x30],
            [0x30, 0x80, 0x00, 0x00],
            [.. Enumerable.Repeat<byte>(0x30, 10_000)],
            [.. Enumerable.Range(0, 5_000).SelectMany(_ => new byte[] { 0x30, 0x80 })],
            [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF],
        ];
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            inputs.Add(bytes);
        }

        foreach (var input in inputs)
        {
            var status = OcspResponseVerifier.Verify(input, expectation, fixture.IssuerCertificate, OcspFixture.Start, OcspFixture.Start, options, Source).Status;
            status.State.ShouldBe(JpkiRevocationState.Unknown);
        }
    }

    private OcspCertId OcspCertIdFor(JpkiCertificate certificate) =>
        OcspCertId.TryCreate(certificate, fixture.IssuerCertificate, JpkiOcspHashAlgorithm.Sha1).ShouldNotBeNull();

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = seed.ToList();
        var rounds = random.Next(1, 4);
        for (var r = 0; r < rounds && data.Count > 0; r++)
        {
            var position = random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0: // flip one bit
                    data[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // truncate
                    data.RemoveRange(position, data.Count - position);
                    break;
                case 2: // change a length field: the byte after a tag-looking byte, or a random one
                    var at = FindLength(data, random) ?? position;
                    data[at] = random.Next(4) switch
                    {
                        0 => (byte)(data[at] + 1),
                        1 => (byte)(data[at] - 1),
                        2 => (byte)(0x80 | random.Next(1, 5)),
                        _ => (byte)random.Next(256),
                    };
                    break;
                case 3: // insert bytes
                    var inserted = new byte[random.Next(1, 4)];
                    random.NextBytes(inserted);
                    data.InsertRange(position, inserted);
                    break;
                case 4: // delete bytes
                    data.RemoveRange(position, Math.Min(random.Next(1, 4), data.Count - position));
                    break;
                case 5: // duplicate a slice
                    var length = Math.Min(random.Next(1, 64), data.Count - position);
                    data.InsertRange(position, data.GetRange(position, length));
                    break;
                default: // overwrite with an interesting byte
                    data[position] = (new byte[] { 0x00, 0x01, 0x7F, 0x80, 0x81, 0x82, 0xFF, 0x30, 0xA0, 0x04, 0x05 })[random.Next(11)];
                    break;
            }
        }

        return [.. data];
    }

    private static int? FindLength(List<byte> data, Random random)
    {
        if (data.Count < 2)
        {
            return null;
        }

        for (var attempt = 0; attempt < 16; attempt++)
        {
            var i = random.Next(data.Count - 1);
            if (data[i] is 0x30 or 0x31 or 0x04 or 0x02 or 0x03 or 0x06 or 0x0A or 0x18 or 0xA0 or 0xA1 or 0xA2 or 0x80)
            {
                return i + 1;
            }
        }

        return null;
    }
}
