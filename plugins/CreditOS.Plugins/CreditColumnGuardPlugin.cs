using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Credit columns are written only by the credit flow (see <see cref="CreditColumnGuard"/> and
/// <see cref="CreditFlowIdentity"/>): a person's create or update that would change one is refused before the
/// transaction starts (pre-validation), before the order check adds its own decision to the order. A credit hold put
/// on without its source is stamped as the writer's own (<see cref="CreditHoldMarker"/>). Budget: 0 calls when no
/// credit column changes, 1 (who SYSTEM is, at most once per organization: CreditFlowIdentity) when one does or a hold is re-sent unchanged.
/// </summary>
[PluginStep(Messages.Create, Account.EntityLogicalName, PipelineStage.PreValidation, AccountCreateStepId, Description = "Only the credit flow sets an account's credit columns.")]
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreValidation, AccountUpdateStepId,
    FilteringAttributes = CreditOwnedColumns.AccountColumns, Description = "Only the credit flow changes an account's credit columns.")]
[PluginImage(AccountUpdateStepId, ImageType.PreImage, PreImageAlias, CreditOwnedColumns.AccountImageColumns)]
[PluginStep(Messages.Create, SalesOrder.EntityLogicalName, PipelineStage.PreValidation, OrderCreateStepId, Description = "Only the credit flow sets an order's credit status.")]
[PluginStep(Messages.Update, SalesOrder.EntityLogicalName, PipelineStage.PreValidation, OrderUpdateStepId,
    FilteringAttributes = CreditOwnedColumns.SalesOrderColumns, Description = "Only the credit flow changes an order's credit status.")]
[PluginImage(OrderUpdateStepId, ImageType.PreImage, PreImageAlias, CreditOwnedColumns.SalesOrderImageColumns)]
public sealed class CreditColumnGuardPlugin : PluginBase
{
    public const string AccountCreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a7001";
    public const string AccountUpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a7002";
    public const string OrderCreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a7003";
    public const string OrderUpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a7004";
    public const string PreImageAlias = "PreImage";

    public CreditColumnGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var before = context.TryGetPreImage(PreImageAlias, out var image) ? image : null;
        bool? isCreditFlow = null;
        bool IsCreditFlow() => isCreditFlow ??= CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService);
        CreditColumnGuard.Check(context.TargetEntity, before, IsCreditFlow);

        // Allowed: a hold put on without its source is the writer's own, which rescoring never lifts.
        CreditHoldMarker.StampWriter(context.TargetEntity, before, IsCreditFlow);
    }
}
