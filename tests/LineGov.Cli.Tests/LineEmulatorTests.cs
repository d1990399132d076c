using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace LineGov.Cli.Tests;

/// <summary>
/// <c>linegov line emulator</c>, run in-process: the command's cancellation token stands for Ctrl+C / SIGTERM, and
/// stdout is watched line by line as a parent process reading a pipe would.
/// </summary>
public sealed partial class LineEmulatorTests
{
    /// <summary>The longest any wait in these tests may take: a start, a request, a stop.</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    /// <summary>What "stops promptly" means after Ctrl+C.</summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Prints_its_URL_first_accepts_a_push_with_any_token_and_stops_with_exit_code_0()
    {
        await using var emulator = await RunningEmulator.StartAsync("--port", "0");

        emulator.BaseUrl.ShouldMatch(BaseUrlPattern().ToString());
        using var response = await PushAsync(emulator.BaseUrl, "any-token-at-all");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var (exitCode, stoppedIn) = await emulator.StopAsync();
        exitCode.ShouldBe(0, emulator.ToString());
        stoppedIn.ShouldBeLessThan(StopLimit);
        emulator.Stderr.ShouldContain("stopped after 1 request.");
        var lines = emulator.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[1].ShouldMatch(@"^data API: http://127\.0\.0\.1:\d+$");
        emulator.Stdout.ShouldContain("0123456789abcdef0123456789abcdef", customMessage: "the default secret is a public test value: printed");
    }

    [Fact]
    public async Task Without_port_it_listens_on_a_free_port_and_stops_after_the_URL_is_no_longer_served()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.BaseUrl.ShouldMatch(BaseUrlPattern().ToString());

        (await emulator.StopAsync()).ExitCode.ShouldBe(0, emulator.ToString());

