using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// The ERP customer number of an account that carries credit is Finance's or the credit flow's to change
/// (<see cref="AccountErpNumberGuard"/>): the worker matches ERP invoices and payments to the account by it.
/// Pre-validation, synchronous. Budget: 0 unless a numbered account with credit figures is renumbered; then 1–4 (who
/// SYSTEM is, whether the caller is a Finance approver).
/// </summary>
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = Account.Fields.AccountNumber, Description = "Only Finance renumbers a customer that carries credit.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, AccountErpNumberGuard.ImageColumns)]
public sealed class AccountErpNumberGuardPlugin : PluginBase
{
    public const string UpdateStepId = "6e2b9f47-1c83-4d5a-9b07-3f8a2d6c1e94";
    public const string PreImageAlias = "PreImage";

    public AccountErpNumberGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        AccountErpNumberGuard.Check(
            context.TargetEntity,
            context.TryGetPreImage(PreImageAlias, out var before) ? before : null,
            FinanceOrCreditFlow.Caller(context));
}
