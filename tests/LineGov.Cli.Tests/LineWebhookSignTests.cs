using System.Security.Cryptography;
using System.Text;

namespace LineGov.Cli.Tests;

/// <summary><c>linegov line webhook sign</c>: the x-line-signature of a file's exact bytes.</summary>
public sealed class LineWebhookSignTests : IDisposable
{
    private const string Secret = "8c0a7e2f5b1d4c3a9e6f0b2d7a1c5e93";

    /// <summary>A webhook body as LINE writes it: 🤨 as a <c>\uD83E\uDD28</c> escape (the raw literal keeps the backslashes), here with a CRLF at the end.</summary>
    private const string EscapedBody =
        """{"destination":"U5e9a1c7f0b3d4e8a9c2f6b1d7e3a8c40","events":[{"type":"message","message":{"type":"text","id":"1","text":"\uD83E\uDD28 \u7533\u8acb"}}]}""" + "\r\n";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("linegov-cli-webhook-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Signature_is_the_HMAC_SHA256_of_the_exact_bytes_escapes_and_trailing_CRLF_included()
    {
        var bytes = Encoding.UTF8.GetBytes(EscapedBody);
        bytes.AsSpan().IndexOf(@"\uD83E\uDD28"u8).ShouldBeGreaterThan(0, "the body carries the escape as text");
        bytes.AsSpan().EndsWith("\r\n"u8).ShouldBeTrue();
        var file = Write("body.json", bytes);

        var run = await Cli.RunAsync("line", "webhook", "sign", "--secret", Secret, file);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldBe(Expected(bytes) + Environment.NewLine);
        run.Stderr.ShouldBeEmpty();
        // Proof that nothing was normalised: the same text with LF, or without the line end, signs differently.
        run.Stdout.TrimEnd().ShouldNotBe(Expected(Encoding.UTF8.GetBytes(EscapedBody.Replace("\r\n", "\n", StringComparison.Ordinal))));
        run.Stdout.TrimEnd().ShouldNotBe(Expected(Encoding.UTF8.GetBytes(EscapedBody.TrimEnd())));
    }

    [Fact]
    public async Task Signature_of_an_empty_file_is_the_HMAC_of_no_bytes()
    {
        var file = Write("empty.json", []);

        var run = await Cli.RunAsync("line", "webhook", "sign", "--secret", Secret, file);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.TrimEnd().ShouldBe(Expected([]));
    }

    [Fact]
    public async Task A_byte_order_mark_is_signed_not_stripped()
    {
        byte[] bytes = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(EscapedBody)];
        var file = Write("bom.json", bytes);

        var run = await Cli.RunAsync("line", "webhook", "sign", "--secret", Secret, file);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.TrimEnd().ShouldBe(Expected(bytes));
        run.Stdout.TrimEnd().ShouldNotBe(Expected(Encoding.UTF8.GetBytes(EscapedBody)));
    }

    [Fact]
    public async Task A_secret_that_is_not_32_hex_digits_signs_with_a_warning()
    {
        var bytes = Encoding.UTF8.GetBytes(EscapedBody);
        var file = Write("body.json", bytes);

        var run = await Cli.RunAsync("line", "webhook", "sign", "--secret", "not-a-channel-secret", file);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.TrimEnd().ShouldBe(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("not-a-channel-secret"), bytes)));
        run.Stderr.ShouldStartWith("linegov line webhook sign: warning: ");
    }

    [Fact]
    public async Task A_missing_file_is_a_one_line_input_error()
    {
        var missing = Path.Combine(_folder.FullName, "missing.json");

        var run = await Cli.RunAsync("line", "webhook", "sign", "--secret", Secret, missing);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain(missing);
        run.Stderr.ShouldContain("does not exist");
    }

    public static TheoryData<string, string[]> UsageErrors => new()
    {
        { "no --secret", ["{file}"] },
        { "an empty --secret", ["--secret", "", "{file}"] },
        { "no body file", ["--secret", Secret] },
        { "standard input", ["--secret", Secret, "-"] },
        { "a folder", ["--secret", Secret, "{folder}"] },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task Bad_usage_or_input_is_exit_code_2_with_one_line(string because, string[] options)
    {
        var file = Write("body.json", Encoding.UTF8.GetBytes(EscapedBody));
        var args = options.Select(o => o.Replace("{file}", file, StringComparison.Ordinal).Replace("{folder}", _folder.FullName, StringComparison.Ordinal));

        var run = await Cli.RunAsync(["line", "webhook", "sign", .. args]);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldStartWith("linegov line webhook sign: error: ", customMessage: because);
    }

    /// <summary>The signature computed here, independently of LineGov.Messaging.</summary>
    private static string Expected(byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        return Convert.ToBase64String(hmac.ComputeHash(body));
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
