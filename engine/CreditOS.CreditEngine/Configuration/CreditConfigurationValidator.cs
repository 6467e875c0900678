using CreditOS.CreditEngine.Policies;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine.Configuration;

/// <summary>
/// Checks a configuration and returns every problem in words an administrator understands (empty = valid).
/// Plugins call it to guard changes to rule sets, tiers and policies.
/// </summary>
public static class CreditConfigurationValidator
{
    public static IReadOnlyList<string> Validate(CreditConfiguration configuration)
    {
        Require.NotNull(configuration, "The credit configuration");
        var errors = new List<string>();
        ScoringRuleSetValidator.Validate(configuration.RuleSets, errors);
        ValidateThresholds(configuration, errors);
        ValidateTiers(configuration, errors);
        ValidateMatrix(configuration, errors);
        foreach (var policy in configuration.Policies)
        {
            CreditPolicyValidator.Validate(policy, errors);
        }

        DuplicateCodes(configuration.Policies.Select(p => p.Code), "credit policy", errors);
        ValidateStarterTerms(configuration, errors);
        ValidateRevenueReferences(configuration, errors);
        if (configuration.ScoreMateriality.Problem() is { } materiality)
        {
            errors.Add(materiality);
        }

        if (configuration.WorklistMateriality.Problem() is { } worklistMateriality)
        {
            errors.Add(worklistMateriality);
        }

        errors.AddRange(configuration.Alerts.Bureau.Select(Alerts.BureauAlertRuleValidator.Problem).OfType<string>().Select(problem => "A bureau alert rule: " + problem + "."));
        return errors;
    }

    /// <summary>Throws <see cref="CreditInputException"/> listing every problem when the configuration is not valid.</summary>
    public static void EnsureValid(CreditConfiguration configuration)
    {
        var errors = Validate(configuration);
        if (errors.Count > 0)
        {
            throw new CreditInputException("The credit configuration is not valid: " + string.Join(" ", errors));
        }
    }

    private static void ValidateThresholds(CreditConfiguration configuration, List<string> errors)
    {
        var risk = configuration.RiskLevels;
        if (!(risk.MediumFrom > 0 && risk.MediumFrom < risk.HighFrom && risk.HighFrom < risk.SevereFrom && risk.SevereFrom <= 100))
        {
            errors.Add("Risk level thresholds must rise strictly between 0 and 100 (Medium < High < Severe).");
        }

        var value = configuration.ValueBands;
        if (!(value.MediumFrom > 0 && value.MediumFrom < value.HighFrom && value.HighFrom <= 100))
        {
            errors.Add("Value band thresholds must rise strictly between 0 and 100 (Medium < High).");
        }
    }

    private static void ValidateTiers(CreditConfiguration configuration, List<string> errors)
    {
        if (configuration.Tiers.Count == 0)
        {
            errors.Add("At least one credit tier is required.");
        }

        DuplicateCodes(configuration.Tiers.Select(t => t.Code), "credit tier", errors);
        foreach (var tier in configuration.Tiers)
        {
            if (!configuration.Policies.Any(p => string.Equals(p.Code, tier.PolicyCode, StringComparison.Ordinal)))
            {
                errors.Add("Credit tier '" + tier.Name + "' points to policy '" + tier.PolicyCode + "', which does not exist; every tier needs a policy.");
            }

            if (tier.Rank < 1)
            {
                errors.Add("Credit tier '" + tier.Name + "' has rank " + tier.Rank + "; ranks start at 1 (best).");
            }
        }

        foreach (var group in configuration.Tiers.GroupBy(t => t.Rank).Where(g => g.Count() > 1))
        {
            errors.Add("Credit tiers " + string.Join(" and ", group.Select(t => "'" + t.Name + "'")) + " share rank " + group.Key + "; each tier needs its own rank.");
        }
    }

    private static void ValidateMatrix(CreditConfiguration configuration, List<string> errors)
    {
        foreach (ValueBand value in Enum.GetValues(typeof(ValueBand)))
        {
            foreach (RiskLevel risk in Enum.GetValues(typeof(RiskLevel)))
            {
                var cells = configuration.TierMatrix.Where(c => c.ValueBand == value && c.RiskLevel == risk).ToList();
                var where = "The tier matrix cell for " + value + " value and " + risk + " risk";
                if (cells.Count == 0)
                {
                    errors.Add(where + " is missing; the matrix must cover every combination.");
                }
                else if (cells.Count > 1)
                {
                    errors.Add(where + " is defined " + cells.Count + " times; keep one.");
                }
                else if (!configuration.Tiers.Any(t => string.Equals(t.Code, cells[0].TierCode, StringComparison.Ordinal)))
                {
                    errors.Add(where + " points to tier '" + cells[0].TierCode + "', which does not exist.");
                }
            }
        }
    }

    private static void ValidateStarterTerms(CreditConfiguration configuration, List<string> errors)
    {
        var starter = configuration.StarterTerms;
        if (starter.MinimumCompletedOrders < 0 || starter.MinimumMonthsOfHistory < 0)
        {
            errors.Add("The starter-terms threshold must not be negative.");
        }

        if (!configuration.Tiers.Any(t => string.Equals(t.Code, starter.TierCode, StringComparison.Ordinal)))
        {
            errors.Add("Starter terms use tier '" + starter.TierCode + "', which does not exist.");
        }

        if (!configuration.Policies.Any(p => string.Equals(p.Code, starter.PolicyCode, StringComparison.Ordinal)))
        {
            errors.Add("Starter terms use policy '" + starter.PolicyCode + "', which does not exist.");
        }
    }

    private static void ValidateRevenueReferences(CreditConfiguration configuration, List<string> errors)
    {
        if (configuration.DefaultAnnualRevenueReference <= 0)
        {
            errors.Add("The default annual revenue reference must be above zero.");
        }

        foreach (var reference in configuration.RevenueReferences.Where(r => r.AnnualRevenue <= 0))
        {
            errors.Add("The annual revenue reference of segment '" + reference.Segment + "' must be above zero.");
        }
    }

    private static void DuplicateCodes(IEnumerable<string> codes, string what, List<string> errors)
    {
        foreach (var code in codes.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add("The " + what + " code '" + code + "' is used more than once.");
        }
    }
}
