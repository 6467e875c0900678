using System.Globalization;
using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Policies;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tiers;
using Microsoft.Xrm.Sdk;
using RuleSetTable = CreditOS.Dataverse.Model.ScoringRuleSet;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// The settings a <c>cos_scoringruleset</c> row carries besides its rules, both ways (row → engine, engine → row):
/// how payment evidence is read (recency weights, the segment prior, risk without evidence) for that rule set, and, on
/// the default rule set in force (no customer group, highest active version), the portfolio-wide reading of scores:
/// risk-level and value-band thresholds, the reference annual revenue (overall and per segment) and the suspension
/// rules, the material score change below which a rescoring is not a new picture, and the material worklist change
/// (percent) below which the nightly batch keeps an open invoice's stored worklist figures. Keeping them on the rule-set version means a change is a new version whose activation checks the whole
/// configuration. An empty column keeps the engine's shipped value (so an environment seeded before the column
/// existed scores as before). Percentages are stored as administrators read them (30 = 30%).
/// </summary>
public static class RuleSetSettingsRecords
{
    private const double PercentScale = 100d;

    /// <summary>The rule set's columns the reader needs (joined into the scoring-rule query).</summary>
    public static readonly string[] Columns =
    [
        RuleSetTable.Fields.RiskWithoutEvidence,
        RuleSetTable.Fields.RiskMediumFrom, RuleSetTable.Fields.RiskHighFrom, RuleSetTable.Fields.RiskSevereFrom,
        RuleSetTable.Fields.ValueMediumFrom, RuleSetTable.Fields.ValueHighFrom,
        RuleSetTable.Fields.PriorLateShare, RuleSetTable.Fields.PriorLateBeyond15Share, RuleSetTable.Fields.PriorDaysVsDue, RuleSetTable.Fields.PriorStrength,
        RuleSetTable.Fields.WeightLast3Months, RuleSetTable.Fields.WeightMonths4To6, RuleSetTable.Fields.WeightMonths7To12, RuleSetTable.Fields.WeightMonths13To24, RuleSetTable.Fields.WeightOlder,
        RuleSetTable.Fields.RevenueReference, RuleSetTable.Fields.SegmentRevenueReferences,
        RuleSetTable.Fields.SuspendOnJudgment, RuleSetTable.Fields.SuspendOnFraud, RuleSetTable.Fields.SuspensionSolvencyDrop, RuleSetTable.Fields.SuspensionRatingFloor,
        RuleSetTable.Fields.MaterialScoreChange, RuleSetTable.Fields.MaterialWorklistChange,
    ];

    public static EvidenceSettings ToEvidence(Entity row)
    {
        var shipped = EvidenceSettings.Default;
        return new EvidenceSettings
        {
            WeightLast3Months = Number(row, RuleSetTable.Fields.WeightLast3Months) ?? shipped.WeightLast3Months,
            WeightMonths4To6 = Number(row, RuleSetTable.Fields.WeightMonths4To6) ?? shipped.WeightMonths4To6,
            WeightMonths7To12 = Number(row, RuleSetTable.Fields.WeightMonths7To12) ?? shipped.WeightMonths7To12,
            WeightMonths13To24 = Number(row, RuleSetTable.Fields.WeightMonths13To24) ?? shipped.WeightMonths13To24,
            WeightOlder = Number(row, RuleSetTable.Fields.WeightOlder) ?? shipped.WeightOlder,
            PriorLateShare = Number(row, RuleSetTable.Fields.PriorLateShare) / PercentScale ?? shipped.PriorLateShare,
            PriorLateBeyond15DaysShare = Number(row, RuleSetTable.Fields.PriorLateBeyond15Share) / PercentScale ?? shipped.PriorLateBeyond15DaysShare,
            PriorDaysVsDue = Number(row, RuleSetTable.Fields.PriorDaysVsDue) ?? shipped.PriorDaysVsDue,
            PriorStrength = Number(row, RuleSetTable.Fields.PriorStrength) ?? shipped.PriorStrength,
        };
    }

