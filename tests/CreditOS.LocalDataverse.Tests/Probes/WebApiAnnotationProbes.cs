using System.Globalization;
using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// <c>Prefer: odata.include-annotations</c> as Microsoft documents it ("Formatted values" and "Lookup property data",
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns; "Request annotations",
/// …/webapi/compose-http-requests-handle-errors): each property gets <c>@OData.Community.Display.V1.FormattedValue</c>
/// (choice and yes/no labels, a lookup's primary name, "$20,000.00" for a currency value, dates, numbers with grouping),
/// a lookup <c>@Microsoft.Dynamics.CRM.lookuplogicalname</c> and <c>@Microsoft.Dynamics.CRM.associatednavigationproperty</c>
/// ("ownerid" for the owner), "*" includes all, and the answer carries <c>Preference-Applied</c>. Text and ids have no
/// formatted value. The local users have English (United States) settings in UTC; what those settings cannot decide
/// faithfully (a negative amount) answers 501 rather than an invented text.
/// </summary>
public sealed class WebApiAnnotationProbes
{
    private const string FormattedValue = "OData.Community.Display.V1.FormattedValue";
    private const string Formatted = "@" + FormattedValue;
    private static readonly Guid Dollar = new("a9940000-0000-4000-8000-000000000001");

    [Fact]
    public async Task FormattedValues_OfAnAccount_AreTheLabelsNamesAndNumbersAsDataverseFormatsThem()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = AnAccount(host.Service, 20_000m);
        var createdOn = host.Service.Retrieve("account", account, new ColumnSet("createdon")).GetAttributeValue<DateTime>("createdon");

