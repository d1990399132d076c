using System.Text;
using System.Text.Json;

namespace LineGov.Cli.Tests;

/// <summary><c>linegov address normalize</c>: one address (table or JSON) or a file of addresses (JSON Lines).</summary>
public sealed class AddressCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("linegov-cli-address-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Json_gives_the_data_spellings_and_the_level()
    {
        var run = await Cli.RunAsync("address", "normalize", "北海道上川郡当麻町３条東２丁目１１－１", "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        var json = run.Json();
        json.GetProperty("prefecture").GetString().ShouldBe("北海道");
        json.GetProperty("municipality").GetString().ShouldBe("上川郡当麻町");
        json.GetProperty("town").GetString().ShouldBe("三条東二丁目");
        json.GetProperty("rest").GetString().ShouldBe("11-1");
        json.GetProperty("level").GetString().ShouldBe("town");
        json.GetProperty("candidates").GetArrayLength().ShouldBe(0);
        run.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task Json_of_a_designated_city_ward_spells_it_as_the_data()
    {
        var json = (await Cli.RunAsync("address", "normalize", "札幌市 中央区 北1条西2丁目", "--json")).Json();

        json.GetProperty("municipality").GetString().ShouldBe("札幌市中央区");
        json.GetProperty("level").GetString().ShouldBe("town");
    }

    [Fact]
    public async Task Ambiguous_municipality_lists_the_candidates_and_resolves_nothing()
    {
        var run = await Cli.RunAsync("address", "normalize", "府中市宮西町1-1", "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        var json = run.Json();
        json.GetProperty("level").GetString().ShouldBe("none");
        json.GetProperty("prefecture").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("municipality").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("candidates").EnumerateArray().Select(c => c.GetString()).ShouldBe(["東京都府中市", "広島県府中市"], ignoreOrder: true);
    }

    [Fact]
    public async Task Default_output_is_a_table_for_people()
    {
        var run = await Cli.RunAsync("address", "normalize", "当麻町3条東2丁目11番地1");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("上川郡当麻町");
        run.Stdout.ShouldContain("三条東二丁目");
        run.Stdout.ShouldContain("北海道上川郡当麻町三条東二丁目11-1");
        run.Stdout.ShouldContain("town");
        Should.Throw<JsonException>(() => JsonDocument.Parse(run.Stdout));
    }

    [Fact]
    public async Task Table_lists_candidates_when_ambiguous()
    {
        var run = await Cli.RunAsync("address", "normalize", "伊達市");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("北海道伊達市");
        run.Stdout.ShouldContain("福島県伊達市");
    }

    [Fact]
    public async Task Input_file_gives_one_json_object_per_line_in_order_and_goes_on_past_bad_lines()
    {
        var lines = new[]
        {
            "北海道上川郡当麻町３条東２丁目１１－１",
            string.Empty,
            "府中市",
            "\uD800junk\u0000",
            new string('一', 10_000),
            "東京都千代田区霞ヶ関1-2-3",
        };
        var file = Path.Combine(_folder.FullName, "addresses.txt");
        await File.WriteAllTextAsync(file, string.Join("\r\n", lines) + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var run = await Cli.RunAsync("address", "normalize", "--input", file);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldBeEmpty();
        var objects = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        objects.Count.ShouldBe(lines.Length);
        objects.Select(o => o.GetProperty("level").GetString()).ShouldBe(["town", "none", "none", "none", "none", "town"]);
        objects[0].GetProperty("municipality").GetString().ShouldBe("上川郡当麻町");
        objects[1].GetProperty("rest").GetString().ShouldBe(string.Empty);
        objects[2].GetProperty("candidates").GetArrayLength().ShouldBe(2);
        objects[5].GetProperty("town").GetString().ShouldBe("霞が関一丁目");
        foreach (var o in objects)
        {
            o.EnumerateObject().Select(p => p.Name).ShouldBe(["prefecture", "municipality", "town", "rest", "level", "candidates"]);
        }
    }

    [Fact]
    public async Task Empty_input_file_prints_nothing_and_succeeds()
    {
        var file = Path.Combine(_folder.FullName, "empty.txt");
        await File.WriteAllBytesAsync(file, []);

        var run = await Cli.RunAsync("address", "normalize", "--input", file);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Missing_input_file_is_a_one_line_input_error()
    {
        var missing = Path.Combine(_folder.FullName, "missing.txt");

        var run = await Cli.RunAsync("address", "normalize", "--input", missing);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("does not exist");
    }

    [Fact]
    public async Task Neither_address_nor_input_is_a_usage_error() =>
        (await Cli.RunAsync("address", "normalize")).ShouldBeOneLineError();

    [Fact]
    public async Task Both_address_and_input_is_a_usage_error()
    {
        var file = Path.Combine(_folder.FullName, "one.txt");
        await File.WriteAllTextAsync(file, "当麻町\n");

        var run = await Cli.RunAsync("address", "normalize", "当麻町", "--input", file);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain("not both");
    }
}
