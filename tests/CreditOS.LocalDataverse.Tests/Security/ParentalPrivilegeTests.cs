using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Security;

/// <summary>
/// Order lines have no privileges of their own in Dataverse ("There are no specific privileges for the SalesOrderDetail
/// (order product) entity"): reading a line needs Read on its order, adding, changing or removing one Write on it.
/// </summary>
public sealed class ParentalPrivilegeTests
{
    [Fact]
    public void SalesRep_WritesTheLinesOfHisOwnOrder_ButNotOfAnOrderHisBasicWriteDoesNotReach()
    {
        using var env = SecurityTestSetup.Solution();
        var sam = env.As(FixedIds.SalesRep);
        var account = env.Service.Create(new Entity("account") { ["name"] = "Contoso" });
        var his = sam.Create(new Entity("salesorder") { ["name"] = "Sam's", ["customerid"] = new EntityReference("account", account) });
        var others = env.Service.Create(new Entity("salesorder") { ["name"] = "Ada's", ["customerid"] = new EntityReference("account", account) });
        var othersLine = env.Service.Create(Line(others, 2m));

        var line = sam.Create(Line(his, 3m));
        sam.Update(new Entity("salesorderdetail", line) { ["quantity"] = 4m });
        var refused = FaultAssert.Throws(DataverseErrorCodes.AccessDenied, () => sam.Update(new Entity("salesorderdetail", othersLine) { ["quantity"] = 9m }));
        FaultAssert.Throws(DataverseErrorCodes.AccessDenied, () => sam.Create(Line(others, 1m)));
        FaultAssert.Throws(DataverseErrorCodes.AccessDenied, () => sam.Delete("salesorderdetail", othersLine));
        sam.Delete("salesorderdetail", line);

        Assert.Contains($"ObjectID: {others:D}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("ObjectTypeCode: 1088", refused.Message, StringComparison.Ordinal);
        Assert.Contains("AccessRights: WriteAccess", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2m, env.Service.Retrieve("salesorderdetail", othersLine, new ColumnSet("quantity")).GetAttributeValue<decimal>("quantity"));
        Assert.Equal(1, env.Dataverse.Count("salesorderdetail"));
    }

    private static Entity Line(Guid order, decimal quantity) => new("salesorderdetail")
    {
        ["salesorderid"] = new EntityReference("salesorder", order),
        ["productdescription"] = "Pallet",
        ["quantity"] = quantity,
    };
}
