using CreditOS.Cli.Demo.Loading;
using CreditOS.CreditEngine.History;
using CreditOS.Xrm.Model;
using Microsoft.Xrm.Sdk;
using EngineBureauReport = CreditOS.CreditEngine.History.BureauReport;
using EngineOrderStatus = CreditOS.CreditEngine.History.OrderStatus;
using EnginePromise = CreditOS.CreditEngine.History.PromiseToPay;

namespace CreditOS.Cli.Demo.Scoring;

/// <summary>
/// Reads what Dataverse holds about every account (orders, receivables, payments, promises, bureau reports) in a
/// few paged queries, one per table, and turns it into the engine's customer histories: the batch view the
/// scheduled rescore works from, independent of how the rows got there.
/// </summary>
internal static class HistoryReader
{
    public static IReadOnlyList<AccountHistory> ReadAll(IOrganizationService service, string currency)
    {
        var orders = GroupBy(service, PagedReader.Query(SalesOrder.EntityLogicalName, SalesOrder.Fields.Name, SalesOrder.Fields.CustomerId, SalesOrder.Fields.TotalAmount, SalesOrder.Fields.StateCode, SalesOrder.Fields.Channel, SalesOrder.Fields.DateFulfilled, SalesOrder.Fields.CreatedOn), SalesOrder.Fields.CustomerId, ToOrder);
        var invoices = GroupBy(service, PagedReader.Query(Receivable.EntityLogicalName, Receivable.Fields.ErpId, Receivable.Fields.AccountId, Receivable.Fields.InvoiceDate, Receivable.Fields.DueDate, Receivable.Fields.Amount, Receivable.Fields.SettledOn, Receivable.Fields.IsDisputed), Receivable.Fields.AccountId, ToInvoice);
        var payments = GroupBy(service, PagedReader.Query(Payment.EntityLogicalName, Payment.Fields.ErpId, Payment.Fields.AccountId, Payment.Fields.Amount, Payment.Fields.PaymentDate, Payment.Fields.AppliedInvoices), Payment.Fields.AccountId, ToPayment);
        var promises = GroupBy(service, PagedReader.Query(Xrm.Model.PromiseToPay.EntityLogicalName, Xrm.Model.PromiseToPay.Fields.Name, Xrm.Model.PromiseToPay.Fields.AccountId, Xrm.Model.PromiseToPay.Fields.Amount, Xrm.Model.PromiseToPay.Fields.PromisedOn, Xrm.Model.PromiseToPay.Fields.PromisedFor, Xrm.Model.PromiseToPay.Fields.PromiseStatus, Xrm.Model.PromiseToPay.Fields.ModifiedOn), Xrm.Model.PromiseToPay.Fields.AccountId, ToPromise);
        var reports = GroupBy(service, PagedReader.Query(Xrm.Model.BureauReport.EntityLogicalName, Xrm.Model.BureauReport.Fields.AccountId, Xrm.Model.BureauReport.Fields.SolvencyScore, Xrm.Model.BureauReport.Fields.Rating, Xrm.Model.BureauReport.Fields.RecommendedCredit, Xrm.Model.BureauReport.Fields.DbtScore, Xrm.Model.BureauReport.Fields.HasJudgment, Xrm.Model.BureauReport.Fields.HasLien, Xrm.Model.BureauReport.Fields.ReportDate), Xrm.Model.BureauReport.Fields.AccountId, ToBureauReport);

        var accounts = PagedReader.All(service, PagedReader.Query(Account.EntityLogicalName, Account.Fields.AccountNumber, Account.Fields.IndustryCode, Account.Fields.CustomerGroup, Account.Fields.IsFraudFlagged, Account.Fields.CreditOnHold));
        return accounts.Select(account => new AccountHistory(account.Id, new CustomerHistory
        {
            CustomerId = account.GetAttributeValue<string>(Account.Fields.AccountNumber) ?? account.Id.ToString(),
            Currency = currency,
            Segment = new CustomerSegment(
                Segments.IndustryName(account.GetAttributeValue<OptionSetValue>(Account.Fields.IndustryCode)?.Value),
                Segments.GroupName(account.GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup)?.Value)),
            Orders = orders.GetValueOrDefault(account.Id, []),
            Invoices = invoices.GetValueOrDefault(account.Id, []),
            Payments = payments.GetValueOrDefault(account.Id, []),
            Promises = promises.GetValueOrDefault(account.Id, []),
            BureauReports = [.. reports.GetValueOrDefault(account.Id, []).OrderBy(r => r.ReportDate)],
            Flags = new CustomerFlags(account.GetAttributeValue<bool>(Account.Fields.IsFraudFlagged), account.GetAttributeValue<bool>(Account.Fields.CreditOnHold)),
        })).ToList();
    }

    private static Dictionary<Guid, List<T>> GroupBy<T>(IOrganizationService service, Microsoft.Xrm.Sdk.Query.QueryExpression query, string accountColumn, Func<Entity, T> map)
    {
        var groups = new Dictionary<Guid, List<T>>();
        foreach (var row in PagedReader.All(service, query))
        {
            if (row.GetAttributeValue<EntityReference>(accountColumn) is not { } account)
            {
                continue;
            }

            if (!groups.TryGetValue(account.Id, out var list))
            {
                list = [];
                groups[account.Id] = list;
            }

            list.Add(map(row));
        }

        return groups;
    }

    private static OrderRecord ToOrder(Entity row)
    {
        var state = (SalesOrderState)(row.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.StateCode)?.Value ?? 0);
        var status = state switch
        {
            SalesOrderState.Fulfilled => EngineOrderStatus.Fulfilled,
            SalesOrderState.Invoiced => EngineOrderStatus.Invoiced,
            SalesOrderState.Canceled => EngineOrderStatus.Cancelled,
            _ => EngineOrderStatus.Open,
        };
        var channel = (OrderChannel?)row.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.Channel)?.Value ?? OrderChannel.SalesRep;
        var date = row.GetAttributeValue<DateTime?>(SalesOrder.Fields.DateFulfilled) ?? row.GetAttributeValue<DateTime>(SalesOrder.Fields.CreatedOn);
        return new OrderRecord(row.GetAttributeValue<string>(SalesOrder.Fields.Name) ?? row.Id.ToString(), date, Amount(row, SalesOrder.Fields.TotalAmount), status, channel.ToString());
    }

    private static InvoiceRecord ToInvoice(Entity row) => new(
        row.GetAttributeValue<string>(Receivable.Fields.ErpId),
        row.GetAttributeValue<DateTime>(Receivable.Fields.InvoiceDate),
        row.GetAttributeValue<DateTime>(Receivable.Fields.DueDate),
        Amount(row, Receivable.Fields.Amount),
        row.GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn),
        row.GetAttributeValue<bool>(Receivable.Fields.IsDisputed));

    private static PaymentRecord ToPayment(Entity row)
    {
        var amount = Amount(row, Payment.Fields.Amount);
        var invoices = (row.GetAttributeValue<string>(Payment.Fields.AppliedInvoices) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var allocations = invoices.Length == 1 ? [new PaymentAllocation(invoices[0], amount)] : Array.Empty<PaymentAllocation>();
        return new PaymentRecord(row.GetAttributeValue<string>(Payment.Fields.ErpId), row.GetAttributeValue<DateTime>(Payment.Fields.PaymentDate), amount, allocations);
    }

    private static EnginePromise ToPromise(Entity row)
    {
        var status = (PromiseToPayStatus?)row.GetAttributeValue<OptionSetValue>(Xrm.Model.PromiseToPay.Fields.PromiseStatus)?.Value switch
        {
            PromiseToPayStatus.Kept => PromiseStatus.Kept,
            PromiseToPayStatus.Broken => PromiseStatus.Broken,
            _ => PromiseStatus.Open,
        };
        var promisedFor = row.GetAttributeValue<DateTime>(Xrm.Model.PromiseToPay.Fields.PromisedFor);
        return new EnginePromise(
            row.GetAttributeValue<string>(Xrm.Model.PromiseToPay.Fields.Name) ?? row.Id.ToString(),
            row.GetAttributeValue<DateTime>(Xrm.Model.PromiseToPay.Fields.PromisedOn),
            promisedFor,
            Amount(row, Xrm.Model.PromiseToPay.Fields.Amount),
            status,
            status == PromiseStatus.Open ? null : promisedFor.AddDays(PromiseResolutionDays));
    }

    // Collections mark a promise kept or broken a few days after the promised date (the generator's convention).
    private const int PromiseResolutionDays = 3;

    private static EngineBureauReport ToBureauReport(Entity row) => new(
        row.GetAttributeValue<DateTime>(Xrm.Model.BureauReport.Fields.ReportDate),
        row.GetAttributeValue<int>(Xrm.Model.BureauReport.Fields.SolvencyScore),
        BureauRatings.ToEngine((BureauReportRating?)row.GetAttributeValue<OptionSetValue>(Xrm.Model.BureauReport.Fields.Rating)?.Value),
        row.GetAttributeValue<Money>(Xrm.Model.BureauReport.Fields.RecommendedCredit)?.Value,
        row.GetAttributeValue<int>(Xrm.Model.BureauReport.Fields.DbtScore),
        row.GetAttributeValue<bool>(Xrm.Model.BureauReport.Fields.HasJudgment) ? 1 : 0,
        0,
        row.GetAttributeValue<bool>(Xrm.Model.BureauReport.Fields.HasLien) ? 1 : 0);

    private static decimal Amount(Entity row, string column) => row.GetAttributeValue<Money>(column)?.Value ?? 0m;
}

/// <summary>An account and its history as read from Dataverse.</summary>
internal sealed record AccountHistory(Guid AccountId, CustomerHistory History);
