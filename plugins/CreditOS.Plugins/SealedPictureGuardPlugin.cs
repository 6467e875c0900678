using CreditOS.Dataverse.Credit.Sealing;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Opens the sealed pictures of the nightly batch's bulk writes (session 25; <see cref="SealedPictureGuard"/>): an account's
/// picture checked against the account's row version and expanded into its credit columns, a score-history row's into its
/// columns; an altered or forged picture refuses the write. Pre-operation (inside the row's transaction, after the security
/// checks of the write as sent, which carries only the picture), synchronous, filtered on the picture on Update.
/// Budget: 0, 1 when the seal key is read (<see cref="SealKey.ForOpening"/>).
/// Session 27: a second account step, post-operation (the update done, the row's lock held until commit), compares what the
/// write left alone with what the pre-operation step recorded (<see cref="SealedPictureLockCheck"/>): a writer that committed
/// between the pre-image and the lock is seen there and the write refused. Filtered on the picture and on the last-scored time the
/// opened picture always sets (whichever the platform filters on at stage 40); 0 calls, and nothing for a write without a picture.
/// Session 30: then, for a picture that carried a limit review, the review's request and queue item, as SYSTEM (2 calls; <see cref="SealedLimitReview"/>).
/// </summary>
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreOperation, AccountUpdateStepId,
    FilteringAttributes = Account.Fields.SealedPicture, Description = "Opens a nightly page's sealed account picture, or refuses it.")]
[PluginImage(AccountUpdateStepId, ImageType.PreImage, PreImageAlias, SealedPictureGuard.ImageColumns)]
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PostOperation, AccountLockCheckStepId,
    FilteringAttributes = Account.Fields.SealedPicture + "," + Account.Fields.LastScoredOn, Description = "Refuses a nightly page's sealed account picture when another writer changed the account between its pre-image and its row lock.")]
[PluginImage(AccountLockCheckStepId, ImageType.PostImage, PostImageAlias, SealedPictureLockCheck.ImageColumns)]
[PluginStep(Messages.Create, CreditScoreHistory.EntityLogicalName, PipelineStage.PreOperation, HistoryCreateStepId,
    Description = "Opens a nightly page's sealed score-history row, or refuses it.")]
public sealed class SealedPictureGuardPlugin : PluginBase
{
    public const string AccountUpdateStepId = "8a5d2c61-0e3b-4f7a-9c25-5ea1c0de2501";
    public const string HistoryCreateStepId = "8a5d2c61-0e3b-4f7a-9c25-5ea1c0de2502";
    public const string AccountLockCheckStepId = "8a5d2c61-0e3b-4f7a-9c25-5ea1c0de2503";
    public const string PreImageAlias = "PreImage";
    public const string PostImageAlias = "PostImage";

    public SealedPictureGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        if (context.Stage == PipelineStage.PostOperation)
        {
            SealedPictureLockCheck.Check(
                context.TargetEntity,
                context.TryGetPostImage(PostImageAlias, out var after) ? after : null,
                context.PluginExecutionContext.SharedVariables,
                context.TracingService);

            // Session 30: the limit review sealed with the picture, raised by the credit flow in this write's transaction (2 calls).
            SealedLimitReview.RaiseHeld(context.TargetEntity.Id, context.PluginExecutionContext.SharedVariables, context.SystemService, context.TracingService);
            return;
        }

        SealedPictureGuard.Open(
            context.TargetEntity,
            context.TryGetPreImage(PreImageAlias, out var before) ? before : null,
            context.PluginExecutionContext.OrganizationId,
            context.SystemService,
            context.TracingService,
            context.PluginExecutionContext.SharedVariables);
    }
}
