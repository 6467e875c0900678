using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>
/// A score history row is the audit fact of a credit picture (scores, tier, limit and who decided a limit): only the
/// credit flow records one (rescoring, a Finance decision or limit change, all as SYSTEM), and nobody changes or
/// deletes one, a System Administrator included. Session 25: a row a nightly page sealed is admitted from its carrier (the
/// integration worker's bulk create) when it carries nothing but the sealed picture, which <c>SealedPictureGuardPlugin</c> opens
/// (0 calls here). Before, the Finance Approver role could create rows by hand (a limit
/// "set by Finance" that no request decided). Pre-validation, synchronous. Budget: 1 (who SYSTEM is, at most once per organization: CreditFlowIdentity).
/// </summary>
[PluginStep(Messages.Create, CreditScoreHistory.EntityLogicalName, PipelineStage.PreValidation, CreateStepId, Description = "Only the credit flow records score history.")]
[PluginStep(Messages.Update, CreditScoreHistory.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId, Description = "Score history is immutable.")]
[PluginStep(Messages.Delete, CreditScoreHistory.EntityLogicalName, PipelineStage.PreValidation, DeleteStepId, Description = "Score history is never deleted.")]
public sealed class CreditScoreHistoryGuardPlugin : PluginBase
{
    public const string CreateStepId = "6b0f5d2e-3a41-4c8e-9f17-2d5c8a9e4b01";
    public const string UpdateStepId = "a93c7e14-58b2-4f0d-8e6a-1c4b7d2f9e02";
    public const string DeleteStepId = "d2e85b36-7c19-4a5f-b0e3-9f6a1c8d7e03";

    public CreditScoreHistoryGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        if (context.MessageName == Messages.Create && CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService))
        {
            return;
        }

        // Session 25: a row a nightly page sealed, written by the integration worker's bulk create, carries nothing but its sealed
        // picture; SealedPictureGuardPlugin opens it inside the transaction or refuses it. Anything else beside it is refused here.
        if (context.MessageName == Messages.Create && IsSealedPictureAlone(context.TargetEntity))
        {
            return;
        }

        throw new InvalidPluginExecutionException(context.MessageName == Messages.Create
            ? "Score history is recorded only by the credit flow (a rescoring, a Finance decision or a limit change); it cannot be entered by hand. Ask Finance for a limit through a credit limit request."
            : "Score history records what the credit flow decided (scores, tier, limit, who decided) and cannot be changed or deleted.");
    }

    private static bool IsSealedPictureAlone(Entity target) =>
        target.Contains(CreditScoreHistory.Fields.SealedPicture)
        && target.Attributes.Keys.All(k => k is CreditScoreHistory.Fields.SealedPicture or CreditScoreHistory.Fields.CreditScoreHistoryId);
}
