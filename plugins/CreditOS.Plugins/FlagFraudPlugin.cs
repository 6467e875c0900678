using CreditOS.Dataverse.Credit.Suspension;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// The main operation of the bound Custom API cos_FlagFraud: a Finance approver flags the account for suspected
/// fraud (<see cref="FraudFlagging"/>); <see cref="FraudFlagPlugin"/> suspends it in the same transaction.
/// </summary>
[CustomApi(FlagFraudApi.UniqueName, BoundEntity = Account.EntityLogicalName,
    Description = "Finance flags the account for suspected fraud; new orders are suspended at once.")]
[CustomApiRequestParameter(FlagFraudApi.Request.Reason, CustomApiFieldType.String)]
public sealed class FlagFraudPlugin : PluginBase
{
    public FlagFraudPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var reason = context.GetInputParameter<string>(FlagFraudApi.Request.Reason);
        FraudFlagging.Flag(context.SystemService, context.UserId, context.TargetReference, reason);
        context.Trace("Account {0} flagged for suspected fraud by {1}: {2}", context.TargetReference.Id, context.UserId, reason ?? string.Empty);
    }
}
