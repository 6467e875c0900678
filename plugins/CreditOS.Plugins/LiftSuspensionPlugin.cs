using CreditOS.Dataverse.Credit.Suspension;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// The main operation of the bound Custom API cos_LiftSuspension: a Finance approver lifts the account's suspension
/// with a reason, recorded immutably with who and when (<see cref="SuspensionLifting"/>). Budget: <see cref="SuspensionLifting.MaximumCalls"/>.
/// </summary>
[CustomApi(LiftSuspensionApi.UniqueName, BoundEntity = Account.EntityLogicalName,
    Description = "Finance lifts the account's suspension with a reason; who, when, why and the bureau facts waived are recorded.")]
[CustomApiRequestParameter(LiftSuspensionApi.Request.Reason, CustomApiFieldType.String)]
[CustomApiResponseProperty(LiftSuspensionApi.Response.IsSuspended, CustomApiFieldType.Boolean)]
[CustomApiResponseProperty(LiftSuspensionApi.Response.SuspensionLiftId, CustomApiFieldType.Guid)]
public sealed class LiftSuspensionPlugin : PluginBase
{
    public LiftSuspensionPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var outcome = SuspensionLifting.Lift(
            context.SystemService, context.UserId, context.TargetReference, context.GetInputParameter<string>(LiftSuspensionApi.Request.Reason), context.OperationCreatedOn);
        if (outcome.StillSuspended)
        {
            context.Trace("Suspension lifted but the account is suspended again: {0}", outcome.Reason ?? string.Empty);
        }

        context.SetOutputParameter(LiftSuspensionApi.Response.IsSuspended, outcome.StillSuspended);
        context.SetOutputParameter(LiftSuspensionApi.Response.SuspensionLiftId, outcome.LiftId);
    }
}
