// Generates the address data that LineGov.Eligibility embeds (src/LineGov.Eligibility/Addresses/Data/) from
// Geolonia japanese-addresses (ja.json and towns/<都道府県>/<市区町村>.json; CC BY 4.0,
// 「位置参照情報」(国土交通省) を加工して作成). The generated files are committed, so the build never runs this.
//
//   dotnet run tools/address-data/generate.cs -- [<source folder>] [<output folder>]
//
// Defaults: ../shared/data/addresses and src/LineGov.Eligibility/Addresses/Data, relative to the current folder (run it
// from the repository root). See tools/address-data/README.md for the format.
using System.IO.Compression;
using System.Text;
using System.Text.Json;

var source = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "addresses");
var output = args.Length > 1 ? args[1] : Path.Combine("src", "LineGov.Eligibility", "Addresses", "Data");

var jaPath = Path.Combine(source, "ja.json");
if (!File.Exists(jaPath))
{
    Console.Error.WriteLine($"generate: {jaPath} not found (give the folder holding ja.json and towns/ as the first argument).");
    return 2;
}

Directory.CreateDirectory(output);
using var jaDocument = JsonDocument.Parse(File.ReadAllBytes(jaPath));
var index = new StringBuilder();
var prefectureNumber = 0;
var municipalities = 0;
var towns = 0;
long compressed = 0;
foreach (var prefecture in jaDocument.RootElement.EnumerateObject())
{
    // ja.json lists the prefectures in JIS X 0401 order, so the ordinal is the prefecture code (北海道 = 01).
    prefectureNumber++;
    var names = prefecture.Value.EnumerateArray().Select(m => m.GetString()!).ToList();
    index.Append(Check(prefecture.Name)).Append('\t').AppendJoin('\t', names.Select(Check)).Append('\n');

    var block = new StringBuilder();
    foreach (var municipality in names)
    {
        var townsPath = Path.Combine(source, "towns", prefecture.Name, municipality + ".json");
        using var townsDocument = JsonDocument.Parse(File.ReadAllBytes(townsPath));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        block.Append(municipality);
        foreach (var entry in townsDocument.RootElement.EnumerateArray())
        {
            var town = entry.GetProperty("town").GetString() ?? string.Empty;

            // One row per 小字 (koaza) repeats the town; "（大字なし）" is the data's placeholder for "no 大字", not a
            // name anybody writes in an address.
            if (town.Length == 0 || town.StartsWith('（') || !seen.Add(town))
            {
                continue;
            }

            block.Append('\t').Append(Check(town));
            towns++;
        }

        block.Append('\n');
        municipalities++;
    }

    compressed += Write(Path.Combine(output, $"towns-{prefectureNumber:D2}.br"), block.ToString());
}

compressed += Write(Path.Combine(output, "municipalities.br"), index.ToString());
Console.WriteLine($"generate: {prefectureNumber} prefectures, {municipalities} municipalities, {towns} towns, {compressed:N0} bytes compressed in {output}");
return 0;

static string Check(string name) =>
    name.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0 ? throw new InvalidDataException("A name holds a tab or a line break.") : name;

static long Write(string path, string text)
{
    // Quality 11 and a 4 MB window: the smallest output; the result is deterministic for the same input.
    var bytes = Encoding.UTF8.GetBytes(text);
    var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
    if (!BrotliEncoder.TryCompress(bytes, buffer, out var written, quality: 11, window: 22))
    {
        throw new InvalidOperationException("Brotli compression failed.");
    }

    File.WriteAllBytes(path, buffer.AsSpan(0, written).ToArray());
    return written;
}
