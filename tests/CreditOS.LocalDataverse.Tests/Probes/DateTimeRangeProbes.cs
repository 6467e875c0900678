using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The earliest date and time value (fidelity round 6): "All date and time columns in Dataverse support values as early as 1/1/1753
/// 12:00 AM" (Configure the behavior and format of the date and time column by using code, behavior-format-date-time-attribute;
/// DateTimeAttributeMetadata.MinSupportedValue). An earlier value was stored, through the organization service and the Web API.
/// Microsoft publishes no code or wording for the refusal: InvalidArgument 0x80040203 (400), our wording with the figures.
/// </summary>
public sealed class DateTimeRangeProbes
{
    [Theory]
    [InlineData("cos_limitreviewon")] // DateOnly
    [InlineData("cos_lastscoredon")] // date and time, user local
    public void AValueBefore1753_IsRefused_AndTheEarliestIsStored(string column)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        var fault = FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () =>
            service.Create(new Entity("account") { ["name"] = "Too early", [column] = new DateTime(1752, 12, 31, 0, 0, 0, DateTimeKind.Utc) }));
        var id = service.Create(new Entity("account") { ["name"] = "Earliest", [column] = new DateTime(1753, 1, 1, 0, 0, 0, DateTimeKind.Utc) });

        Assert.Contains("1/1/1753", fault.Message, StringComparison.Ordinal);
        Assert.Contains(column, fault.Message, StringComparison.Ordinal);
        Assert.Equal(new DateTime(1753, 1, 1), service.Retrieve("account", id, new ColumnSet(column)).GetAttributeValue<DateTime>(column));
        Assert.Single(service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
    }

    [Fact]
    public async Task AnEdmDateBefore1753_IsRefusedOverTheWebApi()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Too early", ["cos_limitreviewon"] = "1700-01-01" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80040203", answer.ErrorCode);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
    }
}
