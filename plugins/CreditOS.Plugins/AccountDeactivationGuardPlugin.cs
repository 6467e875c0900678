using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Only Finance (or the credit flow) deactivates a customer that carries credit (<see cref="AccountDeactivationGuard"/>,
/// controls round 9). Pre-validation, synchronous; SetState runs as an Update of statecode. Budget: 0 unless an active
/// account with open receivables or open orders is deactivated; then at most <see cref="AccountDeactivationGuard.MaximumCalls"/>
/// (who SYSTEM is, whether the caller is a Finance approver). Rank 2: after <see cref="CreditGroupMembershipGuardPlugin"/>,
/// whose refusal names the credit group when a group parent or member is deactivated.
/// </summary>
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = Account.Fields.StateCode, Rank = 2, Description = "Only Finance deactivates a customer with open receivables or open orders.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, AccountDeactivationGuard.ImageColumns)]
public sealed class AccountDeactivationGuardPlugin : PluginBase
{
    public const string UpdateStepId = "9b1f4c2e-6a7d-4e85-b3c0-5d2e8f71a946";
    public const string PreImageAlias = "PreImage";

    public AccountDeactivationGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        AccountDeactivationGuard.Check(
            context.TargetEntity,
            context.TryGetPreImage(PreImageAlias, out var image) ? image : null,
            FinanceOrCreditFlow.Caller(context));
}
