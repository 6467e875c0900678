using CreditOS.Cli.Demo.Loading;
using CreditOS.Cli.Demo.Seeding;
using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Exposure;
using CreditOS.Xrm.Model;
using Microsoft.Xrm.Sdk;
using EngineRiskLevel = CreditOS.CreditEngine.Tiers.RiskLevel;
using ModelRiskLevel = CreditOS.Xrm.Model.RiskLevel;

namespace CreditOS.Cli.Demo.Scoring;

/// <summary>
/// The scheduled (batch) rescore of the whole customer base: reads every account's history from Dataverse, asks the
/// credit engine for scores, tier, policy, limit, suspension and exposure, and writes the account's credit picture
/// and a score-history row (trigger: scheduled) in ExecuteMultiple batches.
/// </summary>
internal sealed class BatchRescorer(IOrganizationService service, ReferenceData reference, CreditConfiguration configuration)
{
    private const decimal PercentPerFraction = 100m;
    private const int TopReasonCount = 3;
    private static readonly string ReasonSeparator = System.Environment.NewLine;

    public RescoreSummary RescoreAll(DateTime today)
    {
        var histories = HistoryReader.ReadAll(service, reference.CurrencyCode);
        var writer = new BatchWriter(service);
        foreach (var account in histories)
        {
            var assessment = CreditAssessor.Assess(account.History, today, configuration);
            var exposure = ExposureSnapshotFactory.FromHistory(account.History, today, assessment.Policy.GraceDays);
            writer.Update(AccountPicture(account.AccountId, assessment, exposure, today));
            writer.Create(HistoryEntry(account, assessment, today));
        }

        writer.Flush();
        return new RescoreSummary(histories.Count, writer.BatchesSent);
    }

    private Entity AccountPicture(Guid accountId, CreditAssessment assessment, ExposureSnapshot exposure, DateTime today)
    {
        var limit = assessment.CreditLimit;
        var total = exposure.Total;
        return new Entity(Account.EntityLogicalName, accountId)
        {
            [Account.Fields.ValueScore] = Score(assessment.Score.Value),
            [Account.Fields.RiskScore] = Score(assessment.Score.Risk),
            [Account.Fields.RiskLevel] = new OptionSetValue((int)ToChoice(assessment.Score.RiskLevel)),
            [Account.Fields.CreditTierId] = new EntityReference(Xrm.Model.CreditTier.EntityLogicalName, reference.TierIdsByCode[assessment.Tier.Code]),
            [Account.Fields.CreditPolicyId] = new EntityReference(Xrm.Model.CreditPolicy.EntityLogicalName, reference.PolicyIdsByCode[assessment.Policy.Code]),
            [Account.Fields.CreditLimit] = new Money(limit),
            [Account.Fields.OpenReceivables] = new Money(exposure.OpenReceivables),
            [Account.Fields.OverdueAmount] = new Money(exposure.OverdueAmount),
            [Account.Fields.OverdueBeyondGrace] = new Money(exposure.OverdueBeyondGraceAmount),
            [Account.Fields.OldestOverdueDays] = exposure.OldestOverdueDays,
            [Account.Fields.OpenOrders] = new Money(exposure.OpenOrdersNotInvoiced),
            [Account.Fields.Exposure] = new Money(total),
            [Account.Fields.AvailableCredit] = new Money(limit - total),
            [Account.Fields.Utilization] = limit > 0 ? Math.Round(total / limit * PercentPerFraction, 2) : null,
            [Account.Fields.IsStarterTerms] = assessment.IsOnStarterTerms,
            [Account.Fields.IsSuspended] = assessment.Suspension.IsSuspended,
            [Account.Fields.SuspensionReason] = assessment.Suspension.IsSuspended ? assessment.Suspension.Message : null,
            [Account.Fields.TopReasons] = TopReasons(assessment),
            [Account.Fields.LastScoredOn] = today,
            [Account.Fields.RuleSetVersion] = assessment.Score.RuleSetName + " v" + assessment.Score.RuleSetVersion,
        };
    }

    private Entity HistoryEntry(AccountHistory account, CreditAssessment assessment, DateTime today) => new(CreditScoreHistory.EntityLogicalName)
    {
        [CreditScoreHistory.Fields.Name] = account.History.CustomerId + " scheduled rescore",
        [CreditScoreHistory.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account.AccountId),
        [CreditScoreHistory.Fields.EntryType] = new OptionSetValue((int)CreditScoreHistoryEntryType.Score),
        [CreditScoreHistory.Fields.ValueScore] = Score(assessment.Score.Value),
        [CreditScoreHistory.Fields.RiskScore] = Score(assessment.Score.Risk),
        [CreditScoreHistory.Fields.RiskLevel] = new OptionSetValue((int)ToChoice(assessment.Score.RiskLevel)),
        [CreditScoreHistory.Fields.CreditTierId] = new EntityReference(Xrm.Model.CreditTier.EntityLogicalName, reference.TierIdsByCode[assessment.Tier.Code]),
        [CreditScoreHistory.Fields.CreditPolicyId] = new EntityReference(Xrm.Model.CreditPolicy.EntityLogicalName, reference.PolicyIdsByCode[assessment.Policy.Code]),
        [CreditScoreHistory.Fields.CreditLimit] = new Money(assessment.CreditLimit),
        [CreditScoreHistory.Fields.TopReasons] = TopReasons(assessment),
        [CreditScoreHistory.Fields.Trigger] = new OptionSetValue((int)ScoreTrigger.Scheduled),
        [CreditScoreHistory.Fields.RuleSetVersion] = assessment.Score.RuleSetName + " v" + assessment.Score.RuleSetVersion,
        [CreditScoreHistory.Fields.ScoredOn] = today,
    };

    private static string TopReasons(CreditAssessment assessment) =>
        string.Join(ReasonSeparator, assessment.Score.RiskReasons.Concat(assessment.Score.ValueReasons).Take(TopReasonCount));

    private static decimal Score(double score) => Math.Round((decimal)score, 1);

    private static ModelRiskLevel ToChoice(EngineRiskLevel level) => level switch
    {
        EngineRiskLevel.Low => ModelRiskLevel.Low,
        EngineRiskLevel.Medium => ModelRiskLevel.Medium,
        EngineRiskLevel.High => ModelRiskLevel.High,
        _ => ModelRiskLevel.Severe,
    };
}

/// <summary>How many accounts a batch rescore scored, in how many ExecuteMultiple batches.</summary>
internal sealed record RescoreSummary(int Accounts, int Batches);
