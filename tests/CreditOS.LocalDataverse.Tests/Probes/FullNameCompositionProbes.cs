using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 12b (session 20): <c>fullname</c> through the organization service. "The fullname is a read-only property that is calculated
/// from the firstname and lastname properties" (Web API Basic Operations Sample: firstname "Rafel", lastname "Shillo" come back as
/// "fullname": "Rafel Shillo"), by the organization's full-name convention; the local organization's is FirstLast (1, "Show the first
/// and last name", UserSettingsFullNameConventionCode), the one Microsoft's documented responses show. The local Dataverse left it null,
/// so lookups to contacts carried no name.
/// </summary>
public sealed class FullNameCompositionProbes
{
    [Theory]
    [InlineData("Rafel", null, "Shillo", "Rafel Shillo")]
    [InlineData("Rafel", "Jon", "Shillo", "Rafel Shillo")]
    [InlineData(null, null, "Shillo", "Shillo")]
    [InlineData("Rafel", null, null, "Rafel")]
    public void ACreatedContact_HasItsFullName_ByTheFirstLastConvention(string? first, string? middle, string? last, string expected)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var contact = new Entity("contact") { ["firstname"] = first, ["middlename"] = middle, ["lastname"] = last };

        var id = service.Create(contact);

        Assert.Equal(expected, service.Retrieve("contact", id, new ColumnSet("fullname")).GetAttributeValue<string>("fullname"));
    }

    [Fact]
    public void AnUpdateOfANamePart_RecomposesTheFullName_AndAnotherColumnKeepsIt()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = service.Create(new Entity("contact") { ["firstname"] = "Rafel", ["lastname"] = "Shillo" });

        service.Update(new Entity("contact", id) { ["firstname"] = "Rafael" });
        var renamed = service.Retrieve("contact", id, new ColumnSet("fullname")).GetAttributeValue<string>("fullname");
        service.Update(new Entity("contact", id) { ["jobtitle"] = "Junior Developer" });
        var kept = service.Retrieve("contact", id, new ColumnSet("fullname")).GetAttributeValue<string>("fullname");
        service.Update(new Entity("contact", id) { ["firstname"] = null });

        Assert.Equal("Rafael Shillo", renamed);
        Assert.Equal("Rafael Shillo", kept);
        Assert.Equal("Shillo", service.Retrieve("contact", id, new ColumnSet("fullname")).GetAttributeValue<string>("fullname"));
    }

    [Fact]
    public void AQuery_FiltersAndOrdersOnTheFullName()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        service.Create(new Entity("contact") { ["firstname"] = "Susie", ["lastname"] = "Curtis" });
        service.Create(new Entity("contact") { ["firstname"] = "Rafel", ["lastname"] = "Shillo" });
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.AddOrder("fullname", OrderType.Ascending);

        var ordered = service.RetrieveMultiple(query).Entities.Select(row => row.GetAttributeValue<string>("fullname"));
        query.Criteria.AddCondition("fullname", ConditionOperator.Equal, "Susie Curtis");
        var filtered = service.RetrieveMultiple(query).Entities;

        Assert.Equal(["Rafel Shillo", "Susie Curtis"], ordered);
        Assert.Equal("Susie Curtis", Assert.Single(filtered).GetAttributeValue<string>("fullname"));
    }

    [Fact]
    public void ALookupToAContact_CarriesItsFullNameAsItsName()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var contact = service.Create(new Entity("contact") { ["firstname"] = "Rafel", ["lastname"] = "Shillo" });
        var account = service.Create(new Entity("account") { ["name"] = "Contoso Ltd", ["primarycontactid"] = new EntityReference("contact", contact) });

        var primary = service.Retrieve("account", account, new ColumnSet("primarycontactid")).GetAttributeValue<EntityReference>("primarycontactid");

        Assert.Equal("Rafel Shillo", primary.Name);
    }

    [Fact]
    public void AUserCreatedWithNameParts_HasItsFullName_AndARenameRecomposesIt()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        var id = service.Create(new Entity("systemuser")
        {
            ["firstname"] = "Nancy",
            ["lastname"] = "Anderson",
            ["domainname"] = "nancy@contoso.com",
            ["businessunitid"] = new EntityReference("businessunit", dataverse.RootBusinessUnitId),
        });
        var created = service.Retrieve("systemuser", id, new ColumnSet("fullname")).GetAttributeValue<string>("fullname");
        service.Update(new Entity("systemuser", id) { ["lastname"] = "Davolio" });

        Assert.Equal("Nancy Anderson", created);
        Assert.Equal("Nancy Davolio", service.Retrieve("systemuser", id, new ColumnSet("fullname")).GetAttributeValue<string>("fullname"));
    }
}
