using System.Buffers;

namespace LineGov.Eligibility;

/// <summary>
/// A small streaming RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. It reads the text in
/// chunks and hands out one record at a time as spans over a reused buffer, so a file of millions of rows is never held
/// as one string and a row costs no allocation until its values are kept. A record that grows past
/// <see cref="MaxRecordLength"/> is discarded as it is read, so memory stays bounded whatever the input.
/// </summary>
/// <remarks>
/// A quote that is never closed would swallow every following row. So a record whose quoted field runs on past
/// <see cref="MaxRecordLines"/> physical lines or <see cref="MaxRecordLength"/> characters, or reaches the end of the
/// file, or that turns out malformed after a line break inside quotes, is reported once (at the line where it started,
/// with the fields before that quote) and reading resumes at the physical line after its start: the lines it had taken
/// in are kept (at most about <see cref="MaxRecordLength"/> characters plus one chunk) and read again as records of
/// their own. Each physical line is therefore read at most <see cref="MaxRecordLines"/> times.
/// </remarks>
internal sealed class CsvRecordReader
{
    /// <summary>The longest record kept, in characters; register rows are a few hundred.</summary>
    internal const int MaxRecordLength = 1 << 16;

    /// <summary>The most physical lines one record may span (line breaks inside quotes); register rows have none.</summary>
    internal const int MaxRecordLines = 16;

    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\"\n");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\n");

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[1 << 16];

    // The text being read: _buffer, or after an abandoned record the lines it had taken in followed by the rest of the
    // chunk (read first, then back to _buffer).
    private char[] _chunk;
    private int _chunkPos;
    private int _chunkLength;
    private bool _endOfInput;

    private char[] _record = new char[1024];
    private int _recordLength;
    private readonly List<int> _fieldEnds = new(16);
    private long _nextLine = 1;
    private bool _overflowed;

    // Once a quoted field has taken in a line break: how many, the raw text read since the first (to read it again if
    // the record is abandoned), and the record as it stood at that first break.
    private int _breaks;
    private char[] _tail = [];
    private int _tailLength;
    private int _fieldsBeforeBreak;
    private string? _problemBeforeBreak;
    private int _problemFieldBeforeBreak;

    public CsvRecordReader(TextReader reader)
    {
        _reader = reader;
        _chunk = _buffer;
    }

    /// <summary>The physical line (1-based) on which the current record starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The number of fields in the current record.</summary>
    public int FieldCount => _fieldEnds.Count;

    /// <summary>Why the current record is malformed (its quoting, its length), or null when it is well formed.</summary>
    public string? Problem { get; private set; }

    /// <summary>The field (0-based) where <see cref="Problem"/> was found, or -1 for the whole record.</summary>
    public int ProblemField { get; private set; }

    /// <summary>The unescaped content of field <paramref name="index"/> of the current record.</summary>
    public ReadOnlySpan<char> Field(int index)
    {
        var start = index == 0 ? 0 : _fieldEnds[index - 1];
        return _record.AsSpan(start, _fieldEnds[index] - start);
    }

    /// <summary>Whether the current record is one empty field: a blank line.</summary>
    public bool IsBlankLine => _fieldEnds.Count == 1 && _fieldEnds[0] == 0 && Problem is null;

    /// <summary>Reads the next record; false at the end of the input.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        _recordLength = 0;
        _fieldEnds.Clear();
        Problem = null;
        ProblemField = -1;
        _overflowed = false;
        _breaks = 0;
        _tailLength = 0;
        LineNumber = _nextLine;
        var state = State.FieldStart;
        var sawAnything = false;
        while (true)
        {
            if (_chunkPos == _chunkLength)
            {
                if (_endOfInput || !await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!sawAnything)
                    {
                        return false;
                    }

                    if (state == State.Quoted)
                    {
                        if (_breaks > 0)
                        {
                            Abandon("a quoted field is not closed before the end of the file");
                            return true;
                        }

                        SetProblem("a quoted field is not closed before the end of the file");
                    }

                    TrimTrailingCarriageReturn();
                    EndField();
                    return true;
                }
            }

            sawAnything = true;
            var consumedFrom = _chunkPos;
            var breaksBefore = _breaks;
            var ended = Step(ref state);
            if (breaksBefore > 0)
            {
                KeepTail(_chunk.AsSpan(consumedFrom, _chunkPos - consumedFrom));
            }

            if (ended)
            {
                if (_breaks > 0 && Problem is not null && _problemBeforeBreak is null)
                {
                    // Malformed only after a line break inside quotes (characters after a closing quote, a quote in an
                    // unquoted field): most likely an unclosed quote on the first line that paired with a later one.
                    Abandon("a quoted field that spans lines is malformed (an unclosed quote?)");
                }

                return true;
            }

            if (_breaks >= MaxRecordLines || _tailLength > MaxRecordLength || (_breaks > 0 && _overflowed))
            {
                Abandon($"a quoted field is not closed within {MaxRecordLines} lines or {MaxRecordLength} characters");
                return true;
            }
        }
    }

    /// <summary>
    /// Gives up on a record whose quoted field took in line breaks and never closed: reports it with the fields before
    /// that field, and puts the lines after its first back in front of the input.
    /// </summary>
    private void Abandon(string problem)
    {
        _fieldEnds.RemoveRange(_fieldsBeforeBreak, _fieldEnds.Count - _fieldsBeforeBreak);
        _recordLength = _fieldsBeforeBreak == 0 ? 0 : _fieldEnds[^1];
        Problem = _problemBeforeBreak;
        ProblemField = _problemBeforeBreak is null ? -1 : _problemFieldBeforeBreak;
        SetProblem(problem);
        _nextLine = LineNumber + 1;

        // The taken-in text, then the rest of the chunk: the limits are checked after every step (which reads within one
        // chunk), so this holds at most MaxRecordLength characters plus about one chunk.
        var rest = _chunk.AsSpan(_chunkPos, _chunkLength - _chunkPos);
        var replay = new char[_tailLength + rest.Length];
        _tail.AsSpan(0, _tailLength).CopyTo(replay);
        rest.CopyTo(replay.AsSpan(_tailLength));
        _chunk = replay;
        _chunkPos = 0;
        _chunkLength = replay.Length;
        _tailLength = 0;
        _breaks = 0;
        if (_tail.Length > MaxRecordLength)
        {
            _tail = [];
        }
    }

    private void KeepTail(ReadOnlySpan<char> chars)
    {
        var needed = _tailLength + chars.Length;
        if (needed > _tail.Length)
        {
            Array.Resize(ref _tail, Math.Max(needed, Math.Max(1024, _tail.Length * 2)));
        }

        chars.CopyTo(_tail.AsSpan(_tailLength));
        _tailLength = needed;
    }

    /// <summary>Consumes characters of the current chunk; true when a record ended.</summary>
    private bool Step(ref State state)
    {
        var span = _chunk.AsSpan(_chunkPos, _chunkLength - _chunkPos);
        switch (state)
        {
            case State.FieldStart:
                if (span[0] == '"')
                {
                    _chunkPos++;
                    state = State.Quoted;
                    return false;
                }

                state = State.Unquoted;
                return false;

            case State.Unquoted:
            {
                var stop = span.IndexOfAny(UnquotedStops);
                if (stop < 0)
                {
                    Append(span);
                    _chunkPos = _chunkLength;
                    return false;
                }

                Append(span[..stop]);
                _chunkPos += stop + 1;
                switch (span[stop])
                {
                    case ',':
                        EndField();
                        state = State.FieldStart;
                        return false;
                    case '\n':
                        _nextLine++;
                        TrimTrailingCarriageReturn();
                        EndField();
                        return true;
                    default:
                        // A quote inside an unquoted field: RFC 4180 does not allow it; keep reading the record so the
                        // next one starts at the right place, and report this one.
                        SetProblem("a quote appears inside an unquoted field");
                        Append("\"");
                        return false;
                }
            }

            case State.Quoted:
            {
                var stop = span.IndexOfAny(QuotedStops);
                if (stop < 0)
                {
                    Append(span);
                    _chunkPos = _chunkLength;
                    return false;
                }

                Append(span[..(stop + (span[stop] == '\n' ? 1 : 0))]);
                _chunkPos += stop + 1;
                if (span[stop] == '\n')
                {
                    // A line break inside quotes is part of the value, and still a physical line of the file.
                    _nextLine++;
                    if (_breaks++ == 0)
                    {
                        // From here on the record may be abandoned: remember it as it stood on its first line.
                        _fieldsBeforeBreak = _fieldEnds.Count;
                        _problemBeforeBreak = Problem;
                        _problemFieldBeforeBreak = ProblemField;
                    }
                }
                else
                {
                    state = State.QuoteInQuoted;
                }

                return false;
            }

            default: // QuoteInQuoted: the quote either escapes a quote or closes the field.
            {
                var c = span[0];
                if (c == '"')
                {
                    Append("\"");
                    _chunkPos++;
                    state = State.Quoted;
                    return false;
                }

                if (c == ',')
                {
                    _chunkPos++;
                    EndField();
                    state = State.FieldStart;
                    return false;
                }

                if (c == '\n')
                {
                    _chunkPos++;
                    _nextLine++;
                    EndField();
                    return true;
                }

                if (c == '\r')
                {
                    // CRLF after a closing quote: drop the CR, the LF ends the record.
                    _chunkPos++;
                    return false;
                }

                SetProblem("characters follow the closing quote of a field");
                state = State.Unquoted;
                return false;
            }
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _chunk = _buffer;
        _chunkLength = await _reader.ReadAsync(_chunk.AsMemory(), cancellationToken).ConfigureAwait(false);
        _chunkPos = 0;
        if (_chunkLength == 0)
        {
            _endOfInput = true;
            return false;
        }

        return true;
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty)
        {
            return;
        }

        var needed = _recordLength + chars.Length;
        if (needed > MaxRecordLength)
        {
            // Keep reading to find the record's end, but stop keeping its characters.
            _overflowed = true;
            SetProblem($"the row is longer than {MaxRecordLength} characters (an unclosed quote?)");
            return;
        }

        if (needed > _record.Length)
        {
            Array.Resize(ref _record, Math.Max(needed, _record.Length * 2));
        }

        chars.CopyTo(_record.AsSpan(_recordLength));
        _recordLength = needed;
    }

    private void EndField() => _fieldEnds.Add(_recordLength);

    private void TrimTrailingCarriageReturn()
    {
        var fieldStart = _fieldEnds.Count == 0 ? 0 : _fieldEnds[^1];
        if (_recordLength > fieldStart && _record[_recordLength - 1] == '\r')
        {
            _recordLength--;
        }
    }

    private void SetProblem(string problem)
    {
        if (Problem is null)
        {
            Problem = problem;
            ProblemField = _fieldEnds.Count;
        }
    }

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
}
