using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.Policies;
using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine.Configuration;

/// <summary>
/// The configuration creditOS ships with. Tier codes and policy codes are the keys administrators see on
/// cos_credittier and cos_creditpolicy rows. The reasoning behind each figure is in engine/README.md.
/// Calibration (creditos simulate on the demo portfolio): a tier tightens terms, headroom and grace and routes to
/// Finance; it never refuses on its own. Over-limit orders of every credit tier go to Finance (no block ceiling), so
/// only a suspension refuses an order. Watch and Restricted keep hard caps of 250,000: a high-volume customer whose
/// Risk score falls keeps a limit near its normal cycle volume (headroom 1.15 and 1.0, Restricted on net 15) instead
/// of a 25,000 cap it already exceeds ten times over; Restricted still sends every order to Finance.
/// Overdue tolerance (engine/README.md "Overdue tolerance"): Strategic 1,000, Preferred and Standard 500, each at most 2% of
/// the limit while the oldest item is at most 30 days past due; Watch 250, 1%, 15 days; none for Restricted (Finance sees
/// every order anyway), Prepay and Starter.
/// </summary>
public static class DefaultCreditConfiguration
{
    public const string Strategic = "STRATEGIC";
    public const string Preferred = "PREFERRED";
    public const string Standard = "STANDARD";
    public const string Watch = "WATCH";
    public const string Restricted = "RESTRICTED";
    public const string Prepay = "PREPAY";
    public const string Starter = "STARTER";

    /// <summary>Channel code of electronic replenishment orders, trusted for small orders.</summary>
    public const string EdiChannel = "EDI";

    /// <summary>
    /// The shipped trusted channel on every policy: EDI orders up to 2,500 may exceed the limit by up to 2,500 and pass
    /// with up to 1,000 overdue beyond grace while its oldest item is at most 30 days past due (the end of the first aging
    /// bucket, the policies' own tolerance ceiling).
    /// </summary>
    public static readonly TrustedChannelTolerance EdiTolerance = new(EdiChannel, MaximumOrderAmount: 2_500m, MaximumExcessOverLimit: 2_500m, OverdueTolerance: 1_000m, OverdueToleranceDays: 30);

    public static CreditConfiguration Create() => new()
    {
        RuleSets = [DefaultScoringRules.Create()],
        DefaultAnnualRevenueReference = 120_000m,
        RiskLevels = new RiskLevelThresholds(MediumFrom: 25, HighFrom: 45, SevereFrom: 65),
        ValueBands = new ValueBandThresholds(MediumFrom: 40, HighFrom: 70),
        Tiers =
        [
            new CreditTier(Strategic, "Strategic", 1, Strategic),
            new CreditTier(Preferred, "Preferred", 2, Preferred),
            new CreditTier(Standard, "Standard", 3, Standard),
            new CreditTier(Watch, "Watch", 4, Watch),
            new CreditTier(Restricted, "Restricted", 5, Restricted),
            new CreditTier(Prepay, "Prepay", 6, Prepay),
            new CreditTier(Starter, "Starter", 7, Starter),
        ],
        TierMatrix =
        [
            new TierMatrixCell(ValueBand.High, RiskLevel.Low, Strategic),
            new TierMatrixCell(ValueBand.High, RiskLevel.Medium, Preferred),
            new TierMatrixCell(ValueBand.High, RiskLevel.High, Watch),
            new TierMatrixCell(ValueBand.High, RiskLevel.Severe, Restricted),
            new TierMatrixCell(ValueBand.Medium, RiskLevel.Low, Preferred),
            new TierMatrixCell(ValueBand.Medium, RiskLevel.Medium, Standard),
            new TierMatrixCell(ValueBand.Medium, RiskLevel.High, Watch),
            new TierMatrixCell(ValueBand.Medium, RiskLevel.Severe, Prepay),
            new TierMatrixCell(ValueBand.Low, RiskLevel.Low, Standard),
            new TierMatrixCell(ValueBand.Low, RiskLevel.Medium, Standard),
            new TierMatrixCell(ValueBand.Low, RiskLevel.High, Restricted),
            new TierMatrixCell(ValueBand.Low, RiskLevel.Severe, Prepay),
        ],
        Policies =
        [
            new CreditPolicy
            {
                TrustedChannel = EdiTolerance,
                Code = Strategic, Name = "Strategic", BaseLimit = 100_000m, LimitHeadroom = 1.5m, HardCap = 1_000_000m,
                PaymentTermsDays = 45, EarlyPaymentDiscountPercent = 2m, EarlyPaymentDiscountDays = 10, GraceDays = 10,
                BlockAboveUtilization = null, OverdueAlertAmount = 50_000m, OverdueTolerance = new OverdueTolerance(1_000m, 0.02m, 30),
            },
            new CreditPolicy
            {
                TrustedChannel = EdiTolerance,
                Code = Preferred, Name = "Preferred", BaseLimit = 50_000m, LimitHeadroom = 1.4m, HardCap = 500_000m,
                PaymentTermsDays = 30, EarlyPaymentDiscountPercent = 2m, EarlyPaymentDiscountDays = 10, GraceDays = 7,
                BlockAboveUtilization = null, OverdueAlertAmount = 25_000m, OverdueTolerance = new OverdueTolerance(500m, 0.02m, 30),
            },
            new CreditPolicy
            {
                TrustedChannel = EdiTolerance,
                Code = Standard, Name = "Standard", BaseLimit = 25_000m, LimitHeadroom = 1.3m, HardCap = 250_000m,
                PaymentTermsDays = 30, GraceDays = 5, BlockAboveUtilization = null, OverdueAlertAmount = 10_000m,
                OverdueTolerance = new OverdueTolerance(500m, 0.02m, 30),
            },
            new CreditPolicy
            {
                TrustedChannel = EdiTolerance,
                Code = Watch, Name = "Watch", BaseLimit = 10_000m, LimitHeadroom = 1.15m, HardCap = 250_000m,
                PaymentTermsDays = 30, GraceDays = 3, BlockAboveUtilization = null, OverdueAlertAmount = 5_000m,
                OverdueTolerance = new OverdueTolerance(250m, 0.01m, 15),
            },
            new CreditPolicy
            {
                TrustedChannel = EdiTolerance,
                Code = Restricted, Name = "Restricted", BaseLimit = 5_000m, LimitHeadroom = 1m, HardCap = 250_000m,
                PaymentTermsDays = 15, GraceDays = 0, ApprovalRequirement = ApprovalRequirement.EveryOrder,
                BlockAboveUtilization = null, OverdueAlertAmount = 1_000m,
            },
            new CreditPolicy
            {
                TrustedChannel = EdiTolerance,
                Code = Prepay, Name = "Prepay", RequiresPrepayment = true, BlockAboveUtilization = 1.0,
            },
            new CreditPolicy
            {
                TrustedChannel = EdiTolerance,
                Code = Starter, Name = "Starter (prepay)", RequiresPrepayment = true, BaseLimit = 0m, HardCap = 10_000m,
                BlockAboveUtilization = 1.0,
            },
        ],
        StarterTerms = new StarterTermsRule(MinimumCompletedOrders: 3, MinimumMonthsOfHistory: 3, RequireBoth: true, Starter, Starter),
    };
}
