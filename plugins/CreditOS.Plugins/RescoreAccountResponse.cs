using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>Fills the cos_RescoreAccount response properties from a rescoring.</summary>
internal static class RescoreAccountResponse
{
    public static void Write(LocalPluginContext context, RescoreResult result)
    {
        var assessment = result.Assessment;
        var score = assessment.Score;
        context.SetOutputParameter(RescoreAccountApi.Response.ValueScore, Math.Round((decimal)score.Value, 2));
        context.SetOutputParameter(RescoreAccountApi.Response.RiskScore, Math.Round((decimal)score.Risk, 2));
        context.SetOutputParameter(RescoreAccountApi.Response.RiskLevel, score.RiskLevel.ToString());
        context.SetOutputParameter(RescoreAccountApi.Response.Tier, assessment.Tier.Name);
        context.SetOutputParameter(RescoreAccountApi.Response.CreditLimit, new Money(assessment.CreditLimit));
        context.SetOutputParameter(RescoreAccountApi.Response.IsSuspended, assessment.Suspension.IsSuspended);
        context.SetOutputParameter(RescoreAccountApi.Response.Reasons, string.Join(Environment.NewLine, score.RiskReasons.Concat(score.ValueReasons)));
        context.SetOutputParameter(RescoreAccountApi.Response.Changed, result.Changed);
    }
}
