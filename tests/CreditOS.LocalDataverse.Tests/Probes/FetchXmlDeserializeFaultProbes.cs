using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 12: FetchXML that Dataverse's deserializer refuses with a fault of its own in Microsoft's "Web service error codes" list
/// (reference/web-service-error-codes, include data-service-error-codes.md). Before round 12 the local Dataverse answered the
/// `mapping` and `no-lock` cases as if they were valid, and the others with InvalidNode 0x8004111C or InvalidXml in our words.
/// </summary>
public sealed class FetchXmlDeserializeFaultProbes
{
    private static OrganizationServiceFault Fault(string? fetchXml)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        service.Create(new Entity("account") { ["name"] = "Contoso" });
        return Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.RetrieveMultiple(new FetchExpression(fetchXml))).Detail;
    }

    private static EntityCollection Rows(string fetchXml)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        service.Create(new Entity("account") { ["name"] = "Contoso" });
        return service.RetrieveMultiple(new FetchExpression(fetchXml));
    }

    [Fact]
    public void AMappingOtherThanLogicalOrInternal_IsQueryBuilderDeserializeInvalidMapping()
    {
        // QueryBuilderDeserializeInvalidMapping 0x80041116: "The only valid values for mapping are 'logical' or 'internal' which is deprecated."
        var fault = Fault("<fetch mapping='physical'><entity name='account'><attribute name='name' /></entity></fetch>");

        Assert.Equal(unchecked((int)0x80041116), fault.ErrorCode);
        Assert.StartsWith("The only valid values for mapping are 'logical' or 'internal' which is deprecated.", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("logical")]
    [InlineData("internal")]
    public void TheTwoValidMappings_AreRead(string mapping)
    {
        Assert.Single(Rows($"<fetch mapping='{mapping}'><entity name='account'><attribute name='name' /></entity></fetch>").Entities);
    }

    [Fact]
    public void ANoLockThatIsNotAFlag_IsQueryBuilderDeserializeInvalidNoLock()
    {
        // QueryBuilderDeserializeInvalidNoLock 0x80041118: "The only valid values for no-lock attribute are 'true', 'false', '1', and '0'."
        var fault = Fault("<fetch no-lock='yes'><entity name='account'><attribute name='name' /></entity></fetch>");

        Assert.Equal(unchecked((int)0x80041118), fault.ErrorCode);
        Assert.StartsWith("The only valid values for no-lock attribute are 'true', 'false', '1', and '0'.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UtcOffset_IsQueryBuilderDeserializeInvalidUtcOffset()
    {
        // QueryBuilderDeserializeInvalidUtcOffset 0x8004111D: "The utc-offset attribute is not supported for deserialization."
        var fault = Fault("<fetch utc-offset='60'><entity name='account'><attribute name='name' /></entity></fetch>");

        Assert.Equal(unchecked((int)0x8004111D), fault.ErrorCode);
        Assert.StartsWith("The utc-offset attribute is not supported for deserialization.", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void AnEmptyQuery_IsQueryBuilderDeserializeEmptyXml(string? fetchXml)
    {
        // QueryBuilderDeserializeEmptyXml 0x80041124: "Xml String can't be null."
        var fault = Fault(fetchXml);

        Assert.Equal(unchecked((int)0x80041124), fault.ErrorCode);
        Assert.StartsWith("Xml String can't be null.", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("to='primarycontactid'")]
    [InlineData("from='contactid'")]
    public void ALinkEntityWithOnlyOneOfFromAndTo_IsQueryBuilderAttributePairMismatch(string oneSide)
    {
        // QueryBuilderAttributePairMismatch 0x80041111: "AttributeFrom and AttributeTo must be either both specified or both omitted."
        var fault = Fault($"<fetch><entity name='account'><attribute name='name' /><link-entity name='contact' {oneSide} /></entity></fetch>");

        Assert.Equal(unchecked((int)0x80041111), fault.ErrorCode);
        Assert.StartsWith("AttributeFrom and AttributeTo must be either both specified or both omitted.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkEntityWithNeitherFromNorTo_FailsLoudly_AsNotImplemented()
    {
        // Both omitted is allowed by that sentence: Dataverse then looks for a system many-to-many relationship between the two tables
        // (a live answer quoted by markcarrington.dev, "Inside FetchXML pt 10"). The local Dataverse does not infer joins.
        var fault = Fault("<fetch><entity name='account'><attribute name='name' /><link-entity name='contact' /></entity></fetch>");

        Assert.Equal(unchecked((int)0x80040315), fault.ErrorCode);
        Assert.Contains("from and to", fault.Message, StringComparison.Ordinal);
    }
}
