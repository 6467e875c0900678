using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 12: an attribute alias with a character Dataverse does not take. A live answer quoted in daryllabar/XrmUnitTest#185
/// (2025-07-30): ErrorCode -2147220891 (0x80040265) "Invalid character specified for alias: Account Name. Only characters within the
/// ranges [A-Z], [a-z] or [0-9] or _ are allowed.  The first character may only be in the ranges [A-Z], [a-z] or _." Microsoft
/// publishes no rule; before round 12 the local Dataverse answered such aliases as AliasedValue keys.
/// </summary>
public sealed class FetchXmlAliasCharacterProbes
{
    private static IOrganizationService Service(LocalDataverse dataverse)
    {
        var service = dataverse.GetOrganizationService();
        service.Create(new Entity("account") { ["name"] = "Contoso", ["numberofemployees"] = 10 });
        return service;
    }

    [Theory]
    [InlineData("<fetch><entity name='account'><attribute name='name' alias='Account Name' /></entity></fetch>", "Account Name")]
    [InlineData("<fetch aggregate='true'><entity name='account'><attribute name='numberofemployees' aggregate='sum' alias='1total' /></entity></fetch>", "1total")]
    [InlineData("<fetch><entity name='account'><attribute name='name' /><link-entity name='contact' from='contactid' to='primarycontactid' link-type='outer' alias='pc'><attribute name='lastname' alias='last-name' /></link-entity></entity></fetch>", "last-name")]
    public void AnAliasWithAnotherCharacter_OrStartingWithADigit_IsRefusedInTheLiveWording(string fetchXml, string alias)
    {
        using var dataverse = new LocalDataverse();

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service(dataverse).RetrieveMultiple(new FetchExpression(fetchXml))).Detail;

        Assert.Equal(unchecked((int)0x80040265), fault.ErrorCode);
        Assert.Equal(
            $"Invalid character specified for alias: {alias}. Only characters within the ranges [A-Z], [a-z] or [0-9] or _ are allowed.  The first character may only be in the ranges [A-Z], [a-z] or _.",
            fault.Message);
    }

    [Fact]
    public void LettersDigitsAndUnderscores_AreTaken()
    {
        using var dataverse = new LocalDataverse();

        var row = Service(dataverse).RetrieveMultiple(new FetchExpression(
            "<fetch aggregate='true'><entity name='account'><attribute name='numberofemployees' aggregate='sum' alias='_Total_2' /></entity></fetch>")).Entities.Single();

        Assert.Equal(10, row.GetAttributeValue<AliasedValue>("_Total_2").Value);
    }
}
