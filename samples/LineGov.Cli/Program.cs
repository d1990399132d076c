using System.Text;
using LineGov.Cli;

// The console must carry Japanese (氏名, 住所) on every platform, including a Windows console on a legacy code page.
Console.OutputEncoding = Encoding.UTF8;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await LinegovCli.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
