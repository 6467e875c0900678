using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Currency columns as Microsoft documents them. Every table with money columns has a <c>transactioncurrencyid</c> lookup and
/// an <c>exchangerate</c> ("you can see the value, but you can't edit it"), and "for each currency column you add, another
/// currency column is added with the suffix _Base" (maker/data-platform/types-of-fields, "Using currency columns"):
/// <c>creditlimit_base = creditlimit / exchangerate</c> (developer/data-platform/transaction-currency-currency-entity). The
/// base currency is defined at organization setup (<c>Organization.BaseCurrencyID</c>) and "the exchange rate is the value of
/// a transaction currency equal to one base currency". "Individuals can also change their personal options to select a
/// default currency for the rows they create": a row created without a currency gets the creator's default currency, else
/// the organization's base currency.
/// </summary>
public sealed class CurrencyColumnProbes
{
    private static readonly Guid Euro = new("e0e00000-0000-4000-8000-0000000000e1");

    [Fact]
    public void ARowCreatedWithoutACurrency_GetsTheBaseCurrency_RateOne_AndBaseValues()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = service.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(20_000m) });

        var row = service.Retrieve("account", id, new ColumnSet("transactioncurrencyid", "exchangerate", "creditlimit", "creditlimit_base"));
        var baseCurrency = service.Retrieve("transactioncurrency", dataverse.BaseCurrencyId, new ColumnSet("isocurrencycode", "exchangerate"));

        Assert.Equal(dataverse.BaseCurrencyId, row.GetAttributeValue<EntityReference>("transactioncurrencyid").Id);
        Assert.Equal("US Dollar", row.GetAttributeValue<EntityReference>("transactioncurrencyid").Name);
        Assert.Equal(1m, row.GetAttributeValue<decimal>("exchangerate"));
        Assert.Equal(20_000m, row.GetAttributeValue<Money>("creditlimit_base").Value);
        Assert.Equal("$20,000.00", row.FormattedValues["creditlimit_base"]);
        Assert.Equal("USD", baseCurrency.GetAttributeValue<string>("isocurrencycode"));
        Assert.Equal(1m, baseCurrency.GetAttributeValue<decimal>("exchangerate"));
    }

    [Fact]
    public void ATableWhoseSolutionMetadataDeclaresNoCurrency_StillHasTheCurrencyColumns()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = service.Create(new Entity("cos_creditpolicy") { ["cos_name"] = "Standard", ["cos_baselimit"] = new Money(5_000m) });

        var row = service.Retrieve("cos_creditpolicy", id, new ColumnSet("transactioncurrencyid", "exchangerate", "cos_baselimit_base"));

        Assert.Equal(dataverse.BaseCurrencyId, row.GetAttributeValue<EntityReference>("transactioncurrencyid").Id);
        Assert.Equal(1m, row.GetAttributeValue<decimal>("exchangerate"));
        Assert.Equal(5_000m, row.GetAttributeValue<Money>("cos_baselimit_base").Value);
    }

    [Fact]
    public void ACreatorWithADefaultCurrency_GivesItToTheRowsTheyCreate_TheBaseValueIsAmountOverRate()
    {
        using var dataverse = new LocalDataverse();
        var system = dataverse.GetOrganizationService();
        CreateEuro(system, rate: 0.8m);
        var fiona = dataverse.CreateUser("Fiona Finance");
        dataverse.AssignRole(fiona, dataverse.SystemAdministratorRoleId);
        dataverse.AssignFieldSecurityProfile(fiona, dataverse.SystemAdministratorProfileId); // creditlimit is secured
        dataverse.SetUserDefaultCurrency(fiona, Euro);

        var id = dataverse.GetOrganizationService(fiona).Create(new Entity("account") { ["name"] = "Fabrikam", ["creditlimit"] = new Money(1_000m) });
        var bySystem = system.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(1_000m) });
        var row = system.Retrieve("account", id, new ColumnSet("transactioncurrencyid", "exchangerate", "creditlimit_base"));

        Assert.Equal(Euro, row.GetAttributeValue<EntityReference>("transactioncurrencyid").Id);
        Assert.Equal(0.8m, row.GetAttributeValue<decimal>("exchangerate"));
        Assert.Equal(1_250m, row.GetAttributeValue<Money>("creditlimit_base").Value);
        Assert.Equal(dataverse.BaseCurrencyId, system.Retrieve("account", bySystem, new ColumnSet("transactioncurrencyid")).GetAttributeValue<EntityReference>("transactioncurrencyid").Id);
    }

    [Fact]
    public void ChangingTheAmountOrTheCurrency_RecomputesTheRateAndTheBaseValues_AtTheBasePrecision()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        CreateEuro(service, rate: 3m);
        var id = service.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(100m) });

        service.Update(new Entity("account", id) { ["transactioncurrencyid"] = new EntityReference("transactioncurrency", Euro) });
        var inEuro = service.Retrieve("account", id, new ColumnSet("exchangerate", "creditlimit", "creditlimit_base"));
        service.Update(new Entity("account", id) { ["creditlimit"] = new Money(200m) });
        var raised = service.Retrieve("account", id, new ColumnSet("creditlimit_base"));

        Assert.Equal(3m, inEuro.GetAttributeValue<decimal>("exchangerate"));
        Assert.Equal(100m, inEuro.GetAttributeValue<Money>("creditlimit").Value);
        Assert.Equal(33.33m, inEuro.GetAttributeValue<Money>("creditlimit_base").Value);
        Assert.Equal(66.67m, raised.GetAttributeValue<Money>("creditlimit_base").Value);
    }

    [Theory]
    [InlineData("exchangerate")]
    [InlineData("creditlimit_base")]
    public void TheRateAndTheBaseColumns_AreReadOnly(string column)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        object value = column == "exchangerate" ? 2m : new Money(1m);

        var created = FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => service.Create(new Entity("account") { ["name"] = "Contoso", [column] = value }));
        var id = SolutionRows.Account(service);
        var updated = FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => service.Update(new Entity("account", id) { [column] = value }));

        Assert.Contains($"'{column}'", created.Message, StringComparison.Ordinal);
        Assert.Contains("not valid for update", updated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBaseColumns_CanBeQueried()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        CreateEuro(service, rate: 2m);
        service.Create(new Entity("account") { ["name"] = "Small", ["creditlimit"] = new Money(1_000m), ["transactioncurrencyid"] = new EntityReference("transactioncurrency", Euro) });
        service.Create(new Entity("account") { ["name"] = "Large", ["creditlimit"] = new Money(1_000m) });
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("creditlimit_base", ConditionOperator.GreaterThan, 600m);

        var found = service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("name")).ToList();

        Assert.Equal(["Large"], found);
    }

    [Fact]
    public void ACurrencyInUse_CannotBeDeleted()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        CreateEuro(service, rate: 2m);
        service.Create(new Entity("cos_creditpolicy") { ["cos_name"] = "Euro policy", ["transactioncurrencyid"] = new EntityReference("transactioncurrency", Euro) });

        FaultAssert.Throws(DataverseErrorCodes.CannotDeleteDueToAssociation, () => service.Delete("transactioncurrency", Euro));
    }

    [Fact]
    public void ADeactivatedCurrency_CannotBeChosen_ButRowsKeepIt()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        CreateEuro(service, rate: 2m);
        var kept = service.Create(new Entity("account") { ["name"] = "Kept", ["transactioncurrencyid"] = new EntityReference("transactioncurrency", Euro) });
        service.Execute(new Microsoft.Crm.Sdk.Messages.SetStateRequest { EntityMoniker = new EntityReference("transactioncurrency", Euro), State = new OptionSetValue(1), Status = new OptionSetValue(-1) });

        var refused = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError,
            () => service.Create(new Entity("account") { ["name"] = "New", ["transactioncurrencyid"] = new EntityReference("transactioncurrency", Euro) }));
        service.Update(new Entity("account", kept) { ["name"] = "Kept, renamed" });

        Assert.Contains("deactivated currency 'Euro'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Euro, service.Retrieve("account", kept, new ColumnSet("transactioncurrencyid")).GetAttributeValue<EntityReference>("transactioncurrencyid").Id);
    }

    [Fact]
    public async Task OverTheWebApi_ARowPostedWithoutACurrency_ReadsBackTheBaseCurrency_TheRateAndTheBaseValue()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var created = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Contoso", ["creditlimit"] = 20000 }, ("Prefer", "return=representation"));
        var id = created.Json["accountid"]!.GetValue<Guid>();
        var read = await host.GetAsync($"accounts({id})?$select=_transactioncurrencyid_value,exchangerate,creditlimit_base", ("Prefer", "odata.include-annotations=\"*\""));
        var refused = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["creditlimit_base"] = 1 });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(host.Dataverse.BaseCurrencyId, read.Json["_transactioncurrencyid_value"]!.GetValue<Guid>());
        Assert.Equal("US Dollar", read.Json["_transactioncurrencyid_value@OData.Community.Display.V1.FormattedValue"]!.GetValue<string>());
        Assert.Equal(1m, read.Json["exchangerate"]!.GetValue<decimal>());
        Assert.Equal(20000m, read.Json["creditlimit_base"]!.GetValue<decimal>());
        Assert.Equal("$20,000.00", read.Json["creditlimit_base@OData.Community.Display.V1.FormattedValue"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
    }

    [Fact]
    public async Task OverTheWebApi_TheCurrencyBindsOnATableWhoseSolutionMetadataDeclaresNone()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        CreateEuro(host.Service, rate: 0.5m);

        var created = await host.SendAsync(HttpMethod.Post, "cos_creditpolicies",
            new JsonObject { ["cos_name"] = "Euro policy", ["cos_baselimit"] = 100, ["TransactionCurrencyId@odata.bind"] = $"/transactioncurrencies({Euro})" },
            ("Prefer", "return=representation"));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(Euro, created.Json["_transactioncurrencyid_value"]!.GetValue<Guid>());
        Assert.Equal(200m, created.Json["cos_baselimit_base"]!.GetValue<decimal>());
    }

    private static void CreateEuro(IOrganizationService service, decimal rate) =>
        service.Create(new Entity("transactioncurrency", Euro)
        {
            ["currencyname"] = "Euro",
            ["isocurrencycode"] = "EUR",
            ["currencysymbol"] = "€",
            ["currencyprecision"] = 2,
            ["exchangerate"] = rate,
        });
}
