using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using LineGov.Cli.Infrastructure;
using LineGov.Messaging.Testing;
using Microsoft.AspNetCore.Connections;

namespace LineGov.Cli.Commands;

/// <summary>
/// <c>linegov line emulator [--port N] [--channel-secret S] [--token T] [--fault-rate R] [--seed N]</c>: the LINE
/// platform emulator of LineGov.Messaging.Testing on 127.0.0.1, until Ctrl+C or SIGTERM.
/// </summary>
internal static class LineEmulatorCommand
{
    private const string CommandPath = "linegov line emulator";

    /// <summary>
    /// How long requests in flight may finish after Ctrl+C or SIGTERM. Below System.CommandLine's process-termination
    /// timeout (2 s): a stop that outlasts it would end the process with 143 instead of 0.
    /// </summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1.5);

    public static Command Create(CliContext context)
    {
        var portOption = new Option<int?>("--port")
        {
            Description = "The port of the Messaging API (api.line.me) on 127.0.0.1. 0 or absent: a free port. The data API (api-data.line.me) always gets a free port; both are printed.",
            HelpName = "port",
        };
        var channelSecretOption = new Option<string>("--channel-secret")
        {
            Description = "The channel secret the emulator signs webhooks with and its token endpoints accept as client_secret. Default: the public test value 0123456789abcdef0123456789abcdef. A secret you give is not printed.",
            HelpName = "secret",
        };
        var tokenOption = new Option<string[]>("--token")
        {
            Description = "Accept only this channel access token (Authorization: Bearer <token>); any other gets LINE's 401. Repeat for several. Absent: any bearer token is accepted. Tokens the emulator's own token endpoints issue are always accepted.",
            HelpName = "token",
            Arity = ArgumentArity.OneOrMore,
        };
        var faultRateOption = new Option<string>("--fault-rate")
        {
            Description = "The probability, from 0 to 1, that a request (after authentication and rate limits) fails with 500 Internal Server Error before any processing: nothing is delivered and its retry key is not used up, so a retry delivers. 0.1 = about one request in ten. The draws depend on --seed, the request's retry key (or body) and its attempt number. Default: 0 (no faults).",
            HelpName = "rate",
        };
        var seedOption = new Option<int?>("--seed")
        {
            Description = "The seed of the fault draws and generated ids: the same seed and the same requests give the same faults. Default: a random seed, printed at start.",
            HelpName = "number",
        };

        var command = new Command(
            "emulator",
            "Run the LINE platform emulator (LineGov.Messaging.Testing) on 127.0.0.1 for manual testing and demos: the " +
            "Messaging API endpoints (push, reply, multicast, broadcast, narrowcast, profiles, rich menus, content, " +
            "audiences, channel access tokens) with LINE's limits and error shape, retry keys, rate limits and, with " +
            "--fault-rate, injected server errors. Nothing is sent to LINE. The first line of standard output is the base " +
            "URL (http://127.0.0.1:<port>) to use instead of https://api.line.me; the next lines give the data API's " +
            "URL (instead of https://api-data.line.me), the channel secret of webhook signatures and the seed. It runs " +
            "until Ctrl+C or SIGTERM, then lets requests in flight finish for a moment and stops.\n" +
            "Exit codes: 0 = stopped, 2 = usage error, or the port cannot be used (nothing was started).")
        {
            portOption,
            channelSecretOption,
            tokenOption,
            faultRateOption,
            seedOption,
        };

        command.SetGuardedAction(context, CommandPath, async (parseResult, cancellationToken) =>
        {
            var port = parseResult.GetValue(portOption) ?? 0;
            if (port is < 0 or > 65535)
            {
                throw new UsageException($"--port must be from 0 (a free port) to 65535, not {port.ToString(CultureInfo.InvariantCulture)}.");
            }

            var channelSecret = parseResult.GetValue(channelSecretOption);
            if (channelSecret is { Length: 0 })
            {
                throw new UsageException("--channel-secret is empty: give a secret, or leave the option out for the public test value.");
            }

            var tokens = parseResult.GetValue(tokenOption) ?? [];
            if (tokens.Any(string.IsNullOrWhiteSpace))
            {
                throw new UsageException("--token is empty: give the channel access token to accept, or leave the option out to accept any.");
            }

            var faultRate = ParseFaultRate(parseResult.GetValue(faultRateOption));
            var options = new LineEmulatorOptions
            {
                Port = port,
                Seed = parseResult.GetValue(seedOption),
                AcceptedTokens = tokens.Length == 0 ? null : tokens,
                Faults = new LineEmulatorFaults { ServerErrorProbability = faultRate },
                TimeProvider = context.TimeProvider,
            };
            if (channelSecret is not null)
            {
                options.ChannelSecret = channelSecret;
            }

            LineEmulator emulator;
            try
            {
                emulator = await LineEmulator.StartAsync(options, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped before it started: stopping is what Ctrl+C asks for, not a failure.
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                throw new InputException(CannotListen(e, port), e);
            }
            catch (ArgumentException e)
            {
                // Every option is checked above; this is the emulator's own check, in its words.
                throw new UsageException($"the emulator refused the options: {e.Message}", e);
            }

            int requests;
            await using (emulator)
            {
                WriteBanner(context.Out, emulator, channelSecret is not null, tokens.Length, faultRate);
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C or SIGTERM: the way this command ends.
                }

                using var grace = new CancellationTokenSource(StopGrace);
                try
                {
                    await emulator.StopAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    // Requests still in flight after the grace period are cut off by the disposal.
                }

                requests = emulator.Requests.Count;
            }

            context.Error.WriteLine($"{CommandPath}: stopped after {requests.ToString(CultureInfo.InvariantCulture)} request{(requests == 1 ? string.Empty : "s")}.");
            return ExitCodes.Success;
        });

        return command;
    }

