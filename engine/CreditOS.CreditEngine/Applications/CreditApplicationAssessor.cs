using System.Globalization;
using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Applications;

/// <summary>
/// Assesses a new customer's credit application from its stated financials, the bureau's report and its references,
/// and recommends an initial limit and terms for Finance to approve, change or decline.
/// <para><b>Creditworthiness</b> (0–100) is the weighted average of the points of the factors that can be measured
/// (an unmeasured factor's weight goes to the others, as in the Risk score):</para>
/// <code>
/// bureau solvency 25 (its 0–100 score), bureau rating 15 (A 100, B 80, C 55, D 25, E 0),
/// bureau days beyond terms 10 (0 days 100 … 60 days or more 0), current ratio 12 (0.8 or less 0, 1.0 40, 1.5 75, 2.0 or more 100),
/// equity cover 10 (equity ÷ requested limit: 0 or negative equity 0 … 2× or more 100), years trading 10 (0 … 10 years or more 100),
/// trade references 10 (good 100, slow 40, poor 0, averaged), bank reference 8 (strong 100, satisfactory 65, weak 15)
/// </code>
/// The bureau counts for half: it is the third-party verification Finance relies on before a first order; the applicant's
/// own figures and references make up the other half.
/// <para><b>Initial limit</b>:</para>
/// <code>
/// capacity = the smaller of annual revenue × revenue share (10%) and equity × equity share (25%), of those stated
/// limit     = min(requested limit, capacity × creditworthiness / 100, bureau's recommended credit, policy's hard cap),
///             rounded down to 100
/// </code>
/// Why: an initial limit lends against what the customer can carry before there is any payment history: about five
/// weeks of its sales (a normal order-to-cash cycle) and no more than a quarter of its equity, scaled down by how
/// creditworthy it looks; never more than it asked for, than the bureau recommends or than the policy allows.
/// <b>Terms</b>: the requested terms, at most the policy's, and at most 15 days below creditworthiness 60.
/// <b>Decline</b>: a judgment or legal proceeding, rating E, creditworthiness below 40, no revenue or equity stated,
/// or a limit that comes to nothing. Laws (property tests): better figures, references or bureau data never lower the
/// recommended limit or terms; a judgment never raises them.
/// </summary>
public static class CreditApplicationAssessor
{
    public const decimal SolvencyWeight = 25m;
    public const decimal RatingWeight = 15m;
    public const decimal DaysBeyondTermsWeight = 10m;
    public const decimal CurrentRatioWeight = 12m;
    public const decimal EquityCoverWeight = 10m;
    public const decimal YearsTradingWeight = 10m;
    public const decimal TradeReferencesWeight = 10m;
    public const decimal BankReferenceWeight = 8m;

    private const decimal DaysBeyondTermsAtZero = 60m;
    private const decimal EquityCoverAtFull = 2m;
    private const decimal YearsAtFull = 10m;

