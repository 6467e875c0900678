using System.ServiceModel;
using CreditOS.CreditEngine;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Limits;
using CreditOS.CreditEngine.Policies;
using CreditOS.CreditEngine.Scoring;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.Suspension;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// Rescores one account in a fixed number of calls whatever its history: claim the account's row lock (write its
/// last-scored time), read the account, the configuration (2 queries) and the history (6 aggregate queries), assess
/// with the engine, write the changed columns of the account (scores, tier, policy, limit, starter and suspension
/// state, exposure by category) and record a score-history row when the picture changed. Runs under the same lock as
/// the order check, so a rescoring never overwrites an order's exposure with a stale total; outside a transaction (an
/// asynchronous step) the write is conditional on the row version read instead (see <see cref="Rescore"/>). A limit change the policy
/// says Finance must review keeps the current limit and raises a limit review (<see cref="RescoredLimit"/>, its calls
/// only then). A credit hold a scoring failure set is lifted in the same account write, and its alerts resolved
/// (<see cref="ScoringFailure.ResolveCalls"/>, only then); a hold anyone else set stays.
/// </summary>
public static class AccountRescoring
{
    /// <summary>Calls at most: claim, account, configuration, history, account write, history row.</summary>
    public const int MaximumCalls = 1 + 1 + CreditConfigurationReader.Calls + HistoryAggregates.Calls + 1 + 1;

    /// <summary>The account columns a rescoring reads beyond the credit record's.</summary>
    internal static readonly string[] ScoringColumns =
    [
        Account.Fields.ValueScore, Account.Fields.RiskScore, Account.Fields.RiskLevel, Account.Fields.CreditTierId, Account.Fields.IsStarterTerms,
        Account.Fields.IsFraudFlagged, Account.Fields.IndustryCode, Account.Fields.CustomerGroup, Account.Fields.TopReasons, Account.Fields.RuleSetVersion,
        Account.Fields.OpenPromiseCount,
        Account.Fields.CollectorId, Account.Fields.OwnerId,
        Account.Fields.BureauRating,
        .. SuspensionWaiverColumns.Columns,
    ];

    /// <summary>How many times a rescoring outside a transaction reads and assesses again after another writer changed the account first.</summary>
    public const int MaximumAttemptsOutsideATransaction = 8;

    /// <summary>ConcurrencyVersionMismatch: the account's row version moved between the rescoring's read and its write.</summary>
    private const int ConcurrencyVersionMismatch = unchecked((int)0x80060882);

    /// <summary>
    /// Rescores the account. <paramref name="inTransaction"/> is the step's <c>IsInTransaction</c>: in a transaction
    /// (a synchronous step, a Custom API) the account's row lock is claimed first and held to the commit
    /// (<see cref="AccountLock"/>). An asynchronous step runs outside any transaction, where every call commits on its
    /// own, so a claim would hold nothing: a payment posted between this rescoring's reads and its write would be
    /// overwritten by open receivables that do not count it. There the account is read with its row version and written
    /// only if that version still holds (<c>ConcurrencyBehavior.IfRowVersionMatches</c>, with the last-scored time, so
    /// the write always happens); when another writer came first the rescoring reads and assesses again, at most
    /// <see cref="MaximumAttemptsOutsideATransaction"/> times. Every writer of the figures writes the account row, so
    /// whichever rescoring writes last has read after every change before it. Calls per attempt: at most
    /// <see cref="MaximumCalls"/>.
    /// </summary>
    /// <param name="materiality">What makes a new picture when the configuration's material score change should not decide (a collector's record: <see cref="ScoreMateriality.AfterACollectorsRecord"/>); null: the configuration's.</param>
    public static RescoreResult Rescore(IOrganizationService service, ITracingService tracing, Guid accountId, ScoreTrigger trigger, string triggerDetail, DateTime now, bool inTransaction, ScoreMateriality? materiality = null)
    {
        if (inTransaction)
        {
            AccountLock.Claim(service, accountId, Account.Fields.LastScoredOn, now);
            return Commit(service, tracing, Assess(service, tracing, accountId, now, materiality), trigger, triggerDetail, now);
        }

        for (var attempt = 1; ; attempt++)
        {
            var evaluation = Assess(service, tracing, accountId, now, materiality);

            // Session 31: the conditional write is this rescoring's claim; it leaves the mark a nightly sealed picture never writes,
            // so the picture's check under the row lock sees it (AccountLock; SealedPictureLockCheck).
            evaluation.Changes[Account.Fields.LockClaim] = AccountLock.NewClaimToken();
            try
            {
                return Commit(service, tracing, evaluation, trigger, triggerDetail, now, writeIfUnchangedSinceRead: true);
            }
            catch (FaultException<OrganizationServiceFault> fault) when (fault.Detail?.ErrorCode == ConcurrencyVersionMismatch)
            {
                if (attempt == MaximumAttemptsOutsideATransaction)
                {
                    throw new InvalidPluginExecutionException(
                        "The account " + evaluation.Account.Name + " changed " + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        + " times while it was being rescored (" + triggerDetail + "); its figures were left as the last writer made them. The next change or the nightly rescoring corrects them.",
                        fault);
                }

                tracing.Trace("Account {0} changed while it was being rescored (attempt {1}): reading it again.", accountId, attempt);
            }
        }
    }

