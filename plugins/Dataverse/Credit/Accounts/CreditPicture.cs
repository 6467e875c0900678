using System.Globalization;
using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Exposure;
using CreditOS.CreditEngine.Scoring;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using EngineRiskLevel = CreditOS.CreditEngine.Tiers.RiskLevel;
using PolicyTable = CreditOS.Dataverse.Model.CreditPolicy;
using TierTable = CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// An account's new credit picture after assessment, as the account columns to write (only those that differ from
/// the row read) and as a score-history row. Scores are stored with two decimals; the picture "changed" when a
/// stored score moved by at least the configured material change (<see cref="ScoreMateriality"/>) or the risk level,
/// tier, policy, limit, suspension, a scoring failure's hold or the rule-set version differs; otherwise the stored
/// scores and reasons stay as they are.
/// </summary>
internal sealed class CreditPicture
{
    private const int ScoreDecimals = 2;
    private const int DefaultCurrencyPrecision = 2;
    private const int TopReasonsPerScore = 3;
    private const int TopReasonsMaxLength = 4000;
    private const int ContributionsMaxLength = 10000;
    private const int NameMaxLength = 200;
    private const int TriggerDetailMaxLength = 200;
    private const int RuleSetVersionMaxLength = 50;

    private readonly AccountCreditRecord account;
    private readonly CreditAssessment assessment;
    private readonly ConfiguredCredit configured;
    private readonly DateTime scoredOn;
    private readonly Entity before;
    private readonly ScoreMateriality materiality;

    /// <param name="materiality">What makes a new picture: the configuration's, or <see cref="ScoreMateriality.AfterACollectorsRecord"/> after a collector's record.</param>
    public CreditPicture(AccountCreditRecord account, CreditAssessment assessment, HistoryReading reading, ConfiguredCredit configured, DateTime scoredOn, ScoreMateriality materiality)
    {
        this.account = account;
        this.materiality = materiality;
        this.assessment = assessment;
        this.configured = configured;
        this.scoredOn = scoredOn;
        before = account.Row;
        Value = Round(assessment.Score.Value);
        // A customer with no payment evidence is "not yet scored": no risk figure or level, never "0, Low".
        Risk = assessment.Score.NotYetScored ? null : Round(assessment.Score.Risk);
        RiskLevelValue = assessment.Score.NotYetScored ? null : new OptionSetValue((int)RiskLevelChoice(assessment.Score.RiskLevel));
        var aging = reading.Summary.Aging;
        // Receivables in another currency are converted without rounding (CreditEngine.AccountCurrencyAmounts): the totals
        // are rounded to the decimals the account's currency keeps, as Dataverse stores them, so an unchanged total is not
        // written again.
        OpenReceivables = AtCurrencyPrecision(aging.Total, account);
        Overdue = AtCurrencyPrecision(aging.Overdue, account);
        BureauRating = reading.Summary.LatestBureauReport is { } report ? BureauRatingText(report) : null;
        OverdueBeyondGrace = AtCurrencyPrecision(reading.OverdueBeyond(assessment.Policy.GraceDays), account);
        OldestOverdueDays = reading.Summary.OldestOverdueDays;
        // Stored as the oldest overdue invoice's due date, not its days: a count of days would change every day and
        // rewrite every account with an overdue invoice every night (issue 15); readers count the days themselves.
        OldestOverdueSince = OldestOverdueDays > 0 ? reading.Summary.AsOf.Date.AddDays(-OldestOverdueDays) : null;
        OpenOrders = reading.Summary.OpenOrdersNotInvoiced;
        Figures = ExposureFigures.OfAccount(
            OpenReceivables, OpenOrders, account.Limit with { CreditLimit = assessment.CreditLimit }, scoredOn, account.CurrencyCode ?? reading.Summary.Currency);
        Exposure = Figures.Exposure;
        TierId = configured.TierId(assessment.Tier.Code);
        PolicyId = configured.PolicyId(assessment.Policy.Code);
        TopReasons = Truncate(
            string.Join(Environment.NewLine, assessment.Score.RiskReasons.Take(TopReasonsPerScore).Concat(assessment.Score.ValueReasons.Take(TopReasonsPerScore))),
            TopReasonsMaxLength);
    }

    public decimal Value { get; }

    /// <summary>The risk score, null while the customer is not yet scored (no payment evidence).</summary>
    public decimal? Risk { get; }

    /// <summary>The risk level choice, null while the customer is not yet scored.</summary>
    public OptionSetValue? RiskLevelValue { get; }

