using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 10: a FetchXML flag that is not 'true', 'false', '1' or '0', and an unknown link-type, fault with the codes and sentences
/// Microsoft's "Web service error codes" list gives them (reference/web-service-error-codes); they were 0x8004111C (an invalid node)
/// and our own wording. 1 and 0 are read as true and false, as the sentences say.
/// </summary>
public sealed class FetchXmlFlagFaultProbes
{
    private static OrganizationServiceFault Fault(string fetch)
    {
        using var dataverse = new LocalDataverse();
        return Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => dataverse.GetOrganizationService().RetrieveMultiple(new FetchExpression(fetch))).Detail;
    }

    [Theory]
    [InlineData("<fetch distinct='yes'><entity name='account'><attribute name='name' /></entity></fetch>", "distinct", 0x80041115)]
    [InlineData("<fetch><entity name='account'><attribute name='name' /><order attribute='name' descending='yes' /></entity></fetch>", "descending", 0x80041119)]
    [InlineData("<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' groupby='yes' /><attribute name='accountid' alias='c' aggregate='count' /></entity></fetch>", "groupby", 0x8004112E)]
    [InlineData("<fetch useraworderby='yes'><entity name='account'><attribute name='name' /></entity></fetch>", "useraworderby", 0x800410FD)]
    public void AFlagThatIsNotTrueFalseOneOrZero_FaultsWithItsPublishedCode(string fetch, string flag, uint code)
    {
        var fault = Fault(fetch);

        Assert.Equal(unchecked((int)code), fault.ErrorCode);
        Assert.StartsWith($"The only valid values for {flag} attribute are 'true', 'false', '1', and '0'.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneAndZero_AreFlags()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        service.Create(new Entity("account") { ["name"] = "Alpha" });
        service.Create(new Entity("account") { ["name"] = "Beta" });

        var rows = service.RetrieveMultiple(new FetchExpression("<fetch distinct='0'><entity name='account'><attribute name='name' /><order attribute='name' descending='1' /></entity></fetch>")).Entities;

        Assert.Equal(["Beta", "Alpha"], rows.Select(row => row.GetAttributeValue<string>("name")));
    }

    [Fact]
    public void AnUnknownLinkType_IsQueryBuilderDeserializeInvalidLinkType_WithItsPublishedSentence()
    {
        var fault = Fault("<fetch><entity name='account'><attribute name='name' /><link-entity name='contact' from='parentcustomerid' to='accountid' link-type='left' /></entity></fetch>");

        Assert.Equal(unchecked((int)0x80041117), fault.ErrorCode);
        Assert.StartsWith("The only valid values for link-type attribute are 'natural', 'inner','in','exists','matchfirstrowusingcrossapply' and 'outer'.", fault.Message, StringComparison.Ordinal);
    }
}
