using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>
/// An account reactivated (inactive → active, SetState runs as an Update of statecode) is rescored at once, in the
/// transaction that reactivates it (controls round 10). While inactive the nightly rescoring skipped it, so its overdue
/// figures are those of its last rescoring; without this, an order entered right after the reactivation was checked
/// against them (Sam, Write on his unit's accounts, reactivated a customer Finance had deactivated with 30,000.00 due in 5
/// days and, 30 days later, his order was approved against 0.00 overdue). Orders for an inactive account are refused by
/// the order check (<c>InactiveCustomer</c>). Post-operation, synchronous. Budget: 0 unless the account is reactivated;
/// then <see cref="AccountRescoring.MaximumCalls"/>.
/// </summary>
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PostOperation, UpdateStepId,
    FilteringAttributes = Account.Fields.StateCode, Description = "A reactivated account is rescored at once, so its orders are not checked against the figures it had when deactivated.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, Account.Fields.StateCode)]
public sealed class AccountReactivationPlugin : PluginBase
{
    public const string UpdateStepId = "3c8e5a71-2d4f-4b96-a1e7-6f09b2c4d813";
    public const string PreImageAlias = "PreImage";

    public AccountReactivationPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var wasInactive = context.TryGetPreImage(PreImageAlias, out var before)
            && before.GetAttributeValue<OptionSetValue>(Account.Fields.StateCode)?.Value == (int)AccountState.Inactive;
        var isActive = context.TargetEntity.GetAttributeValue<OptionSetValue>(Account.Fields.StateCode)?.Value == (int)AccountState.Active;
        if (!wasInactive || !isActive)
        {
            return;
        }

        var result = AccountRescoring.Rescore(context.SystemService, context.TracingService, context.PrimaryEntityId, ScoreTrigger.Event, "reactivation", context.OperationCreatedOn, context.PluginExecutionContext.IsInTransaction);
        context.Trace("Account {0} reactivated and rescored (picture changed: {1}).", context.PrimaryEntityId, result.Changed);
    }
}
