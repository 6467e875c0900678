extern alias plugins;

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CreditOS.CreditEngine.Scoring;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using ConfigurationRecords = plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords;
using PluginBand = plugins::CreditOS.CreditEngine.Scoring.ScoreBand;
using PluginEvidence = plugins::CreditOS.CreditEngine.Scoring.EvidenceSettings;
using PluginFactor = plugins::CreditOS.CreditEngine.Scoring.ScoringFactor;
using PluginRule = plugins::CreditOS.CreditEngine.Scoring.ScoringRule;
using PluginRuleSet = plugins::CreditOS.CreditEngine.Scoring.ScoringRuleSet;
using RuleRecords = plugins::CreditOS.Dataverse.Credit.Configuration.ScoringRuleRecords;
using RuleSetTable = CreditOS.Dataverse.Model.ScoringRuleSet;

namespace CreditOS.Cli.Ledger;

/// <summary>
/// Imports a rule-set version file into Dataverse through the Web API as a new, <b>inactive</b>
/// <c>cos_scoringruleset</c> version with its <c>cos_scoringrule</c> rows, for an administrator to activate (activation
/// checks it with the whole configuration). The rows come from the plugins' one engine → rows mapping
/// (<c>CreditConfigurationRecords.FromRuleSet</c>, <c>ScoringRuleRecords.FromRuleSet</c>): the fitted prior and
/// recency weights become the rule set's columns. The version is the file's, or one above the highest version of the
/// same name already there; the portfolio-wide settings of that highest version (thresholds, revenue references,
/// suspension rules) are carried over, so activating a calibrated version does not reset what an administrator tuned.
/// </summary>
public static class RuleSetImport
{
    private const string RuleSets = "cos_scoringrulesets";
    private const string Rules = "cos_scoringrules";

    private static readonly string[] PortfolioColumns =
    [
        RuleSetTable.Fields.RiskMediumFrom, RuleSetTable.Fields.RiskHighFrom, RuleSetTable.Fields.RiskSevereFrom,
        RuleSetTable.Fields.ValueMediumFrom, RuleSetTable.Fields.ValueHighFrom, RuleSetTable.Fields.RevenueReference,
        RuleSetTable.Fields.SegmentRevenueReferences, RuleSetTable.Fields.SuspendOnJudgment, RuleSetTable.Fields.SuspendOnFraud,
        RuleSetTable.Fields.SuspensionSolvencyDrop, RuleSetTable.Fields.SuspensionRatingFloor,
        RuleSetTable.Fields.MaterialScoreChange, RuleSetTable.Fields.MaterialWorklistChange,
    ];

    /// <summary>What was created: the rule set's id, its version and the number of rule rows.</summary>
    public sealed record Imported(Guid RuleSetId, int Version, int Rules);

    /// <param name="http">A client whose base address is the Web API's service root (…/api/data/v9.2/), authenticated.</param>
    public static async Task<Imported> ImportAsync(HttpClient http, ScoringRuleSet ruleSet, string description, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ruleSet);
        var existing = await ExistingVersionsAsync(http, ruleSet.Name, cancellation).ConfigureAwait(false);
        var highest = existing.OrderByDescending(r => (int?)r["cos_version"] ?? 0).FirstOrDefault();
        var version = Math.Max(ruleSet.Version, ((int?)highest?["cos_version"] ?? 0) + 1);
        var id = Guid.NewGuid();
        var converted = ToPluginRuleSet(ruleSet with { Version = version });

        var row = ToWebApi(ConfigurationRecords.FromRuleSet(converted, id, null, null, description));
        row[RuleSetTable.Fields.ScoringRuleSetId] = id.ToString();
        foreach (var column in PortfolioColumns.Where(c => highest?[c] is not null))
        {
            row[column] = highest![column]!.DeepClone();
        }

        await SendAsync(http, HttpMethod.Post, RuleSets, row, cancellation).ConfigureAwait(false);
        await SendAsync(http, HttpMethod.Patch, RuleSets + "(" + id + ")", new JsonObject { ["statecode"] = 1, ["statuscode"] = 2 }, cancellation).ConfigureAwait(false);
        var count = 0;
        foreach (var rule in RuleRecords.FromRuleSet(converted, id))
        {
            await SendAsync(http, HttpMethod.Post, Rules, ToWebApi(rule), cancellation).ConfigureAwait(false);
            count++;
        }

