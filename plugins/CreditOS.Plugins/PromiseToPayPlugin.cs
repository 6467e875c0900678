using CreditOS.Dataverse.Credit.Collections;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Plugins;

/// <summary>
/// Capturing a promise to pay (cos_promisetopay Create, from the account or the worklist). Pre-operation: refuses a
/// promise without an account, a positive amount or a date (a date already passed too, unless SYSTEM loads history: one
/// WhoAmI, only then), or naming invoices that are not the account's open items (one query, only when it names some),
/// and starts it Open with nothing kept and the whole amount remaining. A promise loaded already kept or broken is a
/// record of history and is taken as it is. Post-operation: refuses an open promise dated further ahead than
/// <c>cos_PromiseMaxDays</c> (<see cref="CreditOS.CreditEngine.Collections.PromiseHorizon"/>; from the settings it reads anyway, so no call more, and one
/// WhoAmI only to refuse: the credit flow may load one), then recounts the account's promise columns (open count, next date, this fiscal year's
/// counts) as SYSTEM, so the payment posting knows the account has an open promise to evaluate. Budget: 1 before, 4
/// after (settings, account, promises, account update); 2 to refuse a promise beyond the horizon.
/// </summary>
[PluginStep(Messages.Create, PromiseToPay.EntityLogicalName, PipelineStage.PreOperation, PreStepId, Description = "Checks a new promise to pay and starts it open.")]
[PluginStep(Messages.Create, PromiseToPay.EntityLogicalName, PipelineStage.PostOperation, PostStepId, Description = "Counts the account's open promises to pay.")]
public sealed class PromiseToPayPlugin : PluginBase
{
    public const string PreStepId = "56752c6e-9344-5644-b2e2-4d149df5c7a2";
    public const string PostStepId = "7be1f771-3bed-5215-a298-64f75385db73";

    public PromiseToPayPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var promise = context.TargetEntity;
        var account = promise.GetAttributeValue<EntityReference>(PromiseToPay.Fields.AccountId)
            ?? throw new InvalidPluginExecutionException("A promise to pay needs the customer account it was made for.");
        if (context.Stage == PipelineStage.PostOperation)
        {
            var settings = CollectionsSettings.Read(context.SystemService);
            EnsureWithinHorizon(context, promise, settings.PromiseMaxDays);
            var row = context.SystemService.Retrieve(Account.EntityLogicalName, account.Id, new ColumnSet(
                Account.Fields.OpenPromiseCount, Account.Fields.NextPromiseDate, Account.Fields.PromisesKeptFiscalYear, Account.Fields.PromisesBrokenFiscalYear, Account.Fields.PromisesOpenFiscalYear));
            PromiseKeeping.Daily(context.SystemService, context.TracingService, row, context.OperationCreatedOn, settings.FiscalYearStartMonth, out _);
            return;
        }

        var status = promise.GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus)?.Value;
        if (status is (int)PromiseToPayStatus.Kept or (int)PromiseToPayStatus.Broken)
        {
            // A promise loaded already resolved (a history migrated from the ERP or another system) is a record, not a capture.
            return;
        }

        var today = context.OperationCreatedOn.Date;
        var amount = promise.MoneyOrZero(PromiseToPay.Fields.Amount);
        var date = promise.GetAttributeValue<DateTime?>(PromiseToPay.Fields.PromisedFor);
        if (amount <= 0 || date is null)
        {
            throw new InvalidPluginExecutionException("A promise to pay needs a positive amount and the date it is promised for (got " + amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + (date is null ? ", no date" : string.Empty) + ").");
        }

        if (date.Value.Date < today && !CreditOS.Dataverse.Credit.Guards.CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService))
        {
            throw new InvalidPluginExecutionException("A promise to pay cannot be dated " + date.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ", before today (" + today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ").");
        }

        var covered = PromiseKeeping.CoveredInvoices(promise.GetAttributeValue<string>(PromiseToPay.Fields.CoveredInvoices));
        if (covered.Count > 0)
        {
            var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.ErpId) };
            query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.Equal, account.Id);
            query.Criteria.AddCondition(Receivable.Fields.OpenAmount, ConditionOperator.GreaterThan, 0m);
            query.Criteria.AddCondition(Receivable.Fields.ErpId, ConditionOperator.In, covered.Cast<object>().ToArray());
            var found = new HashSet<string>(context.SystemService.RetrieveMultiple(query).Entities.Select(r => r.GetAttributeValue<string>(Receivable.Fields.ErpId)), StringComparer.Ordinal);
            var missing = covered.Where(c => !found.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidPluginExecutionException("The promise covers invoice(s) " + string.Join(", ", missing) + " that are not open receivables of this account.");
            }
        }

        promise[PromiseToPay.Fields.PromiseStatus] = new OptionSetValue((int)PromiseToPayStatus.Open);
        promise[PromiseToPay.Fields.KeptAmount] = new Money(0m);
        promise[PromiseToPay.Fields.RemainingAmount] = new Money(amount);
        if (promise.GetAttributeValue<DateTime?>(PromiseToPay.Fields.PromisedOn) is null)
        {
            promise[PromiseToPay.Fields.PromisedOn] = today;
        }
    }

    /// <summary>
    /// An open promise pauses the account's dunning and moves its worklist follow-up to its date, so a person dates it
    /// at most the configured days ahead; refused in the post-operation (the settings are read there anyway), which
    /// rolls the promise back. A promise loaded already resolved, or by the credit flow, is history and not bound.
    /// </summary>
    private static void EnsureWithinHorizon(LocalPluginContext context, Entity promise, int maximumDays)
    {
        var status = promise.GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus)?.Value;
        if (status is (int)PromiseToPayStatus.Kept or (int)PromiseToPayStatus.Broken
            || promise.GetAttributeValue<DateTime?>(PromiseToPay.Fields.PromisedFor) is not { } date)
        {
            return;
        }

        if (CreditOS.CreditEngine.Collections.PromiseHorizon.Refusal(date, context.OperationCreatedOn, maximumDays) is { } refusal
            && !CreditOS.Dataverse.Credit.Guards.CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService))
        {
            throw new InvalidPluginExecutionException(refusal);
        }
    }
}
