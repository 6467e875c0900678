namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>transactioncurrency.statecode</c>.</summary>
[ChoiceColumn("transactioncurrency", "statecode")]
public enum TransactionCurrencyState
{
    Active = 0,
    Inactive = 1,
}
