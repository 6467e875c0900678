extern alias plugins;

using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;

namespace CreditOS.Cli.Reports;

/// <summary>Finds the account a report is asked for by name; its rows are read by the plugins' <c>PaymentHistoryRecords</c>.</summary>
internal static class PaymentHistoryReader
{
    /// <summary>The account named <paramref name="name"/> (exact, case-insensitive as Dataverse compares); null when there is none.</summary>
    public static Entity? FindAccount(IOrganizationService service, string name)
    {
        var query = new QueryExpression(Account.EntityLogicalName) { ColumnSet = new ColumnSet(Account.Fields.Name, Account.Fields.TransactionCurrencyId), TopCount = 2 };
        query.Criteria.AddCondition(Account.Fields.Name, ConditionOperator.Equal, name);
        var rows = service.RetrieveMultiple(query).Entities;
        return rows.Count == 1 ? rows[0] : rows.Count == 0 ? null : throw new InvalidOperationException("More than one account is named '" + name + "'.");
    }
}