        return new Imported(id, version, count);
    }

    /// <summary>The rule set of the CLI's engine as the plugins' copy of the engine types (the mapping's input).</summary>
    public static PluginRuleSet ToPluginRuleSet(ScoringRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var evidence = ruleSet.Evidence;
        return new PluginRuleSet
        {
            Name = ruleSet.Name,
            Version = ruleSet.Version,
            CustomerGroup = ruleSet.CustomerGroup,
            IndustryVertical = ruleSet.IndustryVertical,
            RiskWithoutEvidence = ruleSet.RiskWithoutEvidence,
            Rules = ruleSet.Rules.Select(r => new PluginRule((PluginFactor)(int)r.Factor, r.Weight, r.Bands.Select(b => new PluginBand(b.LowerBound, b.UpperBound, b.Points)).ToList())).ToList(),
            Evidence = new PluginEvidence
            {
                WeightLast3Months = evidence.WeightLast3Months,
                WeightMonths4To6 = evidence.WeightMonths4To6,
                WeightMonths7To12 = evidence.WeightMonths7To12,
                WeightMonths13To24 = evidence.WeightMonths13To24,
                WeightOlder = evidence.WeightOlder,
                PriorLateShare = evidence.PriorLateShare,
                PriorLateBeyond15DaysShare = evidence.PriorLateBeyond15DaysShare,
                PriorDaysVsDue = evidence.PriorDaysVsDue,
                PriorStrength = evidence.PriorStrength,
            },
        };
    }

    private static async Task<List<JsonObject>> ExistingVersionsAsync(HttpClient http, string name, CancellationToken cancellation)
    {
        var select = string.Join(",", new[] { RuleSetTable.Fields.Name, RuleSetTable.Fields.Version }.Concat(PortfolioColumns));
        using var response = await http.GetAsync(new Uri(RuleSets + "?$select=" + select, UriKind.Relative), cancellation).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuleSetImportException("reading the existing rule sets failed (" + (int)response.StatusCode + "): " + ErrorOf(body));
        }

        return (JsonNode.Parse(body)?["value"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(r => string.Equals((string?)r[RuleSetTable.Fields.Name], name, StringComparison.Ordinal))
            .ToList();
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, JsonObject body, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        using var response = await http.SendAsync(request, cancellation).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
            throw new RuleSetImportException(method + " " + path + " was refused (" + (int)response.StatusCode + "): " + ErrorOf(text));
        }
    }

    /// <summary>A row as the Web API takes it: choices as their number, lookups bound by navigation property.</summary>
    private static JsonObject ToWebApi(Entity row)
    {
        var json = new JsonObject();
        foreach (var (column, value) in row.Attributes)
        {
            switch (value)
            {
                case null:
                    break;
                case EntityReference reference:
                    json[Navigation(row.LogicalName, column) + "@odata.bind"] = "/" + EntitySet(reference.LogicalName) + "(" + reference.Id + ")";
                    break;
                case OptionSetValue choice:
                    json[column] = choice.Value;
                    break;
                case Money money:
                    json[column] = money.Value;
                    break;
                case DateTime date:
                    json[column] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                default:
                    json[column] = JsonValue.Create(value);
                    break;
            }
        }

        return json;
    }

    private static string Navigation(string table, string column) =>
        NavigationProperties.Of(Catalog, Catalog.FindTable(table) ?? throw new InvalidOperationException("Table " + table + " is not in the solution."))
            .Single(p => string.Equals(p.Column, column, StringComparison.Ordinal)).Name;

    private static string EntitySet(string table) =>
        (Catalog.FindTable(table) ?? throw new InvalidOperationException("Table " + table + " is not in the solution.")).EntitySetName;

    private static MetadataCatalog Catalog => SolutionMetadataLoader.LoadEmbedded();

    private static string ErrorOf(string body)
    {
        try
        {
            return (string?)JsonNode.Parse(body)?["error"]?["message"] ?? body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }
    }
}

/// <summary>Dataverse refused a step of the import; the message names the request and Dataverse's reason.</summary>
public sealed class RuleSetImportException(string message) : Exception(message);
