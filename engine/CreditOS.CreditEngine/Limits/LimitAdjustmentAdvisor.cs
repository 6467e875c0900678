using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Policies;
using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine.Limits;

/// <summary>
/// Recommends raising limits for customers who pay on time while using most of their limit, and lowering them on
/// deterioration, one bounded step at a time (see <see cref="LimitAdjustmentRules"/>). A raise never goes above the
/// policy's hard cap or the bureau's recommended credit.
/// </summary>
public static class LimitAdjustmentAdvisor
{
    public static LimitRecommendation Recommend(HistorySummary summary, CreditAssessment assessment, decimal currentLimit, double utilization, LimitAdjustmentRules rules)
    {
        Require.NotNull(summary, "The history summary");
        Require.NotNull(assessment, "The credit assessment");
        Require.NotNull(rules, "The limit adjustment rules");
        Require.NotNegative(currentLimit, "The current limit");
        var currency = summary.Currency;
        var recent = summary.Last6Months;

        var lowerBecause = LowerReason(summary, assessment, rules);
        if (lowerBecause is not null && currentLimit > 0)
        {
            var lowered = RoundDown(currentLimit * (1 - rules.LowerStepShare), rules.RoundingStep);
            return Build(LimitAdjustmentDirection.Lower, currentLimit, lowered, rules, lowerBecause, currency);
        }

        var sustainedOnTime = recent.InvoiceCount >= rules.MinimumInvoicesForRaise
            && (recent.LateShare ?? 1) <= rules.MaximumLateShareForRaise
            && recent.LateBeyond15DaysCount == 0;
        if (sustainedOnTime && utilization >= rules.MinimumUtilizationForRaise && !assessment.IsOnStarterTerms && !assessment.Suspension.IsSuspended)
        {
            var ceiling = Math.Min(assessment.Policy.HardCap, summary.LatestBureauReport?.RecommendedCredit ?? decimal.MaxValue);
            var raised = Math.Min(ceiling, RoundDown(currentLimit * (1 + rules.RaiseStepShare), rules.RoundingStep));
            if (raised > currentLimit)
            {
                var reason = recent.LateCount + " of " + recent.InvoiceCount + " invoices paid late in the last 6 months while using "
                    + MoneyText.Percent(utilization) + " of the limit";
                return Build(LimitAdjustmentDirection.Raise, currentLimit, raised, rules, reason, currency);
            }
        }

        return new LimitRecommendation(LimitAdjustmentDirection.Keep, currentLimit, currentLimit, false, "no change: payment behaviour and utilization do not call for one");
    }

    /// <summary>
    /// Whether the limit a rescoring computed (<paramref name="assessment"/>) may replace <paramref name="currentLimit"/>
    /// (the limit on the account) for a customer who owes <paramref name="exposure"/>, under the policy's
    /// <see cref="LimitChangeRules"/>. A first limit (none yet) and a limit Finance set apply as they are.
    /// </summary>
    public static LimitChangeDecision ReviewChange(decimal? currentLimit, CreditAssessment assessment, decimal exposure, bool financeDecided, string currency)
    {
        Require.NotNull(assessment, "The credit assessment");
        var proposed = assessment.CreditLimit;
        var rules = assessment.Policy.LimitChanges;
        if (financeDecided || currentLimit is not { } current || current <= 0 || proposed == current)
        {
            return new LimitChangeDecision(proposed, null, assessment.LimitExplanation);
        }

        if (proposed > current)
        {
            if (rules.IncreaseReviewAbove is { } above && proposed - current > above)
            {
                var reason = "the rescoring computes " + MoneyText.Format(currency, proposed) + " (" + assessment.LimitExplanation + "), an increase of "
                    + MoneyText.Format(currency, proposed - current) + " above the " + MoneyText.Format(currency, above) + " that applies without Finance";
                return Hold(current, new LimitRecommendation(LimitAdjustmentDirection.Raise, current, proposed, true, "raise the limit from " + MoneyText.Format(currency, current) + " to " + MoneyText.Format(currency, proposed) + ": " + reason), currency);
            }

            return new LimitChangeDecision(proposed, null, assessment.LimitExplanation);
        }

        var floorOfOneStep = decimal.Round(current * (1 - rules.MaximumCutShare), 2, MidpointRounding.AwayFromZero);
        var withinStep = proposed >= floorOfOneStep;
        if (withinStep && proposed >= exposure)
        {
            return new LimitChangeDecision(proposed, null, assessment.LimitExplanation);
        }

        var why = (proposed < exposure ? "below the exposure of " + MoneyText.Format(currency, exposure) : "a cut of " + MoneyText.Percent((double)((current - proposed) / current)))
            + " (more than " + MoneyText.Percent((double)rules.MaximumCutShare) + " at once needs Finance)";
        var review = new LimitRecommendation(
            LimitAdjustmentDirection.Lower,
            current,
            proposed,
            true,
            "lower the limit from " + MoneyText.Format(currency, current) + " to " + MoneyText.Format(currency, proposed) + ": the rescoring computes " + assessment.LimitExplanation + ", " + why);
        if (rules.StepDownGradually)
        {
            var stepped = Math.Max(proposed, floorOfOneStep);
            if (stepped >= exposure)
            {
                return new LimitChangeDecision(
                    stepped,
                    null,
                    "stepping down from " + MoneyText.Format(currency, current) + " toward " + MoneyText.Format(currency, proposed) + " by at most " + MoneyText.Percent((double)rules.MaximumCutShare) + " per rescoring");
            }
        }

        return Hold(current, review, currency);
    }

    private static LimitChangeDecision Hold(decimal current, LimitRecommendation review, string currency) =>
        new(current, review, "limit " + MoneyText.Format(currency, current) + " held until Finance decides the limit review");

    private static string? LowerReason(HistorySummary summary, CreditAssessment assessment, LimitAdjustmentRules rules)
    {
        if (summary.Last6Months.LateBeyond15DaysShare is { } late15 && late15 >= rules.LateBeyond15ShareForLower)
        {
            return MoneyText.Percent(late15) + " of invoices in the last 6 months paid more than 15 days late";
        }

        if (summary.Last3Months.LateShare is { } recent && summary.Prior12Months.LateShare is { } baseline && recent - baseline >= rules.DeteriorationForLower)
        {
            return MoneyText.Percent(recent) + " of invoices paid late in the last 3 months against " + MoneyText.Percent(baseline) + " a year earlier";
        }

        return assessment.Score.RiskLevel == RiskLevel.Severe ? "risk is severe (" + MoneyText.Number(assessment.Score.Risk, "0") + " of 100)" : null;
    }

    private static LimitRecommendation Build(LimitAdjustmentDirection direction, decimal current, decimal recommended, LimitAdjustmentRules rules, string reason, string currency)
    {
        var needsFinance = Math.Abs(recommended - current) > rules.FinanceApprovalAbove;
        var verb = direction == LimitAdjustmentDirection.Raise ? "raise" : "lower";
        return new LimitRecommendation(
            direction,
            current,
            recommended,
            needsFinance,
            verb + " the limit from " + MoneyText.Format(currency, current) + " to " + MoneyText.Format(currency, recommended) + ": " + reason
            + (needsFinance ? " (Finance approval needed above " + MoneyText.Format(currency, rules.FinanceApprovalAbove) + ")" : string.Empty));
    }

    private static decimal RoundDown(decimal amount, decimal step) =>
        step > 0 ? Math.Floor(amount / step) * step : amount;
}
