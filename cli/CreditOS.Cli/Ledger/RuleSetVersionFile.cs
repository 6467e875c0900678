using System.Text.Json;
using System.Text.Json.Nodes;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.Cli.Ledger;

/// <summary>
/// Writes a rule set as the file an admin imports into Dataverse: one <c>cos_scoringruleset</c> row and one
/// <c>cos_scoringrule</c> row per band, keyed by the tables' column names, so each entry maps to a row as it is created
/// through the Web API (<c>POST cos_scoringrulesets</c>, then <c>POST cos_scoringrules</c> with
/// <c>cos_scoringrulesetid@odata.bind</c>) or entered in the app. The evidence settings (recency weights and the
/// segment prior the calibration fitted) are written beside them under <c>evidence</c>.
/// </summary>
public static class RuleSetVersionFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string ToJson(ScoringRuleSet ruleSet, string description)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var rules = new JsonArray();
        foreach (var row in ScoringBandRows.FromRules(ruleSet.Rules))
        {
            rules.Add(new JsonObject
            {
                ["cos_name"] = row.Factor + " " + Bound(row.LowerBound) + " to " + Bound(row.UpperBound),
                ["cos_scoretype"] = row.Factor.KindOf().ToString(),
                ["cos_factor"] = row.Factor.ToString(),
                ["cos_bandfrom"] = row.LowerBound,
                ["cos_bandto"] = row.UpperBound,
                ["cos_points"] = row.Points,
                ["cos_weight"] = row.Weight,
            });
        }

        var evidence = ruleSet.Evidence;
        var root = new JsonObject
        {
            ["cos_scoringruleset"] = new JsonObject
            {
                ["cos_name"] = ruleSet.Name,
                ["cos_version"] = ruleSet.Version,
                ["cos_customergroup"] = ruleSet.CustomerGroup,
                ["cos_industryvertical"] = ruleSet.IndustryVertical,
                ["cos_isdefault"] = ruleSet.IsDefault,
                ["cos_riskwithoutevidence"] = ruleSet.RiskWithoutEvidence,
                ["cos_description"] = description,
            },
            ["evidence"] = new JsonObject
            {
                ["weightLast3Months"] = evidence.WeightLast3Months,
                ["weightMonths4To6"] = evidence.WeightMonths4To6,
                ["weightMonths7To12"] = evidence.WeightMonths7To12,
                ["weightMonths13To24"] = evidence.WeightMonths13To24,
                ["weightOlder"] = evidence.WeightOlder,
                ["priorLateShare"] = evidence.PriorLateShare,
                ["priorLateBeyond15DaysShare"] = evidence.PriorLateBeyond15DaysShare,
                ["priorDaysVsDue"] = evidence.PriorDaysVsDue,
                ["priorStrength"] = evidence.PriorStrength,
            },
            ["cos_scoringrule"] = rules,
        };
        return root.ToJsonString(Indented) + "\n";
    }

    /// <summary>Reads a file written by <see cref="ToJson"/> back into a rule set (for checking it and for importing it).</summary>
    public static ScoringRuleSet FromJson(string json)
    {
        var root = JsonNode.Parse(json) ?? throw new InvalidDataException("The rule-set file is empty.");
        var set = root["cos_scoringruleset"] ?? throw new InvalidDataException("The rule-set file has no cos_scoringruleset.");
        var evidence = root["evidence"];
        var rows = (root["cos_scoringrule"] as JsonArray ?? [])
            .Select(r => new ScoringBandRow(
                Enum.Parse<ScoringFactor>((string)r!["cos_factor"]!),
                (double)r["cos_weight"]!,
                (double?)r["cos_bandfrom"],
                (double?)r["cos_bandto"],
                (double)r["cos_points"]!))
            .ToList();
        var defaults = EvidenceSettings.Default;
        return new ScoringRuleSet
        {
            Name = (string)set["cos_name"]!,
            Version = (int)set["cos_version"]!,
            CustomerGroup = (string?)set["cos_customergroup"],
            IndustryVertical = (string?)set["cos_industryvertical"],
            RiskWithoutEvidence = (double?)set["cos_riskwithoutevidence"] ?? ScoringRuleSet.DefaultRiskWithoutEvidence,
            Rules = ScoringBandRows.ToRules(rows),
            Evidence = evidence is null ? defaults : new EvidenceSettings
            {
                WeightLast3Months = (double?)evidence["weightLast3Months"] ?? defaults.WeightLast3Months,
                WeightMonths4To6 = (double?)evidence["weightMonths4To6"] ?? defaults.WeightMonths4To6,
                WeightMonths7To12 = (double?)evidence["weightMonths7To12"] ?? defaults.WeightMonths7To12,
                WeightMonths13To24 = (double?)evidence["weightMonths13To24"] ?? defaults.WeightMonths13To24,
                WeightOlder = (double?)evidence["weightOlder"] ?? defaults.WeightOlder,
                PriorLateShare = (double?)evidence["priorLateShare"] ?? defaults.PriorLateShare,
                PriorLateBeyond15DaysShare = (double?)evidence["priorLateBeyond15DaysShare"] ?? defaults.PriorLateBeyond15DaysShare,
                PriorDaysVsDue = (double?)evidence["priorDaysVsDue"] ?? defaults.PriorDaysVsDue,
                PriorStrength = (double?)evidence["priorStrength"] ?? defaults.PriorStrength,
            },
        };
    }

    private static string Bound(double? bound) => bound?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "open";
}
