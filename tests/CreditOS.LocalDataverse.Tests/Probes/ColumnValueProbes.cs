using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// A value the column's metadata does not allow is refused on Create as Dataverse refuses it, the row not created
/// (Web service error codes: QueryBuilderNoEntity 0x80041102, QueryBuilderNoAttribute 0x80041103, StringLengthTooLong
/// 0x80044331, ValueOutOfRange 0x8004431A, InvalidArgument 0x80040203). Business-required (ApplicationRequired) columns
/// are not enforced by the server, only SystemRequired ones ("Column requirement level": "the platform only enforces
/// SystemRequired", learn.microsoft.com/power-apps/developer/data-platform/entity-attribute-metadata#column-requirement-level).
/// </summary>
public sealed class ColumnValueProbes
{
    [Theory]
    [InlineData("nosuchtable", "name", "x", -2147217150)]                                            // 0x80041102
    [InlineData("account", "nosuchcolumn", "x", -2147217149)]                                        // 0x80041103
    public void AnUnknownTableOrColumn_IsRefused(string table, string column, string value, int code)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        FaultAssert.Throws(code, () => service.Create(new Entity(table) { [column] = value }));
    }

    public static TheoryData<string, object, int> RefusedAccountValues => new()
    {
        { "name", new string('x', 161), DataverseErrorCodes.StringLengthTooLong },            // MaxLength 160
        { "creditlimit", new Money(100_000_000_000_001m), DataverseErrorCodes.ValueOutOfRange }, // MaxValue 100,000,000,000,000
        { "creditlimit", new Money(-1m), DataverseErrorCodes.ValueOutOfRange },                  // MinValue 0
        { "cos_riskscore", 100.01m, DataverseErrorCodes.ValueOutOfRange },                        // decimal 0..100
        { "cos_oldestoverduedays", 100_001, DataverseErrorCodes.ValueOutOfRange },                // integer 0..100,000
        { "cos_risklevel", new OptionSetValue(7), DataverseErrorCodes.ValueOutOfRange },           // not an option of the choice
        { "creditlimit", 50m, DataverseErrorCodes.InvalidArgument },                              // a decimal for Money
        { "cos_risklevel", 1, DataverseErrorCodes.InvalidArgument },                              // an int for a choice
        { "name", 42, DataverseErrorCodes.InvalidArgument },                                      // a number for text
    };

    [Theory]
    [MemberData(nameof(RefusedAccountValues))]
    public void AValueTheColumnDoesNotAllow_IsRefused_AndNoRowIsCreated(string column, object value, int code)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        FaultAssert.Throws(code, () => service.Create(new Entity("account") { ["accountnumber"] = "PROBE", [column] = value }));

        Assert.Empty(service.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("account") { ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet("accountnumber") }).Entities);
    }

    [Fact]
    public void ApplicationRequiredColumns_AreNotEnforced_ButSystemRequiredOnesAre()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = service.Create(new Entity("account") { ["name"] = "Contoso" });

        // cos_payment: cos_sourcesystem, cos_erpid and cos_accountid are ApplicationRequired.
        var payment = service.Create(new Entity("cos_payment") { ["cos_amount"] = new Money(10m) });
        // salesorder.customerid is SystemRequired.
        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => service.Create(new Entity("salesorder") { ["name"] = "SO-1" }));

        Assert.NotEqual(Guid.Empty, payment);
        Assert.NotEqual(Guid.Empty, account);
    }
}
