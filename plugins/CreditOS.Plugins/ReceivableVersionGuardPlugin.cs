using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Credit.Payments;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Only the integration worker (or SYSTEM) writes an invoice's source version and scope (<see cref="ReceivableVersionWriters"/>);
/// the ordering itself is checked under the account's lock by <see cref="ReceivableAmendmentPlugin"/>. Pre-validation,
/// synchronous. Budget: 0 when neither column changes (a redelivery, any other write), 1 for the worker (whether the
/// caller holds the Integration role), 2 otherwise (also who SYSTEM is).
/// </summary>
[PluginStep(Messages.Create, Receivable.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "Only the integration worker sets the ERP version an invoice was written from.")]
[PluginStep(Messages.Update, Receivable.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = ReceivableVersionWriters.Columns, Description = "Only the integration worker changes the ERP version an invoice was written from.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, ReceivableVersionWriters.ImageColumns)]
public sealed class ReceivableVersionGuardPlugin : PluginBase
{
    public const string CreateStepId = "aa3cd3a3-13e6-434b-9daa-4cc555e7c1c6";
    public const string UpdateStepId = "d07dd3d6-64d7-4a70-8cb3-ffab178a86dc";
    public const string PreImageAlias = "PreImage";

    public ReceivableVersionGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        ReceivableVersionWriters.Check(
            context.TargetEntity,
            context.TryGetPreImage(PreImageAlias, out var before) ? before : null,
            () => IntegrationIdentity.IsIntegration(context.SystemService, context.UserId),
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService));
}
