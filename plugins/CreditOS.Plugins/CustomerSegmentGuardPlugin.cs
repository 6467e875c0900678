using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Only Finance (or the credit flow) reclassifies a classified customer, its group or its industry
/// (<see cref="CustomerSegmentGuard"/>). Pre-validation, synchronous. Budget: 0 unless a classified account's group or
/// industry changes; then 1–2 (who SYSTEM is, whether the caller is a Finance approver); a person's change of the group
/// then reads whether a credit approval request is open (1, controls round 11), as does a person's first classification
/// of an unclassified account (who SYSTEM is and the open request, round 12). Controls round 25: a person's change of the
/// group or industry of a customer that has been scored is assessed as a rescoring would assess it (nothing written), and
/// one that loosens the customer's credit needs a Finance approver whose authority covers it
/// (<see cref="ClassificationAuthority"/>): <see cref="CustomerSegmentGuard.MaximumCalls"/>.
/// </summary>
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = CustomerSegmentGuard.FilteringColumns, Description = "Only Finance reclassifies a customer's group or industry.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, CustomerSegmentGuard.ImageColumns)]
public sealed class CustomerSegmentGuardPlugin : PluginBase
{
    public const string UpdateStepId = "3b8f1d6e-52a4-4c09-b7e3-a1d94f0c2e68";
    public const string PreImageAlias = "PreImage";

    public CustomerSegmentGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var before = context.TryGetPreImage(PreImageAlias, out var image) ? image : null;
        var isCreditFlow = new Lazy<bool>(() => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService));
        var isFinanceApprover = new Lazy<bool>(() => ApproverDirectory.IsFinanceApprover(context.SystemService, context.UserId));
        var name = before?.GetAttributeValue<string>(Account.Fields.Name) ?? context.TargetEntity.Id.ToString();
        CustomerSegmentGuard.Check(
            context.SystemService,
            context.TargetEntity,
            before,
            () => isCreditFlow.Value || isFinanceApprover.Value,
            () => isCreditFlow.Value,
            change => ClassificationAuthority.Ensure(
                context.SystemService, context.TracingService, context.UserId, context.TargetEntity, name, change, () => isFinanceApprover.Value, context.OperationCreatedOn));
    }
}