    /// <summary>Reads the account, the configuration and the history, and assesses them (no write).</summary>
    private static RescoreEvaluation Assess(IOrganizationService service, ITracingService tracing, Guid accountId, DateTime now, ScoreMateriality? materiality)
    {
        var account = AccountCreditRecord.Read(service, accountId, [.. ScoringColumns, Account.Fields.HistoryFigures]);
        var context = ContextOf(account, now);
        var configured = CreditConfigurationReader.Read(service, tracing);
        var figures = HistoryAggregates.ReadFigures(service, accountId, context, out var orders);
        return Evaluate(account, configured, figures.ToReading(accountId, context, orders), now, figures, materiality);
    }

    /// <summary>Calls of <see cref="UnderClassification"/>: the account, the configuration and the history aggregates.</summary>
    public const int ClassificationCalls = 1 + CreditConfigurationReader.Calls + HistoryAggregates.Calls;

    /// <summary>
    /// Controls round 25: what the account's scoring puts in force under its classification as stored and under
    /// <paramref name="classification"/> (its customer group and industry over the row's), read once and assessed twice
    /// exactly as a rescoring assesses (<see cref="Evaluate"/>), nothing written: the limit in force and whether
    /// prepayment is required, before and after. <see cref="ClassificationCalls"/> calls.
    /// </summary>
    internal static ClassificationEffect UnderClassification(IOrganizationService service, ITracingService tracing, Guid accountId, Entity classification, DateTime now)
    {
        var account = AccountCreditRecord.Read(service, accountId, [.. ScoringColumns, Account.Fields.HistoryFigures]);
        var context = ContextOf(account, now);
        var configured = CreditConfigurationReader.Read(service, tracing);
        var figures = HistoryAggregates.ReadFigures(service, accountId, context, out var orders);
        var before = Evaluate(account, configured, figures.ToReading(accountId, context, orders), now).Assessment;

        var segment = new Entity(Account.EntityLogicalName, accountId);
        foreach (var column in new[] { Account.Fields.CustomerGroup, Account.Fields.IndustryCode })
        {
            segment[column] = classification.Contains(column) ? classification[column] : account.Row.GetAttributeValue<OptionSetValue>(column);
        }

        var classified = new HistoryContext { AsOf = context.AsOf, Currency = context.Currency, CurrencyId = context.CurrencyId, Amounts = context.Amounts, Segment = SegmentOf(segment), Flags = context.Flags };
        var after = Evaluate(account, configured, figures.ToReading(accountId, classified, orders), now).Assessment;
        return new ClassificationEffect(before.CreditLimit, before.RequiresPrepayment, after.CreditLimit, after.RequiresPrepayment)
        {
            // Controls round 26: on starter terms either way the history is too short to show what the classification
            // does; how the configuration scores the segment says it instead (no call: the configuration is read).
            Unmeasured = before.IsOnStarterTerms && after.IsOnStarterTerms,
            ScoredOtherwise = SegmentScoring.Difference(configured.Configuration, context.Segment, classified.Segment),
            MostGenerousPolicy = SegmentScoring.MostGenerousPolicy(configured.Configuration),
        };
    }

