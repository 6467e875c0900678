using CreditOS.Dataverse.Credit.Collections;
using CreditOS.Dataverse.Credit.OrderCheck;
using CreditOS.Dataverse.Credit.Payments;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>
/// Payment posting (cos_payment Create, post-operation, synchronous): applies the payment to the receivables it names,
/// rescores the account (event mode, aggregate queries), records score history when the picture changed and releases
/// orders on credit hold that the payment cures, and orders awaiting prepayment that its unapplied cash covers. Synchronous on purpose: the payment, its application and the account's
/// new exposure commit together or not at all (the ERP worker's delivery is retried on failure and the payment's
/// alternate key makes the retry idempotent), and a released order is visible the moment the payment is posted.
/// When the credit configuration stops scoring, the payment still posts and settles; the account is held with a "Scoring
/// failed" alert instead (<see cref="ScoringFailure"/>), and no hold is released on figures that were not recomputed.
/// Promises to pay the payment keeps or moves are evaluated by <see cref="PromiseKeeping.OnPayment"/>: no call for an
/// account without an open promise, otherwise one read plus a write per promise it moved (and the settings and the
/// account's counts when one is resolved).
/// Budget: <see cref="PaymentApplication.FixedCalls"/> (the account lock, the account with the named receivables, the
/// sanity limits' settings with the configuration's version stamp) + one update per receivable settled +
/// <see cref="PaymentRescoring.CheapCalls"/> when the account's history figures of the day hold the receivables (the
/// orders aggregate, the account write, the history row when the picture changed), <see cref="PaymentRescoring.FullCalls"/>
/// otherwise (the first payment of a day, a receivable changed by another writer since, an open promise), the
/// configuration's three queries only when its version stamp changed (+ <see cref="ScoringFailure.ResolveCalls"/> when it
/// lifts a scoring failure's hold) + 2 + one update per released order when the account has open orders, + 1 when the
/// account's unapplied cash changes (<see cref="UnappliedCash"/>), + <see cref="RescoredLimit.ReviewCalls"/> when the rescoring's
/// limit change goes to Finance as a limit review (or finds one already there), independent of the size of the customer's history.
/// </summary>
[PluginStep(Messages.Create, Payment.EntityLogicalName, PipelineStage.PostOperation, CreateStepId,
    Description = "Applies a posted payment, rescores the customer and releases holds the payment cures.")]
public sealed class PaymentPostingPlugin : PluginBase
{
    public const string CreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a2001";

    public PaymentPostingPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var payment = context.TargetEntity;
        var service = context.SystemService;
        var now = context.OperationCreatedOn;
        var applied = PaymentApplication.Apply(service, context.TracingService, payment, context.PrimaryEntityId, now, [.. AccountRescoring.ScoringColumns, Account.Fields.UnappliedCash]);
        // Unapplied cash accumulates on the account until orders awaiting prepayment spend it (under the account's lock, claimed by the application).
        var cashBefore = applied.Account.Row.MoneyOrZero(Account.Fields.UnappliedCash);
        var cash = cashBefore + applied.Unapplied;
        var cause = "payment " + (payment.GetAttributeValue<string>(Payment.Fields.Name) ?? context.PrimaryEntityId.ToString());
        RescoreResult rescored;
        try
        {
            rescored = PaymentRescoring.Rescore(service, context.TracingService, context.OrganizationId, applied, cause, now);
        }
        catch (InvalidPluginExecutionException failure) when (ScoringFailure.IsConfigurationFailure(failure))
        {
            // Money is never refused because of credit configuration: the payment and its application commit; the account is held and admins alerted.
            ScoringFailure.HoldAndAlert(service, context.TracingService, applied.AccountId, cause, failure.Message, now);
            UnappliedCash.Keep(service, applied.AccountId, cashBefore, cash);
            return;
        }

        // Promises to pay: no call when the account has no open promise (the count came with the account's read).
        PromiseKeeping.OnPayment(service, context.TracingService, applied.AccountId, rescored.OpenPromises, applied.Applications, applied.PaidOn, now);

        // Cash the payments did not apply to invoices (this one's and what earlier ones left) pays for orders awaiting prepayment.
        HoldRelease.ReleaseCuredHolds(service, context.TracingService, rescored, applied.AccountId, cause, now, cash, out var cashLeft);
        UnappliedCash.Keep(service, applied.AccountId, cashBefore, cashLeft);
    }
}
