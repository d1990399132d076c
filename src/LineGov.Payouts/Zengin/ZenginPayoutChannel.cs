using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LineGov.Payouts.Zengin;

/// <summary>
/// Pays by 全銀 総合振込 file: each batch of a payout run becomes one file in an output folder, handed to the bank
/// after the run. Channel name <c>"zengin"</c>.
/// </summary>
/// <remarks>
/// <para><b>One file per batch, named deterministically</b>: <c>{runId}-{batch:D6}.zengin</c> (<see cref="FileNameFor"/>;
/// characters of the run id that do not belong in a file name become <c>_</c>, and then a short hash of the run id is
/// appended so two runs never share a file). The file is written through <see cref="ZenginWriter.WriteFileAsync"/>:
/// a temporary file renamed over the target, so a crash leaves the old file or the new one, never half of one.</para>
/// <para><b>Idempotent</b>: the content depends only on the requester template, the batch and the accounts, so
/// issuing the same batch again after a crash yields the same bytes. When the batch's file already exists, its
/// records are kept and answered from: an instruction already in the file is not written again (a batch re-offered with
/// only the instructions whose results were lost gets the references it had), and only instructions that are missing
/// are appended. Nothing is rewritten when nothing is missing. Hand the files to the bank only once the run is
/// complete.</para>
/// <para><b>Customer code</b>: 顧客コード1 holds <see cref="CustomerCodeFor"/> of the instruction's idempotency key, 10
/// digits of its SHA-256: a bank result list that echoes it can be matched back to the payout without any personal
/// data in the file beyond what the bank needs. Ten digits can collide (about 1 in 200 for two records of a 10,000-record
/// batch), so reconciliation should match by <see cref="PayoutIssueResult.Reference"/> (<c>{file name}#{record
/// number}</c>, the header is record 1) and use the code as a cross-check. 顧客コード2 is left empty.</para>
/// <para><b>Results</b>: <see cref="PayoutIssueResult.Issued"/> with reference <c>{file name}#{record number}</c>;
/// <see cref="PayoutIssueResult.Failed"/> for an instruction whose beneficiary has no account on record or whose
/// account cannot be written in a Zengin record (the reason names the field, never the value); the others are still
/// written. When no instruction is valid no file is written. A requester template that is itself invalid, or a batch
/// beyond the trailer's limits (999,999 records, 999,999,999,999 yen), throws <see cref="ZenginValidationException"/>:
/// that is a configuration error, not a beneficiary's.</para>
/// <para><b>Transfer date</b> (振込指定日) is the template's <see cref="ZenginHeader.TransferDate"/>, fixed for the run:
/// a date taken from the clock would change the bytes of a batch re-issued after midnight.</para>
/// <para>The channel is thread-safe; calls for the same file are serialized within the process.</para>
/// <code>
/// var channel = new ZenginPayoutChannel(
///     new ZenginHeader("0000012345", "トウマチョウ", "0325", "0001", "001", "1234567"),
///     outputDirectory: "/var/lib/payouts/zengin",
///     accountResolver: accounts,
///     new ZenginWriterOptions { UseCrLf = true, BankMaster = master });
/// </code>
/// </remarks>
public sealed class ZenginPayoutChannel : IPayoutChannel
{
    /// <summary>The extension of the files written.</summary>
    public const string FileExtension = ".zengin";

    private const int MaxRunIdLength = 64;

    private readonly ZenginHeader _requester;
    private readonly string _outputDirectory;
    private readonly IZenginPayoutAccountResolver _accountResolver;
    private readonly ZenginWriter _writer;

