using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Reports;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Reports;

/// <summary>
/// Reads one account's invoices (those open at some point of the period), payments (of the period) and score history
/// into the engine's <see cref="PaymentHistoryInput"/>: the one rows → report mapping, used by the
/// <c>cos_PaymentHistoryReport</c> API behind the account's printable page and by <c>creditos report payments</c>.
/// Four queries (the account with its currency joined, then each table, paged by 5,000 rows).
/// </summary>
public static class PaymentHistoryRecords
{
    private const int PageSize = 5000;
    private const string CurrencyAlias = "currency";
    private const string PolicyAlias = "policy";

    public static PaymentHistoryInput Read(IOrganizationService service, Guid accountId, DateTime asOf, int months = PaymentHistoryInput.DefaultMonths)
    {
        var account = ReadAccount(service, accountId);
        var from = new DateTime(asOf.Year, asOf.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1 - months);

        var invoices = new QueryExpression(Receivable.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(
                Receivable.Fields.InvoiceNumber, Receivable.Fields.InvoiceDate, Receivable.Fields.DueDate, Receivable.Fields.Amount, Receivable.Fields.SettledOn, Receivable.Fields.IsDisputed,
                Receivable.Fields.DiscountPercent, Receivable.Fields.DiscountDate, Receivable.Fields.DiscountTaken),
        };
        invoices.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.Equal, accountId);
        var openInPeriod = invoices.Criteria.AddFilter(LogicalOperator.Or);
        openInPeriod.AddCondition(Receivable.Fields.SettledOn, ConditionOperator.Null);
        openInPeriod.AddCondition(Receivable.Fields.SettledOn, ConditionOperator.GreaterEqual, from);
        invoices.AddOrder(Receivable.Fields.InvoiceDate, OrderType.Ascending);

        var payments = new QueryExpression(Payment.EntityLogicalName) { ColumnSet = new ColumnSet(Payment.Fields.Name, Payment.Fields.PaymentDate, Payment.Fields.Amount) };
        payments.Criteria.AddCondition(Payment.Fields.AccountId, ConditionOperator.Equal, accountId);
        payments.Criteria.AddCondition(Payment.Fields.PaymentDate, ConditionOperator.GreaterEqual, from);
        payments.AddOrder(Payment.Fields.PaymentDate, OrderType.Ascending);

        var scores = new QueryExpression(CreditScoreHistory.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(CreditScoreHistory.Fields.ScoredOn, CreditScoreHistory.Fields.ValueScore, CreditScoreHistory.Fields.RiskScore, CreditScoreHistory.Fields.CreditLimit),
        };
        scores.Criteria.AddCondition(CreditScoreHistory.Fields.AccountId, ConditionOperator.Equal, accountId);
        scores.Criteria.AddCondition(CreditScoreHistory.Fields.ScoredOn, ConditionOperator.NotNull);
        scores.AddOrder(CreditScoreHistory.Fields.ScoredOn, OrderType.Ascending);

        return new PaymentHistoryInput
        {
            CustomerName = account.GetAttributeValue<string>(Account.Fields.Name) ?? accountId.ToString(),
            Currency = account.Aliased<string>(CurrencyAlias + "." + TransactionCurrency.Fields.ISOCurrencyCode) ?? "XXX",
            AsOf = asOf,
            Months = months,
            DefaultDiscountPercent = account.Aliased<decimal?>(PolicyAlias + "." + CreditPolicy.Fields.EarlyPaymentDiscount) ?? 0m,
            DefaultDiscountDays = account.Aliased<int?>(PolicyAlias + "." + CreditPolicy.Fields.EarlyPaymentDays) ?? 0,
            Invoices = All(service, invoices).Select(r => new InvoiceRecord(
                r.GetAttributeValue<string>(Receivable.Fields.InvoiceNumber) ?? r.Id.ToString(),
                r.GetAttributeValue<DateTime>(Receivable.Fields.InvoiceDate),
                r.GetAttributeValue<DateTime>(Receivable.Fields.DueDate),
                r.MoneyOrZero(Receivable.Fields.Amount),
                r.GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn),
                r.GetAttributeValue<bool>(Receivable.Fields.IsDisputed),
                null,
                r.GetAttributeValue<decimal?>(Receivable.Fields.DiscountPercent),
                r.GetAttributeValue<DateTime?>(Receivable.Fields.DiscountDate),
                r.MoneyOrZero(Receivable.Fields.DiscountTaken))).ToList(),
            Payments = All(service, payments).Select(r => new PaymentRecord(
                r.GetAttributeValue<string>(Payment.Fields.Name) ?? r.Id.ToString(),
                r.GetAttributeValue<DateTime>(Payment.Fields.PaymentDate),
                r.MoneyOrZero(Payment.Fields.Amount),
                [])).ToList(),
            ScoreHistory = All(service, scores).Select(r => new ScoreHistoryPoint(
                r.GetAttributeValue<DateTime>(CreditScoreHistory.Fields.ScoredOn),
                (double)(r.GetAttributeValue<decimal?>(CreditScoreHistory.Fields.ValueScore) ?? 0m),
                r.GetAttributeValue<decimal?>(CreditScoreHistory.Fields.RiskScore) is { } risk ? (double)risk : null,
                r.MoneyOrZero(CreditScoreHistory.Fields.CreditLimit))).ToList(),
        };
    }

    private static Entity ReadAccount(IOrganizationService service, Guid accountId)
    {
        var query = new QueryExpression(Account.EntityLogicalName) { ColumnSet = new ColumnSet(Account.Fields.Name), TopCount = 1 };
        query.Criteria.AddCondition(Account.Fields.AccountId, ConditionOperator.Equal, accountId);
        var currency = query.AddLink(TransactionCurrency.EntityLogicalName, Account.Fields.TransactionCurrencyId, TransactionCurrency.Fields.TransactioncurrencyId, JoinOperator.LeftOuter);
        currency.EntityAlias = CurrencyAlias;
        currency.Columns = new ColumnSet(TransactionCurrency.Fields.ISOCurrencyCode);
        // The policy's early-payment terms: the discount an invoice offers when the ERP states none of its own.
        var policy = query.AddLink(CreditPolicy.EntityLogicalName, Account.Fields.CreditPolicyId, CreditPolicy.Fields.CreditPolicyId, JoinOperator.LeftOuter);
        policy.EntityAlias = PolicyAlias;
        policy.Columns = new ColumnSet(CreditPolicy.Fields.EarlyPaymentDiscount, CreditPolicy.Fields.EarlyPaymentDays);
        return service.RetrieveMultiple(query).Entities.FirstOrDefault()
            ?? throw new InvalidPluginExecutionException("The account " + accountId + " does not exist.");
    }

    private static IEnumerable<Entity> All(IOrganizationService service, QueryExpression query)
    {
        query.PageInfo = new PagingInfo { Count = PageSize, PageNumber = 1 };
        while (true)
        {
            var page = service.RetrieveMultiple(query);
            foreach (var row in page.Entities)
            {
                yield return row;
            }

            if (!page.MoreRecords)
            {
                yield break;
            }

            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
    }
}
