using System.CommandLine;
using CreditOS.Solution;
using CreditOS.Solution.Packing;

namespace CreditOS.Cli.Commands;

/// <summary>
/// <c>creditos pack [output.zip] --plugins &lt;dll&gt;... --workflows &lt;dll&gt;... [--solution &lt;dir&gt;]</c>:
/// validates the unpacked solution and the built assemblies, then writes an importable solution zip.
/// </summary>
public static class PackSolutionCommand
{
    private const string DefaultOutput = "creditOS.zip";

    public static Command Create()
    {
        var output = new Argument<string>("output") { Description = "Path of the solution zip to write.", DefaultValueFactory = _ => DefaultOutput };
        var plugins = new Option<string[]>("--plugins") { Description = "Built net462 plugin assemblies.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var workflows = new Option<string[]>("--workflows") { Description = "Built net462 workflow activity assemblies.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var solution = new Option<string?>("--solution") { Description = "The solution folder (holding src/ and standard-tables/); by default the solution compiled into creditos." };
        var command = new Command("pack", "Pack the Dataverse solution and the plugin and workflow assemblies into an importable zip.") { output, plugins, workflows, solution };
        command.SetAction(parseResult =>
        {
            var request = new SolutionPackRequest
            {
                OutputPath = parseResult.GetRequiredValue(output),
                PluginAssemblies = parseResult.GetValue(plugins) ?? [],
                WorkflowAssemblies = parseResult.GetValue(workflows) ?? [],
                SolutionDirectory = parseResult.GetValue(solution),
            };
            try
            {
                var result = SolutionPacker.Pack(request);
                foreach (var warning in result.Warnings)
                {
                    Console.Error.WriteLine("warning: " + warning);
                }

                Console.Out.WriteLine($"Packed {result.Entries.Count} entries ({result.StepCount} plugin steps, {result.CustomApiCount} Custom APIs) into {result.OutputPath}");
                return 0;
            }
            catch (Exception ex) when (ex is SolutionFormatException or FileNotFoundException or DirectoryNotFoundException or InvalidOperationException or NotSupportedException)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return command;
    }
}
