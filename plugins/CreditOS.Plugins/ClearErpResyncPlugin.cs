using CreditOS.Dataverse.Credit.Resync;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// The main operation of the bound Custom API cos_ClearErpResync: a credit manager or collector clears an invoice's ERP
/// re-sync flag once the ERP re-sent it (<see cref="ErpResyncClearance"/>). Budget: <see cref="ErpResyncClearance.Calls"/>.
/// </summary>
[CustomApi(ClearErpResyncApi.UniqueName, BoundEntity = Receivable.EntityLogicalName,
    Description = "Finance clears an invoice's ERP re-sync flag once the ERP re-sent the invoice; records who and when.")]
public sealed class ClearErpResyncPlugin : PluginBase
{
    public ClearErpResyncPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        ErpResyncClearance.Clear(context.SystemService, context.UserId, context.TargetReference, context.OperationCreatedOn);
}
