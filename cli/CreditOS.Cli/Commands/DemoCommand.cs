using System.CommandLine;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using CreditOS.Cli.Demo;

namespace CreditOS.Cli.Commands;

/// <summary>
/// <c>creditos demo [--customers N] [--seed S]</c>: creditOS on an embedded local Dataverse with a generated
/// portfolio, the credit story and the portfolio KPIs.
/// </summary>
internal static class DemoCommand
{
    public const int Failed = 1;

    public static Command Create()
    {
        var customers = new Option<int>("--customers")
        {
            Description = "How many B2B customers to generate (" + DemoOptions.MinimumCustomers + "-" + DemoOptions.MaximumCustomers + ").",
            DefaultValueFactory = _ => DemoOptions.DefaultCustomers,
        };
        customers.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < DemoOptions.MinimumCustomers or > DemoOptions.MaximumCustomers)
            {
                result.AddError("--customers must be between " + DemoOptions.MinimumCustomers + " and " + DemoOptions.MaximumCustomers + " (got " + value + ").");
            }
        });
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the generated portfolio: the same seed gives the same demo.",
            DefaultValueFactory = _ => new DemoOptions().Seed,
        };
        var report = new Option<string>("--report")
        {
            Description = "Where to write the HTML report of the credit management picture (charts), default " + DemoOptions.DefaultReportPath + " in the current folder.",
            DefaultValueFactory = _ => DemoOptions.DefaultReportPath,
        };
        var command = new Command("demo", "Run creditOS on the embedded local Dataverse: generated portfolio, scoring, the credit story and portfolio KPIs, ending with an HTML report.")
        {
            customers,
            seed,
            report,
        };
        command.SetAction(parseResult => Run(
            new DemoOptions { Customers = parseResult.GetValue(customers), Seed = parseResult.GetValue(seed), ReportPath = parseResult.GetValue(report) ?? DemoOptions.DefaultReportPath },
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(DemoOptions options, TextWriter output, TextWriter error)
    {
        try
        {
            using var run = DemoRunner.Run(options, output);
            return ExitCodes.Succeeded;
        }
        catch (DemoException ex)
        {
            error.WriteLine("demo: " + ex.Message);
            return Failed;
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            error.WriteLine("demo: the local Dataverse refused a request the demo needs: " + fault.Detail.Message);
            return Failed;
        }
    }
}
