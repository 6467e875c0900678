using System.CommandLine;
using CreditOS.Cli.Configuration;
using CreditOS.Cli.Demo;

namespace CreditOS.Cli.Commands;

/// <summary>
/// <c>creditos config list|propose [--url https://org.crm.dynamics.com]</c> (session 24): the credit settings an administrator
/// changes through configuration changes, listed by display name with their values and where they are read, and a change proposed
/// as the same <c>cos_configurationchange</c> row the configuration change page creates, each value checked first against the
/// column's definition (<see cref="ColumnValues"/>: precision and range, length, choices by label, lookups by name). With
/// <c>--url</c> it works on that environment through its Web API as the person whose bearer token is in
/// <see cref="ImportRuleSetCommand.TokenVariable"/>; without it, on an embedded local Dataverse holding the shipped configuration.
/// </summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List the credit settings (each table's rows and the columns a configuration change sets), by display name, with their values and where they are read.");
        var listUrl = UrlOption();
        var table = new Option<string?>("--table") { Description = "Only this table (display or logical name), e.g. \"Credit policy\"." };
        list.Options.Add(listUrl);
        list.Options.Add(table);
        list.SetAction(parseResult => Run(parseResult.GetValue(listUrl), parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error,
            (settings, output) => settings.ListAsync(output, parseResult.GetValue(table))));

        var propose = new Command("propose", "Propose a configuration change of a credit setting row for another Credit Administrator to apply; values are checked before anything is written.");
        var proposeUrl = UrlOption();
        var proposeTable = new Option<string>("--table") { Description = "The table (display or logical name): Credit policy, Credit tier, Tier matrix cell, Approval routing, Approval authority.", Required = true };
        var row = new Option<string?>("--row") { Description = "The row by its name (or id); leave it out for a new row." };
        var set = new Option<string[]>("--set") { Description = "A proposed value, \"Column=value\" (display or logical name; choices and yes/no by label, lookups by the row's name, (clear) clears). Repeat for several columns.", AllowMultipleArgumentsPerToken = false };
        var delete = new Option<bool>("--delete") { Description = "Propose deleting the row (no --set)." };
        propose.Options.Add(proposeUrl);
        propose.Options.Add(proposeTable);
        propose.Options.Add(row);
        propose.Options.Add(set);
        propose.Options.Add(delete);
        propose.SetAction(parseResult => Run(parseResult.GetValue(proposeUrl), parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error,
            (settings, output) => Propose(settings, output, parseResult.GetValue(proposeTable)!, parseResult.GetValue(row), parseResult.GetValue(set) ?? [], parseResult.GetValue(delete))));

        return new Command("config", "The credit settings: list them, or propose a configuration change (four-eyes: another Credit Administrator applies it).") { list, propose };
    }

    /// <summary>A client of the environment's Web API as the person whose token it is (never printed).</summary>
    public static HttpClient Client(Uri environment, string? token) => ImportRuleSetCommand.Client(environment, token);

    /// <summary>Runs an action against the environment (a client given by a test), mapping refusals to exit codes.</summary>
    internal static int Run(HttpClient http, TextWriter output, TextWriter error, Func<CreditSettings, TextWriter, Task> action)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            action(new CreditSettings(new ConfigurationWebApi(http)), output).GetAwaiter().GetResult();
            return ExitCodes.Succeeded;
        }
        catch (SettingValuesException invalid)
        {
            error.WriteLine("config: nothing was proposed:");
            foreach (var problem in invalid.Problems)
            {
                error.WriteLine("  " + problem);
            }

            return ExitCodes.MalformedInput;
        }
        catch (FormatException malformed)
        {
            error.WriteLine("config: " + malformed.Message);
            return ExitCodes.MalformedInput;
        }
        catch (Exception refused) when (refused is ConfigurationRequestException or HttpRequestException or InvalidOperationException)
        {
            error.WriteLine("config: " + refused.Message);
            return ExitCodes.ImportRefused;
        }
    }

    internal static async Task Propose(CreditSettings settings, TextWriter output, string table, string? row, IReadOnlyList<string> sets, bool delete)
    {
        var proposed = await settings.ProposeAsync(table, row, sets.Select(TypedSetting.Parse).ToList(), delete).ConfigureAwait(false);
        output.WriteLine($"Proposed a change of {proposed.Table} '{proposed.Row}' ({proposed.ChangeId}):");
        foreach (var line in proposed.Lines)
        {
            output.WriteLine("  " + line);
        }

        output.WriteLine("Another Credit Administrator who made no part of it reviews and applies it (Configuration changes in the app).");
    }

    private static Option<Uri?> UrlOption() =>
        new("--url") { Description = "The Dataverse environment, e.g. https://contoso.crm4.dynamics.com (bearer token in " + ImportRuleSetCommand.TokenVariable + "); without it, an embedded local Dataverse with the shipped configuration." };

    private static int Run(Uri? url, TextWriter output, TextWriter error, Func<CreditSettings, TextWriter, Task> action)
    {
        if (url is not null)
        {
            using var http = Client(url, Environment.GetEnvironmentVariable(ImportRuleSetCommand.TokenVariable));
            return Run(http, output, error, action);
        }

        var local = LocalConfigurationEnvironment.StartAsync(new DemoOptions()).GetAwaiter().GetResult();
        try
        {
            output.WriteLine("On an embedded local Dataverse with the shipped credit configuration (give --url for an environment).");
            output.WriteLine();
            using var http = local.Client();
            return Run(http, output, error, action);
        }
        finally
        {
            local.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
