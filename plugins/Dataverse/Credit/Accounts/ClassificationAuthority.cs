using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Approvals;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Scoring;
using CreditOS.Dataverse.Credit.Configuration;
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
/// (<see cref="CustomerSegmentGuard"/>). Controls round 26: assessed for every customer that can be scored (it has a
/// currency), scored yet or not, so a classification made before the first scoring is measured against what that scoring
/// would put in force under the classification as stored; one the customer's history cannot show (on starter terms either way) is judged by how
/// the configuration scores it (<see cref="EnsureBeforeScoring"/>).
/// </summary>
internal static class ClassificationAuthority
{
    /// <summary>At most: the assessment, then the account with its currency's rate and the approver's authority.</summary>
    public const int Calls = AccountRescoring.ClassificationCalls + 1 + SuspensionLiftAuthority.Calls;

    /// <summary>At most, for a customer that cannot be scored yet (<see cref="EnsureBeforeScoring"/>): the scoring configuration; whether the caller is a Finance approver is the guard's.</summary>
    public const int BeforeScoringCalls = CreditConfigurationReader.ScoringCalls;

    /// <summary>
    /// Controls round 26: a person's classification of a customer that cannot be scored yet: entered classified
    /// (Create), or without a currency. No history can show what the classification does (a new customer buys on
    /// starter terms under any), but once one can, every rescoring applies it with no one having decided it: Sam entered
    /// a customer as a key account and its first scoring, on the history the ERP then posted, put in force twice the
    /// limit it would have unclassified. So a classification the configuration scores otherwise than the customer's
    /// present one (<see cref="SegmentScoring.Difference"/>) is a Finance approver's, as round 25 made a loosening one;
    /// one scored the same stays whoever's it was. <see cref="BeforeScoringCalls"/> calls.
    /// </summary>
    /// <param name="stored">The account's group and industry as stored (null on Create: unclassified).</param>
    /// <param name="withinAuthority">
    /// Controls round 27: asked, with what changes, when a Finance approver makes a classification the configuration scores
    /// otherwise (<see cref="EnsureMostGenerousLimitWithinAuthority"/>); null asks nothing (Create: only the Sales Rep role
    /// enters accounts, and he is refused before).
    /// </param>
    public static void EnsureBeforeScoring(IOrganizationService system, Entity classification, Entity? stored, string name, string change, Func<bool> isFinanceApprover, Action<string>? withinAuthority = null)
    {
        var from = stored is null ? CustomerSegment.Unassigned : AccountRescoring.SegmentOf(stored);
        var segment = new Entity(Account.EntityLogicalName);
        foreach (var column in new[] { Account.Fields.CustomerGroup, Account.Fields.IndustryCode })
        {
            segment[column] = classification.Contains(column) ? classification[column] : stored?.GetAttributeValue<OptionSetValue>(column);
        }

        var scoredOtherwise = SegmentScoring.Difference(CreditConfigurationReader.ReadScoring(system), from, AccountRescoring.SegmentOf(segment));
        EnsureUnmeasured(name, change, scoredOtherwise, isFinanceApprover);
        if (scoredOtherwise is not null)
        {
            withinAuthority?.Invoke(change);
        }
    }

    /// <summary>
    /// Controls round 27 (round 26's left item): a Finance approver's classification the customer's history cannot show
    /// yet, and which the configuration scores otherwise. Measured on main's code: Fiona, whose authority is 75,000.00,
    /// classified a customer on starter terms as a key account; the ERP's history then ended starter terms and its scoring
    /// put in force 100,000.00, where unclassified it put in force 50,000.00, a first limit beyond her authority that no
    /// one with the authority decided. No limit can be compared yet, so the classification stakes what its scoring may
    /// put in force once starter terms end: up to the highest cap of the credit policies
    /// (<see cref="ApprovalStake.UnmeasuredClassification"/>), against her authority as round 25 measures a scored
    /// customer's. 1 + <see cref="SuspensionLiftAuthority.Calls"/> calls.
    /// </summary>
    public static void EnsureMostGenerousLimitWithinAuthority(IOrganizationService system, Guid callerId, Guid accountId, CreditOS.CreditEngine.Policies.CreditPolicy mostGenerous, string name, string change)
    {
        var stake = ApprovalStake.UnmeasuredClassification(mostGenerous.Name, mostGenerous.HardCap);
        var account = SuspensionLiftAuthority.ReadAccount(system, accountId);
        if (SuspensionLiftAuthority.Refusal(system, callerId, account, stake, UnmeasuredStaysFor) is { } refusal)
        {
            throw new InvalidPluginExecutionException($"Account '{name}' cannot be classified by you ({change}): {refusal}");
        }
    }

    /// <summary>What is left for an approver whose authority covers an unmeasured classification (controls round 27).</summary>
    private const string UnmeasuredStaysFor = ApprovalAuthorityRules.ClassificationStaysFor
        + ", or until its scoring shows what the classification does to its credit, when the classification is measured against the limit it puts in force";

    /// <summary>A classification whose effect the customer's history cannot show: scored otherwise, it is a Finance approver's (controls round 26).</summary>
    private static void EnsureUnmeasured(string name, string change, string? scoredOtherwise, Func<bool> isFinanceApprover)
    {
        if (scoredOtherwise is null || isFinanceApprover())
        {
            return;
        }

        throw new InvalidPluginExecutionException(
            $"Account '{name}' cannot be classified by you ({change}): the customer has no scoring history yet that shows what the classification does to its credit "
            + $"(it would buy on starter terms under either), and the credit configuration scores it otherwise ({scoredOtherwise}), so every scoring "
            + $"once its history shows would apply terms no Finance approver decided. Leave it as it is until its scoring shows what the classification does, "
            + $"or ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to classify it.");
    }

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
            if (effect.Unmeasured)
            {
                EnsureUnmeasured(name, change, effect.ScoredOtherwise, isFinanceApprover);
                if (effect.ScoredOtherwise is not null && effect.MostGenerousPolicy is { } mostGenerous)
                {
                    // Past EnsureUnmeasured: a Finance approver (controls round 27).
                    EnsureMostGenerousLimitWithinAuthority(system, callerId, classification.Id, mostGenerous, name, change);
                }
            }

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
