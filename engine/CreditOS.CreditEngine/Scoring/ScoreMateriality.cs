namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// When a rescoring is a new credit picture. A score that moved by less than <see cref="Threshold"/> points (both
/// scores on their 0–100 scale) is not news: recency weighting moves scores by hundredths as the evidence ages a day,
/// and a history row or a rewrite for each such step records noise, costs a write per account every night and makes
/// the score history unreadable. A rescoring is a new picture when either score moved by at least the threshold, when
/// the customer became scored or not scored, or when anything the customer's terms depend on changed (tier, risk level,
/// policy, limit, suspension or hold, rule-set version), whatever the scores did. One rule for every path that
/// rescores (per account, set-based, on demand, after a payment); the threshold is an administrator's setting on the
/// default rule set (<c>cos_materialscorechange</c>). A threshold of 0 makes every stored change a new picture.
/// </summary>
public sealed record ScoreMateriality
{
    /// <summary>
    /// The product decision's default: one score point (session 7: half a point; session 16, issue 15). What a user
    /// decides on (tier, risk level, policy, limit, suspension) is a new picture whatever the scores did, so a score is
    /// kept only when nothing a decision reads changed and it is within one point of today's assessment. Measured on
    /// the nightly benchmark's book (2,000 customers × 100 invoices, the clock one day on): 34–48 % of the accounts
    /// written for a score alone had moved by less than one point since their stored score, and one point instead of
    /// half a point records 34–45 % fewer score-only history rows a night with the same terms changes (integration/README
    /// "Session 16"). An administrator sets another threshold on the default rule set (0 = every stored change).
    /// </summary>
    public const decimal DefaultThreshold = 1m;

    /// <summary>The largest threshold the validator accepts (a tenth of the scale; more would hide real moves).</summary>
    public const decimal MaximumThreshold = 10m;

    public static readonly ScoreMateriality Default = new(DefaultThreshold);

    /// <summary>
    /// The materiality of a rescoring that a collector's own record caused (an invoice disputed, session 23): every
    /// move of a score is news there. The threshold exists for the drift nobody asked about (recency weights ageing a
    /// day, a receivable arriving from the ERP); a person who records a collections fact expects the customer's scores
    /// and reasons to show it, and one dispute moves the Risk score by about half a point on the shipped rules (weight
    /// 2 of 85 measured; 1 of 12 invoices disputed reads 27 points), below the default threshold: with it, the account
    /// kept the score from before the dispute and no reason named it.
    /// </summary>
    public static readonly ScoreMateriality AfterACollectorsRecord = new(0m);

    public ScoreMateriality(decimal threshold)
    {
        Threshold = threshold;
    }

    /// <summary>Score points below which a change of a score is immaterial.</summary>
    public decimal Threshold { get; }

    /// <summary>Whether one score moved materially: from or to "not scored" always does; otherwise by at least the threshold.</summary>
    public bool Moved(decimal? before, decimal? after)
    {
        if (before is null || after is null)
        {
            return before != after;
        }

        var change = Math.Abs(after.Value - before.Value);
        return Threshold == 0m ? change != 0m : change >= Threshold;
    }

    /// <summary>
    /// Whether the rescoring is a new picture (scores rewritten, a score-history row recorded).
    /// <paramref name="termsChanged"/>: anything besides the two scores changed (tier, risk level, policy, limit,
    /// suspension, hold, rule-set version), which always makes a new picture.
    /// </summary>
    public bool IsNewPicture(decimal? valueBefore, decimal? valueAfter, decimal? riskBefore, decimal? riskAfter, bool termsChanged) =>
        termsChanged || Moved(valueBefore, valueAfter) || Moved(riskBefore, riskAfter);

    /// <summary>The problem with the threshold in an administrator's words, null when valid.</summary>
    public string? Problem() => Threshold < 0m || Threshold > MaximumThreshold
        ? "The material score change must be between 0 and " + MaximumThreshold.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)
          + " score points; it is " + Threshold.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "."
        : null;
}
