using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Exposure;

namespace CreditOS.CreditEngine.Decisions;

/// <summary>
/// Builds an order check from a fresh assessment (batch jobs, the local run, tests). Plugins build
/// <see cref="OrderCheckInput"/> directly from the account row instead, where the same figures are stored.
/// </summary>
public static class OrderCheckInputFactory
{
    public static OrderCheckInput FromAssessment(
        CreditAssessment assessment, ExposureSnapshot exposure, decimal orderAmount, string channel, DateTime asOf, CreditConfiguration configuration, CreditLimitState? limit = null)
    {
        Require.NotNull(assessment, "The credit assessment");
        Require.NotNull(exposure, "The exposure snapshot");
        Require.NotNull(configuration, "The credit configuration");
        return new OrderCheckInput
        {
            AsOf = asOf,
            OrderAmount = orderAmount,
            OrderCurrency = exposure.Currency,
            Channel = channel ?? string.Empty,
            ExposureBeforeOrder = exposure,
            Limit = limit ?? new CreditLimitState(assessment.CreditLimit),
            Terms = assessment.OrderTerms,
            SuspensionReason = assessment.Suspension.IsSuspended ? assessment.Suspension.Message : null,
            ManualHold = assessment.ManualHold,
            ChannelTolerance = assessment.Policy.ToleranceFor(channel),
        };
    }
}
