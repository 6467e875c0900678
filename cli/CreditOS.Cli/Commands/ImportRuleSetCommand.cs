using System.CommandLine;
using System.Net.Http.Headers;
using CreditOS.Cli.Ledger;
using CreditOS.CreditEngine.Configuration;

namespace CreditOS.Cli.Commands;

/// <summary>
/// <c>creditos import-ruleset FILE --url https://org.crm.dynamics.com</c>: imports a rule-set version file (what
/// <c>calibrate</c> writes) into Dataverse as a new, inactive rule-set version with its rules, after checking it with
/// the engine's validator (bands, weights, units). The bearer token comes from the environment variable
/// <see cref="TokenVariable"/> (a deployment value, never printed).
/// </summary>
public static class ImportRuleSetCommand
{
    public const string TokenVariable = "CREDITOS_DATAVERSE_TOKEN";
    private const string ApiPath = "api/data/v9.2/";

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Rule-set version file (JSON) written by creditos calibrate." };
        var url = new Option<Uri>("--url") { Description = "The Dataverse environment, e.g. https://contoso.crm4.dynamics.com.", Required = true };
        var command = new Command("import-ruleset", "Import a calibrated rule-set version into Dataverse as a new, inactive version for an administrator to activate.") { file, url };
        command.SetAction(parseResult =>
        {
            using var http = Client(parseResult.GetValue(url)!, Environment.GetEnvironmentVariable(TokenVariable));
            return Run(parseResult.GetValue(file)!, http, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
        });
        return command;
    }

    /// <summary>A client for the environment's Web API; without a token every request is refused by Dataverse with its reason.</summary>
    public static HttpClient Client(Uri environment, string? token)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var http = new HttpClient { BaseAddress = new Uri(environment, ApiPath) };
        if (!string.IsNullOrWhiteSpace(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        http.DefaultRequestHeaders.Add("OData-Version", "4.0");
        http.DefaultRequestHeaders.Add("OData-MaxVersion", "4.0");
        return http;
    }

    public static int Run(FileInfo file, HttpClient http, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!file.Exists)
        {
            error.WriteLine("import-ruleset: file not found: " + file.FullName);
            return ExitCodes.FileNotFound;
        }

        CreditEngine.Scoring.ScoringRuleSet ruleSet;
        try
        {
            ruleSet = RuleSetVersionFile.FromJson(File.ReadAllText(file.FullName));
        }
        catch (Exception invalid) when (invalid is InvalidDataException or ArgumentException or InvalidOperationException or NullReferenceException or FormatException or System.Text.Json.JsonException or CreditEngine.CreditInputException)
        {
            error.WriteLine("import-ruleset: " + file.Name + " cannot be read: " + invalid.Message);
            return ExitCodes.MalformedInput;
        }

        var problems = new List<string>();
        ScoringRuleSetValidator.ValidateRuleSet(ruleSet, problems);
        if (problems.Count > 0)
        {
            error.WriteLine("import-ruleset: " + file.Name + " is not a valid rule set, nothing was imported:");
            problems.ForEach(p => error.WriteLine("  " + p));
            return ExitCodes.MalformedInput;
        }

        try
        {
            var imported = RuleSetImport.ImportAsync(http, ruleSet, "Imported from " + file.Name + " by creditos import-ruleset.").GetAwaiter().GetResult();
            output.WriteLine("Imported '" + ruleSet.Name + "' version " + imported.Version + " (" + imported.RuleSetId + ") with " + imported.Rules
                + " rule rows, inactive: review it and activate it in Dataverse (activation checks it with the whole configuration).");
            return ExitCodes.Succeeded;
        }
        catch (Exception failed) when (failed is RuleSetImportException or HttpRequestException)
        {
            error.WriteLine("import-ruleset: " + failed.Message);
            return ExitCodes.ImportRefused;
        }
    }
}
