using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Approvals;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Credit.Suspension;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// Controls round 25: a customer's group and industry pick the scoring rules and the revenue reference its Value score
/// measures purchases against, so a classification moves the tier and the limit every later rescoring puts in force (a
/// rep who classified his customer as a key account, then pressed Rescore, doubled its limit with no Finance approver
/// involved). For a customer that has been scored, a person's classification is assessed as the rescoring would assess
/// it, under the classification as stored and as changed (nothing written); when it loosens the customer's credit (the
/// engine's <see cref="ApprovalStake.Classification"/>: a higher limit, or prepayment lifted) it is a Finance approver's
/// decision within their approval authority, as a suspension lift or a group exit is; anyone else is refused with the
/// figures. A classification that keeps or tightens the customer's credit stays whoever's it was
/// (<see cref="CustomerSegmentGuard"/>).
/// </summary>
internal static class ClassificationAuthority
{
    /// <summary>At most: the assessment, then the account with its currency's rate and the approver's authority.</summary>
    public const int Calls = AccountRescoring.ClassificationCalls + 1 + SuspensionLiftAuthority.Calls;

    /// <param name="system">Reads as SYSTEM.</param>
    /// <param name="callerId">Who classifies.</param>
    /// <param name="classification">The update as sent (its group and industry).</param>
    /// <param name="name">The account's name, for the message.</param>
    /// <param name="change">What changes, for the message ("customer group from none to KeyAccount").</param>
    /// <param name="isFinanceApprover">Whether the caller decides approvals (asked only when the classification loosens the customer's credit).</param>
    public static void Ensure(IOrganizationService system, ITracingService tracing, Guid callerId, Entity classification, string name, string change, Func<bool> isFinanceApprover, DateTime now)
    {
        var effect = AccountRescoring.UnderClassification(system, tracing, classification.Id, classification, now);
        if (ApprovalStake.Classification(effect.LimitBefore, effect.PrepaymentBefore, effect.LimitAfter, effect.PrepaymentAfter) is not { } stake)
        {
            return;
        }

        if (!isFinanceApprover())
        {
            var prepayment = effect.PrepaymentBefore && !effect.PrepaymentAfter ? " and lift its prepayment terms" : string.Empty;
            throw new InvalidPluginExecutionException(
                $"Account '{name}' cannot be classified by you ({change}): the customer's scoring under that classification would put in force a credit limit of "
                + $"{MoneyText.Amount(effect.LimitAfter)} where the customer has {MoneyText.Amount(effect.LimitBefore)}{prepayment}, and loosening a customer's credit is a decision "
                + $"for a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role whose approval authority covers it. Classify it where its credit stays as it is, "
                + "or ask Finance to classify it.");
        }

        var account = SuspensionLiftAuthority.ReadAccount(system, classification.Id);
        if (SuspensionLiftAuthority.Refusal(system, callerId, account, stake, ApprovalAuthorityRules.ClassificationStaysFor) is { } refusal)
        {
            throw new InvalidPluginExecutionException($"Account '{name}' cannot be classified by you ({change}): {refusal}");
        }
    }
}
