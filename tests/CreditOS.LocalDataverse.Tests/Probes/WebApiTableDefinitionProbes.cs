using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Session 23: the table definitions a page reads to speak to people (display names, choices with their labels, a money column's
/// precision and range, a lookup's targets), in the shapes "Query table definitions using the Web API" and "Retrieve table
/// definitions by name or MetadataId" show: one table by its LogicalName, its Attributes with the properties every attribute has,
/// Attributes cast to a type for that type's properties, OptionSet expanded. What the local host does not serve answers 501, never a
/// partial answer: the EntityDefinitions collection, a request without $select, a property it does not write, $filter, any write.
/// </summary>
public sealed class WebApiTableDefinitionProbes
{
    [Fact]
    public async Task ATable_ByLogicalName_HasItsDisplayNames_AndTheMetadataIdAlways()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("EntityDefinitions(LogicalName='cos_creditpolicy')?$select=LogicalName,DisplayName,DisplayCollectionName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var json = answer.Json;
        Assert.Equal("cos_creditpolicy", json["LogicalName"]!.GetValue<string>());
        Assert.Equal("Credit policy", json["DisplayName"]!["UserLocalizedLabel"]!["Label"]!.GetValue<string>());
        Assert.Equal(1033, json["DisplayName"]!["LocalizedLabels"]![0]!["LanguageCode"]!.GetValue<int>());
        Assert.Equal("Credit policies", json["DisplayCollectionName"]!["UserLocalizedLabel"]!["Label"]!.GetValue<string>());
        Assert.Equal("cos_creditpolicies", json["EntitySetName"]!.GetValue<string>());
        Assert.Equal("cos_name", json["PrimaryNameAttribute"]!.GetValue<string>());
        Assert.True(Guid.TryParse(json["MetadataId"]!.GetValue<string>(), out _));
        Assert.Contains("$metadata#EntityDefinitions(LogicalName='cos_creditpolicy')/$entity", json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        var again = await host.GetAsync("EntityDefinitions(LogicalName='cos_creditpolicy')?$select=LogicalName");
        Assert.Equal(json["MetadataId"]!.GetValue<string>(), again.Json["MetadataId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Attributes_CarryTheirTypeAndDisplayName_AndACastGivesThatTypesPrecisionRangeAndTargets()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var attributes = await host.GetAsync("EntityDefinitions(LogicalName='cos_creditpolicy')/Attributes?$select=LogicalName,DisplayName,AttributeType");
        Assert.True(attributes.Status == HttpStatusCode.OK, attributes.Text);
        var all = attributes.Json["value"]!.AsArray();
        var hardCap = Assert.Single(all, a => a!["LogicalName"]!.GetValue<string>() == "cos_hardcap")!;
        Assert.Equal("#Microsoft.Dynamics.CRM.MoneyAttributeMetadata", hardCap["@odata.type"]!.GetValue<string>());
        Assert.Equal("Money", hardCap["AttributeType"]!.GetValue<string>());
        Assert.Equal("Hard cap", hardCap["DisplayName"]!["UserLocalizedLabel"]!["Label"]!.GetValue<string>());

        var money = (await host.GetAsync("EntityDefinitions(LogicalName='cos_creditpolicy')/Attributes/Microsoft.Dynamics.CRM.MoneyAttributeMetadata?$select=LogicalName,Precision,PrecisionSource,MinValue,MaxValue")).Json["value"]!.AsArray();
        var cap = Assert.Single(money, a => a!["LogicalName"]!.GetValue<string>() == "cos_hardcap")!;
        Assert.Equal(2, cap["Precision"]!.GetValue<int>());
        Assert.Equal(2, cap["PrecisionSource"]!.GetValue<int>());
        Assert.Equal(0d, cap["MinValue"]!.GetValue<double>());
        Assert.Equal(100_000_000_000d, cap["MaxValue"]!.GetValue<double>());
        Assert.All(money, a => Assert.Null(a!["@odata.type"]));
        Assert.DoesNotContain(money, a => a!["LogicalName"]!.GetValue<string>() == "cos_gracedays");

        var lookup = await host.GetAsync("EntityDefinitions(LogicalName='cos_credittier')/Attributes(LogicalName='cos_creditpolicyid')/Microsoft.Dynamics.CRM.LookupAttributeMetadata?$select=LogicalName,Targets");
        Assert.Equal(HttpStatusCode.OK, lookup.Status);
        Assert.Equal(["cos_creditpolicy"], lookup.Json["Targets"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task Choices_YesNo_AndStatusReasons_CarryTheirLabels_ThroughTheExpandedOptionSet()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var picklists = (await host.GetAsync("EntityDefinitions(LogicalName='cos_creditpolicy')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options),GlobalOptionSet($select=Options)")).Json["value"]!.AsArray();
        var channel = Assert.Single(picklists, a => a!["LogicalName"]!.GetValue<string>() == "cos_trustedchannel")!;
        var options = channel["OptionSet"]!["Options"]!.AsArray();
        Assert.Contains(options, o => o!["Value"]!.GetValue<int>() == 412500002 && o["Label"]!["UserLocalizedLabel"]!["Label"]!.GetValue<string>() == "EDI");
        Assert.Equal(options.Count, channel["GlobalOptionSet"]!["Options"]!.AsArray().Count);

        var yesNo = await host.GetAsync("EntityDefinitions(LogicalName='cos_creditpolicy')/Attributes(LogicalName='cos_requiresapproval')/Microsoft.Dynamics.CRM.BooleanAttributeMetadata?$select=LogicalName&$expand=OptionSet");
        Assert.Equal("Yes", yesNo.Json["OptionSet"]!["TrueOption"]!["Label"]!["UserLocalizedLabel"]!["Label"]!.GetValue<string>());
        Assert.Equal(0, yesNo.Json["OptionSet"]!["FalseOption"]!["Value"]!.GetValue<int>());

        var status = await host.GetAsync("EntityDefinitions(LogicalName='cos_creditpolicy')/Attributes(LogicalName='statuscode')/Microsoft.Dynamics.CRM.StatusAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)");
        var inactive = Assert.Single(status.Json["OptionSet"]!["Options"]!.AsArray(), o => o!["Value"]!.GetValue<int>() == 2)!;
        Assert.Equal(1, inactive["State"]!.GetValue<int>());
        Assert.Equal("Inactive", inactive["Label"]!["UserLocalizedLabel"]!["Label"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("EntityDefinitions(LogicalName='cos_creditpolicy')", "without $select")]
    [InlineData("EntityDefinitions(LogicalName='cos_creditpolicy')?$select=IsAuditEnabled", "'IsAuditEnabled'")]
    [InlineData("EntityDefinitions(LogicalName='cos_creditpolicy')/Attributes?$select=LogicalName&$filter=AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Money'", "$filter")]
    [InlineData("EntityDefinitions(LogicalName='cos_creditpolicy')/Attributes/Microsoft.Dynamics.CRM.MoneyAttributeMetadata?$select=LogicalName,CalculationOf", "'CalculationOf'")]
    [InlineData("EntityDefinitions(LogicalName='account')/Attributes?$select=LogicalName", "standard table 'account'")]
    [InlineData("EntityDefinitions(LogicalName='cos_creditpolicy')?$select=LogicalName&$expand=OneToManyRelationships($select=SchemaName)", "$expand")]
    public async Task WhatTheLocalHostDoesNotWrite_Answers501_NotAPartialAnswer(string url, string named)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
        Assert.Contains(named, answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADerivedTypesPropertyWithoutACast_IsRefusedAsOdataDoes_AndAnUnknownTable_IsNotFound_AndNothingIsWritten()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var uncast = await host.GetAsync("EntityDefinitions(LogicalName='cos_creditpolicy')/Attributes?$select=LogicalName,Precision");
        Assert.Equal(HttpStatusCode.BadRequest, uncast.Status);
        Assert.Contains("Could not find a property named 'Precision' on type 'Microsoft.Dynamics.CRM.AttributeMetadata'", uncast.ErrorMessage, StringComparison.Ordinal);

        var unknown = await host.GetAsync("EntityDefinitions(LogicalName='cos_nosuchtable')?$select=LogicalName");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("cos_nosuchtable", unknown.ErrorMessage, StringComparison.Ordinal);

        var write = await host.SendAsync(HttpMethod.Put, "EntityDefinitions(LogicalName='cos_creditpolicy')", new JsonObject { ["LogicalName"] = "cos_creditpolicy" });
        Assert.Equal(HttpStatusCode.NotImplemented, write.Status);
    }
}
