using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace LineGov.Jpki.Testing;

/// <summary>Settings of a <see cref="JpkiTestRevocationServer"/>.</summary>
public sealed class JpkiTestRevocationServerOptions
{
    /// <summary>
    /// Whether the server sets the authority's <see cref="JpkiTestAuthority.OcspUri"/> and
    /// <see cref="JpkiTestAuthority.CrlBaseUri"/> to itself while it runs, so certificates issued meanwhile point at it
    /// (the previous values come back when it is disposed). Default: yes.
    /// </summary>
    public bool PublishOnAuthority { get; set; } = true;

    /// <summary>Whether complete CRLs carry freshestCRL pointing at the partition's delta CRL. Default: no.</summary>
    public bool AdvertiseDeltaCrls { get; set; }

    /// <summary>The largest request body accepted. Default: 64 KiB.</summary>
    public int MaxRequestBodyLength { get; set; } = 64 * 1024;
}

/// <summary>
/// A loopback HTTP/1.1 server for a <see cref="JpkiTestAuthority"/>'s revocation data, in the way dotnet/runtime tests
/// revocation: partition CRLs (complete and delta) at stable URLs and an OCSP responder (POST and GET, RFC 6960
/// appendix A), answering from the authority's revocation state, with behaviours (slow, down, malformed, tryLater,
/// wrong nonce, delegated responder, wrong CA generation) set at runtime server-wide or per certificate, and a record
/// of every request. It listens on 127.0.0.1 on an ephemeral port and needs nothing else.
/// </summary>
/// <remarks>
/// URLs: <c>{BaseUri}ocsp</c> (POST), <c>{BaseUri}ocsp/{base64 request}</c> (GET),
/// <c>{BaseUri}crl/{sign|auth}/{generation}/{Prefecture}/{Municipality}.crl</c> and <c>….delta.crl</c> (a delta
/// against the last complete CRL served, or <c>?base=N</c>).
/// </remarks>
/// <example>
/// <code>
/// using var authority = JpkiTestAuthority.Create();
/// await using var server = JpkiTestRevocationServer.Start(authority);
/// using var card = authority.IssueCard();                    // its AIA and CRL distribution point name the server
/// authority.Revoke(card.SignatureCertificate, reason: X509RevocationReason.KeyCompromise);
/// server.Behavior = JpkiTestServerBehavior.Slow(TimeSpan.FromSeconds(5));
/// // … validate with your OCSP/CRL client, then assert on server.Requests.
/// </code>
/// </example>
public sealed class JpkiTestRevocationServer : IAsyncDisposable
{
    private const string OcspPath = "/ocsp";
    private const string CrlPath = "/crl/";

    private readonly JpkiTestAuthority _authority;
    private readonly JpkiTestRevocationServerOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _listenerLock = new();
    private readonly ConcurrentDictionary<long, TcpClient> _clients = new();
    private readonly ConcurrentDictionary<long, Task> _tasks = new();
    private readonly ConcurrentQueue<JpkiTestServerRequest> _requests = new();
    private readonly ConcurrentDictionary<string, JpkiTestServerBehavior> _ocspBehaviors = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<JpkiTestCrlPartition, JpkiTestServerBehavior> _crlBehaviors = new();
    private readonly ConcurrentDictionary<JpkiTestCa, Lazy<JpkiTestOcspResponder>> _responders = new();
    private readonly ConcurrentDictionary<(JpkiTestCa Ca, JpkiTestCrlPartition Partition), BigInteger> _lastCompleteCrl = new();
    private readonly Uri? _previousOcspUri;
    private readonly Uri? _previousCrlBaseUri;
    private TcpListener? _listener;
    private JpkiTestServerBehavior _behavior = JpkiTestServerBehavior.Normal;
    private int _port;
    private long _nextTaskId;
    private long _nextConnectionId;
    private long _nextSequence;
    private int _disposed;

