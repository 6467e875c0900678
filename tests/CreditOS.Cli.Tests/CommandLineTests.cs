using System.CommandLine;
using CreditOS.Cli.Commands;

namespace CreditOS.Cli.Tests;

/// <summary>The creditos command line: verbs, help and error handling.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_ListsEveryVerb()
    {
        var (exitCode, output, _) = await Invoke("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("demo", output, StringComparison.Ordinal);
        Assert.Contains("backtest", output, StringComparison.Ordinal);
        Assert.Contains("pack", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_WithAMissingFile_FailsWithAClearError()
    {
        var missing = Path.Combine(Path.GetTempPath(), "creditos-no-such-history-" + Guid.NewGuid().ToString("N") + ".csv");

        var (exitCode, _, error) = await Invoke("backtest", missing);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_WithTooFewCustomers_IsRefusedBeforeAnythingRuns()
    {
        var (exitCode, output, error) = await Invoke("demo", "--customers", "3");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--customers must be between", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Portfolio", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> Invoke(params string[] args)
    {
        var root = new RootCommand("creditos");
        foreach (var command in CliCommands.All())
        {
            root.Subcommands.Add(command);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
