using CreditOS.CreditEngine.Decisions;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// The exposure of a credit group in one aggregate query: the stored exposure of every active member (the group parent
/// and every account under it at any depth, by the hierarchical <c>eq-or-under</c> operator) other than the account being checked, grouped by currency, plus that account's
/// own exposure as the check computed it (its open orders without the order). Members kept in another currency cannot
/// be added and are counted instead. Read under the group parent's row lock (see <see cref="OrderCheck.OrderCreditCheck"/>),
/// so two subsidiaries' orders are decided one after the other.
/// </summary>
public static class CreditGroupExposure
{
    private const string CurrencyAlias = "currency";
    private const string ExposureAlias = "exposure";
    private const string MembersAlias = "members";

    public static CreditGroupPosition Read(IOrganizationService service, CreditGroupMembership group, Guid accountId, Guid currencyId, decimal accountExposure)
    {
        var fetch = FetchXml.AggregateFetch(
            Account.EntityLogicalName,
            FetchXml.GroupBy(Account.Fields.TransactionCurrencyId, CurrencyAlias),
            FetchXml.Aggregate(Account.Fields.Exposure, "sum", ExposureAlias),
            FetchXml.Aggregate(Account.Fields.AccountId, "count", MembersAlias),
            FetchXml.Filter(
                FetchXml.Condition(Account.Fields.StateCode, "eq", 0),
                FetchXml.Condition(Account.Fields.AccountId, "ne", accountId),
                FetchXml.Condition(Account.Fields.AccountId, "eq-or-under", group.GroupParentId)));
        var exposure = accountExposure;
        var otherCurrencyMembers = 0;
        foreach (var row in service.RetrieveMultiple(new FetchExpression(fetch.ToString(System.Xml.Linq.SaveOptions.DisableFormatting))).Entities)
        {
            var currency = row.Aliased<EntityReference>(CurrencyAlias);
            var sum = row.AliasedAmount(ExposureAlias);
            if (currency?.Id == currencyId)
            {
                exposure += sum;
            }
            else if (sum != 0m)
            {
                otherCurrencyMembers += row.Aliased<int?>(MembersAlias) ?? 0;
            }
        }

        return new CreditGroupPosition(group.GroupName, group.GroupLimit, exposure, otherCurrencyMembers);
    }
}
