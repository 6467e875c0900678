using CreditOS.Integration.Worker.Dataverse;

namespace CreditOS.Integration.Tests.WebApi;

/// <summary>
/// The worker's alternate-key segments never carry what Dataverse's URI parser refuses (local-dataverse README, "Web API round 15
/// (session 23)"): a column named twice answers 400 "Bad Request - Error in query syntax.", and no key values at all would address
/// the entity set itself (<c>cos_payments()</c>), so both are refused before anything is sent.
/// </summary>
public sealed class ODataKeySegmentTests
{
    [Fact]
    public void AColumnNamedTwice_IsRefusedBeforeSending_WithTheColumnAndCount()
    {
        var refused = Assert.Throws<ArgumentException>(() =>
            ODataKey.For("cos_payments", ("cos_erpid", ODataKey.Text("1")), ("cos_erpid", ODataKey.Text("2"))));

        Assert.Contains("'cos_erpid' 2 times", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoKeyValues_IsRefused_AndTwoDistinctColumnsMakeTheSegment()
    {
        Assert.Throws<ArgumentException>(() => ODataKey.For("cos_payments"));

        Assert.Equal(
            "cos_payments(cos_sourcesystem='SAP',cos_erpid='4711')",
            ODataKey.For("cos_payments", ("cos_sourcesystem", ODataKey.Text("SAP")), ("cos_erpid", ODataKey.Text("4711"))));
    }
}