    /// <summary>
    /// What the history summary takes from the account row; refuses an account without a currency (it cannot be
    /// scored). A scoring failure's hold is lifted by the rescoring, so it is not assessed as a hold.
    /// </summary>
    internal static HistoryContext ContextOf(AccountCreditRecord account, DateTime now)
    {
        if (string.IsNullOrEmpty(account.CurrencyCode))
        {
            throw new InvalidPluginExecutionException("The account " + account.Name + " has no currency, so it cannot be scored; set the account's currency first.");
        }

        var liftHold = CreditHoldMarker.IsScoringFailureHold(account.Row);
        return new HistoryContext
        {
            AsOf = now,
            Currency = account.CurrencyCode!,
            CurrencyId = account.CurrencyId,
            Amounts = account.CurrencyExchangeRate is decimal rate && rate > 0m ? new AccountCurrencyAmounts(account.CurrencyCode!, rate) : null,
            Segment = SegmentOf(account.Row),
            Flags = new CustomerFlags(account.Row.GetAttributeValue<bool>(Account.Fields.IsFraudFlagged), account.ManualHold && !liftHold),
        };
    }

    /// <summary>
    /// The engine's assessment of the account and the picture to write, without any call: the one mapping both the
    /// per-account and the set-based rescoring use (<see cref="AccountPageRescoring"/>).
    /// </summary>
    /// <param name="figures">The history figures the reading was summarized from, kept on the account for payments the same day (null: the account's are left as they are).</param>
    /// <param name="materiality">What makes a new picture instead of the configuration's material score change (null: the configuration's).</param>
    internal static RescoreEvaluation Evaluate(AccountCreditRecord account, ConfiguredCredit configured, HistoryReading reading, DateTime now, HistoryFigures? figures = null, ScoreMateriality? materiality = null)
    {
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

        var picture = new CreditPicture(account, assessment, reading, configured, now, materiality ?? configured.Configuration.ScoreMateriality);
        var changes = picture.AccountChanges();
        var liftHold = CreditHoldMarker.IsScoringFailureHold(account.Row);
        if (liftHold)
        {
            // Scoring ran, so the reason for the hold a scoring failure set is gone: lifted in the same write.
            CreditHoldMarker.Lift(changes);
        }

        if (figures is not null)
        {
            // Only when they changed, like every column; figures too large for the column are not kept (the next payment reads the aggregates).
            var kept = figures.Serialize();
            if (!string.Equals(kept, account.Row.GetAttributeValue<string>(Account.Fields.HistoryFigures), StringComparison.Ordinal))
            {
                changes[Account.Fields.HistoryFigures] = kept;
            }
        }

        return new RescoreEvaluation(account, assessment, reading, picture, changes, liftHold, limitChange.Review)
        {
            PreviousTier = PreviousTier(account, configured),
            WorklistMateriality = configured.Configuration.WorklistMateriality,
        };
    }

