using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Security;

/// <summary>Platform rules met while making security real: intersect tables and the standard tables' own columns.</summary>
public sealed class PlatformRuleTests
{
    [Theory]
    [InlineData("teammembership")]
    [InlineData("systemuserroles")]
    public void Create_OnAnIntersectTable_IsRefused_EvenForSystem_AssociateIsTheWay(string intersect)
    {
        using var env = SecurityTestSetup.Solution();
        var before = env.Dataverse.Count(intersect);

        var fault = FaultAssert.Throws(DataverseErrorCodes.SdkEntityDoesNotSupportMessage, () => env.System.Create(new Entity(intersect)));

        Assert.Equal($"The 'Create' method does not support entities of type '{intersect}'. MessageProcessorCache returned MessageProcessor.Empty. ", fault.Message);
        Assert.Equal(before, env.Dataverse.Count(intersect));
    }

    [Fact]
    public void Account_CarriesItsStandardColumns_DescriptionAndTelephone()
    {
        using var env = SecurityTestSetup.Solution();

        var id = env.Service.Create(new Entity("account")
        {
            ["name"] = "Contoso",
            ["description"] = "Key account since 2019.",
            ["telephone1"] = "+44 20 7946 0000",
            ["emailaddress1"] = "ap@contoso.example",
            ["address1_city"] = "London",
            ["numberofemployees"] = 250,
        });

        var row = env.Service.Retrieve("account", id, new ColumnSet("description", "telephone1", "address1_city", "numberofemployees"));
        Assert.Equal("Key account since 2019.", row.GetAttributeValue<string>("description"));
        Assert.Equal("+44 20 7946 0000", row.GetAttributeValue<string>("telephone1"));
        Assert.Equal("London", row.GetAttributeValue<string>("address1_city"));
        Assert.Equal(250, row.GetAttributeValue<int>("numberofemployees"));
    }

    [Fact]
    public void StandardColumns_HaveTheirRealMaxLength()
    {
        using var env = SecurityTestSetup.Solution();

        FaultAssert.Throws(DataverseErrorCodes.StringLengthTooLong, () => env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["telephone1"] = new string('1', 51) }));
    }

    [Fact]
    public void AColumnAStandardTableDoesNotHave_IsStillRefused()
    {
        using var env = SecurityTestSetup.Solution();

        FaultAssert.Throws(DataverseErrorCodes.QueryBuilderNoAttribute, () => env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["favouritecolour"] = "Blue" }));
    }
}
