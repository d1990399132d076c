using System.CommandLine;
using LineGov.Cli.Infrastructure;

namespace LineGov.Cli.Commands;

/// <summary><c>linegov zengin</c>: write and read 全銀 総合振込 (Zengin bulk transfer) files.</summary>
internal static class ZenginCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "zengin",
            "全銀 総合振込 (Zengin bulk transfer) files, the fixed-width files (120-byte records, half-width katakana) that banks " +
            "take for paying many accounts at once. 'write' makes one from a CSV of transfers and checks every row first; " +
            "'read' shows what a file holds, to check it before you send it to the bank.");
        command.Subcommands.Add(ZenginWriteCommand.Create(context));
        command.Subcommands.Add(ZenginReadCommand.Create(context));
        return command;
    }

    /// <summary><c>****567</c>: enough to recognise an account on screen, not enough to use it.</summary>
    public static string Mask(string accountNumber) =>
        accountNumber.Length <= 3 ? new string('*', accountNumber.Length) : "****" + accountNumber[^3..];

    /// <summary>預金種目 as a municipal clerk reads it.</summary>
    public static string Describe(LineGov.Payouts.Zengin.ZenginAccountType type) => type switch
    {
        LineGov.Payouts.Zengin.ZenginAccountType.Ordinary => "普通",
        LineGov.Payouts.Zengin.ZenginAccountType.Current => "当座",
        LineGov.Payouts.Zengin.ZenginAccountType.Savings => "貯蓄",
        _ => "その他",
    };
}
