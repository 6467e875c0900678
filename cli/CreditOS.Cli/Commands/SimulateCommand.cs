using System.CommandLine;
using System.Text;
using System.Text.Json;
using CreditOS.Cli.Demo;
using CreditOS.Cli.Simulation;
using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Samples;

namespace CreditOS.Cli.Commands;

/// <summary>
/// <c>creditos simulate --candidate FILE [--html report.html]</c>: replays the last 12 months of the demo portfolio
/// under the active configuration (the shipped one the demo runs) and a candidate policy version file, and reports
/// side by side (console, and a self-contained HTML page with inline SVG charts when asked).
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var candidate = new Option<FileInfo>("--candidate")
        {
            Description = "Candidate policy version file (JSON: name, policies by code with the fields to change, starterTerms).",
            Required = true,
        };
        var html = new Option<FileInfo?>("--html") { Description = "Also write the comparison as a self-contained HTML report to this file." };
        var customers = new Option<int>("--customers") { Description = "Customers in the demo portfolio.", DefaultValueFactory = _ => DemoOptions.DefaultCustomers };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the demo portfolio.", DefaultValueFactory = _ => new SamplePortfolioOptions().Seed };
        var command = new Command("simulate", "Replay the last 12 months of the demo portfolio under the active and a candidate configuration, side by side.")
        {
            candidate,
            html,
            customers,
            seed,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(candidate)!,
            parseResult.GetValue(html),
            new DemoOptions { Customers = parseResult.GetValue(customers), Seed = parseResult.GetValue(seed) },
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(FileInfo candidateFile, FileInfo? html, DemoOptions options, TextWriter output, TextWriter error)
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

        var portfolio = SamplePortfolioGenerator.Generate(options.Portfolio);
        var comparison = SimulationComparison.Run(
            "demo portfolio, seed " + options.Seed, portfolio, options.Portfolio.HistoryEnd.AddDays(1), active, "shipped default", candidate, candidateName);
        SimulationTextReport.Write(output, comparison);
        if (html is not null)
        {
            File.WriteAllText(html.FullName, SimulationHtmlReport.Render(comparison), new UTF8Encoding(false));
            output.WriteLine();
            output.WriteLine("HTML report: " + html.FullName);
        }

        return ExitCodes.Succeeded;
    }
}
