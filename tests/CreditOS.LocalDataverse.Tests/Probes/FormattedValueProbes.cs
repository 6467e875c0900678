using System.Globalization;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Formatted values and lookup names through the organization service. "Access formatted values"
/// (learn.microsoft.com/power-apps/developer/data-platform/org-service/entity-operations-query-data): whatever the query
/// method, the returned entities carry <c>Entity.FormattedValues</c>, "string values that use the environment's settings for
/// formatting" (Microsoft's example: primarycontactid → the contact's name, createdon → "2/28/2018 11:04 AM", revenue →
/// "$10,000.000", statecode → "Active"); null columns have neither a value nor a formatted value. EntityReference.Name "is not
/// automatically populated unless the EntityReference object has been retrieved from the server" (EntityReference.Name
/// reference), so Retrieve fills it too, with the referenced row's primary name. The local users' settings are English
/// (United States) in UTC, as for the Web API's annotations (one home: Formatting/FormattedValueFormatter).
/// </summary>
public sealed class FormattedValueProbes
{
    private static readonly Guid Dollar = new("a9940000-0000-4000-8000-0000000000f1");
    private static readonly string[] Columns =
        ["name", "creditlimit", "numberofemployees", "paymenttermscode", "creditonhold", "cos_limitreviewon", "createdon", "statecode", "transactioncurrencyid", "ownerid"];

    [Fact]
    public void Retrieve_FillsTheFormattedValues_AndTheLookupsNames()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = AnAccount(service);

        var row = service.Retrieve("account", account, new ColumnSet(Columns));

