using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Nobody but the credit flow enters a credit fact with another created-on date (<see cref="RecordedOnGuard"/>, controls
/// round 8): pre-validation, before the row is stamped and before any other step reads it. Budget: 0; 1 (who SYSTEM is)
/// when the Create carries <c>overriddencreatedon</c>.
/// </summary>
[PluginStep(Messages.Create, SalesOrder.EntityLogicalName, PipelineStage.PreValidation, "2ad09f6b-8652-45d2-8f88-ca41a3728d63", Description = "Only the credit flow dates orders other than when they are recorded.")]
[PluginStep(Messages.Create, PromiseToPay.EntityLogicalName, PipelineStage.PreValidation, "0f300d33-8f77-4910-a0cb-d9751d52f70b", Description = "Only the credit flow dates promises to pay other than when they are recorded.")]
[PluginStep(Messages.Create, BureauReport.EntityLogicalName, PipelineStage.PreValidation, "4cefafeb-d111-4cd8-ac04-dd9d21fd3a59", Description = "Only the credit flow dates bureau reports other than when they are recorded.")]
[PluginStep(Messages.Create, Payment.EntityLogicalName, PipelineStage.PreValidation, "28b7e986-224d-4328-a00f-0ce11127594d", Description = "Only the credit flow dates payments other than when they are recorded.")]
[PluginStep(Messages.Create, Receivable.EntityLogicalName, PipelineStage.PreValidation, "8a1a7776-1ad6-44bd-9bed-9908a592712c", Description = "Only the credit flow dates invoices other than when they are recorded.")]
[PluginStep(Messages.Create, CreditApprovalRequest.EntityLogicalName, PipelineStage.PreValidation, "fc06e3a2-215d-4399-b0b5-af1db8f9cbb0", Description = "Only the credit flow dates credit approval requests other than when they are recorded.")]
public sealed class RecordedOnGuardPlugin : PluginBase
{
    public RecordedOnGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        RecordedOnGuard.Check(
            context.TargetEntity,
            context.OperationCreatedOn,
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService));
}
