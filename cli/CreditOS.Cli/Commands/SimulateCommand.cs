using System.CommandLine;
using System.Text.Json;
using CreditOS.Cli.Demo;
using CreditOS.Cli.Simulation;
using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Samples;

namespace CreditOS.Cli.Commands;

/// <summary>
/// <c>creditos simulate --candidate FILE [--html report.html] [--receivables AR.csv [--orders orders.csv]]</c>: replays
/// the last 12 months of the demo portfolio, or of a CSV export of receivables (and orders), under the active
/// configuration (the shipped one the demo runs) and a candidate (a policy version file or a rule-set version file
/// from <c>creditos calibrate</c>), and reports
/// side by side (console, and a self-contained HTML page with inline SVG charts when asked).
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var candidate = new Option<FileInfo>("--candidate")
        {
            Description = "Candidate: a policy version file (JSON: name, policies by code with the fields to change, starterTerms) or a rule-set version file written by calibrate.",
            Required = true,
        };
        var html = new Option<FileInfo?>("--html") { Description = "Also write the comparison as a self-contained HTML report to this file." };
        var customers = new Option<int>("--customers") { Description = "Customers in the demo portfolio.", DefaultValueFactory = _ => DemoOptions.DefaultCustomers };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the demo portfolio.", DefaultValueFactory = _ => new SamplePortfolioOptions().Seed };
        var receivables = new Option<FileInfo?>("--receivables") { Description = "Replay this CSV export of receivables (the backtest's AR format) instead of the demo portfolio." };
        var orders = new Option<FileInfo?>("--orders") { Description = "With --receivables: the orders export (customer_id,order_id,order_date,amount,status[,channel]); without it each invoice stands for its order." };
        var command = new Command("simulate", "Replay the last 12 months of the demo portfolio under the active and a candidate configuration, side by side.")
        {
            candidate,
            html,
            customers,
            seed,
            receivables,
            orders,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(candidate)!,
            parseResult.GetValue(html),
            new DemoOptions { Customers = parseResult.GetValue(customers), Seed = parseResult.GetValue(seed) },
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            parseResult.GetValue(receivables),
            parseResult.GetValue(orders)));
        return command;
    }

    internal static int Run(FileInfo candidateFile, FileInfo? html, DemoOptions options, TextWriter output, TextWriter error, FileInfo? receivables = null, FileInfo? orders = null)
    {
        ArgumentNullException.ThrowIfNull(candidateFile);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!candidateFile.Exists)
        {
            error.WriteLine("simulate: file not found: " + candidateFile.FullName);
            return ExitCodes.FileNotFound;
        }

        var active = DefaultCreditConfiguration.Create();
        string candidateName;
        CreditConfiguration candidate;
        try
        {
            (candidateName, candidate) = CandidateConfigurationFile.Apply(File.ReadAllText(candidateFile.FullName), active);
        }
        catch (Exception invalid) when (invalid is CreditInputException or InvalidOperationException or FormatException or JsonException)
        {
            error.WriteLine("simulate: " + candidateFile.Name + ": " + invalid.Message);
            return ExitCodes.MalformedInput;
        }

        IReadOnlyList<CreditEngine.History.CustomerHistory> portfolio;
        DateTime asOf;
        string portfolioName;
        if (receivables is null)
        {
            portfolio = SamplePortfolioGenerator.Generate(options.Portfolio);
            asOf = options.Portfolio.HistoryEnd.AddDays(1);
            portfolioName = "demo portfolio, seed " + options.Seed;
        }
        else
        {
            foreach (var file in new[] { receivables, orders }.OfType<FileInfo>().Where(f => !f.Exists))
            {
                error.WriteLine("simulate: file not found: " + file.FullName);
                return ExitCodes.FileNotFound;
            }

            try
            {
                (portfolio, asOf) = CsvPortfolio.Read(receivables.FullName, orders?.FullName, options.Portfolio.Currency, error);
            }
            catch (CreditEngine.Backtesting.BacktestFormatException malformed)
            {
                error.WriteLine("simulate: " + malformed.Message);
                return ExitCodes.MalformedInput;
            }

            portfolioName = receivables.Name + (orders is null ? string.Empty : " and " + orders.Name);
        }

        var comparison = SimulationComparison.Run(portfolioName, portfolio, asOf, active, "shipped default", candidate, candidateName);
        SimulationTextReport.Write(output, comparison);
        if (html is not null)
        {
            OutputFile.WriteText(html.FullName, SimulationHtmlReport.Render(comparison));
            output.WriteLine();
            output.WriteLine("HTML report: " + html.FullName);
        }

        return ExitCodes.Succeeded;
    }
}