        var answer = await host.GetAsync(
            $"accounts({account})?$select=name,creditlimit,numberofemployees,paymenttermscode,creditonhold,cos_limitreviewon,createdon,statecode,_transactioncurrencyid_value",
            ("Prefer", $"odata.include-annotations=\"{FormattedValue}\""));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var row = answer.Json;
        Assert.Equal("$20,000.00", row["creditlimit" + Formatted]!.GetValue<string>());
        Assert.Equal("5,000", row["numberofemployees" + Formatted]!.GetValue<string>());
        Assert.Equal("Net 45", row["paymenttermscode" + Formatted]!.GetValue<string>());
        Assert.Equal("Yes", row["creditonhold" + Formatted]!.GetValue<string>());
        Assert.Equal("3/31/2026", row["cos_limitreviewon" + Formatted]!.GetValue<string>());
        Assert.Equal(createdOn.ToString("M/d/yyyy h:mm tt", CultureInfo.InvariantCulture), row["createdon" + Formatted]!.GetValue<string>());
        Assert.Equal("Active", row["statecode" + Formatted]!.GetValue<string>());
        Assert.Equal("US Dollar", row["_transactioncurrencyid_value" + Formatted]!.GetValue<string>());
        Assert.Null(row["name" + Formatted]);
        Assert.Null(row["accountid" + Formatted]);
        Assert.Null(row["_transactioncurrencyid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]); // not asked for
        Assert.Equal($"odata.include-annotations=\"{FormattedValue}\"", answer.Headers["Preference-Applied"]);
    }

    [Fact]
    public async Task Star_IncludesTheLookupAnnotations_OnAQuery()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = AnAccount(host.Service, 10m);
        host.Service.Create(new Entity("cos_payment")
        {
            ["cos_amount"] = new Money(12.5m),
            ["cos_accountid"] = new EntityReference("account", account),
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", Dollar),
        });

        var answer = await host.GetAsync("cos_payments?$select=cos_amount,_cos_accountid_value,_ownerid_value", ("Prefer", "odata.include-annotations=\"*\""));

        var row = answer.Json["value"]![0]!;
        Assert.Equal("$12.50", row["cos_amount" + Formatted]!.GetValue<string>());
        Assert.Equal("Contoso", row["_cos_accountid_value" + Formatted]!.GetValue<string>());
        Assert.Equal("account", row["_cos_accountid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]!.GetValue<string>());
        Assert.Equal("cos_AccountId", row["_cos_accountid_value@Microsoft.Dynamics.CRM.associatednavigationproperty"]!.GetValue<string>());
        Assert.Equal("systemuser", row["_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]!.GetValue<string>());
        Assert.Equal("ownerid", row["_ownerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty"]!.GetValue<string>());
        Assert.Equal("SYSTEM", row["_ownerid_value" + Formatted]!.GetValue<string>());
        Assert.Equal("odata.include-annotations=\"*\"", answer.Headers["Preference-Applied"]);
    }

    [Fact]
    public async Task OnlyTheLookupAnnotationsAsked_AreReturned()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = AnAccount(host.Service, 10m);

        var answer = await host.GetAsync($"accounts({account})?$select=name,creditlimit,_ownerid_value",
            ("Prefer", "odata.include-annotations=\"Microsoft.Dynamics.CRM.associatednavigationproperty,Microsoft.Dynamics.CRM.lookuplogicalname\""));

        Assert.Equal("systemuser", answer.Json["_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]!.GetValue<string>());
        Assert.Null(answer.Json["creditlimit" + Formatted]);
        Assert.Null(answer.Json["_ownerid_value" + Formatted]);
    }

    [Fact]
    public async Task TheCountAnnotations_GiveTheCountUpTo5000_OrMinusOneWithoutCount()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        AnAccount(host.Service, 10m);
        const string Prefer = "odata.include-annotations=\"Microsoft.Dynamics.CRM.totalrecordcount,Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded\"";

        var counted = await host.GetAsync("accounts?$select=name&$count=true", ("Prefer", Prefer));
        var uncounted = await host.GetAsync("accounts?$select=name", ("Prefer", Prefer));

        Assert.Equal(1, counted.Json["@Microsoft.Dynamics.CRM.totalrecordcount"]!.GetValue<int>());
        Assert.False(counted.Json["@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded"]!.GetValue<bool>());
        Assert.Equal(-1, uncounted.Json["@Microsoft.Dynamics.CRM.totalrecordcount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Star_WithoutSelect_AnnotatesEveryPropertyOfTheRow()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = AnAccount(host.Service, 10m);

        var answer = await host.GetAsync($"accounts({account})", ("Prefer", "odata.include-annotations=\"*\""));

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        Assert.Equal("Active", answer.Json["statecode" + Formatted]!.GetValue<string>());
        Assert.Equal("SYSTEM", answer.Json["_createdby_value" + Formatted]!.GetValue<string>());
        Assert.Equal(answer.Json["versionnumber"]!.GetValue<long>().ToString("N0", CultureInfo.InvariantCulture), answer.Json["versionnumber" + Formatted]!.GetValue<string>());
    }

    [Fact]
    public async Task AnError_WithStar_CarriesTheHelpLinkAndInnerMessage()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new System.Text.Json.Nodes.JsonObject { ["name"] = new string('x', 161) }, ("Prefer", "odata.include-annotations=\"*\""));

        var error = answer.Json["error"]!;
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("http://go.microsoft.com/fwlink/?LinkID=398563&error=Microsoft.Crm.CrmException%3a80044331&client=platform",
            error["@Microsoft.PowerApps.CDS.HelpLink"]!.GetValue<string>());
        Assert.Equal(answer.ErrorMessage, error["@Microsoft.PowerApps.CDS.InnerError.Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutThePreference_NoAnnotationIsReturned()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = AnAccount(host.Service, 10m);

        var answer = await host.GetAsync($"accounts({account})?$select=creditlimit,_ownerid_value");

        Assert.DoesNotContain(answer.Json.AsObject(), property => property.Key.Contains('@', StringComparison.Ordinal) && property.Key != "@odata.etag" && property.Key != "@odata.context");
        Assert.False(answer.Headers.ContainsKey("Preference-Applied"));
    }

    [Fact]
    public async Task ANegativeAmount_WhoseFormatIsAUserSetting_IsRefusedLoudly()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = AnAccount(host.Service, 10m);
        host.Service.Update(new Entity("account", account) { ["cos_exposure"] = new Money(-250m) });

        var answer = await host.GetAsync($"accounts({account})?$select=cos_exposure", ("Prefer", "odata.include-annotations=\"*\""));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Contains("negative", answer.ErrorMessage, StringComparison.Ordinal);
    }

    private static Guid AnAccount(IOrganizationService service, decimal creditLimit)
    {
        service.Create(new Entity("transactioncurrency", Dollar)
        {
            ["isocurrencycode"] = "USD",
            ["currencyname"] = "US Dollar",
            ["currencysymbol"] = "$",
            ["exchangerate"] = 1m,
            ["currencyprecision"] = 2,
        });
        return service.Create(new Entity("account")
        {
            ["name"] = "Contoso",
            ["creditlimit"] = new Money(creditLimit),
            ["numberofemployees"] = 5_000,
            ["paymenttermscode"] = new OptionSetValue(3),
            ["creditonhold"] = true,
            ["cos_limitreviewon"] = new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc),
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", Dollar),
        });
    }
}
