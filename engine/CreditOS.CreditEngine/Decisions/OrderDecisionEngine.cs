namespace CreditOS.CreditEngine.Decisions;

/// <summary>
/// Decides an order from a compact <see cref="OrderCheckInput"/>. Every rule that applies adds a reason; the outcome
/// is the most severe. Rules: suspension; an exclusion rule (releases the order without further checks unless
/// suspended); manual hold; customer messages with a hold code (each holds the order with its text); prepayment terms (then the limit does not apply: nothing ships
/// on credit; alone it awaits the prepayment rather than Finance); limit (over it → Finance approval, or a block above the policy's utilization ceiling or with no limit;
/// a trusted channel's small orders may exceed it slightly; the credit group's limit likewise, see <see cref="CreditGroupCheck"/>); overdue (within grace, within the
/// policy's overdue tolerance (<see cref="OverdueTolerance"/>) or the channel's → approve within grace, beyond → Finance approval); policies that require approval of every order.
/// </summary>
public static class OrderDecisionEngine
{
    public static OrderDecision Decide(OrderCheckInput input)
    {
        Validate(input);
        var snapshot = input.ExposureBeforeOrder;
        var terms = input.Terms;
        var limit = input.Limit.EffectiveLimit(input.AsOf);
        var figures = new DecisionFigures(
            snapshot.Currency, limit, snapshot.Total, input.OrderAmount, snapshot.OverdueAmount, snapshot.OverdueBeyondGraceAmount, snapshot.OldestOverdueDays, terms.GraceDays);
        var reasons = new List<DecisionReason>(2);
        var tolerance = input.ChannelTolerance;

        if (input.IsSuspended)
        {
            reasons.Add(new DecisionReason(DecisionReasonCode.AccountSuspended, DecisionOutcome.Suspended, figures, input.SuspensionReason));
        }

        if (input.IsExcluded && !input.IsSuspended)
        {
            reasons.Add(new DecisionReason(DecisionReasonCode.ReleasedByExclusionRule, DecisionOutcome.Approve, figures, input.ExclusionRule));
            return new OrderDecision(DecisionOutcome.Approve, reasons, figures);
        }

        if (input.ManualHold)
        {
            reasons.Add(new DecisionReason(DecisionReasonCode.ManualHold, DecisionOutcome.RequireApproval, figures));
        }

        foreach (var message in input.HoldMessages)
        {
            reasons.Add(new DecisionReason(DecisionReasonCode.CustomerMessageHold, DecisionOutcome.RequireApproval, figures, message.Describe()));
        }

        if (terms.RequiresPrepayment)
        {
            reasons.Add(new DecisionReason(DecisionReasonCode.PrepaymentRequired, DecisionOutcome.AwaitPrepayment, figures));
        }
        else
        {
            CheckLimit(figures, terms, tolerance, reasons);
            foreach (var group in input.Groups)
            {
                CreditGroupCheck.Check(group, figures, terms, reasons);
            }
        }

        CheckOverdue(figures, terms.Tolerance, tolerance, reasons);
        if (terms.ApprovalRequirement == Policies.ApprovalRequirement.EveryOrder)
        {
            reasons.Add(new DecisionReason(DecisionReasonCode.PolicyRequiresApproval, DecisionOutcome.RequireApproval, figures));
        }

        var outcome = DecisionOutcome.Approve;
        foreach (var reason in reasons)
        {
            if (reason.Outcome > outcome)
            {
                outcome = reason.Outcome;
            }
        }

        if (reasons.Count == 0)
        {
            reasons.Add(new DecisionReason(DecisionReasonCode.WithinLimit, DecisionOutcome.Approve, figures));
        }

        return new OrderDecision(outcome, reasons, figures);
    }

