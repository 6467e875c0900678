extern alias plugins;

using CreditOS.Cli.Demo.Scoring;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Reports;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using ScoreHistory = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;
using TransactionCurrency = plugins::CreditOS.Dataverse.Model.TransactionCurrency;

namespace CreditOS.Cli.Reports;

/// <summary>
/// Reads one account's invoices, payments and score history from Dataverse (paged, only the columns the report
/// needs, invoices and payments from the report's first month on) into the engine's <see cref="PaymentHistoryInput"/>.
/// </summary>
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

    public static PaymentHistoryInput Read(IOrganizationService service, Entity account, DateTime asOf, int months = PaymentHistoryInput.DefaultMonths)
    {
        var from = new DateTime(asOf.Year, asOf.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1 - months);
        var currencyId = account.GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId)?.Id;
        var currency = currencyId is { } id
            ? service.Retrieve(TransactionCurrency.EntityLogicalName, id, new ColumnSet(TransactionCurrency.Fields.ISOCurrencyCode)).GetAttributeValue<string>(TransactionCurrency.Fields.ISOCurrencyCode)
            : "XXX";

        // Invoices issued before the period still count when they were open during it (the month-end balance).
        var invoices = PagedReader.Query(Receivable.EntityLogicalName, Receivable.Fields.InvoiceNumber, Receivable.Fields.InvoiceDate, Receivable.Fields.DueDate,
            Receivable.Fields.Amount, Receivable.Fields.SettledOn, Receivable.Fields.IsDisputed);
        invoices.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.Equal, account.Id);
        var openInPeriod = invoices.Criteria.AddFilter(LogicalOperator.Or);
        openInPeriod.AddCondition(Receivable.Fields.SettledOn, ConditionOperator.Null);
        openInPeriod.AddCondition(Receivable.Fields.SettledOn, ConditionOperator.GreaterEqual, from);
        invoices.AddOrder(Receivable.Fields.InvoiceDate, OrderType.Ascending);

        var payments = PagedReader.Query(Payment.EntityLogicalName, Payment.Fields.Name, Payment.Fields.PaymentDate, Payment.Fields.Amount);
        payments.Criteria.AddCondition(Payment.Fields.AccountId, ConditionOperator.Equal, account.Id);
        payments.Criteria.AddCondition(Payment.Fields.PaymentDate, ConditionOperator.GreaterEqual, from);
        payments.AddOrder(Payment.Fields.PaymentDate, OrderType.Ascending);

        var scores = PagedReader.Query(ScoreHistory.EntityLogicalName, ScoreHistory.Fields.ScoredOn, ScoreHistory.Fields.ValueScore, ScoreHistory.Fields.RiskScore, ScoreHistory.Fields.CreditLimit);
        scores.Criteria.AddCondition(ScoreHistory.Fields.AccountId, ConditionOperator.Equal, account.Id);
        scores.AddOrder(ScoreHistory.Fields.ScoredOn, OrderType.Ascending);

        return new PaymentHistoryInput
        {
            CustomerName = account.GetAttributeValue<string>(Account.Fields.Name),
            Currency = currency,
            AsOf = asOf,
            Months = months,
            Invoices = PagedReader.All(service, invoices).Select(r => new InvoiceRecord(
                r.GetAttributeValue<string>(Receivable.Fields.InvoiceNumber) ?? r.Id.ToString(),
                r.GetAttributeValue<DateTime>(Receivable.Fields.InvoiceDate),
                r.GetAttributeValue<DateTime>(Receivable.Fields.DueDate),
                r.GetAttributeValue<Money>(Receivable.Fields.Amount)?.Value ?? 0m,
                r.GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn),
                r.GetAttributeValue<bool>(Receivable.Fields.IsDisputed))).ToList(),
            Payments = PagedReader.All(service, payments).Select(r => new PaymentRecord(
                r.GetAttributeValue<string>(Payment.Fields.Name) ?? r.Id.ToString(),
                r.GetAttributeValue<DateTime>(Payment.Fields.PaymentDate),
                r.GetAttributeValue<Money>(Payment.Fields.Amount)?.Value ?? 0m,
                [])).ToList(),
            ScoreHistory = PagedReader.All(service, scores)
                .Where(r => r.GetAttributeValue<DateTime?>(ScoreHistory.Fields.ScoredOn) is not null)
                .Select(r => new ScoreHistoryPoint(
                    r.GetAttributeValue<DateTime>(ScoreHistory.Fields.ScoredOn),
                    (double)(r.GetAttributeValue<decimal?>(ScoreHistory.Fields.ValueScore) ?? 0m),
                    r.GetAttributeValue<decimal?>(ScoreHistory.Fields.RiskScore) is { } risk ? (double)risk : null,
                    r.GetAttributeValue<Money>(ScoreHistory.Fields.CreditLimit)?.Value ?? 0m)).ToList(),
        };
    }
}
