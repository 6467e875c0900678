using System.CommandLine;
using CreditOS.Cli.Commands;

var root = new RootCommand("creditOS for Dynamics 365 on the local Dataverse: demo, backtest, calibrate, simulate, reports, rule-set import, configuration and solution packing.");
foreach (var command in CliCommands.All())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
