using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 23 (session 31): two behaviours Microsoft publishes with worked examples, replayed exactly. Both already held locally (controls).
/// </summary>
public sealed class PublishedExampleProbes
{
    /// <summary>
    /// "The Entity.Id Property will be used if it is provided. If it is not provided, it will examine the KeyAttributeCollection"
    /// (Use an alternate key to reference a record, "Exceptions when using alternate keys with the SDK for .NET").
    /// </summary>
    [Fact]
    public void AnUpdateWithBothAnIdAndKeyAttributes_WritesTheRowOfTheId()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var keyed = service.Create(new Entity("account") { ["name"] = "Keyed", ["accountnumber"] = "ACC-1" });
        var other = service.Create(new Entity("account") { ["name"] = "Other" });

        var target = new Entity("account", other) { ["description"] = "written" };
        target.KeyAttributes["accountnumber"] = "ACC-1";
        service.Update(target);

        Assert.Equal("written", service.Retrieve("account", other, new ColumnSet("description")).GetAttributeValue<string>("description"));
        Assert.Null(service.Retrieve("account", keyed, new ColumnSet("description")).GetAttributeValue<string>("description"));
    }

    /// <summary>
    /// "Aggregate data using FetchXml" (fetchxml/aggregate-data): ten accounts, one without a number of employees and a city; avg,
    /// count, countcolumn, max, min and sum give 3,911 / 10 / 9 / 6,200 / 1,500 / 35,200 ("Null values aren't considered"), countcolumn
    /// distinct 8, and grouped by city the NULL group comes first with Total 0 and Count 1, Redmond 10,600 and 3.
    /// </summary>
    [Fact]
    public void MicrosoftsAggregateExample_GivesThePublishedFigures()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var rows = new (int? Employees, string Name, string? City)[]
        {
            (null, "Example Account", null), (1500, "Contoso Pharmaceuticals (sample)", "Redmond"), (2700, "Fabrikam, Inc. (sample)", "Lynnwood"),
            (2900, "Blue Yonder Airlines (sample)", "Los Angeles"), (2900, "City Power & Light (sample)", "Redmond"), (3900, "Coho Winery (sample)", "Phoenix"),
            (4300, "Adventure Works (sample)", "Santa Cruz"), (4800, "Alpine Ski House (sample)", "Missoula"), (6000, "Litware, Inc. (sample)", "Dallas"),
            (6200, "A. Datum Corporation (sample)", "Redmond"),
        };
        foreach (var (employees, name, city) in rows)
        {
            service.Create(new Entity("account") { ["name"] = name, ["address1_city"] = city, ["numberofemployees"] = employees });
        }

        var totals = service.RetrieveMultiple(new FetchExpression(
            "<fetch aggregate='true'><entity name='account'>" +
            "<attribute name='numberofemployees' alias='Average' aggregate='avg' /><attribute name='numberofemployees' alias='Count' aggregate='count' />" +
            "<attribute name='numberofemployees' alias='ColumnCount' aggregate='countcolumn' /><attribute name='numberofemployees' alias='Maximum' aggregate='max' />" +
            "<attribute name='numberofemployees' alias='Minimum' aggregate='min' /><attribute name='numberofemployees' alias='Sum' aggregate='sum' />" +
            "</entity></fetch>")).Entities.Single();
        var distinct = service.RetrieveMultiple(new FetchExpression(
            "<fetch aggregate='true'><entity name='account'><attribute name='numberofemployees' alias='ColumnCount' aggregate='countcolumn' distinct='true' /></entity></fetch>"))
            .Entities.Single();
        var byCity = service.RetrieveMultiple(new FetchExpression(
            "<fetch aggregate='true'><entity name='account'><attribute name='numberofemployees' alias='Total' aggregate='sum' />" +
            "<attribute name='address1_city' alias='Count' aggregate='count' /><attribute name='address1_city' alias='City' groupby='true' /><order alias='City' />" +
            "</entity></fetch>")).Entities;

        Assert.Equal(3911m, Math.Truncate(Convert.ToDecimal(Value(totals, "Average"), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(10, Value(totals, "Count"));
        Assert.Equal(9, Value(totals, "ColumnCount"));
        Assert.Equal(6200, Value(totals, "Maximum"));
        Assert.Equal(1500, Value(totals, "Minimum"));
        Assert.Equal(35200, Value(totals, "Sum"));
        Assert.Equal(8, Value(distinct, "ColumnCount"));
        Assert.Equal(
            ["NULL 0 1", "Dallas 6000 1", "Los Angeles 2900 1", "Lynnwood 2700 1", "Missoula 4800 1", "Phoenix 3900 1", "Redmond 10600 3", "Santa Cruz 4300 1"],
            byCity.Select(group => $"{Value(group, "City") ?? "NULL"} {Value(group, "Total")} {Value(group, "Count")}").ToArray());
    }

    private static object? Value(Entity row, string alias) => row.GetAttributeValue<AliasedValue>(alias)?.Value;
}
