using System.Globalization;

namespace LineGov.Payouts.Zengin;

/// <summary>
/// Writes 全銀 総合振込 (Zengin bulk transfer) files: a header, one data record per transfer, a trailer whose count and
/// total it computes, and an end record, each 120 bytes of JIS X 0201 (Shift_JIS single-byte) text, optionally
/// followed by CRLF.
/// </summary>
/// <remarks>
/// <para>Every record is validated before the first byte is written. When anything is wrong the writer throws
/// <see cref="ZenginValidationException"/> listing every invalid field with its record number (the header is record 1,
/// the first transfer record 2) and reason, and writes nothing. <see cref="WriteFileAsync"/> writes to a temporary
/// file in the target folder and renames it over the target, so a crash never leaves a half-written file.</para>
/// <para>Names (依頼人名, 銀行名, 支店名, 受取人名) may be given in any kana or width: they are converted with
/// <see cref="ZenginKana"/> and truncated to their field width. Codes, numbers and amounts are never truncated.</para>
/// <para>The writer is immutable and thread-safe.</para>
/// <code>
/// var writer = new ZenginWriter(new ZenginWriterOptions { UseCrLf = true, BankMaster = master });
/// ZenginTrailer trailer = await writer.WriteFileAsync("furikomi.txt", header, transfers, ct);
/// </code>
/// </remarks>
public class ZenginWriter
{
    private const long MaxAmount = 9_999_999_999;
    private const int MaxCount = 999_999;
    private const long MaxTotal = 999_999_999_999;
    private const int BufferRecords = 512;

    private readonly bool _crlf;
    private readonly ZenginBankMaster? _master;

    /// <summary>Creates a writer.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults (no CRLF, no bank master).</param>
    public ZenginWriter(ZenginWriterOptions? options = null)
    {
        _crlf = options?.UseCrLf ?? false;
        _master = options?.BankMaster;
    }

    /// <summary>Checks every record without writing anything.</summary>
    /// <param name="header">The header.</param>
    /// <param name="transfers">The transfers, in file order.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Every invalid field in record order; empty when the file can be written.</returns>
    public virtual async Task<IReadOnlyList<ZenginRecordError>> ValidateAsync(ZenginHeader header, IEnumerable<ZenginTransfer> transfers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(transfers);
        var errors = new List<ZenginRecordError>();
        await PrepareHeaderAsync(header, errors, cancellationToken).ConfigureAwait(false);
        var names = new NameCache();
        var count = 0;
        long total = 0;
        foreach (var transfer in transfers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ArgumentNullException.ThrowIfNull(transfer, nameof(transfers));
            count++;
            var (bankName, branchName) = _master is null
                ? CheckCodes(transfer.BankCode, transfer.BankName, transfer.BranchCode, transfer.BranchName, count + 1, errors)
                : await BankAsync(transfer.BankCode, transfer.BankName, transfer.BranchCode, transfer.BranchName, count + 1, errors, cancellationToken).ConfigureAwait(false);
            CheckTransfer(transfer, bankName, branchName, count + 1, errors, names);
            if (transfer.Amount > 0)
            {
                total = Math.Min(total + Math.Min(transfer.Amount, MaxAmount + 1), MaxTotal + 1);
            }
        }

        if (count > MaxCount)
        {
            errors.Add(new(count + 2, nameof(ZenginTrailer.Count), "more than 999,999 transfers do not fit in one file"));
        }

        if (total > MaxTotal)
        {
            errors.Add(new(count + 2, nameof(ZenginTrailer.TotalAmount), "the total exceeds 999,999,999,999 yen"));
        }

        return errors;
    }

