using System.Text.Json;
using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Policies;

namespace CreditOS.Cli.Simulation;

/// <summary>
/// A candidate configuration as a policy version file (JSON): the active configuration with the policies and starter
/// terms it names changed; or as a scoring rule-set version file (the JSON <c>creditos calibrate</c> writes, recognised
/// by its <c>cos_scoringruleset</c> entry), which replaces the active rule set for the same customers. Every field is optional; unknown policy codes and fields are refused, so a typo never
/// simulates the active configuration by mistake.
/// <code>
/// { "name": "Policies 2027",
///   "policies": [ { "code": "STANDARD", "baseLimit": 30000, "limitHeadroom": 1.5, "hardCap": 300000, "paymentTermsDays": 30,
///                   "graceDays": 7, "orderToInvoiceDays": 7, "blockAboveUtilization": 1.3, "requiresApproval": false,
///                   "overdueToleranceAmount": 500, "overdueTolerancePercent": 2, "overdueToleranceDays": 30 } ],
///   "starterTerms": { "minimumCompletedOrders": 2, "minimumMonthsOfHistory": 2, "requireBoth": false } }
/// </code>
/// </summary>
internal static class CandidateConfigurationFile
{
    /// <summary>
    /// A rule-set version file (what <c>creditos calibrate</c> writes) as the candidate: the active configuration with
    /// that rule set in place of the active default one, checked by the engine's validator (bands, units, weights).
    /// </summary>
    private static (string Name, CreditConfiguration Configuration) ApplyRuleSet(string json, CreditConfiguration active)
    {
        CreditOS.CreditEngine.Scoring.ScoringRuleSet ruleSet;
        try
        {
            ruleSet = Ledger.RuleSetVersionFile.FromJson(json);
        }
        catch (Exception invalid) when (invalid is InvalidDataException or ArgumentException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new CreditInputException("The rule-set version file cannot be read: " + invalid.Message);
        }

        var candidate = active with { RuleSets = [.. active.RuleSets.Where(r => r.IsDefault != ruleSet.IsDefault || (r.CustomerGroup != ruleSet.CustomerGroup)), ruleSet] };
        CreditConfigurationValidator.EnsureValid(candidate);
        return ("rule set " + ruleSet.Label, candidate);
    }

    /// <summary>
    /// A candidate that must be a rule-set version file (what <c>backtest --candidate</c> compares: a policy version file
    /// changes no score, so it is refused rather than compared as the shipped set under another name).
    /// </summary>
    public static (string Name, CreditConfiguration Configuration) ApplyRuleSetFile(string json, CreditConfiguration active)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(active);
        using (var document = Parse(json))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("cos_scoringruleset", out _))
            {
                throw new CreditInputException("The candidate file is not a rule-set version file (no cos_scoringruleset entry, as creditos calibrate writes); only a rule set changes the score.");
            }
        }

        return ApplyRuleSet(json, active);
    }

    public static (string Name, CreditConfiguration Configuration) Apply(string json, CreditConfiguration active)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(active);
        using (var document = Parse(json))
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("cos_scoringruleset", out _))
            {
                return ApplyRuleSet(json, active);
            }

            var name = root.TryGetProperty("name", out var named) ? named.GetString() ?? "candidate" : "candidate";
            var policies = active.Policies.ToList();
            if (root.TryGetProperty("policies", out var changes))
            {
                foreach (var change in changes.EnumerateArray())
                {
                    var code = change.TryGetProperty("code", out var c) ? c.GetString() ?? string.Empty : string.Empty;
                    var index = policies.FindIndex(p => string.Equals(p.Code, code, StringComparison.Ordinal));
                    if (index < 0)
                    {
                        throw new CreditInputException("The candidate file changes policy '" + code + "', which the active configuration does not have (" + string.Join(", ", policies.Select(p => p.Code)) + ").");
                    }

                    policies[index] = ApplyPolicy(policies[index], change);
                }
            }

            var starter = active.StarterTerms;
            if (root.TryGetProperty("starterTerms", out var terms))
            {
                foreach (var field in terms.EnumerateObject())
                {
                    starter = field.Name switch
                    {
                        "minimumCompletedOrders" => starter with { MinimumCompletedOrders = field.Value.GetInt32() },
                        "minimumMonthsOfHistory" => starter with { MinimumMonthsOfHistory = field.Value.GetInt32() },
                        "requireBoth" => starter with { RequireBoth = field.Value.GetBoolean() },
                        _ => throw new CreditInputException("Unknown starter terms field '" + field.Name + "' in the candidate file."),
                    };
                }
            }

            var candidate = active with { Policies = policies, StarterTerms = starter };
            CreditConfigurationValidator.EnsureValid(candidate);
            return (name, candidate);
        }
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException invalid)
        {
            throw new CreditInputException("The candidate file is not valid JSON: " + invalid.Message);
        }
    }

    private static CreditPolicy ApplyPolicy(CreditPolicy policy, JsonElement change)
    {
        foreach (var field in change.EnumerateObject())
        {
            var value = field.Value;
            policy = field.Name switch
            {
                "code" => policy,
                "baseLimit" => policy with { BaseLimit = value.GetDecimal() },
                "limitHeadroom" => policy with { LimitHeadroom = value.GetDecimal() },
                "hardCap" => policy with { HardCap = value.GetDecimal() },
                "paymentTermsDays" => policy with { PaymentTermsDays = value.GetInt32() },
                "graceDays" => policy with { GraceDays = value.GetInt32() },
                "orderToInvoiceDays" => policy with { OrderToInvoiceDays = value.GetInt32() },
                "blockAboveUtilization" => policy with { BlockAboveUtilization = value.ValueKind == JsonValueKind.Null ? null : value.GetDouble() },
                "requiresApproval" => policy with { ApprovalRequirement = value.GetBoolean() ? ApprovalRequirement.EveryOrder : ApprovalRequirement.OverLimitOnly },
                "requiresPrepayment" => policy with { RequiresPrepayment = value.GetBoolean() },
                "overdueToleranceAmount" => policy with { OverdueTolerance = policy.OverdueTolerance with { Amount = value.GetDecimal() } },
                "overdueTolerancePercent" => policy with { OverdueTolerance = policy.OverdueTolerance with { ShareOfLimit = value.GetDecimal() / 100m } },
                "overdueToleranceDays" => policy with { OverdueTolerance = policy.OverdueTolerance with { MaximumDaysPastDue = value.GetInt32() } },
                _ => throw new CreditInputException("Unknown policy field '" + field.Name + "' for policy '" + policy.Code + "' in the candidate file."),
            };
        }

        return policy;
    }
}
