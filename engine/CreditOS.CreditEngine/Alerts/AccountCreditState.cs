using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine.Alerts;

/// <summary>The part of an account's credit picture alerts compare before and after a change.</summary>
public sealed record AccountCreditState(string Currency, decimal Limit, decimal Exposure, decimal Overdue, CreditTier? Tier, BureauReport? LatestBureauReport)
{
    public double Utilization => new Exposure.ExposureFigures(Limit, Exposure).Utilization;
}
