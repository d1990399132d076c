using System.Buffers;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace LineGov.Jpki;

/// <summary>
/// A forward-only window over DER arriving from a <see cref="Stream"/> (or lying in an array), for values too large to
/// hold at once (a JPKI signature CRL can be tens of megabytes). Bytes of the region being signed are fed to an
/// <see cref="IncrementalHash"/> as they pass, so the whole input is never kept.
/// </summary>
internal sealed class DerStream : IDisposable
{
    private const int ChunkSize = 256 * 1024;
    private readonly Stream? _stream;
    private readonly long _maxLength;
    private byte[] _buffer;
    private readonly bool _pooled;
    private int _start;
    private int _end;
    private long _consumed;
    private bool _endOfStream;
    private IncrementalHash? _hash;
    private long _hashFrom = -1;
    private long _hashTo = -1;
    private long _hashedUpTo;
    private long _retainFrom = -1;

    public DerStream(Stream stream, long maxLength)
    {
        _stream = stream;
        _maxLength = maxLength;
        _buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        _pooled = true;
    }

    public DerStream(byte[] data)
    {
        _buffer = data;
        _end = data.Length;
        _endOfStream = true;
        _maxLength = data.Length;
    }

    /// <summary>Absolute position of the next unread byte.</summary>
    public long Position => _consumed;

    public int Available => _end - _start;

    /// <summary>The unread bytes in the window (at least what the last <see cref="EnsureAsync"/> asked for).</summary>
    public ReadOnlySpan<byte> Window => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Makes sure <paramref name="count"/> bytes are in the window, reading more when needed.</summary>
    /// <exception cref="AsnContentException">The input ends first.</exception>
    public async ValueTask EnsureAsync(int count, CancellationToken cancellationToken)
    {
        if (Available >= count)
        {
            return;
        }

        if (_stream is null || _endOfStream)
        {
            throw new AsnContentException("The DER ends in the middle of a value.");
        }

        Compact(count);
        while (Available < count)
        {
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _endOfStream = true;
                throw new AsnContentException("The DER ends in the middle of a value.");
            }

            _end += read;
            if (_consumed + Available > _maxLength)
            {
                throw new JpkiFormatException("crl", $"The input is larger than {_maxLength} bytes.");
            }
        }
    }

    /// <summary>Whether anything is left (reading more if needed).</summary>
    public async ValueTask<bool> HasMoreAsync(CancellationToken cancellationToken)
    {
        if (Available > 0)
        {
            return true;
        }

        if (_stream is null || _endOfStream)
        {
            return false;
        }

        Compact(1);
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _endOfStream = true;
            return false;
        }

        _end += read;
        return true;
    }

    public void Advance(int count)
    {
        _start += count;
        _consumed += count;
    }

    /// <summary>Keeps every byte from <paramref name="position"/> on in the window until a hash takes over.</summary>
    public void RetainFrom(long position) => _retainFrom = position;

    /// <summary>Hashes the bytes in [from, to) of the input with <paramref name="hash"/> as they pass.</summary>
    public void StartHash(IncrementalHash hash, long from, long to)
    {
        if (from < _consumed - _start)
        {
            throw new InvalidOperationException("The start of the hashed region has left the window.");
        }

        _hash = hash;
        _retainFrom = -1;
        _hashFrom = from;
        _hashTo = to;
        _hashedUpTo = from;
    }

    /// <summary>Feeds the hash everything of its region that has been read so far.</summary>
    public void FlushHash()
    {
        if (_hash is null)
        {
            return;
        }

        var upTo = Math.Min(_consumed, _hashTo);
        if (upTo > _hashedUpTo)
        {
            var windowStart = _consumed - _start;
            _hash.AppendData(_buffer, (int)(_hashedUpTo - windowStart), (int)(upTo - _hashedUpTo));
            _hashedUpTo = upTo;
        }
    }

    /// <summary>Reads one DER header (identifier and definite length) at the window start without consuming it.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> window, out Asn1Tag tag, out long length, out int headerLength)
    {
        length = 0;
        headerLength = 0;
        if (!Asn1Tag.TryDecode(window, out tag, out var tagLength) || window.Length <= tagLength)
        {
            return false;
        }

        var first = window[tagLength];
        if (first < 0x80)
        {
            length = first;
            headerLength = tagLength + 1;
            return true;
        }

        var octets = first & 0x7F;
        if (octets == 0)
        {
            throw new AsnContentException("Indefinite lengths are not DER.");
        }

        if (octets > 4)
        {
            throw new AsnContentException("A length is larger than this reader accepts.");
        }

        if (window.Length < tagLength + 1 + octets)
        {
            return false;
        }

        if (window[tagLength + 1] == 0 || (octets == 1 && window[tagLength + 1] < 0x80))
        {
            throw new AsnContentException("A length is not in its shortest form.");
        }

        for (var i = 0; i < octets; i++)
        {
            length = (length << 8) | window[tagLength + 1 + i];
        }

        headerLength = tagLength + 1 + octets;
        return true;
    }

    /// <summary>Reads a header, pulling more input as needed.</summary>
    public async ValueTask<(Asn1Tag Tag, long Length, int HeaderLength)> PeekHeaderAsync(CancellationToken cancellationToken)
    {
        var want = 2;
        while (true)
        {
            await EnsureAsync(Math.Min(want, 8), cancellationToken).ConfigureAwait(false);
            if (TryReadHeader(Window, out var tag, out var length, out var headerLength))
            {
                return (tag, length, headerLength);
            }

            if (want >= 8)
            {
                throw new AsnContentException("A DER header is malformed.");
            }

            want = Math.Min(8, Math.Max(want + 1, Available + 1));
        }
    }

    public void Dispose()
    {
        if (_pooled)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Compact(int needed)
    {
        // Feed the hash before dropping bytes it has not seen.
        FlushHash();
        var windowStart = _consumed - _start;
        var keepFrom = _start;
        if (_hash is not null && _hashedUpTo < _consumed)
        {
            keepFrom = (int)(_hashedUpTo - windowStart);
        }
        else if (_retainFrom >= 0)
        {
            keepFrom = (int)Math.Min(keepFrom, _retainFrom - windowStart);
        }

        var keep = _end - keepFrom;
        if (keepFrom > 0)
        {
            Buffer.BlockCopy(_buffer, keepFrom, _buffer, 0, keep);
            _start -= keepFrom;
            _end -= keepFrom;
        }

        if (_buffer.Length - _start < needed || _buffer.Length - _end < ChunkSize / 4)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _start + needed + ChunkSize));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }
}
