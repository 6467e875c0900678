using CreditOS.CreditEngine.Policies;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using LiftFields = CreditOS.Dataverse.Model.SuspensionLift.Fields;

namespace CreditOS.Dataverse.Credit.Suspension;

/// <summary>
/// Finance lifts a suspended account's suspension: under the account's lock, an immutable cos_suspensionlift row
/// records who, when, why and the bureau facts waived (the latest report's judgments, privileges, rating and
/// solvency); the account keeps the waiver and its fraud flag is cleared; then the account is rescored, so only
/// something worse than what Finance accepted suspends again. All in the API's transaction, as SYSTEM (the credit
/// flow). The lift is a Finance decision bound by the approver's approval authority like an approval
/// (<see cref="SuspensionLiftAuthority"/>: the limit it puts back in force). Budget: the Finance check (at most 3) + lock,
/// account (with its currency), the approver's authority (2), bureau reports, lift row, account write (5 + 2) + a rescoring.
/// </summary>
public static class SuspensionLifting
{
    public const int MaximumCalls = 3 + 5 + SuspensionLiftAuthority.Calls + AccountRescoring.MaximumCalls;

    public static LiftOutcome Lift(IOrganizationService system, Guid callerId, EntityReference account, string? reason, DateTime now)
    {
        var why = FinanceOnly.Ensure(system, callerId, reason, "lift a suspension");
        AccountLock.Claim(system, account.Id, Account.Fields.LastScoredOn, now);
        var row = SuspensionLiftAuthority.ReadAccount(system, account.Id);
        var name = row.GetAttributeValue<string>(Account.Fields.Name) ?? account.Id.ToString();
        if (!row.GetAttributeValue<bool>(Account.Fields.IsSuspended))
        {
            throw new InvalidPluginExecutionException($"The account {name} is not suspended, so there is nothing to lift.");
        }

        SuspensionLiftAuthority.Ensure(system, callerId, row, name, now);

        var latest = HistoryAggregates.ReadBureauReports(system, account.Id, now).FirstOrDefault();
        var waiver = SuspensionWaiver.For(latest);
        var fraud = row.GetAttributeValue<bool>(Account.Fields.IsFraudFlagged);
        var suspended = row.GetAttributeValue<string>(Account.Fields.SuspensionReason);
        var liftId = system.Create(new Entity(SuspensionLift.EntityLogicalName)
        {
            [LiftFields.Name] = $"Suspension of {name} lifted on {now:yyyy-MM-dd}",
            [LiftFields.AccountId] = account,
            [LiftFields.LiftedBy] = new EntityReference(SystemUser.EntityLogicalName, callerId),
            [LiftFields.LiftedOn] = now,
            [LiftFields.Reason] = why,
            [LiftFields.SuspensionReason] = suspended,
            [LiftFields.WaivedJudgments] = waiver.Judgments,
            [LiftFields.WaivedPrivileges] = waiver.Privileges,
            [LiftFields.WaivedRating] = (int)waiver.Rating,
            [LiftFields.WaivedSolvency] = waiver.SolvencyScore,
            [LiftFields.FraudFlagCleared] = fraud,
        });

        var update = new Entity(Account.EntityLogicalName, account.Id);
        SuspensionWaiverColumns.Write(update, waiver, now);
        if (fraud)
        {
            update[Account.Fields.IsFraudFlagged] = false;
        }

        system.Update(update);
        var rescored = AccountRescoring.Rescore(system, NullTracing.Instance, account.Id, ScoreTrigger.Event, "suspension lifted by Finance", now, inTransaction: true);
        var suspension = rescored.Assessment.Suspension;
        return new LiftOutcome(liftId, suspension.IsSuspended, suspension.IsSuspended ? suspension.Message : null);
    }

    private sealed class NullTracing : ITracingService
    {
        public static readonly NullTracing Instance = new();

        public void Trace(string format, params object[] args)
        {
        }
    }
}

/// <summary>The lift recorded, and whether the account is suspended again (a cause Finance did not waive).</summary>
public sealed class LiftOutcome(Guid liftId, bool stillSuspended, string? reason)
{
    public Guid LiftId { get; } = liftId;

    public bool StillSuspended { get; } = stillSuspended;

    public string? Reason { get; } = reason;
}
