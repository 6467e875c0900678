using CreditOS.Xrm;
using CreditOS.Xrm.Credit;
using CreditOS.Xrm.Model;
using CreditOS.Xrm.Registration;

namespace CreditOS.Plugins;

/// <summary>
/// On-demand rescoring: the main operation of the bound Custom API cos_RescoreAccount (the account form's Rescore
/// command). Rescores the account, records history when the picture changed, releases holds the new picture cures
/// and returns the new scores and reasons. Budget: <see cref="AccountRescoring.MaximumCalls"/> + 2 + one update per released order.
/// </summary>
[CustomApi(RescoreAccountApi.UniqueName, BoundEntity = Account.EntityLogicalName, Description = "Rescores the customer now and returns the new scores and reasons.")]
[CustomApiResponseProperty(RescoreAccountApi.Response.ValueScore, CustomApiFieldType.Decimal)]
[CustomApiResponseProperty(RescoreAccountApi.Response.RiskScore, CustomApiFieldType.Decimal)]
[CustomApiResponseProperty(RescoreAccountApi.Response.RiskLevel, CustomApiFieldType.String)]
[CustomApiResponseProperty(RescoreAccountApi.Response.Tier, CustomApiFieldType.String)]
[CustomApiResponseProperty(RescoreAccountApi.Response.CreditLimit, CustomApiFieldType.Money)]
[CustomApiResponseProperty(RescoreAccountApi.Response.IsSuspended, CustomApiFieldType.Boolean)]
[CustomApiResponseProperty(RescoreAccountApi.Response.Reasons, CustomApiFieldType.String)]
[CustomApiResponseProperty(RescoreAccountApi.Response.Changed, CustomApiFieldType.Boolean)]
public sealed class RescoreAccountPlugin : PluginBase
{
    public RescoreAccountPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var accountId = context.TargetReference.Id;
        var result = AccountRescoring.Rescore(context.SystemService, context.TracingService, accountId, ScoreTrigger.OnDemand, "rescored on demand", context.OperationCreatedOn);
        HoldRelease.ReleaseCuredHolds(context.SystemService, context.TracingService, accountId, "an on-demand rescoring", context.OperationCreatedOn);
        RescoreAccountResponse.Write(context, result);
    }
}
