using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LineGov.Eligibility;

/// <summary>What kind of number a keyed program accepts.</summary>
public enum ProgramKeyKind
{
    /// <summary>A pre-issued ticket or voucher number (接種券番号, 商品券番号 …) printed on paper sent to the resident.</summary>
    Ticket = 1,

    /// <summary>A card number (a points card, a 図書館カード …) issued by the municipality or a provider.</summary>
    Card = 2,
}

/// <summary>The check-digit scheme of a key: the last digit is computed from the others.</summary>
public enum CheckDigitScheme
{
    /// <summary>No check digit: every string of the right length is well-formed.</summary>
    None = 0,

    /// <summary>
    /// Damm (2004): one decimal digit that detects every single-digit error and every transposition of adjacent digits
    /// (Luhn misses 09 ↔ 90; ISO 7064 MOD 11-2 needs an <c>X</c>, MOD 97-10 two digits). The default for tickets.
    /// </summary>
    Damm = 1,

    /// <summary>Luhn (ISO/IEC 7812-1): what payment and points cards carry; misses 09 ↔ 90 transpositions. The default for cards.</summary>
    Luhn = 2,
}

/// <summary>Whether a key is usable: well-formed with a matching check digit, or why not.</summary>
public enum KeyFormatCheck
{
    /// <summary>The right number of digits and a matching check digit.</summary>
    Valid = 1,

    /// <summary>Not the right number of digits (after spaces and hyphens are removed and widths folded).</summary>
    Malformed = 2,

    /// <summary>The right length, but the check digit does not match: a typo.</summary>
    CheckDigitMismatch = 3,
}

/// <summary>The numbers a keyed program accepts: kind, length (check digit included) and check-digit scheme.</summary>
public sealed class ProgramKeySpec
{
    /// <summary>The shortest key accepted.</summary>
    public const int MinLength = 4;

    /// <summary>The longest key accepted.</summary>
    public const int MaxLength = 32;