    public static CreditApplicationAssessment Assess(CreditApplicationFacts facts, BureauReport? bureau, InitialLimitRules rules)
    {
        Require.NotNull(facts, "The credit application");
        Require.NotNull(rules, "The initial limit rules");
        Require.NotNegative(facts.RequestedLimit, "The requested limit");
        if (facts.RequestedLimit == 0)
        {
            throw new CreditInputException("The requested limit must be positive: the application asks for credit.");
        }

        if (facts.RequestedTermsDays < 0)
        {
            throw new CreditInputException("The requested terms must be 0 or more days, but are " + facts.RequestedTermsDays + ".");
        }

        if (facts.CurrentRatio is < 0)
        {
            throw new CreditInputException("The current ratio cannot be negative, but is " + Number(facts.CurrentRatio.Value) + ".");
        }

        if (facts.AnnualRevenue is < 0 || facts.YearsTrading is < 0)
        {
            throw new CreditInputException("Annual revenue and years trading cannot be negative.");
        }

        var currency = facts.Currency;
        var factors = new List<ApplicationFactor>();
        var reasons = new List<string>();
        if (bureau is null)
        {
            reasons.Add("No bureau report: the company could not be verified by a third party.");
        }
        else
        {
            factors.Add(new ApplicationFactor("Bureau solvency", Clamp(bureau.SolvencyScore), SolvencyWeight));
            factors.Add(new ApplicationFactor("Bureau rating", RatingPoints(bureau.Rating), RatingWeight));
            factors.Add(new ApplicationFactor("Bureau days beyond terms", Clamp(100m - (bureau.DaysBeyondTermsScore * 100m / DaysBeyondTermsAtZero)), DaysBeyondTermsWeight));
            reasons.Add("The bureau rates the company " + bureau.Rating + " with solvency " + bureau.SolvencyScore + " of 100 and pays "
                + bureau.DaysBeyondTermsScore + " days beyond terms on average"
                + (bureau.RecommendedCredit is { } credit ? "; it recommends credit up to " + MoneyText.Format(currency, credit) : "; it gives no recommended credit") + ".");
        }

        if (facts.CurrentRatio is { } ratio)
        {
            factors.Add(new ApplicationFactor("Current ratio", CurrentRatioPoints(ratio), CurrentRatioWeight));
            reasons.Add("Current ratio " + Number(ratio) + (ratio >= 1m ? ": short-term assets cover short-term debts." : ": short-term debts exceed short-term assets."));
        }

        if (facts.Equity is { } equity)
        {
            var cover = equity <= 0 ? 0m : equity / facts.RequestedLimit;
            factors.Add(new ApplicationFactor("Equity cover", Clamp(cover / EquityCoverAtFull * 100m), EquityCoverWeight));
            reasons.Add(equity <= 0
                ? "Equity " + MoneyText.Format(currency, equity) + ": the owners have nothing at stake before creditors."
                : "Equity " + MoneyText.Format(currency, equity) + " covers the requested limit " + Number(Math.Round(cover, 1)) + " times.");
        }

        if (facts.YearsTrading is { } years)
        {
            factors.Add(new ApplicationFactor("Years trading", Clamp(years / YearsAtFull * 100m), YearsTradingWeight));
            reasons.Add("Trading for " + years + (years == 1 ? " year." : " years."));
        }

        if (facts.TradeReferences.Count > 0)
        {
            var points = facts.TradeReferences.Average(r => (double)TradeReferencePoints(r));
            factors.Add(new ApplicationFactor("Trade references", (decimal)points, TradeReferencesWeight));
            reasons.Add("Trade references: " + Counted(facts.TradeReferences, TradeReferenceRating.Good, "good") + ", "
                + Counted(facts.TradeReferences, TradeReferenceRating.Slow, "slow") + ", " + Counted(facts.TradeReferences, TradeReferenceRating.Poor, "poor") + ".");
        }

        if (facts.BankReference is { } bank)
        {
            factors.Add(new ApplicationFactor("Bank reference", BankReferencePoints(bank), BankReferenceWeight));
            reasons.Add("Bank reference: " + bank.ToString().ToLowerInvariant() + ".");
        }

        var weight = factors.Sum(f => f.Weight);
        var score = weight == 0 ? 0m : Math.Round(factors.Sum(f => f.Points * f.Weight) / weight, 1);
        reasons.Insert(0, "Creditworthiness " + Number(score) + " of 100 from " + factors.Count + " measured factors"
            + (factors.Count == 0 ? "." : ": " + string.Join(", ", factors.Select(f => f.Name.ToLowerInvariant() + " " + Number(Math.Round(f.Points, 0)))) + "."));

        var declined = DeclineReason(facts, bureau, score, rules);
        if (declined is not null)
        {
            reasons.Add("Recommendation: decline. " + declined + " Until Finance decides otherwise the customer stays on starter terms (prepayment).");
            return new CreditApplicationAssessment(ApplicationRecommendation.Decline, score, 0m, 0, factors, reasons);
        }

        var capacity = Capacity(facts, rules);
        var scaled = capacity * score / 100m;
        var limit = Math.Min(facts.RequestedLimit, scaled);
        limit = Math.Min(limit, rules.HardCap);
        if (bureau?.RecommendedCredit is { } recommended)
        {
            limit = Math.Min(limit, Math.Max(0m, recommended));
        }

        limit = Math.Floor(limit / rules.RoundingStep) * rules.RoundingStep;
        var sizing = "Limit: the smallest of the requested " + MoneyText.Format(currency, facts.RequestedLimit)
            + ", capacity " + MoneyText.Format(currency, capacity) + " (" + CapacityText(facts, rules) + ") × creditworthiness " + Number(score) + "% = "
            + MoneyText.Format(currency, Math.Round(scaled, 2))
            + (bureau?.RecommendedCredit is { } bureauCredit ? ", the bureau's recommended credit " + MoneyText.Format(currency, bureauCredit) : string.Empty)
            + " and the policy's cap " + MoneyText.Format(currency, rules.HardCap) + ", rounded down to " + Number(rules.RoundingStep) + ": " + MoneyText.Format(currency, limit) + ".";
        if (limit <= 0)
        {
            reasons.Add(sizing);
            reasons.Add("Recommendation: decline. The limit comes to nothing. Until Finance decides otherwise the customer stays on starter terms (prepayment).");
            return new CreditApplicationAssessment(ApplicationRecommendation.Decline, score, 0m, 0, factors, reasons);
        }

        var terms = Math.Min(facts.RequestedTermsDays, rules.PolicyTermsDays);
        if (score < rules.FullTermsFromScore)
        {
            terms = Math.Min(terms, rules.ShortTermsDays);
        }

        reasons.Add(sizing);
        reasons.Add("Terms: net " + terms + " (requested " + facts.RequestedTermsDays + ", policy " + rules.PolicyTermsDays
            + (score < rules.FullTermsFromScore ? ", at most " + rules.ShortTermsDays + " below creditworthiness " + Number(rules.FullTermsFromScore) : string.Empty) + ").");
        reasons.Add("Recommendation: grant " + MoneyText.Format(currency, limit) + " on net " + terms + ".");
        return new CreditApplicationAssessment(ApplicationRecommendation.Grant, score, limit, terms, factors, reasons);
    }

