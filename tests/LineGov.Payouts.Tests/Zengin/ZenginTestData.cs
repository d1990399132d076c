using System.Text;
using LineGov.Payouts.Zengin;

namespace LineGov.Payouts.Tests.Zengin;

internal static class ZenginTestData
{
    public static string MasterDirectory => Path.Combine(AppContext.BaseDirectory, "data", "zengin");

    public static ZenginHeader Header(
        string requesterCode = "0000012345",
        string requesterName = "トウマチョウ",
        string transferDate = "0325",
        string bankCode = "0001",
        string? bankName = "ミズホ",
        string branchCode = "001",
        string? branchName = "トウキョウ",
        string accountNumber = "1234567") =>
        new(requesterCode, requesterName, transferDate, bankCode, branchCode, accountNumber, bankName, branchName, ZenginAccountType.Ordinary);

    public static ZenginTransfer Transfer(
        string bankCode = "0001",
        string? bankName = "ミズホ",
        string branchCode = "001",
        string? branchName = "トウキョウ",
        string accountNumber = "7654321",
        string accountName = "ガッコウ　タロウ",
        long amount = 50_000,
        string? customerCode1 = "A001",
        ZenginAccountType accountType = ZenginAccountType.Ordinary,
        char newCode = '0') =>
        new(bankCode, branchCode, accountNumber, accountName, amount, bankName, branchName, accountType, CustomerCode1: customerCode1, NewCode: newCode);

    /// <summary>Concatenates ASCII strings and raw byte arrays: the golden bytes are written out by hand.</summary>
    public static byte[] Bytes(params object[] parts)
    {
        var result = new List<byte>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case string s:
                    result.AddRange(Encoding.ASCII.GetBytes(s));
                    break;
                case byte[] b:
                    result.AddRange(b);
                    break;
                default:
                    throw new ArgumentException("string or byte[]");
            }
        }

        return [.. result];
    }

    public static string Spaces(int n) => new(' ', n);
}
