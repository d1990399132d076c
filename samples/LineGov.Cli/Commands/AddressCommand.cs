using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LineGov.Cli.Infrastructure;
using LineGov.Eligibility;

namespace LineGov.Cli.Commands;

/// <summary>
/// <c>linegov address normalize "&lt;address&gt;" [--json]</c> and <c>linegov address normalize --input &lt;file&gt;</c>:
/// Japanese addresses normalized and resolved to prefecture, municipality and town.
/// </summary>
internal static class AddressCommand
{
    private const string CommandPath = "linegov address normalize";

    /// <summary>One object per line (JSON Lines): not indented, Japanese left readable.</summary>
    private static readonly JsonWriterOptions LineOptions = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliContext context)
    {
        var group = new Command(
            "address",
            "Japanese addresses (住所): normalize the way an address is written and resolve it to the prefecture (都道府県), " +
            "municipality (市区町村, with 郡 and 政令市の区) and town (町丁目 / 大字) of the address data " +
            "(「位置参照情報」(国土交通省) を加工して作成, Geolonia japanese-addresses, CC BY 4.0).");
        group.Subcommands.Add(CreateNormalize(context));
        return group;
    }

    private static Command CreateNormalize(CliContext context)
    {
        var addressArgument = new Argument<string?>("address")
        {
            Description = "The address, quoted if it has spaces, e.g. \"北海道上川郡当麻町３条東２丁目１１－１\". Leave it out with --input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var inputOption = new Option<string>("--input")
        {
            Description = "A UTF-8 text file with one address per line: prints one JSON object per line, in the same order (an empty line gives level \"none\").",
            HelpName = "file",
        };
        var jsonOption = new Option<bool>("--json")
        {
            Description = "Print one JSON object (prefecture, municipality, town, rest, level, candidates) instead of the table. --input always prints JSON.",
        };

        var command = new Command(
            "normalize",
            "Normalize an address (NFC, full/half width, kanji numerals, 丁目 / 番地 / 号 / の and dash look-alikes as 1-2-3, " +
            "大字 / 字, ヶ / ケ / が, 旧字体) and resolve it as far as the data allows: the level says how far (none, prefecture, " +
            "municipality, town). Prefecture, municipality and town are printed as the data spells them (上川郡当麻町, " +
            "札幌市中央区, 三条東二丁目); the rest (番地, 号, building) is kept, normalized. A name that fits several places " +
            "(府中市 without its prefecture, 札幌市 without its ward) is not guessed: the resolution stops above it and the " +
            "candidates are listed.\n" +
            "Exit codes: 0 = done (whatever the level), 2 = usage or input error (no address and no --input, both, or a file that cannot be read).")
        {
            addressArgument,
            inputOption,
            jsonOption,
        };

        command.SetGuardedAction(context, CommandPath, async (parseResult, cancellationToken) =>
        {
            var address = parseResult.GetValue(addressArgument);
            var input = parseResult.GetValue(inputOption);
            if (address is null == input is null)
            {
                throw new UsageException(address is null
                    ? "give an address, or --input with a file of addresses."
                    : "give either an address or --input, not both.");
            }

            var normalizer = JapaneseAddressNormalizer.Default;
            if (input is not null)
            {
                await NormalizeFileAsync(context, normalizer, input, cancellationToken);
                return ExitCodes.Success;
            }

            var result = normalizer.Normalize(address!);
            if (parseResult.GetValue(jsonOption))
            {
                Json.WriteObject(context.Out, json => WriteProperties(json, result));
            }
            else
            {
                WriteTable(context.Out, result);
            }

            return ExitCodes.Success;
        });

        return command;
    }

    private static async Task NormalizeFileAsync(CliContext context, JapaneseAddressNormalizer normalizer, string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new InputException($"the address file (--input) '{path}' is a folder, not a file.");
        }

        if (!File.Exists(path))
        {
            throw new InputException($"the address file (--input) '{path}' does not exist.");
        }

        // Streamed line by line: a file of a million addresses needs no more memory than one line. Bytes that are not
        // UTF-8 become U+FFFD and that line resolves less; the file goes on.
        using var reader = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        var buffer = new ArrayBufferWriter<byte>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer, LineOptions))
            {
                writer.WriteStartObject();
                WriteProperties(writer, normalizer.Normalize(line));
                writer.WriteEndObject();
            }

            context.Out.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    private static void WriteProperties(Utf8JsonWriter json, NormalizedAddress address)
    {
        json.WriteStringOrNull("prefecture", address.Prefecture);
        json.WriteStringOrNull("municipality", address.Municipality);
        json.WriteStringOrNull("town", address.Town);
        json.WriteString("rest", address.Rest);
        json.WriteString("level", LevelCode(address.Level));
        json.WriteStartArray("candidates");
        foreach (var candidate in address.AmbiguousCandidates)
        {
            json.WriteStringValue(candidate);
        }

        json.WriteEndArray();
    }

    private static void WriteTable(TextWriter output, NormalizedAddress address)
    {
        const string NotResolved = "-";
        var rows = new List<(string, string)>
        {
            ("Prefecture", address.Prefecture ?? NotResolved),
            ("Municipality", address.Municipality ?? NotResolved),
            ("Town", address.Town ?? NotResolved),
            ("Rest", address.Rest.Length == 0 ? "(none)" : address.Rest),
            ("Level", address.Level switch
            {
                AddressResolutionLevel.Town => "town: resolved down to the town (町丁目)",
                AddressResolutionLevel.Municipality => "municipality: the town is not in the data" + (address.IsAmbiguous ? " (several towns fit)" : string.Empty),
                AddressResolutionLevel.Prefecture => "prefecture: the municipality is not found" + (address.IsAmbiguous ? " (several fit)" : string.Empty),
                _ => "none: not even the prefecture" + (address.IsAmbiguous ? " (the municipality is in several prefectures)" : string.Empty),
            }),
            ("Normalized", address.Normalized.Length == 0 ? "(empty)" : address.Normalized),
        };
        if (address.IsAmbiguous)
        {
            rows.Add(("Candidates", string.Join("、", address.AmbiguousCandidates)));
        }

        Text.WriteTable(output, rows);
    }

    private static string LevelCode(AddressResolutionLevel level) => level switch
    {
        AddressResolutionLevel.Prefecture => "prefecture",
        AddressResolutionLevel.Municipality => "municipality",
        AddressResolutionLevel.Town => "town",
        _ => "none",
    };
}