    private static string? DeclineReason(CreditApplicationFacts facts, BureauReport? bureau, decimal score, InitialLimitRules rules)
    {
        if (bureau is { } report && report.HasJudgmentOrProceeding)
        {
            return "The bureau reports " + (report.Judgments + report.LegalProceedings) + " judgment(s) or legal proceeding(s) against the company.";
        }

        if (bureau?.Rating == BureauRating.E)
        {
            return "The bureau rates the company E (the worst rating), which suspends credit.";
        }

        if (facts.AnnualRevenue is null && facts.Equity is null)
        {
            return "Neither annual revenue nor equity is stated, so no limit can be sized: ask the customer for its figures.";
        }

        return score < rules.DeclineBelowScore
            ? "Creditworthiness " + Number(score) + " is below " + Number(rules.DeclineBelowScore) + "."
            : null;
    }

    private static decimal Capacity(CreditApplicationFacts facts, InitialLimitRules rules)
    {
        var fromRevenue = facts.AnnualRevenue is { } revenue ? revenue * rules.RevenueShare : decimal.MaxValue;
        var fromEquity = facts.Equity is { } equity ? Math.Max(0m, equity) * rules.EquityShare : decimal.MaxValue;
        return Math.Min(fromRevenue, fromEquity);
    }

    private static string CapacityText(CreditApplicationFacts facts, InitialLimitRules rules)
    {
        var parts = new List<string>();
        if (facts.AnnualRevenue is { } revenue)
        {
            parts.Add(Number(rules.RevenueShare * 100m) + "% of revenue " + MoneyText.Format(facts.Currency, revenue));
        }

        if (facts.Equity is { } equity)
        {
            parts.Add(Number(rules.EquityShare * 100m) + "% of equity " + MoneyText.Format(facts.Currency, equity));
        }

        return "the smaller of " + string.Join(" and ", parts);
    }

    private static decimal RatingPoints(BureauRating rating) => rating switch
    {
        BureauRating.A => 100m,
        BureauRating.B => 80m,
        BureauRating.C => 55m,
        BureauRating.D => 25m,
        _ => 0m,
    };

    /// <summary>0.8 or less 0, 1.0 40, 1.5 75, 2.0 or more 100, on straight lines between.</summary>
    private static decimal CurrentRatioPoints(decimal ratio) => ratio switch
    {
        <= 0.8m => 0m,
        <= 1.0m => (ratio - 0.8m) / 0.2m * 40m,
        <= 1.5m => 40m + ((ratio - 1.0m) / 0.5m * 35m),
        <= 2.0m => 75m + ((ratio - 1.5m) / 0.5m * 25m),
        _ => 100m,
    };

    private static decimal TradeReferencePoints(TradeReferenceRating rating) => rating switch
    {
        TradeReferenceRating.Good => 100m,
        TradeReferenceRating.Slow => 40m,
        _ => 0m,
    };

    private static decimal BankReferencePoints(BankReferenceRating rating) => rating switch
    {
        BankReferenceRating.Strong => 100m,
        BankReferenceRating.Satisfactory => 65m,
        _ => 15m,
    };

    private static string Counted(IReadOnlyList<TradeReferenceRating> references, TradeReferenceRating rating, string word) =>
        references.Count(r => r == rating) + " " + word;

    private static decimal Clamp(decimal points) => Math.Max(0m, Math.Min(100m, points));

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