    /// <summary>Writes what an evaluation found: the changed account columns, a history row when the picture changed, alerts resolved, a limit review.</summary>
    /// <param name="writeIfUnchangedSinceRead">Outside a transaction: the account write carries the last-scored time and the row version the account was read with, and fails with ConcurrencyVersionMismatch when another writer came first.</param>
    /// <param name="reviewAlreadyWithFinance">The page rescoring found the account's limit review open with Finance (one query for the page): it is not routed again, which would only find it open.</param>
    /// <param name="pageReviews">The page rescoring's reviews, routed with the settings and routes read once for the page and the account it read (null: the router, for one account).</param>
    internal static RescoreResult Commit(IOrganizationService service, ITracingService tracing, RescoreEvaluation evaluation, ScoreTrigger trigger, string triggerDetail, DateTime now, bool writeIfUnchangedSinceRead = false, bool reviewAlreadyWithFinance = false, PageLimitReviews? pageReviews = null)
    {
        var accountId = evaluation.Account.Id;
        var assessment = evaluation.Assessment;
        var changes = evaluation.Changes;
        if (writeIfUnchangedSinceRead)
        {
            changes[Account.Fields.LastScoredOn] = now;
            changes.RowVersion = evaluation.Account.Row.RowVersion
                ?? throw new InvalidPluginExecutionException("The account " + evaluation.Account.Name + " was read without its row version, so it cannot be rescored outside a transaction.");
            service.Execute(new UpdateRequest { Target = changes, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches });
        }
        else if (changes.Attributes.Count > 0)
        {
            service.Update(changes);
        }

        Guid? historyId = null;
        if (evaluation.Picture.ScoreChanged)
        {
            historyId = service.Create(evaluation.Picture.HistoryRow(trigger, triggerDetail));
        }

        if (evaluation.LiftHold)
        {
            ScoringFailure.ResolveAlerts(service, tracing, accountId, now);
        }

        if (evaluation.Review is { } review)
        {
            if (reviewAlreadyWithFinance)
            {
                tracing.Trace("Limit review for account {0}: {1} (already with Finance).", accountId, review.Reason);
            }
            else if (pageReviews is not null)
            {
                pageReviews.Raise(evaluation.Account, changes, review, now);
                tracing.Trace("Limit review for account {0}: {1} (sent to Finance).", accountId, review.Reason);
            }
            else
            {
                RescoredLimit.RaiseReview(service, tracing, evaluation.Account, review, now);
            }
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
        return new RescoreResult(assessment, historyId, evaluation.Picture.Exposure, evaluation.Reading.OpenOrderCount)
        {
            OpenPromises = evaluation.Account.Row.GetAttributeValue<int?>(Account.Fields.OpenPromiseCount) ?? 0,
            Currency = evaluation.Account.CurrencyCode ?? string.Empty,
            Segment = evaluation.Reading.Summary.Segment,
            LatestBureauReport = evaluation.Reading.Summary.LatestBureauReport,
            PreviousBureauReport = evaluation.Reading.Summary.PreviousBureauReport,
            Account = evaluation.Account,
            RiskScore = evaluation.Picture.Risk,
            PreviousRiskScore = evaluation.Account.Row.GetAttributeValue<decimal?>(Account.Fields.RiskScore),
            PreviousTier = evaluation.PreviousTier,
            WorklistMateriality = evaluation.WorklistMateriality,
        };
    }

    /// <summary>The tier the account was in before this rescoring (its tier row matched to the configuration's tiers); null when none.</summary>
    private static CreditOS.CreditEngine.Tiers.CreditTier? PreviousTier(AccountCreditRecord account, ConfiguredCredit configured) =>
        account.Row.GetAttributeValue<EntityReference>(Account.Fields.CreditTierId) is { } before
            ? configured.Configuration.Tiers.FirstOrDefault(tier => configured.TierId(tier.Code) == before.Id)
            : null;

    /// <summary>The segment an account row's customer group and industry make (none: unclassified).</summary>
    internal static CustomerSegment SegmentOf(Entity row)
    {
        var industry = row.ChoiceOrNull(Account.Fields.IndustryCode) is { } code ? Enum.GetName(typeof(AccountIndustry), code) ?? string.Empty : string.Empty;
        var group = row.ChoiceOrNull(Account.Fields.CustomerGroup) is { } value ? Enum.GetName(typeof(CustomerGroup), value) ?? string.Empty : string.Empty;
        return new CustomerSegment(industry, group);
    }
}

/// <summary>What a classification does to the credit the account's scoring puts in force (controls round 25).</summary>
internal sealed record ClassificationEffect(decimal LimitBefore, bool PrepaymentBefore, decimal LimitAfter, bool PrepaymentAfter)
{
    /// <summary>On starter terms under either classification: the history cannot show what the classification does (controls round 26).</summary>
    public bool Unmeasured { get; init; }