    // Striped locks: calls for one file are serialized without keeping a lock per file forever.
    private readonly SemaphoreSlim[] _fileLocks = [.. Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Creates the channel.</summary>
    /// <param name="requester">The header written into every file: the municipality's 依頼人コード, name, paying account and 振込指定日.</param>
    /// <param name="outputDirectory">The folder the files are written to (created when missing).</param>
    /// <param name="accountResolver">Finds each beneficiary's bank account.</param>
    /// <param name="writerOptions">CRLF and the bank master; <see langword="null"/> for packed records without a master.</param>
    public ZenginPayoutChannel(ZenginHeader requester, string outputDirectory, IZenginPayoutAccountResolver accountResolver, ZenginWriterOptions? writerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentNullException.ThrowIfNull(accountResolver);
        _requester = requester;
        _outputDirectory = Path.GetFullPath(outputDirectory);
        _accountResolver = accountResolver;
        _writer = new ZenginWriter(writerOptions);
    }

    /// <inheritdoc />
    public string Name => "zengin";

    /// <summary>The folder the files are written to.</summary>
    public string OutputDirectory => _outputDirectory;

    /// <summary>The file name of a batch: <c>{runId}-{batch:D6}.zengin</c>, the run id made safe for a file name.</summary>
    /// <param name="runId">The payout run.</param>
    /// <param name="batchNumber">The batch number.</param>
    /// <returns>The file name (no folder).</returns>
    public static string FileNameFor(string runId, long batchNumber)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchNumber);
        var safe = new StringBuilder(Math.Min(runId.Length, MaxRunIdLength) + 9);
        var changed = runId.Length > MaxRunIdLength;
        foreach (var c in runId.AsSpan(0, Math.Min(runId.Length, MaxRunIdLength)))
        {
            var keep = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && safe.Length > 0);
            safe.Append(keep ? c : '_');
            changed |= !keep;
        }

        if (changed)
        {
            // "a/b" and "a_b" must not share a file.
            safe.Append('-').Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(runId)), 0, 4));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{safe}-{batchNumber:D6}{FileExtension}");
    }

    /// <summary>
    /// The 顧客コード1 written for a payout: 10 decimal digits of the SHA-256 of its idempotency key. Recompute it from
    /// the key to cross-check a bank's result line. It is not a secret: beneficiary ids are few, so the hash can be
    /// reversed by trying them all — it hides nothing the file's name and account fields do not already show the bank.
    /// </summary>
    /// <param name="idempotencyKey">The instruction's <see cref="PayoutInstruction.IdempotencyKey"/>.</param>
    /// <returns>Ten digits.</returns>
    public static string CustomerCodeFor(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey), hash);
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) % 10_000_000_000UL;
        return value.ToString("D10", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    /// <exception cref="ZenginValidationException">The requester template is invalid, or the batch exceeds the trailer's limits.</exception>
    /// <exception cref="ZenginFormatException">The batch's file exists but is not a readable Zengin file.</exception>
    public async ValueTask<IReadOnlyList<PayoutIssueResult>> IssueAsync(PayoutBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var headerErrors = await _writer.ValidateAsync(_requester, [], cancellationToken).ConfigureAwait(false);
        if (headerErrors.Count > 0)
        {
            throw new ZenginValidationException(headerErrors);
        }

        var fileName = FileNameFor(batch.RunId, batch.BatchNumber);
        var path = Path.Combine(_outputDirectory, fileName);
        var fileLock = _fileLocks[(StringComparer.Ordinal.GetHashCode(path) & int.MaxValue) % _fileLocks.Length];
        await fileLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(_outputDirectory);
            var records = File.Exists(path)
                ? [.. (await new ZenginReader().ReadFileAsync(path, cancellationToken).ConfigureAwait(false)).Transfers]
                : new List<ZenginTransfer>();
            var existing = records.Count;
            var unclaimed = ByCustomerCode(records);
            var results = new List<PayoutIssueResult>(batch.Items.Count);
            var candidates = new List<(PayoutInstruction Instruction, ZenginTransfer Transfer)>(batch.Items.Count);
            foreach (var instruction in batch.Items)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // A record already in the batch's file (written before a crash) is what the bank will pay: it answers
                // for its payout whatever the account data says now — a changed or since-invalid account must neither
                // turn a written transfer into "failed" nor add a second record for the same payout.
                var code = CustomerCodeFor(instruction.IdempotencyKey);
                var written = Claim(unclaimed, records, code, instruction.Amount);
                if (written >= 0)
                {
                    results.Add(PayoutIssueResult.Issued(instruction.IdempotencyKey, Reference(fileName, written)));
                    continue;
                }

                var account = await _accountResolver.ResolveAsync(instruction, cancellationToken).ConfigureAwait(false);
                if (account is null)
                {
                    results.Add(PayoutIssueResult.Failed(instruction.IdempotencyKey, "the beneficiary has no bank account on record"));
                    continue;
                }

                candidates.Add((instruction, new ZenginTransfer(
                    account.BankCode,
                    account.BranchCode,
                    account.AccountNumber,
                    account.AccountName,
                    instruction.Amount,
                    account.BankName,
                    account.BranchName,
                    account.AccountType,
                    CustomerCode1: code)));
            }

            foreach (var (instruction, transfer) in await RemoveInvalidAsync(candidates, results, cancellationToken).ConfigureAwait(false))
            {
                records.Add(transfer);
                results.Add(PayoutIssueResult.Issued(instruction.IdempotencyKey, Reference(fileName, records.Count - 1)));
            }

            if (records.Count > existing)
            {
                await _writer.WriteFileAsync(path, _requester, records, cancellationToken).ConfigureAwait(false);
            }

            return results;
        }
        finally
        {
            fileLock.Release();
        }
    }

    /// <summary>Record 1 is the header: the transfer at <paramref name="index"/> is record index + 2.</summary>
    private static string Reference(string fileName, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{fileName}#{index + 2}");

    /// <inheritdoc />
    public override string ToString() => $"ZenginPayoutChannel({_outputDirectory})";

    /// <summary>Validates every transfer at once; invalid ones become failed results, the rest are returned.</summary>
    private async Task<List<(PayoutInstruction Instruction, ZenginTransfer Transfer)>> RemoveInvalidAsync(
        List<(PayoutInstruction Instruction, ZenginTransfer Transfer)> candidates, List<PayoutIssueResult> results, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return candidates;
        }

        var errors = await _writer.ValidateAsync(_requester, candidates.ConvertAll(c => c.Transfer), cancellationToken).ConfigureAwait(false);
        if (errors.Count == 0)
        {
            return candidates;
        }

        // Record n is candidate n - 2; the trailer (n = count + 2) fails the batch as a whole.
        var trailerErrors = errors.Where(e => e.RecordNumber < 2 || e.RecordNumber >= candidates.Count + 2).ToList();
        if (trailerErrors.Count > 0)
        {
            throw new ZenginValidationException(trailerErrors);
        }

        var reasons = errors.ToLookup(e => e.RecordNumber - 2);
        var valid = new List<(PayoutInstruction, ZenginTransfer)>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (reasons[i].Any())
            {
                var why = string.Join("; ", reasons[i].Select(e => $"{e.Field} {e.Reason}"));
                results.Add(PayoutIssueResult.Failed(candidates[i].Instruction.IdempotencyKey, $"the bank account on record cannot be written to a Zengin file: {why}"));
            }
            else
            {
                valid.Add(candidates[i]);
            }
        }

        return valid;
    }

    private static Dictionary<string, List<int>> ByCustomerCode(List<ZenginTransfer> records)
    {
        var map = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].CustomerCode1 is { } code)
            {
                if (!map.TryGetValue(code, out var indexes))
                {
                    map[code] = indexes = [];
                }

                indexes.Add(i);
            }
        }

        return map;
    }

    /// <summary>Takes the first unclaimed existing record of this payout (its customer code and amount), or returns -1.</summary>
    private static int Claim(Dictionary<string, List<int>> unclaimed, List<ZenginTransfer> records, string customerCode, long amount)
    {
        if (!unclaimed.TryGetValue(customerCode, out var indexes))
        {
            return -1;
        }

        for (var k = 0; k < indexes.Count; k++)
        {
            if (records[indexes[k]].Amount == amount)
            {
                var index = indexes[k];
                indexes.RemoveAt(k);
                return index;
            }
        }

        return -1;
    }
}
