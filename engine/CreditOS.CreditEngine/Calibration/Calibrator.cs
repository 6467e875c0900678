using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.CreditEngine.Calibration;

/// <summary>
/// Learns the risk weights from a company's own ledger. The bands (the shape of each factor's points) stay those of the
/// starting rule set (or, for the late shares, "points = the share" when that fits better: session 24); what is
/// fitted is how much each factor counts (a non-negative logistic regression of "paid late" on the factors' points)
/// and the segment prior the whole-history factors shrink toward (the ledger's own late share and average days
/// relative to due, or halfway between them and the starting prior: whichever fits the outcomes best).
/// The result is a new version of the rule set, in the same "range value × weight" form an admin edits.
/// <para>
/// Walk-forward validation: at the first day of every month, weights are fitted on the invoices whose outcome was known
/// before that day (paid on time, or past due), and the invoices of that month are scored with them; the months before
/// enough outcomes are known are scored with the starting rule set. So every invoice is scored only with what was
/// known before its date, as a live system would have scored it.
/// </para>
/// <para>
/// Credibility: a fit on a few hundred outcomes is noisy, and the starting weights already carry what other ledgers
/// taught. So the new weights are a credibility-weighted mean (as in Bühlmann credibility): fitted × n ÷ (n + n₀) +
/// starting × n₀ ÷ (n + n₀), n the outcomes the fit saw and n₀ = <see cref="CalibrationOptions.StartingWeightCredibility"/>.
/// The first walk-forward fits lean on the starting set; a long ledger speaks mostly for itself. The prior is fitted
/// by the same likelihood as the weights: the ledger's own averages and the midpoint between them and the starting
/// prior are each tried and the one under which the regression fits the outcomes best is kept (the ledger's plain
/// average is not always the best prior: a customer we know little about is often riskier than the average invoice;
/// the prior stays at least halfway to the ledger so its level still reads against this company's customers).
/// </para>
/// <para>
/// Recency (session 9): how fast a customer's habits change is a property of the ledger too, so the same likelihood
/// also chooses between the starting recency weights and those weights raised to a few powers
/// (<see cref="CalibrationOptions.RecencyExponents"/>): steeper where habits drift, flatter where they last. The bands
/// (each factor's shape) stay those of the starting set: fitting them walk-forward was measured and lost (engine/README.md).
/// One fixed alternative shape is chosen by the same likelihood (session 24, <see cref="SharesAsPoints"/>): the late
/// shares read with points equal to the share.
/// </para>
/// </summary>
public static class Calibrator
{
    private const double Percent = 100;
    private const double MinimumMeasuredShare = 0.05;

    // A candidate prior replaces the one before it only when it fits clearly better (mean log-loss per outcome).
    private const double LossTieTolerance = 1e-6;

