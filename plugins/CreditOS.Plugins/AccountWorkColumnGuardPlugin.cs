using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// The account's promise figures, who set its collector and its bureau monitoring state are written only by the credit
/// flow and the integration worker; a person may only queue an account for monitoring (<see cref="AccountWorkColumns"/>).
/// Pre-validation, synchronous. Budget: 0 when none of those columns changes (or a person queues); 1 (who SYSTEM is, at most once per organization: CreditFlowIdentity),
/// 2 when a monitoring column changes otherwise (whether the caller is the worker).
/// </summary>
[PluginStep(Messages.Create, Account.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "Only the credit flow and the bureau monitoring job set an account's promise figures and monitoring state.")]
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = AccountWorkColumns.Columns, Description = "Only the credit flow and the bureau monitoring job change an account's promise figures and monitoring state.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, AccountWorkColumns.ImageColumns)]
public sealed class AccountWorkColumnGuardPlugin : PluginBase
{
    public const string CreateStepId = "f2e24cee-fabd-40fa-9f94-1fb191bd38ec";
    public const string UpdateStepId = "deb9595d-2c21-466b-af08-82ded4d7b128";
    public const string PreImageAlias = "PreImage";

    public AccountWorkColumnGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var before = context.TryGetPreImage(PreImageAlias, out var image) ? image : null;
        AccountWorkColumns.Check(
            context.TargetEntity,
            before,
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService),
            () => IntegrationIdentity.IsIntegration(context.SystemService, context.UserId));
    }
}
