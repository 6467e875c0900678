namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>transactioncurrency.statuscode</c>.</summary>
[ChoiceColumn("transactioncurrency", "statuscode")]
public enum TransactionCurrencyStatus
{
    Active = 1,
    Inactive = 2,
}
