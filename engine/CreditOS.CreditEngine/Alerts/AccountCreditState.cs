using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine.Alerts;

/// <summary>The part of an account's credit picture alerts compare before and after a change (the customer group picks the bureau alert rules).</summary>
public sealed record AccountCreditState(string Currency, decimal Limit, decimal Exposure, decimal Overdue, CreditTier? Tier, BureauReport? LatestBureauReport, string? CustomerGroup = null)
{
    public double Utilization => new Exposure.ExposureFigures(Limit, Exposure).Utilization;
}
