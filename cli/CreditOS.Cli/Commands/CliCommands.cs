using System.CommandLine;

namespace CreditOS.Cli.Commands;

/// <summary>Every verb of the creditos command, one file each.</summary>
internal static class CliCommands
{
    public static IEnumerable<Command> All()
    {
        yield return DemoCommand.Create();
        yield return BacktestCommand.Create();
        yield return CalibrateCommand.Create();
        yield return SimulateCommand.Create();
        yield return ReportCommand.Create();
        yield return ImportRuleSetCommand.Create();
        yield return ConfigCommand.Create();
        yield return PackSolutionCommand.Create();
    }
}
