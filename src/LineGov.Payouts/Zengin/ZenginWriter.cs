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
        var count = 0;
        long total = 0;
        foreach (var transfer in transfers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ArgumentNullException.ThrowIfNull(transfer, nameof(transfers));
            count++;
            await PrepareTransferAsync(transfer, count + 1, errors, cancellationToken).ConfigureAwait(false);
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

        async ValueTask PutAsync(ZenginField[] layout, string[] values)
        {
            Encode(layout, values, buffer.AsSpan(used, ZenginLayout.RecordLength));
            used += ZenginLayout.RecordLength;
            if (_crlf)
            {
                buffer[used++] = (byte)'\r';
                buffer[used++] = (byte)'\n';
            }

            if (used == buffer.Length)
            {
                await destination.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                used = 0;
            }
        }

        await PutAsync(ZenginLayout.Header, (await PrepareHeaderAsync(header, ignored, cancellationToken).ConfigureAwait(false))!).ConfigureAwait(false);
        long total = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var values = await PrepareTransferAsync(list[i], i + 2, ignored, cancellationToken).ConfigureAwait(false);
            await PutAsync(ZenginLayout.Data, values!).ConfigureAwait(false);
            total += list[i].Amount;
        }

        var trailer = new ZenginTrailer(list.Count, total);
        await PutAsync(ZenginLayout.Trailer, ["8", Number(trailer.Count), Number(trailer.TotalAmount), ""]).ConfigureAwait(false);
        await PutAsync(ZenginLayout.End, ["9", ""]).ConfigureAwait(false);
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

        var (bankName, branchName) = await BankAsync(h.BankCode, h.BankName, h.BranchCode, h.BranchName, n, errors, cancellationToken).ConfigureAwait(false);
        AccountType(h.AccountType, n, errors);
        Digits(h.AccountNumber, 7, n, nameof(h.AccountNumber), errors);
        return errors.Count > before
            ? null
            : ["1", "21", "0", h.RequesterCode, name, h.TransferDate, h.BankCode, bankName, h.BranchCode, branchName, AccountTypeDigit(h.AccountType), h.AccountNumber, ""];
    }

    private async ValueTask<string[]?> PrepareTransferAsync(ZenginTransfer t, int n, List<ZenginRecordError> errors, CancellationToken cancellationToken)
    {
        var before = errors.Count;
        var (bankName, branchName) = await BankAsync(t.BankCode, t.BankName, t.BranchCode, t.BranchName, n, errors, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(t.ClearingHouseCode))
        {
            Digits(t.ClearingHouseCode, 4, n, nameof(t.ClearingHouseCode), errors);
        }

        AccountType(t.AccountType, n, errors);
        Digits(t.AccountNumber, 7, n, nameof(t.AccountNumber), errors);
        var accountName = Name(t.AccountName, 30, n, nameof(t.AccountName), required: true, errors);
        if (t.Amount is < 1 or > MaxAmount)
        {
            errors.Add(new(n, nameof(t.Amount), "must be 1 to 9,999,999,999 yen"));
        }

        if (t.NewCode is not ('0' or '1' or '2'))
        {
            errors.Add(new(n, nameof(t.NewCode), "must be 0, 1 or 2"));
        }

        var code1 = Code(t.CustomerCode1, n, nameof(t.CustomerCode1), errors);
        var code2 = Code(t.CustomerCode2, n, nameof(t.CustomerCode2), errors);
        if (t.TransferDesignation is not (' ' or '7' or '8'))
        {
            errors.Add(new(n, nameof(t.TransferDesignation), "must be 7, 8 or a space"));
        }

        if (t.Identification is not (' ' or 'Y'))
        {
            errors.Add(new(n, nameof(t.Identification), "must be Y or a space"));
        }

        return errors.Count > before
            ? null
            :
            [
                "2", t.BankCode, bankName, t.BranchCode, branchName, t.ClearingHouseCode ?? "", AccountTypeDigit(t.AccountType),
                t.AccountNumber, accountName, Number(t.Amount), t.NewCode.ToString(), code1, code2,
                t.TransferDesignation.ToString(), t.Identification.ToString(), "",
            ];
    }

    private async ValueTask<(string BankName, string BranchName)> BankAsync(
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

        return (Name(bankName, 15, n, "BankName", required: false, errors), Name(branchName, 15, n, "BranchName", required: false, errors));
    }

    private static bool Digits(string? value, int width, int n, string field, List<ZenginRecordError> errors)
    {
        if (value is null || value.Length != width || !value.All(char.IsAsciiDigit))
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

    private static string Code(string? value, int n, string field, List<ZenginRecordError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (!ZenginKana.TryToZengin(value, out var converted))
        {
            errors.Add(new(n, field, "contains a character that cannot be written in a Zengin record"));
            return "";
        }

        if (converted.Length > 10)
        {
            errors.Add(new(n, field, "must be at most 10 characters"));
            return "";
        }

        return converted;
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
}
