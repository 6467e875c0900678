using CreditOS.CreditEngine.Scoring;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Credit.Configuration;
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
/// (<see cref="ClassificationAuthority"/>): <see cref="CustomerSegmentGuard.MaximumCalls"/>. Controls round 26: assessed
/// for a customer not scored yet too (any with a currency); a person's classification its history cannot show (entered
/// with the account, on Create; on starter terms either way; no currency) is a Finance approver's when the configuration
/// scores it otherwise (<see cref="ClassificationAuthority.EnsureBeforeScoring"/>): Create costs 0 without a group or
/// industry, else at most <see cref="CustomerSegmentGuard.MaximumCreateCalls"/>. Controls round 27: such a classification
/// by a Finance approver stakes the highest cap of the credit policies, which her approval authority must cover
/// (<see cref="ClassificationAuthority.EnsureMostGenerousLimitWithinAuthority"/>; within <see cref="CustomerSegmentGuard.MaximumCalls"/>).
/// </summary>
[PluginStep(Messages.Create, Account.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "Only Finance enters a customer classified where the classification is scored otherwise.")]
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = CustomerSegmentGuard.FilteringColumns, Description = "Only Finance reclassifies a customer's group or industry.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, CustomerSegmentGuard.ImageColumns)]
public sealed class CustomerSegmentGuardPlugin : PluginBase
{
    public const string CreateStepId = "ea9eb8e4-8a2e-4980-b0bd-6126389d53c1";
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
        if (context.MessageName == Messages.Create)
        {
            var entered = context.TargetEntity.GetAttributeValue<string>(Account.Fields.Name) ?? string.Empty;
            CustomerSegmentGuard.CheckCreate(
                context.TargetEntity,
                () => isCreditFlow.Value,
                change => ClassificationAuthority.EnsureBeforeScoring(context.SystemService, context.TargetEntity, null, entered, change, () => isFinanceApprover.Value));
            return;
        }

        var name = before?.GetAttributeValue<string>(Account.Fields.Name) ?? context.TargetEntity.Id.ToString();
        CustomerSegmentGuard.Check(
            context.SystemService,
            context.TargetEntity,
            before,
            () => isCreditFlow.Value || isFinanceApprover.Value,
            () => isCreditFlow.Value,
            change => ClassificationAuthority.Ensure(
                context.SystemService, context.TracingService, context.UserId, context.TargetEntity, name, change, () => isFinanceApprover.Value, context.OperationCreatedOn),
            change => ClassificationAuthority.EnsureBeforeScoring(
                context.SystemService, context.TargetEntity, before, name, change, () => isFinanceApprover.Value,
                withinAuthority => ClassificationAuthority.EnsureMostGenerousLimitWithinAuthority(
                    context.SystemService, context.UserId, context.TargetEntity.Id,
                    SegmentScoring.MostGenerousPolicy(CreditConfigurationReader.Read(context.SystemService, context.TracingService).Configuration), name, withinAuthority)));
    }
}
