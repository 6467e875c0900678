using CreditOS.Dataverse.Credit.Resync;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Refuses an invoice's ERP re-sync flag or its clearance record written by anyone but the amendment and the Clear ERP
/// re-sync action (<see cref="ErpResyncFlagGuard"/>). Pre-validation, synchronous. Budget: 0; 1 when one of the columns is written.
/// </summary>
[PluginStep(Messages.Create, Receivable.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "Only the receivable amendment flags an invoice for an ERP re-sync, and only Clear ERP re-sync clears it.")]
[PluginStep(Messages.Update, Receivable.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = ErpResyncFlagGuard.Columns, Description = "Only the receivable amendment flags an invoice for an ERP re-sync, and only Clear ERP re-sync clears it.")]
public sealed class ErpResyncFlagGuardPlugin : PluginBase
{
    public const string CreateStepId = "3c5d0e21-8a47-4f6b-b2d9-5e0f7a1c3301";
    public const string UpdateStepId = "3c5d0e21-8a47-4f6b-b2d9-5e0f7a1c3302";

    public ErpResyncFlagGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        ErpResyncFlagGuard.Guard(context.PluginExecutionContext, context.SystemService, context.TargetEntity);
}
