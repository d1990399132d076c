namespace LineGov.Jpki.Testing;

/// <summary>Which endpoint of a <see cref="JpkiTestRevocationServer"/> a request went to.</summary>
public enum JpkiTestServerEndpoint
{
    /// <summary>No endpoint (answered 404).</summary>
    Unknown = 0,

    /// <summary>OCSP, by POST (<c>application/ocsp-request</c>) or GET (base64 in the path).</summary>
    Ocsp = 1,

    /// <summary>A complete partition CRL.</summary>
    Crl = 2,

    /// <summary>A delta partition CRL.</summary>
    DeltaCrl = 3,
}

/// <summary>One request a <see cref="JpkiTestRevocationServer"/> received, recorded before it was answered (or not).</summary>
public sealed class JpkiTestServerRequest
{
    internal JpkiTestServerRequest(
        long sequence,
        long connectionId,
        string method,
        string target,
        JpkiTestServerEndpoint endpoint,
        IReadOnlyDictionary<string, string> headers,
        ReadOnlyMemory<byte> body,
        JpkiTestOcspRequest? ocspRequest,
        DateTimeOffset receivedAt)
    {
        Sequence = sequence;
        ConnectionId = connectionId;
        Method = method;
        Target = target;
        Endpoint = endpoint;
        Headers = headers;
        Body = body;
        OcspRequest = ocspRequest;
        ReceivedAt = receivedAt;
    }

    /// <summary>The request's position among all the server received, from 1.</summary>
    public long Sequence { get; }

    /// <summary>The TCP connection it came on, from 1 (the same for requests on a kept-alive connection).</summary>
    public long ConnectionId { get; }

    /// <summary>The HTTP method (<c>GET</c>, <c>POST</c>).</summary>
    public string Method { get; }

    /// <summary>The request target as sent (path and query).</summary>
    public string Target { get; }

    /// <summary>The endpoint it was routed to.</summary>
    public JpkiTestServerEndpoint Endpoint { get; }

    /// <summary>The request headers (names case-insensitive; repeated headers joined with <c>, </c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The Content-Type header, if any.</summary>
    public string? ContentType => Headers.TryGetValue("Content-Type", out var value) ? value : null;

    /// <summary>The request body (empty for GET).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The OCSP request, for an OCSP request that could be read.</summary>
    public JpkiTestOcspRequest? OcspRequest { get; }

    /// <summary>When it arrived, by the authority's clock.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <inheritdoc />
    public override string ToString() => $"#{Sequence} {Method} {Target} ({Endpoint})";
}
