namespace CreditOS.LocalDataverse.Currency;

/// <summary>
/// The organization's base currency (<c>Organization.BaseCurrencyID</c>): "the base currency must be defined for an
/// organization during server installation and organization setup. After the base currency is set for an organization, it
/// cannot be changed" (learn.microsoft.com/power-apps/developer/data-platform/transaction-currency-currency-entity). The
/// local Dataverse writes it as a <c>transactioncurrency</c> row when the environment is made, with exchange rate 1 ("the
/// exchange rate is the value of a transaction currency equal to one base currency").
/// </summary>
public sealed record BaseCurrency(Guid Id, string Name, string IsoCode, string Symbol, int Precision)
{
    /// <summary>US Dollar, the base currency of an environment set up in the United States (the local users' settings are en-US).</summary>
    public static BaseCurrency UsDollar { get; } = new(new Guid("ba5ec000-0000-4000-8000-000000000001"), "US Dollar", "USD", "$", 2);
}