    /// <summary>Validates, then writes the whole file to <paramref name="destination"/>.</summary>
    /// <param name="destination">A writable stream; left open.</param>
    /// <param name="header">The header.</param>
    /// <param name="transfers">The transfers, in file order (enumerated once).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The trailer written: the number of transfers and their total.</returns>
    /// <exception cref="ZenginValidationException">A record is invalid; nothing was written.</exception>
    public virtual async Task<ZenginTrailer> WriteAsync(Stream destination, ZenginHeader header, IEnumerable<ZenginTransfer> transfers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(transfers);
        var list = transfers as IReadOnlyList<ZenginTransfer> ?? transfers.ToList();
        var errors = await ValidateAsync(header, list, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            throw new ZenginValidationException(errors);
        }

        var stride = ZenginLayout.RecordLength + (_crlf ? 2 : 0);
        var buffer = new byte[stride * BufferRecords];
        var used = 0;
        var ignored = new List<ZenginRecordError>();
        var names = new NameCache();

        // Validated above: each record is encoded straight into the buffer, with no per-field strings. Only a bank
        // master lookup (names filled from it) may await; the buffer is written out when it is full.
        int Put(ZenginField[] layout, string[] values)
        {
            Encode(layout, values, buffer.AsSpan(used, ZenginLayout.RecordLength));
            return EndRecord();
        }

        int EndRecord()
        {
            used += ZenginLayout.RecordLength;
            if (_crlf)
            {
                buffer[used++] = (byte)'\r';
                buffer[used++] = (byte)'\n';
            }

            return used;
        }

        Put(ZenginLayout.Header, (await PrepareHeaderAsync(header, ignored, cancellationToken).ConfigureAwait(false))!);
        long total = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var t = list[i];
            var (bankName, branchName) = _master is null
                ? (t.BankName, t.BranchName)
                : await BankAsync(t.BankCode, t.BankName, t.BranchCode, t.BranchName, i + 2, ignored, cancellationToken).ConfigureAwait(false);
            EncodeTransfer(t, bankName, branchName, buffer.AsSpan(used, ZenginLayout.RecordLength), names);
            if (EndRecord() == buffer.Length)
            {
                await destination.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                used = 0;
            }

            total += t.Amount;
        }

        var trailer = new ZenginTrailer(list.Count, total);
        foreach (var (layout, values) in new[] { (ZenginLayout.Trailer, new[] { "8", Number(trailer.Count), Number(trailer.TotalAmount), "" }), (ZenginLayout.End, ["9", ""]) })
        {
            if (Put(layout, values) == buffer.Length)
            {
                await destination.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                used = 0;
            }
        }

        if (used > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return trailer;
    }

