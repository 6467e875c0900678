using Microsoft.Xrm.Sdk;

namespace CreditOS.Testing.Builders;

public sealed class AccountBuilder : RowBuilder<AccountBuilder>
{
    internal AccountBuilder()
        : base("account")
    {
        With("name", "Contoso");
    }

    public AccountBuilder Named(string name) => With("name", name);

    public AccountBuilder WithAccountNumber(string accountNumber) => With("accountnumber", accountNumber);

    public AccountBuilder WithLimit(decimal creditLimit) => With("creditlimit", new Money(creditLimit));

    public AccountBuilder OnCreditHold(bool onHold = true) => With("creditonhold", onHold);

    public AccountBuilder WithParent(Guid parentAccountId) => With("parentaccountid", new EntityReference("account", parentAccountId));

    public AccountBuilder OwnedBy(Guid userId) => With("ownerid", new EntityReference("systemuser", userId));
}
