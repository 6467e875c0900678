using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Suspension;

/// <summary>
/// Finance flags an account for suspected fraud: the flag is written as SYSTEM (it is a credit-owned column), and the
/// fraud-flag step rescores in the same transaction, so new orders are suspended at once. Clearing the flag is part of
/// lifting the suspension (<see cref="SuspensionLifting"/>), never a plain edit. Budget: the Finance check (at most 3),
/// the account, the write (and the step's rescoring).
/// </summary>
public static class FraudFlagging
{
    public static void Flag(IOrganizationService system, Guid callerId, EntityReference account, string? reason)
    {
        FinanceOnly.Ensure(system, callerId, reason, "flag an account for suspected fraud");
        var row = system.Retrieve(Account.EntityLogicalName, account.Id, new ColumnSet(Account.Fields.Name, Account.Fields.IsFraudFlagged));
        if (row.GetAttributeValue<bool>(Account.Fields.IsFraudFlagged))
        {
            throw new InvalidPluginExecutionException($"The account {row.GetAttributeValue<string>(Account.Fields.Name)} is already flagged for suspected fraud.");
        }

        system.Update(new Entity(Account.EntityLogicalName, account.Id) { [Account.Fields.IsFraudFlagged] = true });
    }
}
