using CreditOS.Dataverse.Credit.Messages;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Customer messages: on create the code's flags and texts (one call); on update the ending is recorded with who and
/// when (and, for a hold code, why), and an ended message is kept as it was (no call); ending a running hold needs the
/// ender's approval authority to cover the limit it puts back in force (3 calls, <see cref="CustomerMessageRules.UpdateMaximumCalls"/>). Pre-operation and synchronous, so the writer sees a refusal.
/// See <see cref="CustomerMessageRules"/>.
/// </summary>
[PluginStep(Messages.Create, CustomerMessage.EntityLogicalName, PipelineStage.PreOperation, CreateStepId,
    Description = "A customer message takes its hold and worklist flags and default texts from its code.")]
[PluginStep(Messages.Update, CustomerMessage.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId,
    FilteringAttributes = UpdateColumns, Description = "Records who ended a customer message and when; an ended message is not changed.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, CustomerMessageRules.ImageColumns)]
public sealed class CustomerMessagePlugin : PluginBase
{
    public const string CreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a3101";
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a3102";
    public const string PreImageAlias = "PreImage";

    private const string UpdateColumns =
        CustomerMessage.Fields.AccountId + "," + CustomerMessage.Fields.MessageCodeId + "," + CustomerMessage.Fields.IsHold + "," + CustomerMessage.Fields.ShowOnWorklist + ","
        + CustomerMessage.Fields.StartsOn + "," + CustomerMessage.Fields.EndsOn + "," + CustomerMessage.Fields.EndedBy + "," + CustomerMessage.Fields.EndedOn + ","
        + CustomerMessage.Fields.StateCode + "," + CustomerMessage.Fields.Text + "," + CustomerMessage.Fields.ActionRequired + "," + CustomerMessage.Fields.EndReason;

    public CustomerMessagePlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        if (context.MessageName == Messages.Create)
        {
            CustomerMessageRules.OnCreate(context.SystemService, context.TargetEntity, context.OperationCreatedOn);
            return;
        }

        var before = new RegisteredImage(context.TryGetPreImage(PreImageAlias, out var image) ? image : null, CustomerMessageRules.ImageColumns);
        CustomerMessageRules.OnUpdate(context.SystemService, context.TargetEntity, before, context.InitiatingUserId, context.OperationCreatedOn);
    }
}
