using CreditOS.Cli.Demo.Seeding;
using CreditOS.CreditEngine.History;
using CreditOS.Dataverse.Model;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using EngineOrderStatus = CreditOS.CreditEngine.History.OrderStatus;
using EnginePromise = CreditOS.CreditEngine.History.PromiseToPay;

namespace CreditOS.Cli.Demo.Loading;

/// <summary>
/// Loads a generated portfolio through the organization service as the ERP migration would: accounts, then two
/// years of orders, receivables, payments, promises to pay and bureau reports, in ExecuteMultiple batches.
/// Settled history arrives already applied (payments carry their applied date), as the ERP recorded it.
/// </summary>
internal sealed class PortfolioLoader(IOrganizationService service, ReferenceData reference, DateTime today)
{
    public const string SourceSystem = "ERP";
    public const string BureauName = "Credit bureau";

    private readonly Dictionary<string, int> _rowsByTable = new(StringComparer.Ordinal);

    public LoadedPortfolio Load(IReadOnlyList<CustomerHistory> customers)
    {
        var writer = new BatchWriter(service);
        var loaded = new List<LoadedCustomer>(customers.Count);
        for (var index = 0; index < customers.Count; index++)
        {
            var history = customers[index];
            var account = new LoadedCustomer(Guid.NewGuid(), CompanyNames.For(index), history);
            Write(writer, AccountRow(account));
            loaded.Add(account);
        }

        foreach (var customer in loaded)
        {
            WriteHistory(writer, customer);
        }

        writer.Flush();
        return new LoadedPortfolio(loaded, new Dictionary<string, int>(_rowsByTable), writer.BatchesSent);
    }

    private void WriteHistory(BatchWriter writer, LoadedCustomer customer)
    {
        var account = new EntityReference(Account.EntityLogicalName, customer.AccountId);
        var history = customer.History;
        foreach (var order in history.Orders)
        {
            var row = OrderRow(account, order);
            Write(writer, row);
            if (ClosedState(order.Status) is { } closed)
            {
                // Dataverse refuses statecode on Create: a closed order is created open, then moved to its state.
                writer.Add(new SetStateRequest
                {
                    EntityMoniker = row.ToEntityReference(),
                    State = new OptionSetValue((int)closed.State),
                    Status = new OptionSetValue((int)closed.Status),
                });
            }
        }

        foreach (var invoice in history.Invoices)
        {
            Write(writer, ReceivableRow(account, invoice));
        }

        foreach (var payment in history.Payments)
        {
            Write(writer, PaymentRow(account, payment));
        }

        foreach (var promise in history.Promises)
        {
            Write(writer, PromiseRow(account, promise));
        }

        foreach (var report in history.BureauReports)
        {
            Write(writer, BureauRow(account, customer.History.CustomerId, report));
        }
    }

    private void Write(BatchWriter writer, Entity row)
    {
        writer.Create(row);
        _rowsByTable[row.LogicalName] = _rowsByTable.GetValueOrDefault(row.LogicalName) + 1;
    }

    private EntityReference Currency => new(TransactionCurrency.EntityLogicalName, reference.CurrencyId);

    private EntityReference SalesRep => new(SystemUser.EntityLogicalName, reference.People.SalesRepId);

    private Entity AccountRow(LoadedCustomer customer) => new(Account.EntityLogicalName, customer.AccountId)
    {
        [Account.Fields.Name] = customer.Name,
        [Account.Fields.AccountNumber] = customer.History.CustomerId,
        [Account.Fields.IndustryCode] = new OptionSetValue((int)Segments.Industry(customer.History.Segment.IndustryVertical)),
        [Account.Fields.CustomerGroup] = new OptionSetValue((int)Segments.Group(customer.History.Segment.CustomerGroup)),
        [Account.Fields.TransactionCurrencyId] = Currency,
        [Account.Fields.OwnerId] = SalesRep,
    };

    private static (SalesOrderState State, SalesOrderStatus Status)? ClosedState(EngineOrderStatus status) => status switch
    {
        EngineOrderStatus.Invoiced => (SalesOrderState.Invoiced, SalesOrderStatus.Invoiced),
        EngineOrderStatus.Cancelled => (SalesOrderState.Canceled, SalesOrderStatus.NoMoney),
        EngineOrderStatus.Fulfilled => (SalesOrderState.Fulfilled, SalesOrderStatus.Complete),
        _ => null,
    };

    private Entity OrderRow(EntityReference account, OrderRecord order)
    {
        var row = new Entity(SalesOrder.EntityLogicalName, Guid.NewGuid())
        {
            [SalesOrder.Fields.Name] = order.Id,
            [SalesOrder.Fields.CustomerId] = account,
            [SalesOrder.Fields.TotalAmount] = new Money(order.Amount),
            [SalesOrder.Fields.TransactionCurrencyId] = Currency,
            [SalesOrder.Fields.Channel] = new OptionSetValue((int)Channels.FromEngine(order.Channel)),
            [SalesOrder.Fields.ChannelOrderRef] = order.Id,
            [SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)SalesOrderCreditStatus.Approved),
            [SalesOrder.Fields.OwnerId] = SalesRep,
        };
        if (order.IsCompleted)
        {
            row[SalesOrder.Fields.DateFulfilled] = order.OrderDate;
        }

