using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 12: the natural join. Microsoft lists it among the valid link types ("The only valid values for link-type attribute are
/// 'natural', 'inner', …", QueryBuilderDeserializeInvalidLinkType) and describes JoinOperator.Natural as "Only one value of the two
/// joined columns is returned if an equal-join operation is performed and the two values are identical" (queryexpression/join-tables);
/// a live comparison of the SQL Dataverse generates found it "a synonym for inner … it generates exactly the same SQL"
/// (markcarrington.dev, "Inside FetchXML pt 10 – link-entity (again)"). The local Dataverse refused it as not implemented.
/// </summary>
public sealed class NaturalJoinProbes
{
    private static (LocalDataverse Dataverse, IOrganizationService Service) World()
    {
        var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var contact = service.Create(new Entity("contact") { ["lastname"] = "Alpha" });
        service.Create(new Entity("account") { ["name"] = "Linked", ["primarycontactid"] = new EntityReference("contact", contact) });
        service.Create(new Entity("account") { ["name"] = "Alone" });
        return (dataverse, service);
    }

    [Fact]
    public void AFetchXmlNaturalLink_AnswersAsInner()
    {
        var (dataverse, service) = World();
        using var _ = dataverse;
        const string Template = "<fetch><entity name='account'><attribute name='name' /><link-entity name='contact' from='contactid' to='primarycontactid' link-type='{0}' alias='pc'><attribute name='lastname' /></link-entity></entity></fetch>";

        var natural = service.RetrieveMultiple(new FetchExpression(string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, "natural"))).Entities;
        var inner = service.RetrieveMultiple(new FetchExpression(string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, "inner"))).Entities;

        Assert.Equal(["Linked"], natural.Select(row => row.GetAttributeValue<string>("name")));
        Assert.Equal("Alpha", natural.Single().GetAttributeValue<AliasedValue>("pc.lastname").Value);
        Assert.Equal(inner.Select(row => row.Id), natural.Select(row => row.Id));
    }

    [Fact]
    public void AQueryExpressionNaturalJoin_AnswersAsInner()
    {
        var (dataverse, service) = World();
        using var _ = dataverse;
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        var link = query.AddLink("contact", "primarycontactid", "contactid", JoinOperator.Natural);
        link.EntityAlias = "pc";
        link.Columns = new ColumnSet("lastname");

        var rows = service.RetrieveMultiple(query).Entities;

        Assert.Equal(["Linked"], rows.Select(row => row.GetAttributeValue<string>("name")));
        Assert.Equal("Alpha", rows.Single().GetAttributeValue<AliasedValue>("pc.lastname").Value);
    }
}