    public static double RiskWithoutEvidence(Entity row) => Number(row, RuleSetTable.Fields.RiskWithoutEvidence) ?? ScoringRuleSet.DefaultRiskWithoutEvidence;

    /// <summary>The configuration with the portfolio-wide settings of the default rule set's row applied over <paramref name="shipped"/>.</summary>
    public static CreditConfiguration ApplyPortfolioSettings(CreditConfiguration shipped, Entity defaultRuleSet) => shipped with
    {
        RiskLevels = new RiskLevelThresholds(
            Number(defaultRuleSet, RuleSetTable.Fields.RiskMediumFrom) ?? shipped.RiskLevels.MediumFrom,
            Number(defaultRuleSet, RuleSetTable.Fields.RiskHighFrom) ?? shipped.RiskLevels.HighFrom,
            Number(defaultRuleSet, RuleSetTable.Fields.RiskSevereFrom) ?? shipped.RiskLevels.SevereFrom),
        ValueBands = new ValueBandThresholds(
            Number(defaultRuleSet, RuleSetTable.Fields.ValueMediumFrom) ?? shipped.ValueBands.MediumFrom,
            Number(defaultRuleSet, RuleSetTable.Fields.ValueHighFrom) ?? shipped.ValueBands.HighFrom),
        DefaultAnnualRevenueReference = defaultRuleSet.GetAttributeValue<decimal?>(RuleSetTable.Fields.RevenueReference) ?? shipped.DefaultAnnualRevenueReference,
        RevenueReferences = defaultRuleSet.GetAttributeValue<string>(RuleSetTable.Fields.SegmentRevenueReferences) is { } text ? ParseSegmentReferences(text) : shipped.RevenueReferences,
        Suspension = new SuspensionRules
        {
            SuspendOnJudgment = defaultRuleSet.GetAttributeValue<bool?>(RuleSetTable.Fields.SuspendOnJudgment) ?? shipped.Suspension.SuspendOnJudgment,
            SuspendOnFraud = defaultRuleSet.GetAttributeValue<bool?>(RuleSetTable.Fields.SuspendOnFraud) ?? shipped.Suspension.SuspendOnFraud,
            SolvencyDropPoints = defaultRuleSet.GetAttributeValue<int?>(RuleSetTable.Fields.SuspensionSolvencyDrop) ?? shipped.Suspension.SolvencyDropPoints,
            RatingFloor = defaultRuleSet.GetAttributeValue<int?>(RuleSetTable.Fields.SuspensionRatingFloor) is { } floor ? (BureauRating)floor : shipped.Suspension.RatingFloor,
        },
        ScoreMateriality = defaultRuleSet.GetAttributeValue<decimal?>(RuleSetTable.Fields.MaterialScoreChange) is { } material ? new ScoreMateriality(material) : shipped.ScoreMateriality,
        WorklistMateriality = defaultRuleSet.GetAttributeValue<decimal?>(RuleSetTable.Fields.MaterialWorklistChange) is { } worklist
            ? new CreditOS.CreditEngine.Collections.WorklistMateriality(worklist)
            : shipped.WorklistMateriality,
    };