        await Should.ThrowAsync<HttpRequestException>(async () => await PushAsync(emulator.BaseUrl, "any"));
    }

    [Fact]
    public async Task With_token_only_that_token_is_accepted()
    {
        await using var emulator = await RunningEmulator.StartAsync("--token", "the-right-token");

        using (var wrong = await PushAsync(emulator.BaseUrl, "a-wrong-token"))
        {
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var right = await PushAsync(emulator.BaseUrl, "the-right-token"))
        {
            right.StatusCode.ShouldBe(HttpStatusCode.OK, await right.Content.ReadAsStringAsync());
        }

        (await emulator.StopAsync()).ExitCode.ShouldBe(0, emulator.ToString());
        emulator.Stdout.ShouldNotContain("the-right-token");
    }

    [Fact]
    public async Task A_channel_secret_given_is_not_printed()
    {
        const string secret = "f00dfacef00dfacef00dfacef00dface";
        await using var emulator = await RunningEmulator.StartAsync("--channel-secret", secret);

        (await emulator.StopAsync()).ExitCode.ShouldBe(0, emulator.ToString());
        emulator.Stdout.ShouldNotContain(secret);
        emulator.Stderr.ShouldNotContain(secret);
        emulator.Stdout.ShouldContain("the --channel-secret you gave");
    }

    [Fact]
    public async Task Fault_rate_1_answers_every_request_with_500()
    {
        await using var emulator = await RunningEmulator.StartAsync("--fault-rate", "1", "--seed", "42");

        for (var i = 0; i < 3; i++)
        {
            using var response = await PushAsync(emulator.BaseUrl, "any");
            response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        }

        (await emulator.StopAsync()).ExitCode.ShouldBe(0, emulator.ToString());
        emulator.Stdout.ShouldContain("Seed 42,");
    }

    [Theory]
    [InlineData("--fault-rate", "2")]
    [InlineData("--fault-rate", "-0.1")]
    [InlineData("--fault-rate", "NaN")]
    [InlineData("--fault-rate", "ten percent")]
    [InlineData("--port", "65536")]
    [InlineData("--port", "-1")]
    [InlineData("--channel-secret", "")]
    [InlineData("--token", "")]
    public async Task Bad_options_are_a_usage_error_and_nothing_starts(string option, string value)
    {
        var run = await RunBoundedAsync("line", "emulator", option, value);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldStartWith("linegov line emulator: error: ");
        run.Stderr.ShouldContain(option);
        run.Stderr.ShouldContain("--help");
    }

    [Fact]
    public async Task A_port_in_use_is_a_one_line_error()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var run = await RunBoundedAsync("line", "emulator", "--port", port);

        run.ShouldBeOneLineError();
        run.Stderr.ShouldContain($"port {port} on 127.0.0.1 is already in use");
    }

    /// <summary>Runs a command that should end by itself, cancelled (and failed) if it does not.</summary>
    private static async Task<CliRun> RunBoundedAsync(params string[] args)
    {
        using var cancellation = new CancellationTokenSource(WaitLimit);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await LinegovCli.RunAsync(args, stdout, stderr, cancellation.Token).WaitAsync(WaitLimit + WaitLimit);
        cancellation.IsCancellationRequested.ShouldBeFalse($"'linegov {string.Join(' ', args)}' did not end by itself");
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    private static async Task<HttpResponseMessage> PushAsync(string baseUrl, string token)
    {
        using var http = new HttpClient { Timeout = WaitLimit };
        var to = "U" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/v2/bot/message/push")
        {
            Content = new StringContent($$"""{"to":"{{to}}","messages":[{"type":"text","text":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+$")]
    private static partial Regex BaseUrlPattern();

    /// <summary>An emulator verb running in-process until <see cref="StopAsync"/> (or disposal) cancels it.</summary>
    private sealed class RunningEmulator : IAsyncDisposable
    {
        private readonly CancellationTokenSource _cancellation;
        private readonly LineWriter _stdout;
        private readonly LineWriter _stderr;
        private readonly Task<int> _run;

        private RunningEmulator(CancellationTokenSource cancellation, LineWriter stdout, LineWriter stderr, Task<int> run, string baseUrl)
        {
            _cancellation = cancellation;
            _stdout = stdout;
            _stderr = stderr;
            _run = run;
            BaseUrl = baseUrl;
        }

        /// <summary>The first line of stdout.</summary>
        public string BaseUrl { get; }

        public string Stdout => _stdout.ToString();

        public string Stderr => _stderr.ToString();

        public static async Task<RunningEmulator> StartAsync(params string[] options)
        {
            var cancellation = new CancellationTokenSource();
            var stdout = new LineWriter();
            var stderr = new LineWriter();
            var run = LinegovCli.RunAsync(["line", "emulator", .. options], stdout, stderr, cancellation.Token);
            try
            {
                var first = await Task.WhenAny(stdout.FirstLine, run).WaitAsync(WaitLimit);
                if (first != stdout.FirstLine)
                {
                    throw new ShouldAssertException($"the emulator ended before printing its URL: exit {await run}\nstdout:\n{stdout}\nstderr:\n{stderr}");
                }

                return new RunningEmulator(cancellation, stdout, stderr, run, await stdout.FirstLine);
            }
            catch
            {
                await cancellation.CancelAsync();
                await run.WaitAsync(WaitLimit).ContinueWith(_ => { }, TaskScheduler.Default);
                cancellation.Dispose();
                throw;
            }
        }

        /// <summary>Ctrl+C: cancels the command's token; the exit code and how long it took to end.</summary>
        public async Task<(int ExitCode, TimeSpan StoppedIn)> StopAsync()
        {
            var stopwatch = Stopwatch.StartNew();
            await _cancellation.CancelAsync();
            var exitCode = await _run.WaitAsync(WaitLimit);
            return (exitCode, stopwatch.Elapsed);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_run.IsCompleted)
            {
                await _cancellation.CancelAsync();
                await _run.WaitAsync(WaitLimit).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            _cancellation.Dispose();
        }

        public override string ToString() => $"stdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    /// <summary>A thread-safe writer that completes <see cref="FirstLine"/> as soon as the first line ends.</summary>
    private sealed class LineWriter : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Encoding Encoding => Encoding.UTF8;

        public Task<string> FirstLine => _firstLine.Task;

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
                if (value == '\n' && !_firstLine.Task.IsCompleted)
                {
                    _firstLine.SetResult(_text.ToString().TrimEnd('\r', '\n'));
                }
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }
}
