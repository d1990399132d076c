using System.Globalization;
using System.Text;

namespace LineGov.Jpki.Testing;

/// <summary>One HTTP/1.1 request as read off the wire.</summary>
internal sealed record HttpWireRequest(string Method, string Target, string Version, Dictionary<string, string> Headers, byte[] Body)
{
    public bool KeepAlive =>
        Headers.TryGetValue("Connection", out var connection)
            ? !connection.Contains("close", StringComparison.OrdinalIgnoreCase)
            : Version == "HTTP/1.1";
}

/// <summary>
/// A minimal HTTP/1.1 request reader (request line, headers, Content-Length or chunked body, keep-alive), enough
/// for HttpClient and OCSP clients on loopback. Not a general server: limits are small and errors close the connection.
/// </summary>
internal sealed class HttpWireReader(Stream stream, int maxBodyLength)
{
    private const int MaxHeaderLength = 32 * 1024;
    private byte[] _buffer = new byte[8 * 1024];
    private int _start;
    private int _end;

    /// <summary>Reads the next request; <see langword="null"/> when the peer closed the connection between requests.</summary>
    public async Task<HttpWireRequest?> ReadAsync(Func<Task> sendContinue, CancellationToken cancellationToken)
    {
        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start >= MaxHeaderLength)
            {
                throw new InvalidDataException("The request headers are too long.");
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_end == _start)
                {
                    return null;
                }

                throw new EndOfStreamException("The connection closed in the middle of a request.");
            }
        }

        var head = Encoding.Latin1.GetString(_buffer, _start, headerEnd);
        _start += headerEnd + 4;
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new InvalidDataException("Not an HTTP/1.x request line.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException("A header line has no name.");
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
        }

        if (headers.TryGetValue("Expect", out var expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            await sendContinue().ConfigureAwait(false);
        }

        byte[] body;
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (headers.TryGetValue("Content-Length", out var lengthText))
        {
            if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > maxBodyLength)
            {
                throw new InvalidDataException("The Content-Length is invalid or too large.");
            }

            body = await ReadExactlyAsync(length, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            body = [];
        }

        return new HttpWireRequest(requestLine[0], requestLine[1], requestLine[2], headers, body);
    }

    /// <summary>Waits until the peer closes the connection (or sends more), for requests that are never answered.</summary>
    public async Task WaitForPeerAsync(CancellationToken cancellationToken)
    {
        while (await FillAsync(cancellationToken).ConfigureAwait(false))
        {
            _start = _end;
        }
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var semicolon = line.IndexOf(';', StringComparison.Ordinal);
            var sizeText = (semicolon >= 0 ? line[..semicolon] : line).Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0 || body.Length + size > maxBodyLength)
            {
                throw new InvalidDataException("A chunk size is invalid or the body is too large.");
            }

            if (size == 0)
            {
                // Trailers, then the empty line.
                while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
                {
                }

                return body.ToArray();
            }

            body.Write(await ReadExactlyAsync(size, cancellationToken).ConfigureAwait(false));
            if ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length != 0)
            {
                throw new InvalidDataException("A chunk is not followed by CRLF.");
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        int end;
        while ((end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            if (_end - _start >= MaxHeaderLength || !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidDataException("A line is too long or the connection closed.");
            }
        }

        var line = Encoding.Latin1.GetString(_buffer, _start, end);
        _start += end + 2;
        return line;
    }

    private async Task<byte[]> ReadExactlyAsync(int length, CancellationToken cancellationToken)
    {
        var result = new byte[length];
        var copied = Math.Min(length, _end - _start);
        _buffer.AsSpan(_start, copied).CopyTo(result);
        _start += copied;
        if (copied < length)
        {
            await stream.ReadExactlyAsync(result.AsMemory(copied), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }
}
