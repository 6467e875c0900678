using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// A row as the Web API returns it ("Retrieve a table row using the Web API",
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/retrieve-entity-using-web-api): every property asked for
/// is there, null when the column has no value (the organization service leaves such columns out); a lookup is its
/// _column_value; the row carries @odata.etag whatever $select names.
/// </summary>
public sealed class WebApiRowShapeProbes
{
    [Fact]
    public async Task SelectedColumnsWithoutAValue_AreReturnedAsNull_InARowAndInACollection()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);

        var row = (await host.GetAsync($"accounts({id})?$select=name,accountnumber,_parentaccountid_value")).Json.AsObject();
        var listed = (await host.GetAsync("accounts?$select=name,accountnumber")).Json["value"]![0]!.AsObject();

        Assert.Equal("Contoso", row["name"]!.GetValue<string>());
        Assert.True(row.ContainsKey("accountnumber") && row["accountnumber"] is null);
        Assert.True(row.ContainsKey("_parentaccountid_value") && row["_parentaccountid_value"] is null);
        Assert.StartsWith("W/\"", row["@odata.etag"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(listed.ContainsKey("accountnumber") && listed["accountnumber"] is null);
        Assert.False(listed.ContainsKey("parentaccountid"));
    }

    [Fact]
    public async Task WithoutSelect_EveryReadableProperty_IsReturned()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);

        var row = (await host.GetAsync($"accounts({id})")).Json.AsObject();

        Assert.True(row.ContainsKey("description") && row["description"] is null);
        Assert.True(row.ContainsKey("_ownerid_value") && row["_ownerid_value"] is JsonValue);
        Assert.False(row.ContainsKey("ownerid"));
    }
}
