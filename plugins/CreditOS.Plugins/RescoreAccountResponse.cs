using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>
/// Fills the cos_RescoreAccount response properties from a rescoring, each secured figure only when the caller's own
/// read of the account returned its column (<see cref="RescoreCallers"/>: what their field security lets them read).
/// </summary>
internal static class RescoreAccountResponse
{
    public static void Write(LocalPluginContext context, RescoreResult result, Entity asCaller)
    {
        var assessment = result.Assessment;
        var score = assessment.Score;
        Set(context, asCaller, Account.Fields.ValueScore, RescoreAccountApi.Response.ValueScore, Math.Round((decimal)score.Value, 2));
        Set(context, asCaller, Account.Fields.RiskScore, RescoreAccountApi.Response.RiskScore, Math.Round((decimal)score.Risk, 2));
        Set(context, asCaller, Account.Fields.RiskLevel, RescoreAccountApi.Response.RiskLevel, score.RiskLevel.ToString());
        Set(context, asCaller, Account.Fields.CreditTierId, RescoreAccountApi.Response.Tier, assessment.Tier.Name);
        Set(context, asCaller, Account.Fields.CreditLimit, RescoreAccountApi.Response.CreditLimit, new Money(assessment.CreditLimit));
        Set(context, asCaller, Account.Fields.IsSuspended, RescoreAccountApi.Response.IsSuspended, assessment.Suspension.IsSuspended);
        Set(context, asCaller, Account.Fields.TopReasons, RescoreAccountApi.Response.Reasons, string.Join(Environment.NewLine, score.RiskReasons.Concat(score.ValueReasons)));
        context.SetOutputParameter(RescoreAccountApi.Response.Changed, result.Changed);
    }

    private static void Set(LocalPluginContext context, Entity asCaller, string column, string property, object value)
    {
        if (RescoreCallers.Readable(asCaller, column))
        {
            context.SetOutputParameter(property, value);
        }
    }
}