    private static double ParseFaultRate(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        // Invariant: '0.1' means the same on every machine (System.CommandLine would read a double in the current culture).
        if (!double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !(rate >= 0 && rate <= 1))
        {
            throw new UsageException($"--fault-rate must be a probability from 0 to 1 (for example 0.1: about one request in ten fails with 500), not '{value}'.");
        }

        return rate;
    }

    private static void WriteBanner(TextWriter output, LineEmulator emulator, bool secretGiven, int tokenCount, double faultRate)
    {
        // Line 1 is for scripts and parent processes: the base URL alone, without the trailing slash.
        output.WriteLine(emulator.ApiBaseUri.GetLeftPart(UriPartial.Authority));
        output.WriteLine($"data API: {emulator.DataApiBaseUri.GetLeftPart(UriPartial.Authority)}");
        output.WriteLine(
            "Point your app at these instead of https://api.line.me and https://api-data.line.me " +
            "(LineMessagingOptions.ApiBaseUri and DataApiBaseUri).");
        var token = tokenCount switch
        {
            0 => "any",
            1 => "the --token value only (or one the emulator's token endpoints issued)",
            _ => "one of the --token values only (or one the emulator's token endpoints issued)",
        };
        var secret = secretGiven ? "the --channel-secret you gave" : $"{emulator.ChannelSecret} (the public test value)";
        output.WriteLine($"Bearer token: {token}. Channel secret of webhook signatures (x-line-signature): {secret}.");
        var faults = faultRate switch
        {
            0 => "no injected faults",
            1 => "every request fails with 500 (--fault-rate 1)",
            _ => $"about {(faultRate * 100).ToString("0.##", CultureInfo.InvariantCulture)}% of requests fail with 500 (--fault-rate)",
        };
        output.WriteLine($"Seed {emulator.Seed.ToString(CultureInfo.InvariantCulture)}, {faults}. Stop with Ctrl+C.");

        // A parent process reading a pipe must see the URL now, not when a buffer fills.
        output.Flush();
    }

    private static string CannotListen(Exception e, int port)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } or AddressInUseException)
            {
                return $"port {port.ToString(CultureInfo.InvariantCulture)} on 127.0.0.1 is already in use: stop what uses it, choose another --port, or leave --port out for a free port.";
            }

            if (inner is SocketException { SocketErrorCode: SocketError.AccessDenied })
            {
                return $"not allowed to listen on port {port.ToString(CultureInfo.InvariantCulture)} of 127.0.0.1 (ports below 1024 need privileges): choose another --port, or leave --port out for a free port.";
            }
        }

        return port == 0
            ? $"cannot listen on 127.0.0.1: {e.Message}"
            : $"cannot listen on port {port.ToString(CultureInfo.InvariantCulture)} of 127.0.0.1: {e.Message}";
    }
}
