extern alias plugins;

using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using AccountRescoring = plugins::CreditOS.Dataverse.Credit.Rescoring.AccountRescoring;
using PluginScoreTrigger = plugins::CreditOS.Dataverse.Model.ScoreTrigger;

namespace CreditOS.Cli.Demo.Scoring;

/// <summary>
/// The scheduled (batch) rescore of the whole customer base, run as a client of the organization service the way the
/// integration worker's batch job would: page through the accounts and rescore each with the plugins' own rescoring
/// service (each call its own transaction, so the account write is conditional on its row version; tiers and policies read from their records), so the batch
/// writes exactly what the event-driven plugins write, with trigger "scheduled" in the score history.
/// </summary>
internal sealed class BatchRescorer(IOrganizationService service)
{
    private const string TriggerDetail = "scheduled batch rescore";

    public RescoreSummary RescoreAll(DateTime now)
    {
        var tracing = new SilentTracing();
        var accounts = PagedReader.All(service, PagedReader.Query(Account.EntityLogicalName, Account.Fields.AccountId)).Select(a => a.Id).ToList();
        var changed = 0;
        var refusals = new List<RescoreRefusal>();
        foreach (var accountId in accounts)
        {
            try
            {
                changed += AccountRescoring.Rescore(service, tracing, accountId, PluginScoreTrigger.Scheduled, TriggerDetail, now, inTransaction: false).Changed ? 1 : 0;
            }
            catch (InvalidPluginExecutionException refused)
            {
                refusals.Add(new RescoreRefusal(accountId, refused.Message));
            }
        }

        return new RescoreSummary(accounts.Count, changed, refusals);
    }

    /// <summary>The batch keeps no trace of its own: each account's figures land on the account and in its score history.</summary>
    private sealed class SilentTracing : ITracingService
    {
        public void Trace(string format, params object[] args)
        {
        }
    }
}

/// <summary>How many accounts a batch rescore went through, how many credit pictures changed, and which accounts were refused and why.</summary>
internal sealed record RescoreSummary(int Accounts, int Changed, IReadOnlyList<RescoreRefusal> Refusals);

/// <summary>An account the rescoring service refused, with its message.</summary>
internal sealed record RescoreRefusal(Guid AccountId, string Reason);