        return row;
    }

    private Entity ReceivableRow(EntityReference account, InvoiceRecord invoice)
    {
        var settled = invoice.SettledDate;
        var lateAsOf = settled ?? today;
        return new Entity(Receivable.EntityLogicalName)
        {
            [Receivable.Fields.InvoiceNumber] = invoice.Id,
            [Receivable.Fields.SourceSystem] = SourceSystem,
            [Receivable.Fields.ErpId] = invoice.Id,
            [Receivable.Fields.AccountId] = account,
            [Receivable.Fields.InvoiceDate] = invoice.InvoiceDate,
            [Receivable.Fields.DueDate] = invoice.DueDate,
            [Receivable.Fields.Amount] = new Money(invoice.Amount),
            [Receivable.Fields.OpenAmount] = new Money(settled is null ? invoice.Amount : 0m),
            [Receivable.Fields.SettledOn] = settled,
            [Receivable.Fields.IsDisputed] = invoice.Disputed,
            [Receivable.Fields.DaysLate] = Math.Max(0, (lateAsOf.Date - invoice.DueDate.Date).Days),
            [Receivable.Fields.TransactionCurrencyId] = Currency,
        };
    }

    private Entity PaymentRow(EntityReference account, PaymentRecord payment) => new(Payment.EntityLogicalName)
    {
        [Payment.Fields.Name] = payment.Id,
        [Payment.Fields.SourceSystem] = SourceSystem,
        [Payment.Fields.ErpId] = payment.Id,
        [Payment.Fields.AccountId] = account,
        [Payment.Fields.Amount] = new Money(payment.Amount),
        [Payment.Fields.PaymentDate] = payment.PaymentDate,
        [Payment.Fields.AppliedInvoices] = string.Join(",", payment.Allocations.Select(a => a.InvoiceId)),
        [Payment.Fields.AppliedOn] = payment.PaymentDate,
        [Payment.Fields.TransactionCurrencyId] = Currency,
    };

    private static Entity PromiseRow(EntityReference account, EnginePromise promise) => new(CreditOS.Dataverse.Model.PromiseToPay.EntityLogicalName)
    {
        [CreditOS.Dataverse.Model.PromiseToPay.Fields.Name] = promise.Id,
        [CreditOS.Dataverse.Model.PromiseToPay.Fields.AccountId] = account,
        [CreditOS.Dataverse.Model.PromiseToPay.Fields.Amount] = new Money(promise.Amount),
        [CreditOS.Dataverse.Model.PromiseToPay.Fields.PromisedOn] = promise.MadeOn,
        [CreditOS.Dataverse.Model.PromiseToPay.Fields.PromisedFor] = promise.PromisedDate,
        [CreditOS.Dataverse.Model.PromiseToPay.Fields.PromiseStatus] = new OptionSetValue((int)(promise.Status switch
        {
            PromiseStatus.Kept => PromiseToPayStatus.Kept,
            PromiseStatus.Broken => PromiseToPayStatus.Broken,
            _ => PromiseToPayStatus.Open,
        })),
    };

    private static Entity BureauRow(EntityReference account, string customerId, CreditEngine.History.BureauReport report) => new(CreditOS.Dataverse.Model.BureauReport.EntityLogicalName)
    {
        [CreditOS.Dataverse.Model.BureauReport.Fields.Name] = customerId + " " + report.ReportDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        [CreditOS.Dataverse.Model.BureauReport.Fields.AccountId] = account,
        [CreditOS.Dataverse.Model.BureauReport.Fields.Bureau] = BureauName,
        [CreditOS.Dataverse.Model.BureauReport.Fields.ExternalId] = customerId + "-" + report.ReportDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
        [CreditOS.Dataverse.Model.BureauReport.Fields.SolvencyScore] = report.SolvencyScore,
        [CreditOS.Dataverse.Model.BureauReport.Fields.Rating] = new OptionSetValue((int)BureauRatings.FromEngine(report.Rating)),
        [CreditOS.Dataverse.Model.BureauReport.Fields.RecommendedCredit] = report.RecommendedCredit is { } credit ? new Money(credit) : null,
        [CreditOS.Dataverse.Model.BureauReport.Fields.DbtScore] = report.DaysBeyondTermsScore,
        [CreditOS.Dataverse.Model.BureauReport.Fields.HasJudgment] = report.HasJudgmentOrProceeding,
        [CreditOS.Dataverse.Model.BureauReport.Fields.HasLien] = report.Privileges > 0,
        [CreditOS.Dataverse.Model.BureauReport.Fields.ReportDate] = report.ReportDate,
    };
}
