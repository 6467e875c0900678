using CreditOS.CreditEngine.Exposure;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// The exposure columns of an account row (exposure, available credit, utilization in percent, open orders),
/// computed from the figures and reduced to those that differ from what the row holds, so an unchanged picture
/// costs no write.
/// </summary>
public static class AccountExposureColumns
{
    /// <summary>Utilization is stored in percent with the column's ceiling; an exposure without limit shows as the ceiling.</summary>
    public const decimal MaximumUtilizationPercent = 100_000m;

    private const int PercentDecimals = 2;

    public static decimal UtilizationPercent(ExposureFigures figures)
    {
        var utilization = figures.Utilization;
        if (double.IsInfinity(utilization) || utilization * 100 >= (double)MaximumUtilizationPercent)
        {
            return MaximumUtilizationPercent;
        }

        return Math.Round((decimal)utilization * 100m, PercentDecimals, MidpointRounding.AwayFromZero);
    }

    /// <summary>The columns to write for the new open-orders total; empty when nothing changed.</summary>
    public static Entity Changes(AccountCreditRecord account, decimal openOrders, DateTime asOf)
    {
        var update = new Entity(Account.EntityLogicalName, account.Id);
        var exposure = Math.Max(0m, account.OpenReceivables + openOrders);
        var figures = new ExposureFigures(account.Limit.EffectiveLimit(asOf), exposure);
        SetMoneyIfChanged(update, Account.Fields.OpenOrders, account.OpenOrders, openOrders);
        SetMoneyIfChanged(update, Account.Fields.Exposure, account.StoredExposure, figures.Exposure);
        SetMoneyIfChanged(update, Account.Fields.AvailableCredit, account.StoredAvailableCredit, figures.Available);
        var utilization = UtilizationPercent(figures);
        if (account.StoredUtilization != utilization)
        {
            update[Account.Fields.Utilization] = utilization;
        }

        return update;
    }

    internal static void SetMoneyIfChanged(Entity update, string column, decimal? stored, decimal value)
    {
        if (stored != value)
        {
            update[column] = new Money(value);
        }
    }
}
