using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;

namespace LineGov.Jpki;

/// <summary>One CRL a source offers: a stable id and a version that changes when the CRL does.</summary>
/// <param name="Id">Stable within the source (a file name, a URL).</param>
/// <param name="Version">Changes whenever the content changes (a timestamp and length, an ETag); equal versions are not read again.</param>
public sealed record JpkiCrlSourceItem(string Id, string Version)
{
    /// <summary>Stable within the source (a file name, a URL).</summary>
    public string Id { get; } = Id;

    /// <summary>Changes whenever the content changes.</summary>
    public string Version { get; } = Version;
}

/// <summary>
/// Where a <see cref="JpkiCrlStore"/> gets CRLs: a folder the operator fills, an HTTP endpoint, or anything else (a
/// database, an object store). J-LIS hands CRLs to registered verifiers; how they arrive is the operator's.
/// </summary>
public interface IJpkiCrlSource
{
    /// <summary>A name for logs and metrics.</summary>
    string Name { get; }

    /// <summary>The CRLs available now.</summary>
    IAsyncEnumerable<JpkiCrlSourceItem> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens one CRL for reading (DER or PEM); the store disposes the stream.</summary>
    Task<Stream> OpenAsync(JpkiCrlSourceItem item, CancellationToken cancellationToken = default);
}

/// <summary>A folder of CRL files (<c>.crl</c>, <c>.der</c>, <c>.pem</c>), e.g. one per municipality, replaced daily by the operator.</summary>
public sealed class JpkiCrlFolderSource : IJpkiCrlSource
{
    private readonly string _path;

    /// <summary>Creates the source.</summary>
    public JpkiCrlFolderSource(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
    }

    /// <inheritdoc />
    public string Name => "folder:" + _path;

    /// <inheritdoc />
    public async IAsyncEnumerable<JpkiCrlSourceItem> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        if (!Directory.Exists(_path))
        {
            throw new DirectoryNotFoundException("The CRL folder does not exist.");
        }

        foreach (var file in Directory.EnumerateFiles(_path).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var extension = Path.GetExtension(file).ToUpperInvariant();
            if (extension is not (".CRL" or ".DER" or ".PEM"))
            {
                continue;
            }

            var info = new FileInfo(file);
            yield return new JpkiCrlSourceItem(info.Name, FormattableString.Invariant($"{info.LastWriteTimeUtc.Ticks}:{info.Length}"));
        }
    }

    /// <inheritdoc />
    public Task<Stream> OpenAsync(JpkiCrlSourceItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var name = Path.GetFileName(item.Id);
        Stream stream = new FileStream(Path.Combine(_path, name), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Task.FromResult(stream);
    }
}

/// <summary>
/// CRLs at fixed HTTP(S) URLs, fetched through an <see cref="HttpClient"/> from IHttpClientFactory (put the resilience
/// pipeline on the client). Each URL is one CRL; its version is the ETag or Last-Modified the server gives.
/// </summary>
public sealed class JpkiCrlHttpSource : IJpkiCrlSource
{
    private readonly HttpClient _httpClient;
    private readonly IReadOnlyList<Uri> _uris;

    /// <summary>Creates the source.</summary>
    public JpkiCrlHttpSource(HttpClient httpClient, IEnumerable<Uri> uris)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(uris);
        _httpClient = httpClient;
        _uris = [.. uris];
        if (_uris.Any(u => !u.IsAbsoluteUri || u.Scheme is not ("http" or "https")))
        {
            throw new ArgumentException("CRL URLs must be absolute http or https URLs.", nameof(uris));
        }
    }

    /// <inheritdoc />
    public string Name => "http";

    /// <inheritdoc />
    public async IAsyncEnumerable<JpkiCrlSourceItem> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var uri in _uris)
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, uri);
            string version;
            using (var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
            {
                if (response.StatusCode == HttpStatusCode.MethodNotAllowed)
                {
                    // No HEAD: read it every time.
                    version = Guid.NewGuid().ToString("N");
                }
                else
                {
                    response.EnsureSuccessStatusCode();
                    version = VersionOf(response.Headers.ETag, response.Content.Headers.LastModified, response.Content.Headers.ContentLength);
                }
            }

            yield return new JpkiCrlSourceItem(uri.AbsoluteUri, version);
        }
    }

    /// <inheritdoc />
    public async Task<Stream> OpenAsync(JpkiCrlSourceItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var response = await _httpClient.GetAsync(new Uri(item.Id), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            response.EnsureSuccessStatusCode();
            return new ResponseStream(response, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static string VersionOf(EntityTagHeaderValue? etag, DateTimeOffset? lastModified, long? length) =>
        etag is not null
            ? "etag:" + etag.Tag
            : lastModified is { } modified ? FormattableString.Invariant($"modified:{modified.UtcTicks}:{length}") : Guid.NewGuid().ToString("N");

    /// <summary>Keeps the response alive while its body is read.</summary>
    private sealed class ResponseStream(HttpResponseMessage response, Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
