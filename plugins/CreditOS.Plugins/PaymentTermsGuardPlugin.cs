using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Only Finance (or the credit flow) changes an account's payment terms once it has some (<see cref="PaymentTermsGuard"/>,
/// controls round 9). Pre-validation, synchronous. Budget: 0 unless terms an account has are changed or cleared; then at
/// most <see cref="PaymentTermsGuard.MaximumCalls"/> (who SYSTEM is, whether the caller is a Finance approver).
/// </summary>
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = PaymentTermsGuard.FilteringColumns, Description = "Only Finance changes a customer's payment terms once it has some.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, PaymentTermsGuard.ImageColumns)]
public sealed class PaymentTermsGuardPlugin : PluginBase
{
    public const string UpdateStepId = "c5e2a7d1-8f34-4b6a-9e0d-71b3f2c84a5e";
    public const string PreImageAlias = "PreImage";

    public PaymentTermsGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        PaymentTermsGuard.Check(
            context.TargetEntity,
            context.TryGetPreImage(PreImageAlias, out var image) ? image : null,
            FinanceOrCreditFlow.Caller(context));
}