    private JpkiTestRevocationServer(JpkiTestAuthority authority, JpkiTestRevocationServerOptions options)
    {
        _authority = authority;
        _options = options;
        _previousOcspUri = authority.OcspUri;
        _previousCrlBaseUri = authority.CrlBaseUri;
        lock (_listenerLock)
        {
            Listen(0);
        }

        BaseUri = new Uri($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/");
        OcspUri = new Uri(BaseUri, "ocsp");
        CrlBaseUri = new Uri(BaseUri, "crl/");
        if (options.PublishOnAuthority)
        {
            authority.OcspUri = OcspUri;
            authority.CrlBaseUri = CrlBaseUri;
        }
    }

    /// <summary>The server's root, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The OCSP responder (POST here; GET under it).</summary>
    public Uri OcspUri { get; }

    /// <summary>The root of the partition CRLs.</summary>
    public Uri CrlBaseUri { get; }

    /// <summary>The authority whose state it serves.</summary>
    public JpkiTestAuthority Authority => _authority;

    /// <summary>
    /// The server-wide behavior (per-certificate and per-partition behaviors win over it). Setting
    /// <see cref="JpkiTestServerBehavior.Down"/> closes the port at once; setting anything else opens it again.
    /// </summary>
    public JpkiTestServerBehavior Behavior
    {
        get => Volatile.Read(ref _behavior);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_listenerLock)
            {
                Volatile.Write(ref _behavior, value);
                if (value.Failure == JpkiTestServerFailure.RefuseConnections)
                {
                    StopListening();
                }
                else if (_listener is null && Volatile.Read(ref _disposed) == 0)
                {
                    Listen(_port);
                }
            }
        }
    }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<JpkiTestServerRequest> Requests => [.. _requests.OrderBy(r => r.Sequence)];

    /// <summary>Starts a server for <paramref name="authority"/> on 127.0.0.1 and an ephemeral port.</summary>
    public static JpkiTestRevocationServer Start(JpkiTestAuthority authority, JpkiTestRevocationServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        options ??= new JpkiTestRevocationServerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxRequestBodyLength);
        return new JpkiTestRevocationServer(authority, options);
    }

    /// <summary>The URL of <paramref name="issuer"/>'s complete CRL of <paramref name="partition"/>.</summary>
    public Uri GetCrlUri(JpkiTestCa issuer, JpkiTestCrlPartition partition)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(partition);
        return _authority.GetCrlUri(issuer, partition, delta: false, CrlBaseUri)!;
    }

    /// <summary>The URL of <paramref name="issuer"/>'s delta CRL of <paramref name="partition"/>.</summary>
    public Uri GetDeltaCrlUri(JpkiTestCa issuer, JpkiTestCrlPartition partition)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(partition);
        return _authority.GetCrlUri(issuer, partition, delta: true, CrlBaseUri)!;
    }

    /// <summary>The GET form of an OCSP request (RFC 6960 appendix A.1): the URL-encoded base64 of the DER after <see cref="OcspUri"/>.</summary>
    public Uri GetOcspGetUri(ReadOnlySpan<byte> request) =>
        new(OcspUri.AbsoluteUri + "/" + Uri.EscapeDataString(Convert.ToBase64String(request)));

    /// <summary>Sets the behavior of OCSP requests about <paramref name="certificate"/> (by serial); <see langword="null"/> removes it.</summary>
    public void SetOcspBehavior(JpkiCertificate certificate, JpkiTestServerBehavior? behavior)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        SetOcspBehavior(certificate.SerialNumber, behavior);
    }

    /// <summary>Sets the behavior of OCSP requests about the serial number <paramref name="serialNumber"/> (hexadecimal); <see langword="null"/> removes it.</summary>
    public void SetOcspBehavior(string serialNumber, JpkiTestServerBehavior? behavior)
    {
        ArgumentException.ThrowIfNullOrEmpty(serialNumber);
        if (behavior is null)
        {
            _ocspBehaviors.TryRemove(serialNumber, out _);
        }
        else
        {
            _ocspBehaviors[serialNumber] = behavior;
        }
    }

    /// <summary>Sets the behavior of requests for <paramref name="partition"/>'s CRLs (complete and delta, every CA); <see langword="null"/> removes it.</summary>
    public void SetCrlBehavior(JpkiTestCrlPartition partition, JpkiTestServerBehavior? behavior)
    {
        ArgumentNullException.ThrowIfNull(partition);
        if (behavior is null)
        {
            _crlBehaviors.TryRemove(partition, out _);
        }
        else
        {
            _crlBehaviors[partition] = behavior;
        }
    }

    /// <summary>Back to <see cref="JpkiTestServerBehavior.Normal"/> everywhere.</summary>
    public void ResetBehaviors()
    {
        _ocspBehaviors.Clear();
        _crlBehaviors.Clear();
        Behavior = JpkiTestServerBehavior.Normal;
    }

    /// <summary>Forgets the requests recorded so far.</summary>
    public void ClearRequests() => _requests.Clear();

    /// <summary>Stops listening, drops every connection (unanswered requests included) and restores the authority's URIs. Returns within a few seconds at worst.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_options.PublishOnAuthority)
        {
            if (_authority.OcspUri == OcspUri)
            {
                _authority.OcspUri = _previousOcspUri;
            }

            if (_authority.CrlBaseUri == CrlBaseUri)
            {
                _authority.CrlBaseUri = _previousCrlBaseUri;
            }
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        lock (_listenerLock)
        {
            StopListening();
        }

        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        try
        {
            await Task.WhenAll(_tasks.Values).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Every task ends when its socket is closed; a straggler must not hold up the test run.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A connection that failed in an unexpected way has nothing left to clean up: disposal still succeeds.
        }

        foreach (var responder in _responders.Values.Where(r => r.IsValueCreated))
        {
            responder.Value.Dispose();
        }

        _stopping.Dispose();
    }

    private void Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(128);
        _port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        Track(AcceptAsync(listener));
    }

    private void StopListening()
    {
        _listener?.Stop();
        _listener?.Dispose();
        _listener = null;
    }

    private void Track(Task task)
    {
        var id = Interlocked.Increment(ref _nextTaskId);
        _tasks[id] = task;
        _ = task.ContinueWith(
            (_, state) => _tasks.TryRemove((long)state!, out Task? _),
            id,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        await Task.Yield();
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
                return;
            }

            var connectionId = Interlocked.Increment(ref _nextConnectionId);
            _clients[connectionId] = client;
            Track(ServeAsync(client, connectionId));
        }
    }

    private async Task ServeAsync(TcpClient client, long connectionId)
    {
        await Task.Yield();
        var cancellationToken = _stopping.Token;
        try
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            var reader = new HttpWireReader(stream, _options.MaxRequestBodyLength);
            while (!cancellationToken.IsCancellationRequested)
            {
                var request = await reader.ReadAsync(
                    () => stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), cancellationToken).AsTask(),
                    cancellationToken).ConfigureAwait(false);
                if (request is null || !await AnswerAsync(client, stream, reader, request, connectionId, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidDataException or InvalidOperationException)
        {
            // The peer went away, the request was not HTTP, or the server is stopping: drop the connection.
        }
        finally
        {
            _clients.TryRemove(connectionId, out _);
            client.Dispose();
        }
    }

    /// <summary>Answers one request; returns whether the connection stays open.</summary>
    private async Task<bool> AnswerAsync(TcpClient client, Stream stream, HttpWireReader reader, HttpWireRequest request, long connectionId, CancellationToken cancellationToken)
    {
        var route = Route(request);
        Record(request, route, connectionId);
        var behavior = route.Behavior;
        switch (behavior.Failure)
        {
            case JpkiTestServerFailure.RefuseConnections or JpkiTestServerFailure.ResetConnection:
                client.Client.LingerState = new LingerOption(true, 0);
                client.Client.Close();
                return false;
            case JpkiTestServerFailure.CloseConnection:
                client.Client.Shutdown(SocketShutdown.Both);
                return false;
            case JpkiTestServerFailure.NeverAnswer:
                await reader.WaitForPeerAsync(cancellationToken).ConfigureAwait(false);
                return false;
        }

        if (behavior.Delay > TimeSpan.Zero)
        {
            await Task.Delay(behavior.Delay, cancellationToken).ConfigureAwait(false);
        }

        int status;
        string? contentType = null;
        byte[] body = [];
        if (behavior.HttpStatusCode is { } forced)
        {
            status = forced;
        }
        else if (route.Endpoint == JpkiTestServerEndpoint.Unknown)
        {
            status = 404;
        }
        else
        {
            try
            {
                (contentType, body) = route.Endpoint == JpkiTestServerEndpoint.Ocsp
                    ? ("application/ocsp-response", AnswerOcsp(route))
                    : ("application/pkix-crl", AnswerCrl(route));
                status = 200;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A test double answers 500 with the reason rather than dropping the connection: the test sees why.
                status = 500;
                body = Encoding.UTF8.GetBytes(e.Message);
                contentType = "text/plain; charset=utf-8";
            }

            if (status == 200 && behavior.MalformedBody)
            {
                body = Corrupt(body);
            }
        }

        var keepAlive = request.KeepAlive;
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrase(status)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
            .Append("Cache-Control: no-cache\r\n")
            .Append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
        if (contentType is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken).ConfigureAwait(false);
        if (!request.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase))
        {
            await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        return keepAlive;
    }

    private void Record(HttpWireRequest request, RouteResult route, long connectionId) =>
        _requests.Enqueue(new JpkiTestServerRequest(
            Interlocked.Increment(ref _nextSequence),
            connectionId,
            request.Method,
            request.Target,
            route.Endpoint,
            request.Headers,
            request.Body,
            route.OcspRequest,
            _authority.Now));

    private RouteResult Route(HttpWireRequest request)
    {
        var target = request.Target;
        if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            target = absolute.PathAndQuery;
        }

        var query = string.Empty;
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question >= 0 ? target[..question] : target;
        if (question >= 0)
        {
            query = target[(question + 1)..];
        }

        var isGet = request.Method is "GET" or "HEAD";
        if (request.Method == "POST" && (path == OcspPath || path == OcspPath + "/"))
        {
            return OcspRoute(request.Body);
        }

        if (isGet && path.StartsWith(OcspPath + "/", StringComparison.Ordinal) && path.Length > OcspPath.Length + 1)
        {
            // RFC 6960 A.1: {url}/{url-encoding of base-64 encoding of the DER}. Base64's '/' may come unescaped.
            byte[]? der = null;
            try
            {
                der = Convert.FromBase64String(Uri.UnescapeDataString(path[(OcspPath.Length + 1)..]));
            }
            catch (FormatException)
            {
            }

            return OcspRoute(der);
        }

        if (isGet && path.StartsWith(CrlPath, StringComparison.Ordinal))
        {
            var segments = path[CrlPath.Length..].Split('/');
            if (segments.Length == 4)
            {
                var file = Uri.UnescapeDataString(segments[3]);
                var delta = file.EndsWith(".delta.crl", StringComparison.Ordinal);
                var municipality = delta ? file[..^".delta.crl".Length] : file.EndsWith(".crl", StringComparison.Ordinal) ? file[..^".crl".Length] : null;
                var kind = segments[0] switch
                {
                    "sign" => JpkiCertificateKind.Signature,
                    "auth" => JpkiCertificateKind.Authentication,
                    _ => (JpkiCertificateKind?)null,
                };

                if (municipality is not null && kind is { } k)
                {
                    JpkiTestCa? ca = null;
                    JpkiTestCrlPartition? partition = null;
                    try
                    {
                        ca = _authority.GetCa(k, Uri.UnescapeDataString(segments[1]));
                        partition = new JpkiTestCrlPartition(Uri.UnescapeDataString(segments[2]), municipality);
                    }
                    catch (ArgumentException)
                    {
                    }

                    if (ca is not null && partition is not null)
                    {
                        BigInteger? baseNumber = null;
                        foreach (var pair in query.Split('&'))
                        {
                            if (pair.StartsWith("base=", StringComparison.Ordinal) && BigInteger.TryParse(pair.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                            {
                                baseNumber = n;
                            }
                        }

                        var behavior = _crlBehaviors.TryGetValue(partition, out var b) ? b : Behavior;
                        return new RouteResult(delta ? JpkiTestServerEndpoint.DeltaCrl : JpkiTestServerEndpoint.Crl, behavior, null, ca, partition, baseNumber);
                    }
                }
            }
        }

        return new RouteResult(JpkiTestServerEndpoint.Unknown, Behavior, null, null, null, null);
    }

    private RouteResult OcspRoute(byte[]? der)
    {
        JpkiTestOcspRequest? parsed = null;
        if (der is not null && !JpkiTestOcspRequest.TryParse(der, out parsed))
        {
            parsed = null;
        }

        var behavior = Behavior;
        foreach (var certId in parsed?.CertIds ?? [])
        {
            if (_ocspBehaviors.TryGetValue(certId.SerialNumber, out var specific))
            {
                behavior = specific;
                break;
            }
        }

        return new RouteResult(JpkiTestServerEndpoint.Ocsp, behavior, parsed, null, null, null);
    }

    private byte[] AnswerOcsp(RouteResult route)
    {
        var behavior = route.Behavior;
        if (route.OcspRequest is not { } request)
        {
            return JpkiTestOcspResponseBuilder.CreateUnsuccessful(JpkiTestOcspResponseStatus.MalformedRequest);
        }

        if (behavior.OcspResponseStatus != JpkiTestOcspResponseStatus.Successful)
        {
            return JpkiTestOcspResponseBuilder.CreateUnsuccessful(behavior.OcspResponseStatus);
        }

        var builder = _authority.CreateOcspResponseBuilder(request);
        var now = builder.ProducedAt;
        if (behavior.SigningGeneration is { } generation)
        {
            builder.SigningCa = _authority.GetCa(builder.SigningCa.Kind, generation);
        }

        if (behavior.Responder is { } responder)
        {
            builder.DelegatedResponder = responder;
        }
        else if (behavior.DelegatedResponder)
        {
            var signing = builder.SigningCa;
            builder.DelegatedResponder = _responders.GetOrAdd(signing, ca => new Lazy<JpkiTestOcspResponder>(() => _authority.IssueOcspResponder(ca))).Value;
        }

        builder.ResponderId = behavior.ResponderId;
        builder.CorruptSignature = behavior.CorruptSignature;
        builder.Nonce = behavior.Nonce switch
        {
            JpkiTestNonceBehavior.Omit => null,
            JpkiTestNonceBehavior.Wrong => WrongNonce(request.Nonce),
            _ => request.Nonce,
        };

        foreach (var single in builder.Responses)
        {
            if (behavior.OcspCertStatus is { } forced && forced != single.Status)
            {
                single.Status = forced;
                single.RevocationTime = forced == JpkiTestOcspCertStatus.Revoked ? now.AddHours(-1) : null;
                single.RevocationReason = null;
            }

            single.ThisUpdate = now + behavior.ThisUpdateOffset;
            single.NextUpdate = behavior.Validity is { } validity ? single.ThisUpdate + validity : null;
        }

        return builder.Build();
    }

    private byte[] AnswerCrl(RouteResult route)
    {
        var behavior = route.Behavior;
        var ca = route.Ca!;
        var partition = route.Partition!;
        JpkiTestCrlBuilder builder;
        if (route.Endpoint == JpkiTestServerEndpoint.DeltaCrl)
        {
            var baseNumber = route.BaseCrlNumber ?? (_lastCompleteCrl.TryGetValue((ca, partition), out var last) ? last : null);
            builder = _authority.CreateDeltaCrlBuilder(ca, partition, baseNumber);
        }
        else
        {
            builder = _authority.CreateCrlBuilder(ca, partition);
            _lastCompleteCrl[(ca, partition)] = builder.CrlNumber!.Value;
            if (_options.AdvertiseDeltaCrls)
            {
                builder.FreshestCrl = new JpkiTestDistributionPoint { Uri = GetDeltaCrlUri(ca, partition) };
            }
        }

        builder.IssuingDistributionPoint = JpkiTestIssuingDistributionPoint.ForPartition(partition, ca.Kind, GetCrlUri(ca, partition));
        if (behavior.SigningGeneration is { } generation)
        {
            var other = _authority.GetCa(ca.Kind, generation);
            builder.SigningCa = other;
            builder.AuthorityKeyIdentifier = other.Parsed.SubjectKeyIdentifier;
        }

        builder.CorruptSignature = behavior.CorruptSignature;
        builder.ThisUpdate += behavior.ThisUpdateOffset;
        builder.NextUpdate = behavior.Validity is { } validity ? builder.ThisUpdate + validity : null;
        return builder.Build();
    }

    private static ReadOnlyMemory<byte> WrongNonce(ReadOnlyMemory<byte>? nonce)
    {
        if (nonce is not { Length: > 0 } value)
        {
            return JpkiTestOcspRequest.EncodeNonce(RandomNumberGenerator.GetBytes(16));
        }

        var wrong = value.ToArray();
        wrong[^1] ^= 0xFF;
        return wrong;
    }

    private static byte[] Corrupt(byte[] body)
    {
        // Keep the start (so it looks like the right thing) but cut it short and break a length.
        var length = Math.Max(4, body.Length / 2);
        var corrupted = new byte[length];
        body.AsSpan(0, Math.Min(length, body.Length)).CopyTo(corrupted);
        corrupted[1] = 0x84;
        corrupted[^1] ^= 0x5A;
        return corrupted;
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    };

    private sealed record RouteResult(
        JpkiTestServerEndpoint Endpoint,
        JpkiTestServerBehavior Behavior,
        JpkiTestOcspRequest? OcspRequest,
        JpkiTestCa? Ca,
        JpkiTestCrlPartition? Partition,
        BigInteger? BaseCrlNumber);
}
