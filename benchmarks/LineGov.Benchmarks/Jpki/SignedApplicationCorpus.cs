using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using LineGov.Jpki;
using LineGov.Jpki.Testing;

namespace LineGov.Benchmarks.Jpki;

/// <summary>
/// 1,000 distinct signature certificates (distinct RSA-2048 keys) under one test root, each with a raw and a detached
/// CMS signature over the same application. Generating the keys takes about a minute, and BenchmarkDotNet runs every
/// row in its own process, so the corpus is cached under the temp folder after the first run.
/// </summary>
public sealed class SignedApplicationCorpus
{
    public const int DefaultCount = 1000;
    private const int FormatVersion = 1;

    private SignedApplicationCorpus(byte[] root, DateTimeOffset verificationTime, byte[] data, Item[] items)
    {
        Root = root;
        VerificationTime = verificationTime;
        Data = data;
        Items = items;
    }

    public byte[] Root { get; }

    public DateTimeOffset VerificationTime { get; }

    public byte[] Data { get; }

    public Item[] Items { get; }

    public int Count => Items.Length;

    public static SignedApplicationCorpus LoadOrCreate(int count = DefaultCount)
    {
        var path = Path.Combine(Path.GetTempPath(), "linegov-benchmarks", $"signed-applications-v{FormatVersion}-{count}.bin");
        if (File.Exists(path))
        {
            try
            {
                return Read(path);
            }
            catch (Exception e) when (e is IOException or EndOfStreamException or FormatException)
            {
                File.Delete(path);
            }
        }

        var corpus = Create(count);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Environment.ProcessId + ".tmp";
        Write(corpus, temporary);
        File.Move(temporary, path, overwrite: true);
        return corpus;
    }

    private static SignedApplicationCorpus Create(int count)
    {
        var now = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        using var authority = JpkiTestAuthority.Create(new JpkiTestAuthorityOptions
        {
            TimeProvider = new FixedTime(now),
            Generations = [new JpkiTestGeneration("03", now.AddYears(-3), now.AddYears(7))],
        });
        var data = Encoding.UTF8.GetBytes("{\"program\":\"tohma-2026-price-relief\",\"channel\":\"line\",\"bank\":\"0001-001-1234567\"}");
        var items = new Item[count];
        Parallel.For(0, count, i =>
        {
            using var key = RSA.Create(2048);
            using var card = authority.IssueCard(
                JpkiTestIdentity.Create($"見本\u3000{i}郎", new DateOnly(1950, 1, 1).AddDays(i * 17), JpkiGender.Male, "北海道上川郡当麻町３条東２丁目１１番１号"),
                new JpkiTestCertificateOptions { Key = key },
                new JpkiTestCertificateOptions { Key = key });
            var der = card.SignatureX509.RawData;
            var cms = card.SignCms(data, new JpkiCmsSigningOptions { Detached = true }, now);
            items[i] = Item.From(der, card.SignRaw(data), cms);
        });

        return new SignedApplicationCorpus(authority.GetCa(JpkiCertificateKind.Signature).Certificate.RawData, now, data, items);
    }

    private static void Write(SignedApplicationCorpus corpus, string path)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(FormatVersion);
        WriteBytes(writer, corpus.Root);
        writer.Write(corpus.VerificationTime.UtcTicks);
        WriteBytes(writer, corpus.Data);
        writer.Write(corpus.Items.Length);
        foreach (var item in corpus.Items)
        {
            WriteBytes(writer, item.Certificate);
            WriteBytes(writer, item.RawSignature);
            WriteBytes(writer, item.Cms);
        }
    }

    private static SignedApplicationCorpus Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadInt32() != FormatVersion)
        {
            throw new FormatException("Old corpus format.");
        }

        var root = ReadBytes(reader);
        var time = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        var data = ReadBytes(reader);
        var items = new Item[reader.ReadInt32()];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Item.From(ReadBytes(reader), ReadBytes(reader), ReadBytes(reader));
        }

        return new SignedApplicationCorpus(root, time, data, items);
    }

    private static void WriteBytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static byte[] ReadBytes(BinaryReader reader) => reader.ReadBytes(reader.ReadInt32());

    /// <summary>One signed application, with the pieces the floor rows need pre-extracted.</summary>
    public sealed class Item
    {
        public required byte[] Certificate { get; init; }

        public required byte[] RawSignature { get; init; }

        public required byte[] Cms { get; init; }

        public required byte[] Tbs { get; init; }

        public required byte[] CertificateSignature { get; init; }

        public required byte[] SubjectPublicKeyInfo { get; init; }

        public required byte[] SignedAttributes { get; init; }

        public required byte[] CmsSignature { get; init; }

        public static Item From(byte[] certificate, byte[] rawSignature, byte[] cms)
        {
            var outer = new AsnReader(certificate, AsnEncodingRules.DER).ReadSequence();
            var tbs = outer.ReadEncodedValue().ToArray();
            outer.ReadSequence();
            var signature = outer.ReadBitString(out _);
            var tbsReader = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
            tbsReader.ReadEncodedValue(); // version
            tbsReader.ReadEncodedValue(); // serial
            tbsReader.ReadEncodedValue(); // signature algorithm
            tbsReader.ReadEncodedValue(); // issuer
            tbsReader.ReadEncodedValue(); // validity
            tbsReader.ReadEncodedValue(); // subject
            var spki = tbsReader.ReadEncodedValue().ToArray();

            var signedCms = new System.Security.Cryptography.Pkcs.SignedCms();
            signedCms.Decode(cms);
            var signer = signedCms.SignerInfos[0];
            var attributes = new AsnWriter(AsnEncodingRules.DER);
            using (attributes.PushSetOf())
            {
                foreach (var attribute in signer.SignedAttributes)
                {
                    using (attributes.PushSequence())
                    {
                        attributes.WriteObjectIdentifier(attribute.Oid.Value!);
                        using (attributes.PushSetOf())
                        {
                            foreach (var value in attribute.Values)
                            {
                                attributes.WriteEncodedValue(value.RawData);
                            }
                        }
                    }
                }
            }

            return new Item
            {
                Certificate = certificate,
                RawSignature = rawSignature,
                Cms = cms,
                Tbs = tbs,
                CertificateSignature = signature,
                SubjectPublicKeyInfo = spki,
                SignedAttributes = attributes.Encode(),
                CmsSignature = signer.GetSignature(),
            };
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