    public decimal OpenReceivables { get; }

    public decimal Overdue { get; }

    public decimal OverdueBeyondGrace { get; }

    /// <summary>The latest bureau report's rating in words, null without a report.</summary>
    public string? BureauRating { get; }

    public int OldestOverdueDays { get; }

    /// <summary>The due date of the oldest open receivable past due (null when none is): what the account stores.</summary>
    public DateTime? OldestOverdueSince { get; }

    public decimal OpenOrders { get; }

    public decimal Exposure { get; }

    /// <summary>Exposure, available credit and utilization against the new limit (a valid temporary limit counts).</summary>
    public ExposureFigures Figures { get; }

    public Guid? TierId { get; }

    public Guid? PolicyId { get; }

    public string TopReasons { get; }

    /// <summary>
    /// Whether this rescoring is a new picture: scores rewritten and a score-history row recorded. The engine's one
    /// rule (<see cref="ScoreMateriality"/>, threshold from the configuration, or none after a collector's record): a score that moved by less than the
    /// material change is not news unless the customer's terms changed (risk level, tier, policy, limit, suspension, a
    /// scoring failure's hold lifted, rule-set version) or the customer became scored or not scored.
    /// </summary>
    public bool ScoreChanged => materiality.IsNewPicture(
        before.GetAttributeValue<decimal?>(Account.Fields.ValueScore),
        Value,
        before.GetAttributeValue<decimal?>(Account.Fields.RiskScore),
        Risk,
        TermsChanged);

    /// <summary>Anything besides the two scores that makes a new picture whatever the scores did.</summary>
    private bool TermsChanged =>
        before.ChoiceOrNull(Account.Fields.RiskLevel) != RiskLevelValue?.Value
        || before.GetAttributeValue<EntityReference>(Account.Fields.CreditTierId)?.Id != TierId
        || before.GetAttributeValue<EntityReference>(Account.Fields.CreditPolicyId)?.Id != PolicyId
        || before.MoneyOrNull(Account.Fields.CreditLimit) != assessment.CreditLimit
        || before.GetAttributeValue<bool>(Account.Fields.IsSuspended) != assessment.Suspension.IsSuspended
        || CreditHoldMarker.IsScoringFailureHold(before)
        || !string.Equals(before.GetAttributeValue<string>(Account.Fields.RuleSetVersion), RuleSetVersionText, StringComparison.Ordinal);

    private string RuleSetVersionText =>
        Truncate(assessment.Score.RuleSetName + " v" + assessment.Score.RuleSetVersion.ToString(CultureInfo.InvariantCulture), RuleSetVersionMaxLength);

    public static RiskLevel RiskLevelChoice(EngineRiskLevel level) => level switch
    {
        EngineRiskLevel.Low => RiskLevel.Low,
        EngineRiskLevel.Medium => RiskLevel.Medium,
        EngineRiskLevel.High => RiskLevel.High,
        _ => RiskLevel.Severe,
    };

    public Entity AccountChanges()
    {
        var update = new Entity(Account.EntityLogicalName, account.Id);
        if (ScoreChanged)
        {
            // An immaterial score change keeps the stored scores and the reasons that explain them.
            Set(update, Account.Fields.ValueScore, Value);
            Set(update, Account.Fields.RiskScore, Risk);
            Set(update, Account.Fields.TopReasons, TopReasons.Length == 0 ? null : TopReasons);
        }

        Set(update, Account.Fields.RiskLevel, RiskLevelValue);
        Set(update, Account.Fields.CreditTierId, TierId is { } tier ? new EntityReference(TierTable.EntityLogicalName, tier) : null);
        Set(update, Account.Fields.CreditPolicyId, PolicyId is { } policy ? new EntityReference(PolicyTable.EntityLogicalName, policy) : null);
        Set(update, Account.Fields.CreditLimit, new Money(assessment.CreditLimit));
        Set(update, Account.Fields.IsStarterTerms, assessment.IsOnStarterTerms);
        Set(update, Account.Fields.IsSuspended, assessment.Suspension.IsSuspended);
        Set(update, Account.Fields.SuspensionReason, assessment.Suspension.IsSuspended ? assessment.Suspension.Message : null);
        Set(update, Account.Fields.RuleSetVersion, RuleSetVersionText);
        Set(update, Account.Fields.OpenReceivables, new Money(OpenReceivables));
        Set(update, Account.Fields.OverdueAmount, new Money(Overdue));
        // No aging buckets: they move with the calendar alone, so storing them rewrote every account with an unpaid
        // invoice as it aged (issue 15, session 16). The credit panel and the dashboard compute them from the open
        // receivables where they are shown; the open and overdue totals stay (the order check decides on them).
        Set(update, Account.Fields.BureauRating, BureauRating);
        Set(update, Account.Fields.OverdueBeyondGrace, new Money(OverdueBeyondGrace));
        Set(update, Account.Fields.OldestOverdueSince, OldestOverdueSince);
        Set(update, Account.Fields.OpenOrders, new Money(OpenOrders));
        AccountExposureColumns.Set(update, before, Figures);
        return update;
    }

