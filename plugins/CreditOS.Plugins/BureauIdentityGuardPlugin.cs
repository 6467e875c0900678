using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Only Finance (or the credit flow) changes the registration number, VAT number or country code of an account with a
/// bureau company id or a bureau report on file (<see cref="BureauIdentityGuard"/>, controls round 9, session 16).
/// Pre-validation, synchronous. Budget: 0 unless an identity column changes; then 0 with a company id in the pre-image,
/// else 1 (the report on file), and at most <see cref="BureauIdentityGuard.MaximumCalls"/> when it is guarded (who SYSTEM
/// is, whether the caller is a Finance approver; for a suspended customer, the account and the approver's authority).
/// </summary>
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = BureauIdentityGuard.FilteringColumns, Description = "Only Finance changes the bureau identity of a customer with a bureau company id, credit or a report on file.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, BureauIdentityGuard.ImageColumns)]
public sealed class BureauIdentityGuardPlugin : PluginBase
{
    public const string UpdateStepId = "3b8f6d2e-7c41-4e5a-a9d0-5f2c8e1b7a63";
    public const string PreImageAlias = "PreImage";

    public BureauIdentityGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        BureauIdentityGuard.Check(
            context.SystemService,
            context.TargetEntity,
            context.TryGetPreImage(PreImageAlias, out var image) ? image : null,
            FinanceOrCreditFlow.Caller(context),
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService),
            context.UserId,
            context.OperationCreatedOn);
}
