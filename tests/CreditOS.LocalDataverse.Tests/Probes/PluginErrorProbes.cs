using System.Net;
using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// What a plug-in's InvalidPluginExecutionException becomes for the caller. "A thrown InvalidPluginExecutionException returns
/// to the caller with a friendly message and an IsvAborted error code" (learn.microsoft.com/power-apps/developer/data-platform/
/// best-practices/business-logic/use-invalidpluginexecutionexception-plugin-workflow-activities). Microsoft's Web API example
/// ("Include more details with errors", …/webapi/compose-http-requests-handle-errors): a plug-in throwing
/// (OperationStatus.Canceled, 12345, "Example Error Message.") on Create answers 400 Bad Request, code 0x80040265, with
/// <c>@Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus</c> "1" and <c>…ErrorDetails.SubErrorCode</c> "12345": the
/// plug-in's code is the SubErrorCode, never the error code. A PluginHttpStatusCode given to the constructor
/// ("…with an error message and an HTTP status code") is the answer's status.
/// </summary>
public sealed class PluginErrorProbes
{
    private const string Star = "odata.include-annotations=\"*\"";

    [Fact]
    public async Task MicrosoftsExample_AnswersIsvAborted400_WithTheCodeAsSubErrorCode()
    {
        await using var host = await StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "cos_creditpolicies", new JsonObject { ["cos_name"] = ErrorShapePlugin.CanceledWithCode }, ("Prefer", Star));

        var error = answer.Json["error"]!;
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80040265", answer.ErrorCode);
        Assert.Equal("Example Error Message.", answer.ErrorMessage);
        Assert.Equal("1", error["@Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus"]!.GetValue<string>());
        Assert.Equal("12345", error["@Microsoft.PowerApps.CDS.ErrorDetails.SubErrorCode"]!.GetValue<string>());
        Assert.Equal("http://go.microsoft.com/fwlink/?LinkID=398563&error=Microsoft.Crm.CrmException%3a80040265&client=platform",
            error["@Microsoft.PowerApps.CDS.HelpLink"]!.GetValue<string>());
    }

    [Fact]
    public void ThroughTheSdk_TheFaultIsIsvAborted_AndCarriesTheCodeAsSubErrorCode()
    {
        using var dataverse = new LocalDataverse();
        dataverse.RegisterPlugin(typeof(ErrorShapePlugin));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(
            () => dataverse.GetOrganizationService().Create(new Entity("cos_creditpolicy") { ["cos_name"] = ErrorShapePlugin.CanceledWithCode }));

        Assert.Equal(DataverseErrorCodes.IsvAborted, fault.Detail.ErrorCode);
        Assert.Equal("Example Error Message.", fault.Detail.Message);
        Assert.Equal(12345, fault.Detail.ErrorDetails[PluginErrorDetails.SubErrorCode]);
        Assert.Equal((int)OperationStatus.Canceled, fault.Detail.ErrorDetails[PluginErrorDetails.OperationStatus]);
    }

    [Fact]
    public async Task AHttpStatusGivenToTheException_IsTheAnswersStatus()
    {
        await using var host = await StartAsync();

        var conflict = await host.SendAsync(HttpMethod.Post, "cos_creditpolicies", new JsonObject { ["cos_name"] = ErrorShapePlugin.Conflict });
        var notFound = await host.SendAsync(HttpMethod.Post, "cos_creditpolicies", new JsonObject { ["cos_name"] = ErrorShapePlugin.CodedNotFound }, ("Prefer", Star));

        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal("0x80040265", conflict.ErrorCode);
        Assert.Equal("The policy exists.", conflict.ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, notFound.Status);
        Assert.Equal("0x80040265", notFound.ErrorCode);
        Assert.Equal("-2147164125", notFound.Json["error"]!["@Microsoft.PowerApps.CDS.ErrorDetails.SubErrorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task APlainRefusal_Answers400_WithoutErrorDetails()
    {
        await using var host = await StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "cos_creditpolicies", new JsonObject { ["cos_name"] = ErrorShapePlugin.Plain }, ("Prefer", Star));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80040265", answer.ErrorCode);
        Assert.Null(answer.Json["error"]!["@Microsoft.PowerApps.CDS.ErrorDetails.SubErrorCode"]);
        Assert.Equal(0, host.Dataverse.Count("cos_creditpolicy"));
    }

    private static async Task<WebApiProbeHost> StartAsync()
    {
        var host = await WebApiProbeHost.StartAsync();
        host.Dataverse.RegisterPlugin(typeof(ErrorShapePlugin));
        return host;
    }
}
