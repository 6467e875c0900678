using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// FetchXML's filter link types (fetchxml/reference/link-entity, "link-type options" and "Filter Link Types"): any, not any, all and
/// not all, used "inside of a filter element … child conditions following the behavior defined by the type attribute of the parent
/// filter"; "all" "includes parent rows which have no link entity rows with matching from values at all". Microsoft's examples are
/// contacts filtered by the accounts whose primarycontactid references them. A link-entity inside a filter was refused as not
/// supported; it now filters as described.
/// </summary>
public sealed class FilterLinkTypeProbes
{
    [Theory]
    [InlineData("and", "any", "", new[] { "Susanna", "Thomas", "Yvonne" })]
    [InlineData("and", "not any", "", new[] { "Idle", "Nobody" })]
    [InlineData("and", "all", "<filter><condition attribute='name' operator='eq' value='Contoso' /></filter>", new[] { "Idle", "Nobody", "Yvonne" })]
    [InlineData("and", "not all", "<filter><condition attribute='name' operator='eq' value='Contoso' /></filter>", new[] { "Susanna", "Thomas" })]
    [InlineData("or", "any", "", new[] { "Idle", "Susanna", "Thomas", "Yvonne" })]
    public void ContactsReferencedByAccounts_FilterAsTheLinkTypeDescribes(string filterType, string linkType, string linkFilter, string[] expected)
    {
        using var dataverse = World(out var service);
        var fetch = $"""
            <fetch>
              <entity name='contact'>
                <attribute name='lastname' />
                <order attribute='lastname' />
                <filter type='{filterType}'>
                  <link-entity name='account' from='primarycontactid' to='contactid' link-type='{linkType}'>{linkFilter}</link-entity>
                  {(filterType == "or" ? "<condition attribute='statecode' operator='eq' value='1' />" : string.Empty)}
                </filter>
              </entity>
            </fetch>
            """;

        var rows = service.RetrieveMultiple(new FetchExpression(fetch));

        Assert.Equal(expected, rows.Entities.Select(row => row.GetAttributeValue<string>("lastname")).ToArray());
        Assert.All(rows.Entities, row => Assert.DoesNotContain(row.Attributes.Keys, key => key.Contains('.', StringComparison.Ordinal)));
    }

    [Fact]
    public void AFilterLinkType_ReturningColumns_OrOutsideAFilter_IsRefused()
    {
        using var dataverse = World(out var service);

        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => service.RetrieveMultiple(new FetchExpression(
            "<fetch><entity name='contact'><filter><link-entity name='account' from='primarycontactid' to='contactid' link-type='any'><attribute name='name' /></link-entity></filter></entity></fetch>")));
        Assert.Equal(unchecked((int)0x80040315), FaultAssert.Throws(unchecked((int)0x80040315), () => service.RetrieveMultiple(new FetchExpression(
            "<fetch><entity name='contact'><link-entity name='account' from='primarycontactid' to='contactid' link-type='any' /></entity></fetch>"))).ErrorCode);
    }

    /// <summary>Contacts Yvonne (primary contact of a Contoso), Thomas (of a Contoso and a Fabrikam), Susanna (of a Fabrikam), Nobody and Idle (inactive), of none.</summary>
    private static LocalDataverse World(out IOrganizationService service)
    {
        var dataverse = new LocalDataverse();
        service = dataverse.GetOrganizationService();
        var yvonne = Contact(service, "Yvonne");
        var thomas = Contact(service, "Thomas");
        var susanna = Contact(service, "Susanna");
        Contact(service, "Nobody");
        var idle = Contact(service, "Idle");
        service.Update(new Entity("contact", idle) { ["statecode"] = new OptionSetValue(1) });
        Account(service, "Contoso", yvonne);
        Account(service, "Contoso", thomas);
        Account(service, "Fabrikam", thomas);
        Account(service, "Fabrikam", susanna);
        return dataverse;
    }

    private static Guid Contact(IOrganizationService service, string lastName) => service.Create(new Entity("contact") { ["lastname"] = lastName });

    private static void Account(IOrganizationService service, string name, Guid primaryContact) =>
        service.Create(new Entity("account") { ["name"] = name, ["primarycontactid"] = new EntityReference("contact", primaryContact) });
}