        AssertFormatted(row, string.Empty);
        Assert.Equal("US Dollar", row.GetAttributeValue<EntityReference>("transactioncurrencyid").Name);
        Assert.Equal("SYSTEM", row.GetAttributeValue<EntityReference>("ownerid").Name);
    }

    [Fact]
    public void AQueryExpression_AQueryByAttribute_AndFetchXml_FillThemAlike()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = AnAccount(service);
        var expression = new QueryExpression("account") { ColumnSet = new ColumnSet(Columns) };
        var byAttribute = new QueryByAttribute("account") { ColumnSet = new ColumnSet(Columns) };
        byAttribute.AddAttributeValue("accountid", account);
        var fetch = new FetchExpression("<fetch><entity name='account'>"
            + string.Concat(Columns.Select(column => $"<attribute name='{column}' />")) + "</entity></fetch>");

        foreach (var query in new QueryBase[] { expression, byAttribute, fetch })
        {
            var row = service.RetrieveMultiple(query).Entities.Single();
            AssertFormatted(row, string.Empty);
            Assert.Equal("US Dollar", row.GetAttributeValue<EntityReference>("transactioncurrencyid").Name);
        }
    }

    [Fact]
    public void LinkedColumns_GetTheirFormattedValues_UnderTheirAlias()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = AnAccount(service);
        service.Create(new Entity("cos_payment")
        {
            ["cos_amount"] = new Money(12.5m),
            ["cos_accountid"] = new EntityReference("account", account),
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", Dollar),
        });

        var row = service.RetrieveMultiple(new FetchExpression(
            "<fetch><entity name='cos_payment'><attribute name='cos_amount' /><attribute name='cos_accountid' />"
            + "<link-entity name='account' from='accountid' to='cos_accountid' alias='customer'>"
            + "<attribute name='paymenttermscode' /><attribute name='creditlimit' /><attribute name='transactioncurrencyid' alias='currency' />"
            + "</link-entity></entity></fetch>")).Entities.Single();

        Assert.Equal("$12.50", row.FormattedValues["cos_amount"]);
        Assert.Equal("Contoso", row.FormattedValues["cos_accountid"]);
        Assert.Equal("Net 45", row.FormattedValues["customer.paymenttermscode"]);
        Assert.Equal("$20,000.00", row.FormattedValues["customer.creditlimit"]);
        Assert.Equal("US Dollar", row.FormattedValues["currency"]);
        Assert.Equal("US Dollar", ((EntityReference)row.GetAttributeValue<AliasedValue>("currency").Value).Name);
    }

    [Fact]
    public void ANameTheCallerGaveTheLookup_IsNotWhatComesBack()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = AnAccount(service);
        var payment = service.Create(new Entity("cos_payment")
        {
            ["cos_amount"] = new Money(1m),
            ["cos_accountid"] = new EntityReference("account", account) { Name = "Not the account's name" },
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", Dollar),
        });

        var row = service.Retrieve("cos_payment", payment, new ColumnSet("cos_accountid"));

        Assert.Equal("Contoso", row.GetAttributeValue<EntityReference>("cos_accountid").Name);
        Assert.Equal("Contoso", row.FormattedValues["cos_accountid"]);
    }

    [Fact]
    public void ASecuredColumnTheCallerCannotRead_HasNoFormattedValueEither()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();
        var account = AnAccount(env.Service);

        // A sales rep without the Credit Readers profile: the role reads accounts, no profile reads the credit limit.
        var withoutProfile = env.AUser("Rob Roleonly").WithRole(SolutionRoles.SalesRep).Create();

        var row = env.As(withoutProfile).Retrieve("account", account, new ColumnSet("creditlimit", "paymenttermscode"));

        Assert.False(row.Contains("creditlimit"));
        Assert.False(row.FormattedValues.ContainsKey("creditlimit"));
        Assert.Equal("Net 45", row.FormattedValues["paymenttermscode"]);
    }

    [Fact]
    public void ValuesTheLocalSettingsCannotDecide_HaveNoFormattedValue()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = AnAccount(service);
        service.Update(new Entity("account", account) { ["cos_exposure"] = new Money(-250m) });

        var row = service.Retrieve("account", account, new ColumnSet("cos_exposure", "creditlimit"));

        Assert.Equal(-250m, row.GetAttributeValue<Money>("cos_exposure").Value);
        Assert.False(row.FormattedValues.ContainsKey("cos_exposure"));
        Assert.Equal("$20,000.00", row.FormattedValues["creditlimit"]);
    }

    /// <summary>
    /// Session 31: a query's formatted values are made when first read. They are still those of the moment of the read: a
    /// caller changing the returned values, and a later change of the row's currency, change none of them.
    /// </summary>
    [Fact]
    public void FormattedValuesReadLater_AreThoseOfTheRead_WhateverChangedSince()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = AnAccount(service);
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet(Columns) };

        var row = service.RetrieveMultiple(query).Entities.Single();
        var retrieved = service.Retrieve("account", account, new ColumnSet(Columns));
        foreach (var read in new[] { row, retrieved })
        {
            read.GetAttributeValue<Money>("creditlimit").Value = 1m;
            read.GetAttributeValue<OptionSetValue>("paymenttermscode").Value = 1;
            read["creditonhold"] = false;
        }

        service.Update(new Entity("transactioncurrency", Dollar) { ["currencysymbol"] = "US$", ["currencyprecision"] = 4 });
        service.Update(new Entity("account", account) { ["creditlimit"] = new Money(5m), ["name"] = "Contoso Renamed" });

        AssertFormatted(row, string.Empty);
        AssertFormatted(retrieved, string.Empty);
        Assert.StartsWith("US$5.", service.Retrieve("account", account, new ColumnSet("creditlimit")).FormattedValues["creditlimit"], StringComparison.Ordinal);
    }

    [Fact]
    public void ARowReturnedByAQuery_CopiedIntoAnotherRequest_KeepsItsFormattedValues()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        AnAccount(service);
        var row = service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet(Columns) }).Entities.Single();

        var typed = row.ToEntity<Entity>();

        AssertFormatted(typed, string.Empty);
        Assert.Same(row.FormattedValues, typed.FormattedValues);
    }

    private static void AssertFormatted(Entity row, string prefix)
    {
        Assert.Equal("$20,000.00", row.FormattedValues[prefix + "creditlimit"]);
        Assert.Equal("5,000", row.FormattedValues[prefix + "numberofemployees"]);
        Assert.Equal("Net 45", row.FormattedValues[prefix + "paymenttermscode"]);
        Assert.Equal("Yes", row.FormattedValues[prefix + "creditonhold"]);
        Assert.Equal("3/31/2026", row.FormattedValues[prefix + "cos_limitreviewon"]);
        Assert.Equal(row.GetAttributeValue<DateTime>("createdon").ToString("M/d/yyyy h:mm tt", CultureInfo.InvariantCulture), row.FormattedValues[prefix + "createdon"]);
        Assert.Equal("Active", row.FormattedValues[prefix + "statecode"]);
        Assert.Equal("US Dollar", row.FormattedValues[prefix + "transactioncurrencyid"]);
        Assert.Equal("SYSTEM", row.FormattedValues[prefix + "ownerid"]);
        Assert.False(row.FormattedValues.ContainsKey(prefix + "name"));
        Assert.False(row.FormattedValues.ContainsKey(prefix + "accountid"));
    }

    private static Guid AnAccount(IOrganizationService service)
    {
        service.Create(new Entity("transactioncurrency", Dollar)
        {
            ["isocurrencycode"] = "USD",
            ["currencyname"] = "US Dollar",
            ["currencysymbol"] = "$",
            ["exchangerate"] = 1m,
            ["currencyprecision"] = 2,
        });
        return service.Create(new Entity("account")
        {
            ["name"] = "Contoso",
            ["creditlimit"] = new Money(20_000m),
            ["numberofemployees"] = 5_000,
            ["paymenttermscode"] = new OptionSetValue(3),
            ["creditonhold"] = true,
            ["cos_limitreviewon"] = new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc),
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", Dollar),
        });
    }
}