    /// <summary>Creates a spec.</summary>
    /// <param name="kind">Ticket or card.</param>
    /// <param name="length">The number of digits, the check digit included (<see cref="MinLength"/>–<see cref="MaxLength"/>).</param>
    /// <param name="checkDigit">The scheme; by default Damm for tickets and Luhn for cards.</param>
    public ProgramKeySpec(ProgramKeyKind kind, int length, CheckDigitScheme? checkDigit = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxLength);
        Kind = kind;
        Length = length;
        CheckDigit = checkDigit ?? DefaultScheme(kind);
    }

    /// <summary>Ticket or card.</summary>
    public ProgramKeyKind Kind { get; }

    /// <summary>The number of digits, the check digit included.</summary>
    public int Length { get; }

    /// <summary>The check-digit scheme.</summary>
    public CheckDigitScheme CheckDigit { get; }

    /// <summary>The default scheme of a kind: Damm for tickets (we print them), Luhn for cards (the industry's).</summary>
    public static CheckDigitScheme DefaultScheme(ProgramKeyKind kind) => kind == ProgramKeyKind.Card ? CheckDigitScheme.Luhn : CheckDigitScheme.Damm;

    /// <summary>
    /// The key as compared and stored: NFKC (full-width digits become ASCII), spaces and hyphen look-alikes removed.
    /// Returns the text so cleaned even when it is not digits (then <see cref="Check"/> says Malformed).
    /// </summary>
    public static string Normalize(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = key.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c is not ('-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\u30FC' or '\uFF70'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Checks a key (normalized first).</summary>
    public KeyFormatCheck Check(string key)
    {
        var normalized = Normalize(key);
        if (normalized.Length != Length || !normalized.All(char.IsAsciiDigit))
        {
            return KeyFormatCheck.Malformed;
        }

        return CheckDigits.IsValid(normalized, CheckDigit) ? KeyFormatCheck.Valid : KeyFormatCheck.CheckDigitMismatch;
    }

    /// <inheritdoc />
    public override string ToString() => $"ProgramKeySpec({Kind}, {Length.ToString(CultureInfo.InvariantCulture)} digits, {CheckDigit})";
}

/// <summary>Check digits over decimal strings: Damm and Luhn.</summary>
public static class CheckDigits
{
    // Damm's totally anti-symmetric quasigroup of order 10: row = interim digit, column = next digit.
    private static readonly byte[,] DammTable =
    {
        { 0, 3, 1, 7, 5, 9, 8, 6, 4, 2 },
        { 7, 0, 9, 2, 1, 5, 4, 8, 6, 3 },
        { 4, 2, 0, 6, 8, 7, 1, 3, 5, 9 },
        { 1, 7, 5, 0, 9, 8, 3, 4, 2, 6 },
        { 6, 1, 2, 3, 0, 4, 5, 9, 7, 8 },
        { 3, 6, 7, 4, 2, 0, 9, 5, 8, 1 },
        { 5, 8, 6, 9, 7, 2, 0, 1, 3, 4 },
        { 8, 9, 4, 5, 3, 6, 2, 0, 1, 7 },
        { 9, 4, 3, 8, 6, 1, 7, 2, 0, 5 },
        { 2, 5, 8, 1, 4, 3, 6, 7, 9, 0 },
    };

    /// <summary>The check digit to append to <paramref name="digits"/> (ASCII digits) under <paramref name="scheme"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="digits"/> is empty or not all ASCII digits, or the scheme is <see cref="CheckDigitScheme.None"/>.</exception>
    public static char Compute(string digits, CheckDigitScheme scheme)
    {
        EnsureDigits(digits);
        return scheme switch
        {
            CheckDigitScheme.Damm => (char)('0' + Damm(digits)),
            CheckDigitScheme.Luhn => (char)('0' + ((10 - Luhn(digits, doubleLast: true)) % 10)),
            _ => throw new ArgumentException("The scheme has no check digit.", nameof(scheme)),
        };
    }

    /// <summary>Whether the last digit of <paramref name="number"/> is the check digit of the others (always true for <see cref="CheckDigitScheme.None"/>).</summary>
    public static bool IsValid(string number, CheckDigitScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (number.Length < 2 || !number.All(char.IsAsciiDigit))
        {
            return false;
        }

        return scheme switch
        {
            CheckDigitScheme.None => true,

            // Damm: running the whole number, check digit included, through the table ends in 0.
            CheckDigitScheme.Damm => Damm(number) == 0,
            CheckDigitScheme.Luhn => Luhn(number, doubleLast: false) == 0,
            _ => false,
        };
    }

    private static int Damm(string digits)
    {
        var interim = 0;
        foreach (var c in digits)
        {
            interim = DammTable[interim, c - '0'];
        }

        return interim;
    }

    // The Luhn sum mod 10, doubling every second digit from the right; when computing a check digit the digit that
    // will sit left of it is the first doubled.
    private static int Luhn(string digits, bool doubleLast)
    {
        var sum = 0;
        var doubleIt = doubleLast;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10;
    }

    private static void EnsureDigits(string digits)
    {
        ArgumentException.ThrowIfNullOrEmpty(digits);
        if (!digits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Only ASCII digits carry a check digit.", nameof(digits));
        }
    }
}

/// <summary>Issues ticket / voucher numbers for programs that print them: random, unguessable, with the spec's check digit.</summary>
public static class TicketNumbers
{
    /// <summary>
    /// <paramref name="count"/> distinct numbers of <paramref name="spec"/>'s length, from <see cref="RandomNumberGenerator"/>
    /// (a ticket number is a bearer secret until it is used: it must not be guessable from its neighbours). The first
    /// digit is never 0, so spreadsheets do not eat it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or more than a tenth of the numbers of that length.</exception>
    public static IReadOnlyList<string> Generate(ProgramKeySpec spec, int count)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var payloadLength = spec.CheckDigit == CheckDigitScheme.None ? spec.Length : spec.Length - 1;

        // Keep the space sparse: with at most a tenth used, a random guess is a used number at most one time in ten,
        // and the loop below ends quickly.
        if (count > 0.9 * Math.Pow(10, payloadLength - 1))
        {
            throw new ArgumentOutOfRangeException(nameof(count), "Too many numbers for the length: keep a ticket number unguessable (use at most a tenth of the space).");
        }

        var issued = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(count);
        var digits = new char[payloadLength];
        while (result.Count < count)
        {
            digits[0] = (char)('1' + RandomNumberGenerator.GetInt32(9));
            for (var i = 1; i < payloadLength; i++)
            {
                digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
            }

            var payload = new string(digits);
            var number = spec.CheckDigit == CheckDigitScheme.None ? payload : payload + CheckDigits.Compute(payload, spec.CheckDigit);
            if (issued.Add(number))
            {
                result.Add(number);
            }
        }

        return result;
    }
}

