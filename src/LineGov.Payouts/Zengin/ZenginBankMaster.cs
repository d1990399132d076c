using System.Collections.Concurrent;
using System.Text.Json;

namespace LineGov.Payouts.Zengin;

/// <summary>A bank in the master: 銀行コード, name and the katakana reading written into Zengin records.</summary>
/// <param name="Code">金融機関コード (4 digits).</param>
/// <param name="Name">Name as usually written (漢字).</param>
/// <param name="Kana">Reading in full-width katakana, as the master holds it.</param>
public sealed record ZenginBank(string Code, string Name, string Kana)
{
    /// <summary>金融機関コード (4 digits).</summary>
    public string Code { get; } = Code;

    /// <summary>Name as usually written.</summary>
    public string Name { get; } = Name;

    /// <summary>Reading in full-width katakana.</summary>
    public string Kana { get; } = Kana;
}

/// <summary>A branch of a bank in the master.</summary>
/// <param name="Code">支店コード (3 digits).</param>
/// <param name="Name">Name as usually written (漢字).</param>
/// <param name="Kana">Reading in full-width katakana, as the master holds it.</param>
public sealed record ZenginBranch(string Code, string Name, string Kana)
{
    /// <summary>支店コード (3 digits).</summary>
    public string Code { get; } = Code;

    /// <summary>Name as usually written.</summary>
    public string Name { get; } = Name;

    /// <summary>Reading in full-width katakana.</summary>
    public string Kana { get; } = Kana;
}

/// <summary>
/// Bank and branch codes from a folder shaped like zengin-code/source-data (MIT): <c>banks.json</c> and
/// <c>branches/&lt;bank code&gt;.json</c>, each an object keyed by code with <c>code</c>, <c>name</c> and <c>kana</c>.
/// Give it to <see cref="ZenginWriterOptions.BankMaster"/> to reject unknown codes and fill empty bank and branch names;
/// without a master only the format of the codes is checked. Branch files are read on first use and cached;
/// the instance is thread-safe.
/// </summary>
/// <example>
/// <code>
/// var master = await ZenginBankMaster.LoadAsync("data/zengin");
/// var branch = await master.FindBranchAsync("0001", "001");   // みずほ 東京営業部
/// </code>
/// </example>
public sealed class ZenginBankMaster
{
    private readonly string _directory;
    private readonly IReadOnlyDictionary<string, ZenginBank> _banks;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, ZenginBranch>> _branches = new(StringComparer.Ordinal);

    private ZenginBankMaster(string directory, IReadOnlyDictionary<string, ZenginBank> banks)
    {
        _directory = directory;
        _banks = banks;
    }

    /// <summary>Every bank in the master, by code.</summary>
    public IReadOnlyDictionary<string, ZenginBank> Banks => _banks;

    /// <summary>Reads <c>banks.json</c> from <paramref name="directory"/>; branch files are read when first needed.</summary>
    /// <param name="directory">The folder holding <c>banks.json</c> and <c>branches/</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The master.</returns>
    /// <exception cref="ZenginFormatException"><c>banks.json</c> is not the expected shape.</exception>
    public static async Task<ZenginBankMaster> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var banks = await ReadEntriesAsync(Path.Combine(directory, "banks.json"), "banks.json", cancellationToken).ConfigureAwait(false);
        return new ZenginBankMaster(
            directory,
            banks.ToDictionary(e => e.Code, e => new ZenginBank(e.Code, e.Name, e.Kana), StringComparer.Ordinal));
    }

    /// <summary>Looks up a bank.</summary>
    /// <param name="bankCode">4-digit bank code.</param>
    /// <returns>The bank, or <see langword="null"/> when the master does not know it.</returns>
    public ZenginBank? FindBank(string bankCode)
    {
        ArgumentNullException.ThrowIfNull(bankCode);
        return _banks.GetValueOrDefault(bankCode);
    }

    /// <summary>Looks up a branch, reading the bank's branch file on first use.</summary>
    /// <param name="bankCode">4-digit bank code.</param>
    /// <param name="branchCode">3-digit branch code.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The branch, or <see langword="null"/> when the bank or branch is unknown.</returns>
    public async ValueTask<ZenginBranch?> FindBranchAsync(string bankCode, string branchCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bankCode);
        ArgumentNullException.ThrowIfNull(branchCode);
        if (!_banks.ContainsKey(bankCode))
        {
            return null;
        }

        if (!_branches.TryGetValue(bankCode, out var branches))
        {
            var path = Path.Combine(_directory, "branches", bankCode + ".json");
            branches = File.Exists(path)
                ? (await ReadEntriesAsync(path, $"branches/{bankCode}.json", cancellationToken).ConfigureAwait(false))
                    .ToDictionary(e => e.Code, e => new ZenginBranch(e.Code, e.Name, e.Kana), StringComparer.Ordinal)
                : new Dictionary<string, ZenginBranch>(StringComparer.Ordinal);
            branches = _branches.GetOrAdd(bankCode, branches);
        }

        return branches.GetValueOrDefault(branchCode);
    }

    private static async Task<List<(string Code, string Name, string Kana)>> ReadEntriesAsync(string path, string field, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new ZenginFormatException(field, "expected an object keyed by code");
                }

                var entries = new List<(string, string, string)>();
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var e = property.Value;
                    if (e.ValueKind != JsonValueKind.Object
                        || !e.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                        || !e.TryGetProperty("kana", out var kana) || kana.ValueKind != JsonValueKind.String)
                    {
                        throw new ZenginFormatException($"{field}:{property.Name}", "expected name and kana strings");
                    }

                    entries.Add((property.Name, name.GetString()!, kana.GetString()!));
                }

                return entries;
            }
            catch (JsonException ex)
            {
                throw new ZenginFormatException($"{field} is not valid JSON", ex);
            }
        }
    }
}
