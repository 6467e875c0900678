using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Only Finance (or the credit flow) renames a customer with credit standing (<see cref="CustomerNameGuard"/>, controls
/// round 15, session 22): its name is what the duplicate check matches a second account's application by; nor, from
/// submission until Finance decides, a new account whose credit application is with Finance (round 18, session 25).
/// Pre-validation, synchronous. Budget: 0 unless the normalized name changes; then, for an account without credit
/// standing, the open application (1); at most <see cref="CustomerNameGuard.MaximumCalls"/> (with who SYSTEM is and
/// whether the caller is a Finance approver).
/// </summary>
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = Account.Fields.Name, Description = "Only Finance renames a customer with credit standing.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, CustomerNameGuard.ImageColumns)]
public sealed class CustomerNameGuardPlugin : PluginBase
{
    public const string UpdateStepId = "8d4c2a71-5e93-4b6f-a1c8-7f0e3b9d2c54";
    public const string PreImageAlias = "PreImage";

    public CustomerNameGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        CustomerNameGuard.Check(
            context.SystemService,
            context.TargetEntity,
            context.TryGetPreImage(PreImageAlias, out var before) ? before : null,
            FinanceOrCreditFlow.Caller(context));
}
