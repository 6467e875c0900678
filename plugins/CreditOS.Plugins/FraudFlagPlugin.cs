using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Fraud flag set on an account (account Update of cos_isfraudflagged, post-operation, synchronous): rescores at once,
/// so new orders are suspended in the transaction that sets the flag, not at the next rescoring (as
/// <see cref="BureauReportPlugin"/> does for a judgment). Clearing the flag is done by the suspension lift, which
/// rescores itself. Budget: 0 when the flag is cleared, <see cref="AccountRescoring.MaximumCalls"/> when it is set.
/// </summary>
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PostOperation, UpdateStepId,
    FilteringAttributes = Account.Fields.IsFraudFlagged, Description = "A fraud flag suspends new orders at once.")]
public sealed class FraudFlagPlugin : PluginBase
{
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a4011";

    public FraudFlagPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        if (!context.TargetEntity.GetAttributeValue<bool>(Account.Fields.IsFraudFlagged))
        {
            return;
        }

        var result = AccountRescoring.Rescore(context.SystemService, context.TracingService, context.PrimaryEntityId, ScoreTrigger.Event, "fraud flag", context.OperationCreatedOn, context.PluginExecutionContext.IsInTransaction);
        context.Trace("Account {0} flagged for fraud; suspended: {1}", context.PrimaryEntityId, result.Assessment.Suspension.Message);
    }
}
