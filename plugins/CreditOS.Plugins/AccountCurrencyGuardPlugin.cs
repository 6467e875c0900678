using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// The currency of an account that carries credit figures is fixed (<see cref="AccountCurrencyGuard"/>): Dataverse keeps
/// the numbers when a row's currency changes, so the limit would count in the new currency. Pre-validation, synchronous.
/// Budget: 0 unless an account with credit figures changes currency; then 1 (who SYSTEM is, at most once per organization: CreditFlowIdentity).
/// </summary>
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = Account.Fields.TransactionCurrencyId, Description = "An account's credit stays in its currency.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, AccountCurrencyGuard.ImageColumns)]
public sealed class AccountCurrencyGuardPlugin : PluginBase
{
    public const string UpdateStepId = "9c41e7d2-0b6a-4f3e-8d25-7a1c3e9b5f10";
    public const string PreImageAlias = "PreImage";

    public AccountCurrencyGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        AccountCurrencyGuard.Check(
            context.TargetEntity,
            context.TryGetPreImage(PreImageAlias, out var before) ? before : null,
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService));
}