/// <summary>
/// The keys a program issued and to whom: ticket number → resident id (宛名番号). Immutable and thread-safe. With it a
/// key application is judged on the resident it was issued to, and a JPKI application of a keyed program finds its key.
/// A resident issued several keys (a re-issued ticket) holds only the last one: the earlier keys are void
/// (<see cref="IsVoided"/>) and no longer resolve to anyone.
/// </summary>
public sealed class IssuedKeys
{
    private readonly Dictionary<string, string> _residentByKey;
    private readonly Dictionary<string, string> _keyByResident;
    private readonly HashSet<string> _voided;

    private IssuedKeys(Dictionary<string, string> residentByKey, Dictionary<string, string> keyByResident, HashSet<string> voided)
    {
        _residentByKey = residentByKey;
        _keyByResident = keyByResident;
        _voided = voided;
    }

    /// <summary>The number of keys issued, voided ones included.</summary>
    public int Count => _residentByKey.Count;

    /// <summary>Builds the list; keys are normalized (<see cref="ProgramKeySpec.Normalize"/>).</summary>
    /// <exception cref="ArgumentException">A key is issued twice.</exception>
    public static IssuedKeys Create(IEnumerable<KeyValuePair<string, string>> keyToResidentId)
    {
        ArgumentNullException.ThrowIfNull(keyToResidentId);
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        var byResident = new Dictionary<string, string>(StringComparer.Ordinal);
        var voided = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, residentId) in keyToResidentId)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            ArgumentException.ThrowIfNullOrWhiteSpace(residentId);
            var normalized = ProgramKeySpec.Normalize(key);
            if (!byKey.TryAdd(normalized, residentId))
            {
                throw new ArgumentException("A key is issued twice.", nameof(keyToResidentId));
            }

            // A resident re-issued a ticket keeps the last one: the earlier ticket is lost or void.
            if (byResident.TryGetValue(residentId, out var earlier))
            {
                voided.Add(earlier);
            }

            byResident[residentId] = normalized;
        }

        return new IssuedKeys(byKey, byResident, voided);
    }

    /// <summary>The resident a key was issued to, or null when it was not issued or was voided by a re-issue.</summary>
    public string? ResidentFor(string key)
    {
        var normalized = ProgramKeySpec.Normalize(key);
        return _voided.Contains(normalized) ? null : _residentByKey.GetValueOrDefault(normalized);
    }

    /// <summary>Whether a key was issued and then voided because its resident was issued a later one.</summary>
    public bool IsVoided(string key) => _voided.Contains(ProgramKeySpec.Normalize(key));

    /// <summary>The (last) key issued to a resident, or null.</summary>
    public string? KeyFor(string residentId) => _keyByResident.GetValueOrDefault(residentId);

    /// <inheritdoc />
    public override string ToString() => $"IssuedKeys({Count})";
}
