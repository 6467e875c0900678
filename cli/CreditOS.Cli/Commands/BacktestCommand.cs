using System.CommandLine;
using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Configuration;
using CreditOS.Cli.Ledger;

namespace CreditOS.Cli.Commands;

/// <summary>
/// <c>creditos backtest &lt;csv&gt;</c>: replays an accounts-receivable history and reports how well the Risk score
/// predicts late payment (no look-ahead). The last line of the report is <c>auc=0.xxx</c>.
/// </summary>
public static class BacktestCommand
{
    public static Command Create()
    {
        var csv = new Argument<FileInfo>("csv")
        {
            Description = "Accounts-receivable history: customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed",
        };
        var command = new Command("backtest", "Replay an AR history and measure how well the risk score predicts late payment (no look-ahead).")
        {
            csv,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(csv)!,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(FileInfo csv, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!csv.Exists)
        {
            error.WriteLine("backtest: file not found: " + csv.FullName);
            return ExitCodes.FileNotFound;
        }

        try
        {
            using var reader = csv.OpenText();
            var result = Backtester.Run(ArHistoryCsv.Read(reader), DefaultCreditConfiguration.Create());
            BacktestReportWriter.Write(result, output);
            return ExitCodes.Succeeded;
        }
        catch (BacktestFormatException ex)
        {
            error.WriteLine("backtest: " + csv.Name + ", " + ex.Message);
            return ExitCodes.MalformedInput;
        }
    }
}