    /// <summary>
    /// The columns of a rule set's row: its evidence settings, and for the default rule set the portfolio-wide
    /// settings of <paramref name="configuration"/> (thresholds, revenue references, suspension rules).
    /// </summary>
    public static void Write(Entity row, ScoringRuleSet ruleSet, CreditConfiguration? configuration)
    {
        var evidence = ruleSet.Evidence;
        row[RuleSetTable.Fields.RiskWithoutEvidence] = (decimal)ruleSet.RiskWithoutEvidence;
        row[RuleSetTable.Fields.WeightLast3Months] = Decimal(evidence.WeightLast3Months, 4);
        row[RuleSetTable.Fields.WeightMonths4To6] = Decimal(evidence.WeightMonths4To6, 4);
        row[RuleSetTable.Fields.WeightMonths7To12] = Decimal(evidence.WeightMonths7To12, 4);
        row[RuleSetTable.Fields.WeightMonths13To24] = Decimal(evidence.WeightMonths13To24, 4);
        row[RuleSetTable.Fields.WeightOlder] = Decimal(evidence.WeightOlder, 4);
        row[RuleSetTable.Fields.PriorLateShare] = Decimal(evidence.PriorLateShare * PercentScale, 2);
        row[RuleSetTable.Fields.PriorLateBeyond15Share] = Decimal(evidence.PriorLateBeyond15DaysShare * PercentScale, 2);
        row[RuleSetTable.Fields.PriorDaysVsDue] = Decimal(evidence.PriorDaysVsDue, 2);
        row[RuleSetTable.Fields.PriorStrength] = Decimal(evidence.PriorStrength, 2);
        if (configuration is null)
        {
            return;
        }

        row[RuleSetTable.Fields.RiskMediumFrom] = (decimal)configuration.RiskLevels.MediumFrom;
        row[RuleSetTable.Fields.RiskHighFrom] = (decimal)configuration.RiskLevels.HighFrom;
        row[RuleSetTable.Fields.RiskSevereFrom] = (decimal)configuration.RiskLevels.SevereFrom;
        row[RuleSetTable.Fields.ValueMediumFrom] = (decimal)configuration.ValueBands.MediumFrom;
        row[RuleSetTable.Fields.ValueHighFrom] = (decimal)configuration.ValueBands.HighFrom;
        row[RuleSetTable.Fields.RevenueReference] = configuration.DefaultAnnualRevenueReference;
        row[RuleSetTable.Fields.SegmentRevenueReferences] = FormatSegmentReferences(configuration.RevenueReferences);
        row[RuleSetTable.Fields.SuspendOnJudgment] = configuration.Suspension.SuspendOnJudgment;
        row[RuleSetTable.Fields.SuspendOnFraud] = configuration.Suspension.SuspendOnFraud;
        row[RuleSetTable.Fields.SuspensionSolvencyDrop] = configuration.Suspension.SolvencyDropPoints;
        row[RuleSetTable.Fields.SuspensionRatingFloor] = (int)configuration.Suspension.RatingFloor;
        row[RuleSetTable.Fields.MaterialScoreChange] = configuration.ScoreMateriality.Threshold;
        row[RuleSetTable.Fields.MaterialWorklistChange] = configuration.WorklistMateriality.Threshold;
    }

    /// <summary>"Key=500000; Manufacturing=150000" → references; empty text → none. Anything else is a configuration error naming the entry.</summary>
    public static IReadOnlyList<SegmentRevenueReference> ParseSegmentReferences(string text)
    {
        var references = new List<SegmentRevenueReference>();
        foreach (var entry in text.Split([';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split('=');
            if (parts.Length != 2 || string.IsNullOrWhiteSpace(parts[0])
                || !decimal.TryParse(parts[1].Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var revenue) || revenue <= 0)
            {
                throw new CreditInputException(
                    "The segment revenue references cannot be read at '" + entry.Trim() + "': write segment=annual revenue pairs separated by semicolons, e.g. Key=500000; Manufacturing=150000.");
            }

            references.Add(new SegmentRevenueReference(parts[0].Trim(), revenue));
        }

        return references;
    }

    public static string FormatSegmentReferences(IEnumerable<SegmentRevenueReference> references) =>
        string.Join("; ", references.Select(r => r.Segment + "=" + r.AnnualRevenue.ToString("0.##", CultureInfo.InvariantCulture)));

    private static double? Number(Entity row, string column) => row.GetAttributeValue<decimal?>(column) is { } value ? (double)value : null;

    private static decimal Decimal(double value, int decimals) => Math.Round((decimal)value, decimals);
}