    /// <summary>
    /// Validates, then writes the file to a temporary file in the same folder and renames it to
    /// <paramref name="path"/> (replacing any existing file). Nothing is half-written: on any failure the target is
    /// untouched and the temporary file removed.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="header">The header.</param>
    /// <param name="transfers">The transfers, in file order.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The trailer written.</returns>
    /// <exception cref="ZenginValidationException">A record is invalid; nothing was written.</exception>
    public virtual async Task<ZenginTrailer> WriteFileAsync(string path, ZenginHeader header, IEnumerable<ZenginTransfer> transfers, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(transfers);
        var list = transfers as IReadOnlyList<ZenginTransfer> ?? transfers.ToList();
        var errors = await ValidateAsync(header, list, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            throw new ZenginValidationException(errors);
        }

        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            ZenginTrailer trailer;
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                trailer = await WriteAsync(stream, header, list, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            return trailer;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private async ValueTask<string[]?> PrepareHeaderAsync(ZenginHeader h, List<ZenginRecordError> errors, CancellationToken cancellationToken)
    {
        var before = errors.Count;
        const int n = 1;
        Digits(h.RequesterCode, 10, n, nameof(h.RequesterCode), errors);
        var name = Name(h.RequesterName, 40, n, nameof(h.RequesterName), required: true, errors);
        if (!IsMmdd(h.TransferDate))
        {
            errors.Add(new(n, nameof(h.TransferDate), "must be MMDD (month 01-12, day 01-31)"));
        }

        var (rawBankName, rawBranchName) = await BankAsync(h.BankCode, h.BankName, h.BranchCode, h.BranchName, n, errors, cancellationToken).ConfigureAwait(false);
        var bankName = Name(rawBankName, 15, n, "BankName", required: false, errors);
        var branchName = Name(rawBranchName, 15, n, "BranchName", required: false, errors);
        AccountType(h.AccountType, n, errors);
        Digits(h.AccountNumber, 7, n, nameof(h.AccountNumber), errors);
        return errors.Count > before
            ? null
            : ["1", "21", "0", h.RequesterCode, name, h.TransferDate, h.BankCode, bankName, h.BranchCode, branchName, AccountTypeDigit(h.AccountType), h.AccountNumber, ""];
    }

    /// <summary>Checks everything of a data record but the bank and branch codes (<see cref="BankAsync"/> or <see cref="CheckCodes"/>).</summary>
    private static void CheckTransfer(ZenginTransfer t, string? bankName, string? branchName, int n, List<ZenginRecordError> errors, NameCache names)
    {
        if (!string.IsNullOrWhiteSpace(bankName) && names.Convert(bankName) is null)
        {
            errors.Add(new(n, "BankName", "contains a character that cannot be written in a Zengin record"));
        }

        if (!string.IsNullOrWhiteSpace(branchName) && names.Convert(branchName) is null)
        {
            errors.Add(new(n, "BranchName", "contains a character that cannot be written in a Zengin record"));
        }

        if (!string.IsNullOrEmpty(t.ClearingHouseCode))
        {
            Digits(t.ClearingHouseCode, 4, n, nameof(t.ClearingHouseCode), errors);
        }

        AccountType(t.AccountType, n, errors);
        Digits(t.AccountNumber, 7, n, nameof(t.AccountNumber), errors);
        CheckName(t.AccountName, n, nameof(t.AccountName), required: true, errors);
        if (t.Amount is < 1 or > MaxAmount)
        {
            errors.Add(new(n, nameof(t.Amount), "must be 1 to 9,999,999,999 yen"));
        }

        if (t.NewCode is not ('0' or '1' or '2'))
        {
            errors.Add(new(n, nameof(t.NewCode), "must be 0, 1 or 2"));
        }

        CheckCode(t.CustomerCode1, n, nameof(t.CustomerCode1), errors);
        CheckCode(t.CustomerCode2, n, nameof(t.CustomerCode2), errors);
        if (t.TransferDesignation is not (' ' or '7' or '8'))
        {
            errors.Add(new(n, nameof(t.TransferDesignation), "must be 7, 8 or a space"));
        }

        if (t.Identification is not (' ' or 'Y'))
        {
            errors.Add(new(n, nameof(t.Identification), "must be Y or a space"));
        }
    }

    /// <summary>The code checks of <see cref="BankAsync"/> without a master: the names are the record's own.</summary>
    private static (string? BankName, string? BranchName) CheckCodes(string bankCode, string? bankName, string branchCode, string? branchName, int n, List<ZenginRecordError> errors)
    {
        Digits(bankCode, 4, n, "BankCode", errors);
        Digits(branchCode, 3, n, "BranchCode", errors);
        return (bankName, branchName);
    }

    private static void CheckName(string? value, int n, string field, bool required, List<ZenginRecordError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new(n, field, "is required"));
            }
        }
        else if (!AllAllowed(value.AsSpan().Trim()) && !ZenginKana.TryToZengin(value.Trim(), out _))
        {
            errors.Add(new(n, field, "contains a character that cannot be written in a Zengin record"));
        }
    }

    private static void CheckCode(string? value, int n, string field, List<ZenginRecordError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var length = value.Length;
        if (!AllAllowed(value))
        {
            if (!ZenginKana.TryToZengin(value, out var converted))
            {
                errors.Add(new(n, field, "contains a character that cannot be written in a Zengin record"));
                return;
            }

            length = converted.Length;
        }

        if (length > 10)
        {
            errors.Add(new(n, field, "must be at most 10 characters"));
        }
    }

    /// <summary>Whether the text is already Zengin characters, so that <see cref="ZenginKana"/> would return it unchanged.</summary>
    private static bool AllAllowed(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!ZenginKana.IsAllowed(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Encodes a validated data record (データ区分 2) into <paramref name="record"/>, field by field as
    /// <see cref="ZenginLayout.Data"/> lays it out; the bytes are those of <see cref="Encode"/> over the prepared values.
    /// </summary>
    private static void EncodeTransfer(ZenginTransfer t, string? bankName, string? branchName, Span<byte> record, NameCache names)
    {
        record[0] = (byte)'2';
        var pos = 1;
        pos += EncodeDigits(t.BankCode, record.Slice(pos, 4));
        pos += EncodeCachedName(bankName, record.Slice(pos, 15), names);
        pos += EncodeDigits(t.BranchCode, record.Slice(pos, 3));
        pos += EncodeCachedName(branchName, record.Slice(pos, 15), names);
        pos += EncodeText(t.ClearingHouseCode, record.Slice(pos, 4));
        record[pos++] = (byte)('0' + (int)t.AccountType);
        pos += EncodeDigits(t.AccountNumber, record.Slice(pos, 7));
        pos += EncodeName(t.AccountName, record.Slice(pos, 30));
        t.Amount.TryFormat(record.Slice(pos, 10), out _, "D10", CultureInfo.InvariantCulture);
        pos += 10;
        record[pos++] = (byte)t.NewCode;
        pos += EncodeText(t.CustomerCode1, record.Slice(pos, 10));
        pos += EncodeText(t.CustomerCode2, record.Slice(pos, 10));
        record[pos++] = (byte)t.TransferDesignation;
        record[pos++] = (byte)t.Identification;
        record[pos..].Fill((byte)' ');
    }

    private static int EncodeDigits(string value, Span<byte> field)
    {
        for (var i = 0; i < field.Length; i++)
        {
            field[i] = (byte)value[i];
        }

        return field.Length;
    }

    /// <summary>A name: trimmed, converted when it is not Zengin characters already, cut to the field, space-padded.</summary>
    private static int EncodeName(string? value, Span<byte> field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            field.Fill((byte)' ');
            return field.Length;
        }

        // A prefix that is already Zengin characters is what the conversion would start with: no string is made.
        var text = value.AsSpan().Trim();
        var cut = text.Length > field.Length ? text[..field.Length] : text;
        if (TryEncodeAllowed(cut, field))
        {
            return field.Length;
        }

        var converted = ZenginKana.ToZengin(value.Trim(), "Name");
        return EncodeChars(converted.Length > field.Length ? converted.AsSpan(0, field.Length) : converted, field);
    }

    /// <summary>A bank or branch name: the few distinct ones are converted once per file.</summary>
    private static int EncodeCachedName(string? value, Span<byte> field, NameCache names)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            field.Fill((byte)' ');
            return field.Length;
        }

        var converted = names.Convert(value)!;
        return EncodeChars(converted.Length > field.Length ? converted.AsSpan(0, field.Length) : converted, field);
    }

    private static bool TryEncodeAllowed(ReadOnlySpan<char> text, Span<byte> field)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!ZenginKana.IsAllowed(c))
            {
                return false;
            }

            field[i] = ZenginEncoding.Encode(c);
        }

        field[text.Length..].Fill((byte)' ');
        return true;
    }

    /// <summary>Text that fits: converted when needed (customer codes), space-padded.</summary>
    private static int EncodeText(string? value, Span<byte> field)
    {
        if (string.IsNullOrEmpty(value))
        {
            field.Fill((byte)' ');
            return field.Length;
        }

        return EncodeChars(AllAllowed(value) ? value : ZenginKana.ToZengin(value, "Code"), field);
    }

    private static int EncodeChars(ReadOnlySpan<char> text, Span<byte> field)
    {
        for (var i = 0; i < text.Length; i++)
        {
            field[i] = ZenginEncoding.Encode(text[i]);
        }

        field[text.Length..].Fill((byte)' ');
        return field.Length;
    }

    private async ValueTask<(string? BankName, string? BranchName)> BankAsync(
        string bankCode, string? bankName, string branchCode, string? branchName, int n, List<ZenginRecordError> errors, CancellationToken cancellationToken)
    {
        var bankOk = Digits(bankCode, 4, n, "BankCode", errors);
        var branchOk = Digits(branchCode, 3, n, "BranchCode", errors);
        if (_master is not null && bankOk)
        {
            var bank = _master.FindBank(bankCode);
            if (bank is null)
            {
                errors.Add(new(n, "BankCode", "is not in the bank master"));
            }
            else
            {
                bankName = string.IsNullOrEmpty(bankName) ? bank.Kana : bankName;
                if (branchOk)
                {
                    var branch = await _master.FindBranchAsync(bankCode, branchCode, cancellationToken).ConfigureAwait(false);
                    if (branch is null)
                    {
                        errors.Add(new(n, "BranchCode", "is not a branch of this bank in the bank master"));
                    }
                    else
                    {
                        branchName = string.IsNullOrEmpty(branchName) ? branch.Kana : branchName;
                    }
                }
            }
        }

        return (bankName, branchName);
    }

    private static bool Digits(string? value, int width, int n, string field, List<ZenginRecordError> errors)
    {
        if (value is null || value.Length != width || value.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            errors.Add(new(n, field, $"must be exactly {width} digits"));
            return false;
        }

        return true;
    }

    private static string Name(string? value, int width, int n, string field, bool required, List<ZenginRecordError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new(n, field, "is required"));
            }

            return "";
        }

        if (!ZenginKana.TryToZengin(value.Trim(), out var converted))
        {
            errors.Add(new(n, field, "contains a character that cannot be written in a Zengin record"));
            return "";
        }

        return converted.Length > width ? converted[..width] : converted;
    }

    private static void AccountType(ZenginAccountType type, int n, List<ZenginRecordError> errors)
    {
        if (!Enum.IsDefined(type))
        {
            errors.Add(new(n, nameof(AccountType), "must be 1 (普通), 2 (当座), 4 (貯蓄) or 9 (その他)"));
        }
    }

    private static bool IsMmdd(string? value) =>
        value is { Length: 4 } && value.All(char.IsAsciiDigit)
        && int.Parse(value.AsSpan(0, 2), CultureInfo.InvariantCulture) is >= 1 and <= 12
        && int.Parse(value.AsSpan(2, 2), CultureInfo.InvariantCulture) is >= 1 and <= 31;

    private static string AccountTypeDigit(ZenginAccountType type) => ((int)type).ToString(CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static void Encode(ZenginField[] layout, string[] values, Span<byte> record)
    {
        var pos = 0;
        for (var i = 0; i < layout.Length; i++)
        {
            var (_, width, numeric) = layout[i];
            var value = values[i];
            var field = record.Slice(pos, width);
            var pad = width - value.Length;
            if (numeric)
            {
                field[..pad].Fill((byte)'0');
                for (var j = 0; j < value.Length; j++)
                {
                    field[pad + j] = ZenginEncoding.Encode(value[j]);
                }
            }
            else
            {
                for (var j = 0; j < value.Length; j++)
                {
                    field[j] = ZenginEncoding.Encode(value[j]);
                }

                field[value.Length..].Fill((byte)' ');
            }

            pos += width;
        }
    }

    /// <summary>
    /// Bank and branch names of one file converted once each: a file of a million transfers names a few thousand branches.
    /// Holds at most <see cref="Capacity"/> names; further ones are converted each time.
    /// </summary>
    private sealed class NameCache
    {
        private const int Capacity = 4096;
        private readonly Dictionary<string, string?> _converted = new(StringComparer.Ordinal);

        /// <summary>The trimmed, converted (not yet cut) name, or <see langword="null"/> when it cannot be written.</summary>
        public string? Convert(string value)
        {
            if (_converted.TryGetValue(value, out var converted))
            {
                return converted;
            }

            var trimmed = value.AsSpan().Trim();
            converted = AllAllowed(trimmed)
                ? (trimmed.Length == value.Length ? value : trimmed.ToString())
                : ZenginKana.TryToZengin(value.Trim(), out var result) ? result : null;
            if (_converted.Count < Capacity)
            {
                _converted[value] = converted;
            }

            return converted;
        }
    }
}
