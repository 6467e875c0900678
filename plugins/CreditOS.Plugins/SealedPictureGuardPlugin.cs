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
/// </summary>
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreOperation, AccountUpdateStepId,
    FilteringAttributes = Account.Fields.SealedPicture, Description = "Opens a nightly page's sealed account picture, or refuses it.")]
[PluginImage(AccountUpdateStepId, ImageType.PreImage, PreImageAlias, SealedPictureGuard.ImageColumns)]
[PluginStep(Messages.Create, CreditScoreHistory.EntityLogicalName, PipelineStage.PreOperation, HistoryCreateStepId,
    Description = "Opens a nightly page's sealed score-history row, or refuses it.")]
public sealed class SealedPictureGuardPlugin : PluginBase
{
    public const string AccountUpdateStepId = "8a5d2c61-0e3b-4f7a-9c25-5ea1c0de2501";
    public const string HistoryCreateStepId = "8a5d2c61-0e3b-4f7a-9c25-5ea1c0de2502";
    public const string PreImageAlias = "PreImage";

    public SealedPictureGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        SealedPictureGuard.Open(
            context.TargetEntity,
            context.TryGetPreImage(PreImageAlias, out var before) ? before : null,
            context.PluginExecutionContext.OrganizationId,
            context.SystemService,
            context.TracingService);
}
