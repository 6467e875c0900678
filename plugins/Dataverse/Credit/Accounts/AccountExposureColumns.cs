using CreditOS.CreditEngine.Exposure;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// The exposure columns of an account row (exposure, available credit, utilization in percent, open orders), from the
/// engine's one formula (<see cref="ExposureFigures.OfAccount"/>: the limit in force, a valid temporary limit included),
/// reduced to those that differ from what the row holds, so an unchanged picture costs no write. The order check,
/// rescoring and Finance's limit changes all write them through here.
/// </summary>
public static class AccountExposureColumns
{
    /// <summary>The columns <see cref="Set"/> compares with.</summary>
    public static readonly string[] Columns = [Account.Fields.Exposure, Account.Fields.AvailableCredit, Account.Fields.Utilization];

    /// <summary>The columns to write for the new open-orders total; empty when nothing changed.</summary>
    public static Entity Changes(AccountCreditRecord account, decimal openOrders, DateTime asOf)
    {
        var update = new Entity(Account.EntityLogicalName, account.Id);
        SetMoneyIfChanged(update, Account.Fields.OpenOrders, account.OpenOrders, openOrders);
        Set(update, account.Row, ExposureFigures.OfAccount(account.OpenReceivables, openOrders, account.Limit, asOf));
        return update;
    }

    /// <summary>Adds exposure, available credit and utilization to <paramref name="update"/> where they differ from <paramref name="before"/>.</summary>
    public static void Set(Entity update, Entity before, ExposureFigures figures)
    {
        SetMoneyIfChanged(update, Account.Fields.Exposure, before.MoneyOrNull(Account.Fields.Exposure), figures.Exposure);
        SetMoneyIfChanged(update, Account.Fields.AvailableCredit, before.MoneyOrNull(Account.Fields.AvailableCredit), figures.Available);
        var utilization = figures.UtilizationPercent;
        if (before.GetAttributeValue<decimal?>(Account.Fields.Utilization) != utilization)
        {
            update[Account.Fields.Utilization] = utilization;
        }
    }

    internal static void SetMoneyIfChanged(Entity update, string column, decimal? stored, decimal value)
    {
        if (stored != value)
        {
            update[column] = new Money(value);
        }
    }
}
