namespace LineGov.Payouts.Zengin;

/// <summary>
/// Reads 全銀 総合振込 (Zengin bulk transfer) files back into typed records: 120-byte records back to back or each
/// followed by CRLF (detected from the first record), a trailing EOF byte (0x1A) tolerated.
/// </summary>
/// <remarks>
/// The file must be one header, any number of data records, one trailer and one end record, in that order. The
/// trailer's count and total are checked against the data records. Anything malformed is a
/// <see cref="ZenginFormatException"/> naming the record number (the header is 1) and the field, never the value.
/// <code>
/// ZenginFile file = await new ZenginReader().ReadFileAsync("furikomi.txt", ct);
/// foreach (var t in file.Transfers) { /* t.BankCode, t.AccountName (half-width), t.Amount */ }
/// </code>
/// </remarks>
public class ZenginReader
{
    /// <summary>Reads a whole file from <paramref name="source"/>.</summary>
    /// <param name="source">A readable stream; left open.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records.</returns>
    /// <exception cref="ZenginFormatException">The content is not a valid 総合振込 file.</exception>
    public virtual async Task<ZenginFile> ReadAsync(Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var buffer = new MemoryStream();
        await source.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records.</returns>
    /// <exception cref="ZenginFormatException">The content is not a valid 総合振込 file.</exception>
    public virtual async Task<ZenginFile> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(bytes);
    }

    /// <summary>Parses a whole file held in memory.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <returns>The records.</returns>
    /// <exception cref="ZenginFormatException">The content is not a valid 総合振込 file.</exception>
    public static ZenginFile Parse(ReadOnlySpan<byte> content)
    {
        if (content.Length > 0 && content[^1] == 0x1A)
        {
            content = content[..^1];
        }

        const int L = ZenginLayout.RecordLength;
        var crlf = content.Length >= L + 2 && content[L] == '\r' && content[L + 1] == '\n';
        var stride = crlf ? L + 2 : L;
        if (content.Length == 0 || (content.Length % stride != 0 && !(crlf && content.Length % stride == L)))
        {
            throw new ZenginFormatException(1, "Length", $"the file is not made of {L}-byte records{(crlf ? " each followed by CRLF" : string.Empty)}");
        }

        var count = (content.Length + stride - 1) / stride;
        ZenginHeader? header = null;
        ZenginTrailer? trailer = null;
        var ended = false;
        var transfers = new List<ZenginTransfer>(Math.Max(0, count - 3));
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            var n = i + 1;
            var start = i * stride;
            var record = content.Slice(start, L);
            if (crlf && start + L < content.Length && (content[start + L] != '\r' || content[start + L + 1] != '\n'))
            {
                throw new ZenginFormatException(n, "LineBreak", "expected CRLF after the record");
            }

            var kind = (char)record[0];
            if (ended)
            {
                throw new ZenginFormatException(n, "DataType", "no record may follow the end record");
            }

            switch (kind)
            {
                case '1' when header is null && i == 0:
                    header = ParseHeader(Decode(ZenginLayout.Header, record, n), n);
                    break;
                case '2' when header is not null && trailer is null:
                    var transfer = ParseTransfer(Decode(ZenginLayout.Data, record, n), n);
                    transfers.Add(transfer);
                    total += transfer.Amount;
                    break;
                case '8' when header is not null && trailer is null:
                    var v = Decode(ZenginLayout.Trailer, record, n);
                    trailer = new ZenginTrailer(int.Parse(v[1], System.Globalization.CultureInfo.InvariantCulture), long.Parse(v[2], System.Globalization.CultureInfo.InvariantCulture));
                    if (trailer.Count != transfers.Count)
                    {
                        throw new ZenginFormatException(n, nameof(ZenginTrailer.Count), $"the trailer says {trailer.Count} transfers but the file has {transfers.Count}");
                    }

                    if (trailer.TotalAmount != total)
                    {
                        throw new ZenginFormatException(n, nameof(ZenginTrailer.TotalAmount), "the trailer's total differs from the sum of the transfers");
                    }

                    break;
                case '9' when trailer is not null:
                    Decode(ZenginLayout.End, record, n);
                    ended = true;
                    break;
                default:
                    throw new ZenginFormatException(n, "DataType", i == 0
                        ? "the first record must be a header (1)"
                        : "expected data (2) or trailer (8) records, then one end record (9)");
            }
        }

        if (!ended)
        {
            throw new ZenginFormatException(count + 1, "DataType", trailer is null ? "the trailer record (8) is missing" : "the end record (9) is missing");
        }

        return new ZenginFile(header!, transfers, trailer!, crlf);
    }

    private static string[] Decode(ZenginField[] layout, ReadOnlySpan<byte> record, int n)
    {
        var values = new string[layout.Length];
        var pos = 0;
        Span<char> chars = stackalloc char[ZenginLayout.RecordLength];
        for (var i = 0; i < layout.Length; i++)
        {
            var (name, width, numeric) = layout[i];
            var field = record.Slice(pos, width);
            for (var j = 0; j < width; j++)
            {
                var c = ZenginEncoding.Decode(field[j]);
                if (c == '\0' || (numeric && !char.IsAsciiDigit(c)))
                {
                    throw new ZenginFormatException(n, name, numeric ? "must be digits" : "contains a byte outside JIS X 0201");
                }

                chars[j] = c;
            }

            values[i] = numeric ? new string(chars[..width]) : new string(chars[..width].TrimEnd(' '));
            pos += width;
        }

        return values;
    }

    private static ZenginHeader ParseHeader(string[] v, int n)
    {
        if (v[1] != "21")
        {
            throw new ZenginFormatException(n, "Kind", "種別 must be 21 (総合振込)");
        }

        if (v[2] != "0")
        {
            throw new ZenginFormatException(n, "CodeType", "コード区分 must be 0 (JIS)");
        }

        return new ZenginHeader(
            RequesterCode: v[3],
            RequesterName: v[4],
            TransferDate: v[5],
            BankCode: v[6],
            BranchCode: v[8],
            AccountNumber: v[11],
            BankName: NullIfEmpty(v[7]),
            BranchName: NullIfEmpty(v[9]),
            AccountType: AccountType(v[10], n));
    }

    private static ZenginTransfer ParseTransfer(string[] v, int n)
    {
        if (v[5].Length > 0 && (v[5].Length != 4 || !v[5].All(char.IsAsciiDigit)))
        {
            throw new ZenginFormatException(n, "ClearingHouseCode", "must be 4 digits or spaces");
        }

        return new ZenginTransfer(
            BankCode: v[1],
            BranchCode: v[3],
            AccountNumber: v[7],
            AccountName: v[8],
            Amount: long.Parse(v[9], System.Globalization.CultureInfo.InvariantCulture),
            BankName: NullIfEmpty(v[2]),
            BranchName: NullIfEmpty(v[4]),
            AccountType: AccountType(v[6], n),
            ClearingHouseCode: NullIfEmpty(v[5]),
            NewCode: v[10][0],
            CustomerCode1: NullIfEmpty(v[11]),
            CustomerCode2: NullIfEmpty(v[12]),
            TransferDesignation: v[13].Length == 0 ? ' ' : v[13][0],
            Identification: v[14].Length == 0 ? ' ' : v[14][0]);
    }

    private static ZenginAccountType AccountType(string digit, int n)
    {
        var type = (ZenginAccountType)(digit[0] - '0');
        return Enum.IsDefined(type) ? type : throw new ZenginFormatException(n, "AccountType", "must be 1, 2, 4 or 9");
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