    /// <summary>How the configuration scores the new classification otherwise than the stored one; null: the same (controls round 26).</summary>
    public string? ScoredOtherwise { get; init; }

    /// <summary>The policy whose cap is the highest limit the configuration's scoring can put in force: what an unmeasured classification stakes (controls round 27).</summary>
    public CreditOS.CreditEngine.Policies.CreditPolicy? MostGenerousPolicy { get; init; }
}

/// <summary>
/// An account assessed and its picture mapped, before anything is written: whether it must be written at all
/// (<see cref="NeedsWrite"/>) is what lets the set-based rescoring skip the accounts whose picture did not change.
/// </summary>
internal sealed class RescoreEvaluation(AccountCreditRecord account, CreditAssessment assessment, HistoryReading reading, CreditPicture picture, Entity changes, bool liftHold, LimitRecommendation? review)
{
    public AccountCreditRecord Account { get; } = account;

    public CreditAssessment Assessment { get; } = assessment;

    public HistoryReading Reading { get; } = reading;

    public CreditPicture Picture { get; } = picture;

    public Entity Changes { get; } = changes;

    public bool LiftHold { get; } = liftHold;

    public LimitRecommendation? Review { get; } = review;

    /// <summary>The account's tier before this rescoring, from the configuration (the event-time monitor compares ranks).</summary>
    public CreditOS.CreditEngine.Tiers.CreditTier? PreviousTier { get; init; }

    /// <summary>The material worklist change of the configuration this rescoring read (what the day's collections work after it compares with).</summary>
    public CreditOS.CreditEngine.Collections.WorklistMateriality WorklistMateriality { get; init; } = CreditOS.CreditEngine.Collections.WorklistMateriality.Default;

    /// <summary>A column to write, a history row, a hold to lift or a limit review to raise.</summary>
    public bool NeedsWrite => NeedsWriteBesidesReview || Review is not null;

    /// <summary>A column to write, a history row or a hold to lift.</summary>
    public bool NeedsWriteBesidesReview => Changes.Attributes.Count > 0 || Picture.ScoreChanged || LiftHold;
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

    /// <summary>The account's open promises to pay as read with the account (the payment posting evaluates promises only when there is one).</summary>
    public int OpenPromises { get; init; }

    /// <summary>The account's currency code, as the rescoring read it.</summary>
    public string Currency { get; init; } = string.Empty;

    /// <summary>The account's segment (customer group and industry) as the engine saw it.</summary>
    public CustomerSegment? Segment { get; init; }

    /// <summary>The two latest bureau reports the rescoring read (newest first by report date, then by creation).</summary>
    public CreditOS.CreditEngine.History.BureauReport? LatestBureauReport { get; init; }

    public CreditOS.CreditEngine.History.BureauReport? PreviousBureauReport { get; init; }

    /// <summary>The account as the rescoring read it (before its write): name, limits, overdue, collector and owner.</summary>
    public AccountCreditRecord? Account { get; init; }

    /// <summary>The Risk score as stored by this rescoring (rounded as the account keeps it), and the one the account had before.</summary>
    public decimal? RiskScore { get; init; }

    public decimal? PreviousRiskScore { get; init; }

    /// <summary>The account's tier before this rescoring (null when it had none or it is no longer configured).</summary>
    public CreditOS.CreditEngine.Tiers.CreditTier? PreviousTier { get; init; }

    /// <summary>The material worklist change of the configuration this rescoring read (what the day's collections work after it compares with).</summary>
    public CreditOS.CreditEngine.Collections.WorklistMateriality WorklistMateriality { get; init; } = CreditOS.CreditEngine.Collections.WorklistMateriality.Default;
}
