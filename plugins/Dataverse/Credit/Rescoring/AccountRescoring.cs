using CreditOS.CreditEngine;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Policies;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.Suspension;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// Rescores one account in a fixed number of calls whatever its history: claim the account's row lock (write its
/// last-scored time), read the account, the configuration (2 queries) and the history (6 aggregate queries), assess
/// with the engine, write the changed columns of the account (scores, tier, policy, limit, starter and suspension
/// state, exposure by category) and record a score-history row when the picture changed. Runs under the same lock as
/// the order check, so a rescoring never overwrites an order's exposure with a stale total. A limit change the policy
/// says Finance must review keeps the current limit and raises a limit review (<see cref="RescoredLimit"/>, its calls
/// only then). A credit hold a scoring failure set is lifted in the same account write, and its alerts resolved
/// (<see cref="ScoringFailure.ResolveCalls"/>, only then); a hold anyone else set stays.
/// </summary>
public static class AccountRescoring
{
    /// <summary>Calls at most: claim, account, configuration, history, account write, history row.</summary>
    public const int MaximumCalls = 1 + 1 + CreditConfigurationReader.Calls + HistoryAggregates.Calls + 1 + 1;

    private static readonly string[] ScoringColumns =
    [
        Account.Fields.ValueScore, Account.Fields.RiskScore, Account.Fields.RiskLevel, Account.Fields.CreditTierId, Account.Fields.IsStarterTerms,
        Account.Fields.IsFraudFlagged, Account.Fields.IndustryCode, Account.Fields.CustomerGroup, Account.Fields.TopReasons, Account.Fields.RuleSetVersion,
        .. SuspensionWaiverColumns.Columns,
    ];

    public static RescoreResult Rescore(IOrganizationService service, ITracingService tracing, Guid accountId, ScoreTrigger trigger, string triggerDetail, DateTime now)
    {
        AccountLock.Claim(service, accountId, Account.Fields.LastScoredOn, now);
        var account = AccountCreditRecord.Read(service, accountId, ScoringColumns);
        if (string.IsNullOrEmpty(account.CurrencyCode))
        {
            throw new InvalidPluginExecutionException("The account " + account.Name + " has no currency, so it cannot be scored; set the account's currency first.");
        }

        var liftHold = CreditHoldMarker.IsScoringFailureHold(account.Row);
        var configured = CreditConfigurationReader.Read(service, tracing);
        var reading = HistoryAggregates.Read(service, accountId, new HistoryContext
        {
            AsOf = now,
            Currency = account.CurrencyCode!,
            Segment = SegmentOf(account.Row),
            // A scoring failure's hold is lifted by this rescoring (below), so it is not assessed as a hold.
            Flags = new CustomerFlags(account.Row.GetAttributeValue<bool>(Account.Fields.IsFraudFlagged), account.ManualHold && !liftHold),
        });

        CreditAssessment assessment;
        try
        {
            assessment = CreditAssessor.Assess(reading.Summary, configured.Configuration, account.FinanceDecisionOn(now) with { SuspensionWaiver = SuspensionWaiverColumns.Read(account.Row) });
        }
        catch (CreditInputException invalid)
        {
            throw new InvalidPluginExecutionException("The account " + account.Name + " cannot be scored: " + invalid.Message, invalid);
        }

        var limitChange = RescoredLimit.Decide(account, assessment, reading, now);
        if (limitChange.LimitInForce != assessment.CreditLimit)
        {
            assessment = assessment with { CreditLimit = limitChange.LimitInForce, LimitExplanation = limitChange.Explanation };
        }

        var picture = new CreditPicture(account, assessment, reading, configured, now);
        var changes = picture.AccountChanges();
        if (liftHold)
        {
            // Scoring ran, so the reason for the hold a scoring failure set is gone: lifted in the same write.
            CreditHoldMarker.Lift(changes);
        }

        if (changes.Attributes.Count > 0)
        {
            service.Update(changes);
        }

        Guid? historyId = null;
        if (picture.ScoreChanged)
        {
            historyId = service.Create(picture.HistoryRow(trigger, triggerDetail));
        }

        if (liftHold)
        {
            ScoringFailure.ResolveAlerts(service, tracing, accountId, now);
        }

        if (limitChange.Review is { } review)
        {
            RescoredLimit.RaiseReview(service, tracing, account, review, now);
        }

        tracing.Trace(
            "Rescored account {0} ({1}): value {2:0.##}, risk {3:0.##} ({4}), tier {5}, limit {6}, suspended {7}; {8} column(s) written, history {9}.",
            accountId,
            trigger,
            assessment.Score.Value,
            assessment.Score.Risk,
            assessment.Score.RiskLevel,
            assessment.Tier.Code,
            assessment.CreditLimit,
            assessment.Suspension.IsSuspended,
            changes.Attributes.Count,
            historyId is null ? "unchanged" : "recorded");
        return new RescoreResult(assessment, historyId, picture.Exposure, reading.OpenOrderCount);
    }

    private static CustomerSegment SegmentOf(Entity row)
    {
        var industry = row.ChoiceOrNull(Account.Fields.IndustryCode) is { } code ? Enum.GetName(typeof(AccountIndustry), code) ?? string.Empty : string.Empty;
        var group = row.ChoiceOrNull(Account.Fields.CustomerGroup) is { } value ? Enum.GetName(typeof(CustomerGroup), value) ?? string.Empty : string.Empty;
        return new CustomerSegment(industry, group);
    }
}

/// <summary>
/// What a rescoring produced: the assessment, the score-history row when one was recorded, the exposure written and
/// how many orders were open when it read them (under the account's lock, so none can appear before it commits).
/// </summary>
public sealed class RescoreResult(CreditAssessment assessment, Guid? historyId, decimal exposure, int openOrderCount)
{
    public CreditAssessment Assessment { get; } = assessment;

    public Guid? HistoryId { get; } = historyId;

    public bool Changed => HistoryId is not null;

    public decimal Exposure { get; } = exposure;

    public int OpenOrderCount { get; } = openOrderCount;
}