    public Entity HistoryRow(ScoreTrigger trigger, string triggerDetail)
    {
        var score = assessment.Score;
        var row = new Entity(CreditScoreHistory.EntityLogicalName)
        {
            [CreditScoreHistory.Fields.Name] = Truncate(account.Name + " " + scoredOn.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + assessment.Tier.Name, NameMaxLength),
            [CreditScoreHistory.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account.Id),
            [CreditScoreHistory.Fields.EntryType] = new OptionSetValue((int)CreditScoreHistoryEntryType.Score),
            [CreditScoreHistory.Fields.ValueScore] = Value,
            [CreditScoreHistory.Fields.RiskScore] = Risk,
            [CreditScoreHistory.Fields.RiskLevel] = RiskLevelValue,
            [CreditScoreHistory.Fields.CreditLimit] = new Money(assessment.CreditLimit),
            [CreditScoreHistory.Fields.TopReasons] = TopReasons,
            [CreditScoreHistory.Fields.FactorContributions] = Truncate(Contributions(), ContributionsMaxLength),
            [CreditScoreHistory.Fields.Trigger] = new OptionSetValue((int)trigger),
            [CreditScoreHistory.Fields.TriggerDetail] = Truncate(triggerDetail, TriggerDetailMaxLength),
            [CreditScoreHistory.Fields.RuleSetVersion] = Truncate(score.RuleSetName + " v" + score.RuleSetVersion.ToString(CultureInfo.InvariantCulture), RuleSetVersionMaxLength),
            [CreditScoreHistory.Fields.ScoredOn] = scoredOn,
        };
        if (before.MoneyOrNull(Account.Fields.CreditLimit) is { } previous)
        {
            row[CreditScoreHistory.Fields.PreviousCreditLimit] = new Money(previous);
        }

        if (TierId is { } tier)
        {
            row[CreditScoreHistory.Fields.CreditTierId] = new EntityReference(TierTable.EntityLogicalName, tier);
        }

        if (PolicyId is { } policy)
        {
            row[CreditScoreHistory.Fields.CreditPolicyId] = new EntityReference(PolicyTable.EntityLogicalName, policy);
        }

        return row;
    }

    private string Contributions() => string.Join(
        Environment.NewLine,
        assessment.Score.ValueContributions.Concat(assessment.Score.RiskContributions).Select(c => string.Format(
            CultureInfo.InvariantCulture,
            "{0}: measure {1:0.###}, points {2:0.#}, weight {3:0.###}, contributes {4:0.##} ({5})",
            c.Factor,
            c.Measure,
            c.Points,
            c.WeightShare,
            c.Contribution,
            c.Reason)));

    private void Set(Entity update, string column, object? value)
    {
        var current = before.Contains(column) ? before[column] : null;
        if (!Equals(current, value))
        {
            update[column] = value;
        }
    }

    /// <summary>"B (solvency 72 of 100, report of 2026-05-01)", within the column's 100 characters.</summary>
    private static string BureauRatingText(CreditOS.CreditEngine.History.BureauReport report) =>
        report.Rating + " (solvency " + report.SolvencyScore.ToString(CultureInfo.InvariantCulture) + " of " + CreditOS.CreditEngine.History.BureauReport.MaxSolvencyScore.ToString(CultureInfo.InvariantCulture)
        + ", report of " + report.ReportDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ")";

    private static decimal AtCurrencyPrecision(decimal amount, AccountCreditRecord account) =>
        Math.Round(amount, account.CurrencyPrecision ?? DefaultCurrencyPrecision, MidpointRounding.AwayFromZero);

    private static decimal Round(double score) => Math.Round((decimal)score, ScoreDecimals, MidpointRounding.AwayFromZero);

    private static string Truncate(string text, int maxLength) => text.Length <= maxLength ? text : text.Substring(0, maxLength);
}
