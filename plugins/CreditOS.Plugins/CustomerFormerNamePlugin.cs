using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// A rename keeps the customer's previous name among its former names (<see cref="CustomerFormerNames"/>, controls round
/// 16, session 23), which the duplicate check of a credit application matches. Pre-operation (after the pre-validation
/// guards: the credit-column guard refuses the column to anyone writing it by hand), synchronous. Budget: 0.
/// </summary>
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId,
    FilteringAttributes = Account.Fields.Name, Description = "A rename keeps the customer's former name for the duplicate check.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, CustomerFormerNames.ImageColumns)]
public sealed class CustomerFormerNamePlugin : PluginBase
{
    public const string UpdateStepId = "3b7e9d14-6a2f-4c85-b1e0-9d4f7a2c6e81";
    public const string PreImageAlias = "PreImage";

    public CustomerFormerNamePlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        CustomerFormerNames.Keep(context.TargetEntity, context.TryGetPreImage(PreImageAlias, out var before) ? before : null);
}