    private static void CheckLimit(DecisionFigures figures, OrderPolicyTerms terms, TrustedChannelTolerance? tolerance, List<DecisionReason> reasons)
    {
        var exposure = figures.ExposureWithOrder;
        var limit = figures.Limit;
        if (exposure <= limit)
        {
            return;
        }

        var excess = exposure - limit;
        if (tolerance is not null && figures.OrderAmount <= tolerance.MaximumOrderAmount && excess <= tolerance.MaximumExcessOverLimit)
        {
            reasons.Add(new DecisionReason(DecisionReasonCode.OverLimitWithinChannelTolerance, DecisionOutcome.ApproveWithinGrace, figures, tolerance.Channel));
            return;
        }

        var beyondMargin = terms.BlockAboveUtilization is { } ceiling && (limit <= 0 || exposure > limit * (decimal)ceiling);
        reasons.Add(beyondMargin
            ? new DecisionReason(DecisionReasonCode.OverLimitBeyondApprovalMargin, DecisionOutcome.Block, figures)
            : new DecisionReason(DecisionReasonCode.OverCreditLimit, DecisionOutcome.RequireApproval, figures));
    }

    /// <summary>
    /// Overdue beyond grace holds the order for Finance unless the policy's overdue tolerance covers the customer's total
    /// overdue beyond grace (small, and its oldest item recent: <see cref="OverdueTolerance.Covers"/>) or the trusted
    /// channel's tolerance does; either way the reason keeps the overdue amount so the rep can chase it.
    /// </summary>
    private static void CheckOverdue(DecisionFigures figures, OverdueTolerance policyTolerance, TrustedChannelTolerance? channelTolerance, List<DecisionReason> reasons)
    {
        if (figures.OverdueBeyondGrace > 0)
        {
            if (policyTolerance.Covers(figures.OverdueBeyondGrace, figures.OldestOverdueDays, figures.Limit))
            {
                reasons.Add(new DecisionReason(DecisionReasonCode.OverdueWithinTolerance, DecisionOutcome.ApproveWithinGrace, figures, policyTolerance.Describe(figures.Money, figures.Limit)));
            }
            else if (channelTolerance is not null && channelTolerance.CoversOverdue(figures.OverdueBeyondGrace, figures.OldestOverdueDays))
            {
                reasons.Add(new DecisionReason(DecisionReasonCode.OverdueWithinChannelTolerance, DecisionOutcome.ApproveWithinGrace, figures, channelTolerance.Channel));
            }
            else
            {
                reasons.Add(new DecisionReason(
                    DecisionReasonCode.OverdueBeyondGrace, DecisionOutcome.RequireApproval, figures, policyTolerance.IsNone ? null : policyTolerance.Describe(figures.Money, figures.Limit)));
            }
        }
        else if (figures.Overdue > 0)
        {
            reasons.Add(new DecisionReason(DecisionReasonCode.OverdueWithinGrace, DecisionOutcome.ApproveWithinGrace, figures));
        }
    }

    private static void Validate(OrderCheckInput input)
    {
        Require.NotNull(input, "The order check input");
        Require.NotNull(input.ExposureBeforeOrder, "The exposure snapshot");
        Require.NotNull(input.Limit, "The credit limit");
        Require.NotNull(input.Terms, "The policy terms");
        Require.NotNegative(input.OrderAmount, "The order amount");
        input.ExposureBeforeOrder.Validate();
        input.Limit.Validate();
        input.Terms.Validate();
        Require.NotNull(input.Groups, "The credit groups");
        foreach (var group in input.Groups)
        {
            Require.NotNull(group, "A credit group");
            group.Validate();
        }

        Require.NotNull(input.HoldMessages, "The hold messages");
        Require.CurrencyCode(input.OrderCurrency, "The order currency");
        if (!string.Equals(input.OrderCurrency, input.ExposureBeforeOrder.Currency, StringComparison.Ordinal))
        {
            throw new CreditInputException(
                "The order is in " + input.OrderCurrency + " but the customer's credit is kept in " + input.ExposureBeforeOrder.Currency
                + "; enter the order in " + input.ExposureBeforeOrder.Currency + " or convert it first.");
        }
    }
}