    public static CalibrationResult Run(IReadOnlyList<BacktestInvoice> invoices, CreditConfiguration configuration, CalibrationOptions? options = null)
    {
        Require.NotNull(invoices, "The invoices");
        Require.NotNull(configuration, "The credit configuration");
        options ??= new CalibrationOptions();
        var start = RuleSetSelector.Select(configuration.RuleSets, CustomerSegment.Unassigned);
        var replay = Backtester.Replay(invoices);
        var items = replay.Invoices.OrderBy(i => i.Invoice.InvoiceDate).ToList();
        var byKnownOn = items.OrderBy(i => i.OutcomeKnownOn).ToList();

        var scored = new List<ScoredOutcome>(items.Count);
        var risks = new List<BacktestObservation>(items.Count);
        var scoredWithStart = 0;
        var refits = 0;
        var next = 0;

        // The outcomes known before each month are a prefix of byKnownOn that only grows: its end moves forward once
        // over the whole ledger instead of the prefix being read again every month.
        var knownBefore = 0;
        while (next < items.Count)
        {
            var monthStart = new DateTime(items[next].Invoice.InvoiceDate.Year, items[next].Invoice.InvoiceDate.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
            var monthEnd = monthStart.AddMonths(1);
            while (knownBefore < byKnownOn.Count && byKnownOn[knownBefore].OutcomeKnownOn < monthStart)
            {
                knownBefore++;
            }

            var training = MostRecent(byKnownOn, knownBefore, options);
            var fitted = Enough(training, options) ? FitWithBestEvidence(training, start, configuration, monthStart, options) : null;
            refits += fitted is null ? 0 : 1;
            var scoring = configuration with { RuleSets = [fitted?.RuleSet ?? start] };
            for (; next < items.Count && items[next].Invoice.InvoiceDate < monthEnd; next++)
            {
                var item = items[next];
                var score = CreditScorer.Score(item.Summary, scoring);
                scored.Add(new ScoredOutcome(score.Risk, item.PaidLate));
                risks.Add(new BacktestObservation(item.Invoice.CustomerId, item.Invoice.InvoiceId, item.Invoice.InvoiceDate, score.Risk, score.RiskLevel, item.PaidLate));
                scoredWithStart += fitted is null ? 1 : 0;
            }
        }

        var end = (replay.HistoryEnd ?? DateTime.MinValue).AddDays(1);
        var finalTraining = MostRecent(byKnownOn, byKnownOn.Count, options);
        var final = Enough(finalTraining, options) ? FitWithBestEvidence(finalTraining, start, configuration, end, options) : null;
        var version = configuration.RuleSets.Where(r => r.IsDefault).Select(r => r.Version).DefaultIfEmpty(start.Version).Max() + 1;
        return new CalibrationResult(
            final is null ? start : final.RuleSet with { Version = version },
            final?.Factors ?? [],
            RocAuc.Compute(scored),
            invoices.Count,
            scored.Count,
            scoredWithStart,
            refits,
            risks)
        {
            FittedShare = final?.FittedShare ?? 0,
            Prior = final?.Prior ?? PriorSource.Starting,
            RecencyExponent = final?.RecencyExponent ?? 1,
            SharesAsPoints = final?.SharesAsPoints ?? false,
        };
    }

    /// <summary>
    /// The credibility-weighted mean of fitted and starting weights: <c>fitted × n ÷ (n + n₀) + starting × n₀ ÷ (n + n₀)</c>.
    /// Both are on the same scale (shares of the weight the fitted factors carry together), so the result is too.
    /// </summary>
    public static double CredibilityWeighted(double fitted, double starting, int outcomes, double startingCredibility)
    {
        var share = FittedShareOf(outcomes, startingCredibility);
        return (share * fitted) + ((1 - share) * starting);
    }

    /// <summary>How much a fit on <paramref name="outcomes"/> outcomes counts against the starting weights: n ÷ (n + n₀).</summary>
    public static double FittedShareOf(int outcomes, double startingCredibility) =>
        startingCredibility <= 0 ? 1 : outcomes / (outcomes + startingCredibility);

    /// <summary>
    /// Fits the weights under each candidate reading of the evidence (the starting recency weights, then each of
    /// <see cref="CalibrationOptions.RecencyExponents"/>; under each, the ledger's own prior and the midpoint between it
    /// and the starting prior), each with the starting bands and, when <see cref="CalibrationOptions.TrySharesAsPoints"/>,
    /// with the late shares read as points (session 24), and keeps the best fit. A candidate replaces the one before it
    /// only when it fits clearly better, so ties keep the starting bands, the starting recency and the ledger's prior.
    /// </summary>
    private static FittedRuleSet? FitWithBestEvidence(IReadOnlyList<ReplayedInvoice> training, ScoringRuleSet start, CreditConfiguration configuration, DateTime knownBefore, CalibrationOptions options)
    {
        var ledger = Priors(training, start.Evidence, knownBefore);
        var exponents = new List<double> { 1 };
        exponents.AddRange(options.RecencyExponents.Where(e => e > 0 && e != 1));
        var shapes = new List<ScoringRuleSet> { start };
        if (options.TrySharesAsPoints && !SharesAsPoints.IsAppliedTo(start))
        {
            shapes.Add(SharesAsPoints.Apply(start));
        }

        FittedRuleSet? best = null;
        foreach (var shape in shapes)
        {
            foreach (var exponent in exponents)
            {
                var recency = RecencyRaised(ledger, exponent);

                // No tuples: the engine also compiles into the net462 plug-in assemblies.
                var candidates = new[]
                {
                    new KeyValuePair<PriorSource, EvidenceSettings>(PriorSource.Ledger, recency),
                    new KeyValuePair<PriorSource, EvidenceSettings>(PriorSource.Midpoint, Midpoint(start.Evidence, recency)),
                };
                foreach (var candidate in candidates)
                {
                    var fitted = Fit(training, shape, configuration, candidate.Value, options);
                    if (fitted is not null && (best is null || fitted.Loss < best.Loss - LossTieTolerance))
                    {
                        best = fitted with { Prior = candidate.Key, RecencyExponent = exponent, SharesAsPoints = SharesAsPoints.IsAppliedTo(shape) };
                    }
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The recency weights raised to a power: above 1 recent behaviour counts more against old (habits that drift),
    /// below 1 old behaviour keeps more weight (habits that last). The newest band's weight is 1 and stays 1; the
    /// order of the bands never changes, so a candidate is always a valid, decaying reading of the same evidence.
    /// </summary>
    public static EvidenceSettings RecencyRaised(EvidenceSettings evidence, double exponent)
    {
        Require.NotNull(evidence, "The evidence settings");
        return exponent == 1 ? evidence : evidence with
        {
            WeightLast3Months = Raised(evidence.WeightLast3Months, exponent),
            WeightMonths4To6 = Raised(evidence.WeightMonths4To6, exponent),
            WeightMonths7To12 = Raised(evidence.WeightMonths7To12, exponent),
            WeightMonths13To24 = Raised(evidence.WeightMonths13To24, exponent),
            WeightOlder = Raised(evidence.WeightOlder, exponent),
        };
    }

    // Three decimals: what the cos_weight… columns keep (accuracy 4) with room to spare.
    private static double Raised(double weight, double exponent) => Math.Round(Math.Pow(weight, exponent), 3);

    private static EvidenceSettings Midpoint(EvidenceSettings start, EvidenceSettings ledger) => ledger with
    {
        PriorLateShare = Math.Round((start.PriorLateShare + ledger.PriorLateShare) / 2, 3),
        PriorLateBeyond15DaysShare = Math.Round((start.PriorLateBeyond15DaysShare + ledger.PriorLateBeyond15DaysShare) / 2, 3),
        PriorDaysVsDue = Math.Round((start.PriorDaysVsDue + ledger.PriorDaysVsDue) / 2, 1),
    };

    /// <summary>
    /// The newest <see cref="CalibrationOptions.MaximumTrainingOutcomes"/> of the first <paramref name="count"/> outcomes of
    /// <paramref name="byKnownOn"/> (ordered by when each became known): every refit reads the whole training set six
    /// times, so a ledger of many years would otherwise cost months × outcomes; the newest outcomes are also the ones
    /// that describe today's habits. Only the outcomes taken are copied, so a refit costs the training set, not the ledger.
    /// </summary>
    private static IReadOnlyList<ReplayedInvoice> MostRecent(List<ReplayedInvoice> byKnownOn, int count, CalibrationOptions options)
    {
        var from = options.MaximumTrainingOutcomes > 0 && count > options.MaximumTrainingOutcomes ? count - options.MaximumTrainingOutcomes : 0;
        return byKnownOn.GetRange(from, count - from);
    }

    private static bool Enough(IReadOnlyList<ReplayedInvoice> training, CalibrationOptions options) =>
        training.Count >= options.MinimumOutcomes && training.Any(i => i.PaidLate) && training.Any(i => !i.PaidLate);

    private static FittedRuleSet? Fit(IReadOnlyList<ReplayedInvoice> training, ScoringRuleSet start, CreditConfiguration configuration, EvidenceSettings evidence, CalibrationOptions options)
    {
        var riskRules = start.Rules.Where(r => r.Factor.KindOf() == ScoreKind.Risk).ToList();

        // Factors offered to the fit that the starting set does not have: they start at weight 0 and keep only what the
        // ledger's own outcomes give them (session 29).
        var offered = options.OfferedFactors
            .Where(r => r.Factor.KindOf() == ScoreKind.Risk && riskRules.All(s => s.Factor != r.Factor))
            .Select(r => r with { Weight = 0 })
            .ToList();
        riskRules.AddRange(offered);

        // The evidence of a summary depends on the candidate's settings, not on the factor: read once per invoice, not per factor.
        var evidenceOf = new PaymentEvidence[training.Count];
        for (var i = 0; i < training.Count; i++)
        {
            evidenceOf[i] = PaymentEvidence.Of(training[i].Summary, evidence);
        }

        var columns = new List<FactorColumn>();
        foreach (var rule in riskRules)
        {
            var points = new double[training.Count];
            var measured = 0;
            for (var i = 0; i < training.Count; i++)
            {
                var summary = training[i].Summary;
                var measure = FactorMeasurer.Measure(rule.Factor, summary, configuration.RevenueReferenceFor(summary.Segment), evidenceOf[i]);
                points[i] = measure is { } m && rule.PointsFor(m) is { } p ? p / Percent : double.NaN;
                measured += double.IsNaN(points[i]) ? 0 : 1;
            }

            if (measured < MinimumMeasuredShare * training.Count)
            {
                continue;
            }

            var mean = points.Where(p => !double.IsNaN(p)).Average();
            for (var i = 0; i < points.Length; i++)
            {
                points[i] = double.IsNaN(points[i]) ? mean : points[i];
            }

            if (points.Max() - points.Min() > 1e-9)
            {
                columns.Add(new FactorColumn(rule, points));
            }
        }

        if (columns.Count == 0)
        {
            return null;
        }

        var rows = Enumerable.Range(0, training.Count).Select(i => columns.Select(c => c.Points[i]).ToArray()).ToArray();
        var outcomes = training.Select(t => t.PaidLate).ToArray();
        var fit = options.PriorCentredPenalty > 0
            ? FitCentredOnStartingWeights(rows, outcomes, columns, options)
            : NonNegativeLogisticRegression.Fit(rows, outcomes, options.L2Penalty);
        if (fit.Coefficients.All(c => c <= 0))
        {
            return null;
        }

        // Factors the ledger cannot tell about (the bureau, promises in a CSV) keep their weights; the fitted ones share the rest.
        var fittedFactors = new HashSet<ScoringFactor>(columns.Select(c => c.Rule.Factor));
        var keptWeight = riskRules.Where(r => !fittedFactors.Contains(r.Factor)).Sum(r => r.Weight);
        var totalRisk = riskRules.Sum(r => r.Weight);
        var coefficientSum = fit.Coefficients.Sum();
        var startingSum = columns.Sum(c => c.Rule.Weight);
        var fittedShare = FittedShareOf(training.Count, options.StartingWeightCredibility);
        var weights = new Dictionary<ScoringFactor, double>();
        var factors = new List<FittedFactor>();
        for (var j = 0; j < columns.Count; j++)
        {
            var fitted = fit.Coefficients[j] / coefficientSum * (totalRisk - keptWeight);
            var starting = startingSum > 0 ? columns[j].Rule.Weight / startingSum * (totalRisk - keptWeight) : fitted;
            var weight = Math.Round(CredibilityWeighted(fitted, starting, training.Count, options.StartingWeightCredibility), 1);
            weights[columns[j].Rule.Factor] = weight;
            factors.Add(new FittedFactor(columns[j].Rule.Factor, fit.Coefficients[j], weight));
        }

        var rules = start.Rules.Concat(offered)
            .Select(r => weights.TryGetValue(r.Factor, out var w) ? r with { Weight = w } : r)
            .Where(r => r.Weight > 0)
            .ToList();
        return new FittedRuleSet(start with { Rules = rules, Evidence = evidence }, factors, fit.Loss, fittedShare, PriorSource.Ledger);
    }

    /// <summary>
    /// The regression with its L2 penalty centred on the starting weights (a Gaussian prior on what other ledgers taught)
    /// instead of on zero. The starting weights are shares, the coefficients log-odds per 100 points, so the centre is the
    /// starting weights scaled by how strongly the starting score itself separates this training set's outcomes (a
    /// one-feature fit of the outcomes on the starting score): c_j = β × w_j ÷ Σ w. A factor offered at weight 0 is
    /// centred on 0: it gets weight only where the ledger's outcomes pay for it. The precision is
    /// <see cref="CalibrationOptions.PriorCentredPenalty"/> (÷ the outcomes on the mean loss), so its pull fades as the ledger grows.
    /// </summary>
    private static LogisticFit FitCentredOnStartingWeights(double[][] rows, bool[] outcomes, List<FactorColumn> columns, CalibrationOptions options)
    {
        var startingSum = columns.Sum(c => c.Rule.Weight);
        var shares = columns.Select(c => startingSum > 0 ? c.Rule.Weight / startingSum : 1.0 / columns.Count).ToArray();
        var startingScore = rows.Select(row => new[] { row.Select((x, j) => x * shares[j]).Sum() }).ToArray();
        var scale = NonNegativeLogisticRegression.Fit(startingScore, outcomes, options.L2Penalty).Coefficients[0];
        var centre = shares.Select(share => scale * share).ToArray();
        return NonNegativeLogisticRegression.Fit(rows, outcomes, options.PriorCentredPenalty / rows.Length, centre);
    }

    /// <summary>The ledger's own late share, late-beyond-15-days share and average days relative to due, as known on the date.</summary>
    private static EvidenceSettings Priors(IReadOnlyList<ReplayedInvoice> training, EvidenceSettings start, DateTime knownBefore)
    {
        double late = 0, late15 = 0, days = 0;
        foreach (var item in training)
        {
            var invoice = item.Invoice;
            var asKnown = invoice.SettledDate is { } settled && settled < knownBefore ? settled : knownBefore;
            var daysVsDue = PaymentWindowStats.ClipDaysVsDue((asKnown - invoice.DueDate).Days, (invoice.DueDate.Date - invoice.InvoiceDate.Date).Days);
            late += item.PaidLate ? 1 : 0;
            late15 += daysVsDue > 15 ? 1 : 0;
            days += daysVsDue;
        }

        return start with
        {
            PriorLateShare = Math.Round(late / training.Count, 3),
            PriorLateBeyond15DaysShare = Math.Round(late15 / training.Count, 3),
            PriorDaysVsDue = Math.Round(days / training.Count, 1),
        };
    }

    private sealed record FactorColumn(ScoringRule Rule, double[] Points);

    private sealed record FittedRuleSet(ScoringRuleSet RuleSet, IReadOnlyList<FittedFactor> Factors, double Loss, double FittedShare, PriorSource Prior)
    {
        public double RecencyExponent { get; init; } = 1;

        public bool SharesAsPoints { get; init; }
    }
}

/// <summary>Which prior the calibrated rule set shrinks thin evidence toward.</summary>
public enum PriorSource
{
    /// <summary>The starting rule set's prior (the shipped one): kept when nothing could be fitted.</summary>
    Starting,

    /// <summary>The ledger's own late share, late-beyond-15-days share and average days relative to due.</summary>
    Ledger,

    /// <summary>Halfway between the two.</summary>
    Midpoint,
}

/// <summary>
/// Tuning of the calibration: the L2 penalty of the regression, how many known outcomes a fit needs, and how many
/// outcomes' worth of credibility the starting weights carry against a fit (0: the fit alone).
/// </summary>
public sealed record CalibrationOptions
{
    public double L2Penalty { get; init; } = 0.001;

    public int MinimumOutcomes { get; init; } = 200;

    /// <summary>
    /// n₀ of the credibility-weighted mean: a fit on n outcomes counts n ÷ (n + n₀). 1,000: a fit on 200 outcomes
    /// (the first walk-forward fits) counts 17%, one on a 2,500-invoice ledger 71%, one on 10,000 91%.
    /// </summary>
    public double StartingWeightCredibility { get; init; } = 1_000;

    /// <summary>
    /// Besides the starting recency weights, the calibration tries them raised to each of these powers (see
    /// <see cref="Calibrator.RecencyRaised"/>) and keeps the reading under which the outcomes fit best: how fast a
    /// customer's habits change is a property of the company's ledger. 0.6 and 1.5 (session 9; engine/README.md has
    /// the measurements): with the shipped weights 1, 0.75, 0.5, 0.25, 0.1 they are 1, 0.84, 0.66, 0.44, 0.25 and 1,
    /// 0.65, 0.35, 0.13, 0.03. Empty: the starting recency only (the session-8 calibrator).
    /// </summary>
    public IReadOnlyList<double> RecencyExponents { get; init; } = [0.6, 1.5];

    /// <summary>
    /// At most this many of the newest known outcomes train a fit (0: all). 50,000: above every ledger we measured
    /// (IBM's 2,466 invoices, the payment-date-prediction ledger's ~50,000 rows), where a fit already counts 98% against
    /// the starting weights; it bounds a many-year ledger's calibration to minutes instead of hours (engine/README.md,
    /// "Calibrate").
    /// </summary>
    public int MaximumTrainingOutcomes { get; init; } = 50_000;

    /// <summary>
    /// Whether the calibration also tries reading the late shares with points equal to the share
    /// (<see cref="CreditOS.CreditEngine.Calibration.SharesAsPoints"/>, session 24) and keeps that shape when the outcomes fit it better. False: the
    /// starting bands only (the session-9 calibrator).
    /// </summary>
    public bool TrySharesAsPoints { get; init; } = true;

    /// <summary>
    /// Risk factors the fit may give weight to although the starting rule set has none (each rule's bands are used, its
    /// weight is ignored: it starts at 0, so the centred penalty and the credibility share pull it toward 0). Default
    /// (session 29): the recent days relative to due (<see cref="DefaultScoringRules.RecentDaysVsDue"/>), which ledgers whose
    /// customers drift take up (IBM's 7, the drifting sample's 21 of 100) and ledgers whose habits last leave at 0.
    /// Empty: the starting factors only (the session-28 calibrator).
    /// </summary>
    public IReadOnlyList<ScoringRule> OfferedFactors { get; init; } = [DefaultScoringRules.RecentDaysVsDue];

    /// <summary>
    /// When above 0, the regression's L2 penalty pulls the coefficients toward the starting weights instead of toward
    /// zero: a Gaussian prior with this precision on each coefficient (log-odds per 100 points) around the starting
    /// weights scaled to the ledger; the penalty on the mean loss is this ÷ the training outcomes, so its pull fades as
    /// the ledger grows. Default 1 (session 29: with the offered factor, up on IBM's ledger and most generated ones and down
    /// on none beyond noise; alone it lost on the drifting ones, 3 and 10 were flatter or lost; engine/README "Session 29"). 0: the penalty <see cref="L2Penalty"/> toward zero (the session-28 calibrator).
    /// </summary>
    public double PriorCentredPenalty { get; init; } = 1;
}

/// <summary>A factor's fitted coefficient (log-odds per 100 points) and the weight it gets in the new rule set.</summary>
public sealed record FittedFactor(ScoringFactor Factor, double Coefficient, double Weight);

/// <summary>
/// The calibrated rule set (a new version; the starting one when the ledger has too few outcomes), the fitted factors,
/// and the walk-forward AUC with how many invoices were scored before enough outcomes were known to fit.
/// </summary>
public sealed record CalibrationResult(
    ScoringRuleSet RuleSet,
    IReadOnlyList<FittedFactor> Factors,
    double? WalkForwardAuc,
    int InvoicesRead,
    int InvoicesScored,
    int ScoredWithStartingRuleSet,
    int Refits,
    IReadOnlyList<BacktestObservation> WalkForwardScores)
{
    /// <summary>How much the final fit counts in the new weights (the starting weights count the rest); 0 when nothing was fitted.</summary>
    public double FittedShare { get; init; }

    /// <summary>Which prior fitted the ledger best.</summary>
    public PriorSource Prior { get; init; }

    /// <summary>The power the starting recency weights were raised to in the calibrated rule set (1: kept as they were).</summary>
    public double RecencyExponent { get; init; } = 1;

    /// <summary>True when the late shares' points are the share itself in the calibrated rule set (<see cref="CreditOS.CreditEngine.Calibration.SharesAsPoints"/>).</summary>
    public bool SharesAsPoints { get; init; }
}
