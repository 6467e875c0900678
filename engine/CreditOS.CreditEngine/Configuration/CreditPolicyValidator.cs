using CreditOS.CreditEngine.Policies;

namespace CreditOS.CreditEngine.Configuration;

/// <summary>Checks one credit policy; used alone by the policy configuration guard.</summary>
public static class CreditPolicyValidator
{
    public static void Validate(CreditPolicy policy, List<string> errors)
    {
        Require.NotNull(policy, "The credit policy");
        Require.NotNull(errors, "The error list");
        var where = "Credit policy '" + policy.Name + "'";
        if (policy.BaseLimit < 0 || policy.HardCap < 0 || policy.LimitHeadroom < 0 || policy.OverdueAlertAmount < 0)
        {
            errors.Add(where + " has a negative limit, cap, headroom or alert amount.");
        }

        if (!(policy.LimitChanges.MaximumCutShare > 0 && policy.LimitChanges.MaximumCutShare <= 1) || policy.LimitChanges.IncreaseReviewAbove < 0)
        {
            errors.Add(where + " needs a limit cut review share above 0 and at most 1 (got " + policy.LimitChanges.MaximumCutShare + ") and no negative increase review amount.");
        }

        if (policy.TrustedChannel is { } trusted)
        {
            if (string.IsNullOrWhiteSpace(trusted.Channel))
            {
                errors.Add(where + " has trusted-channel tolerances but no trusted channel; choose the channel or clear the tolerances.");
            }

            if (trusted.MaximumOrderAmount < 0 || trusted.MaximumExcessOverLimit < 0 || trusted.OverdueTolerance < 0 || trusted.OverdueToleranceDays < 0)
            {
                errors.Add(where + " has a negative tolerance for the trusted channel '" + trusted.Channel + "' (order up to " + trusted.MaximumOrderAmount
                    + ", excess over the limit up to " + trusted.MaximumExcessOverLimit + ", overdue up to " + trusted.OverdueTolerance
                    + " while at most " + trusted.OverdueToleranceDays + " days past due); use zero or more.");
            }
        }

        Require.NotNull(policy.OverdueTolerance, "The policy's overdue tolerance");
        foreach (var problem in policy.OverdueTolerance.Problems())
        {
            errors.Add(where + " " + problem);
        }

        if (policy.OrderToInvoiceDays < 0)
        {
            errors.Add(where + " has negative order-to-invoice days.");
        }

        if (policy.HardCap < policy.BaseLimit)
        {
            errors.Add(where + " has a hard cap below its base limit; raise the cap or lower the base limit.");
        }

        if (policy.PaymentTermsDays < 0 || policy.GraceDays < 0 || policy.EarlyPaymentDiscountDays < 0)
        {
            errors.Add(where + " has negative payment terms, grace days or discount days.");
        }

        if (policy.EarlyPaymentDiscountDays > policy.PaymentTermsDays && policy.EarlyPaymentDiscountPercent > 0)
        {
            errors.Add(where + " offers an early-payment discount for longer than its payment terms.");
        }

        if (policy.EarlyPaymentDiscountPercent is < 0 or >= 100)
        {
            errors.Add(where + " has an early-payment discount outside 0-100%.");
        }

        if (!(policy.WarningUtilization > 0 && policy.WarningUtilization < policy.CriticalUtilization))
        {
            errors.Add(where + ": the utilization alert thresholds must be above zero with warning below critical (e.g. 80% and 95%).");
        }

        if (policy.BlockAboveUtilization is { } block && !(block >= 1))
        {
            errors.Add(where + ": orders can only be blocked above 100% utilization or more; set at least 1.0.");
        }
    }
}
