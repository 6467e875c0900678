using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The bypass headers over the Web API ("Bypass custom Dataverse logic", Web API tabs: <c>MSCRM.BypassBusinessLogicExecution:
/// CustomSync,CustomAsync</c>, <c>MSCRM.BypassBusinessLogicExecutionStepIds: "id, id"</c>, <c>MSCRM.BypassCustomPluginExecution:
/// true</c>). Until session 24 a holder of the privilege got 501 and the headers of a $batch part were not read at all (the part
/// ran its plug-ins, whoever sent it).
/// </summary>
public sealed class WebApiBusinessLogicBypassProbes
{
    [Fact]
    public async Task AnAdministratorsHeaders_SkipTheNamedLogic()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Dataverse.RegisterPlugin(typeof(BypassWitnessPlugin));

        var sync = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "A" }, ("MSCRM.BypassBusinessLogicExecution", "CustomSync"));
        var afterSync = Ran(host);
        var steps = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "B" },
            ("MSCRM.BypassBusinessLogicExecutionStepIds", $"\"{BypassWitnessPlugin.PreValidationStep}, {BypassWitnessPlugin.AsyncCreateStep}\""));
        var plugins = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "C" }, ("MSCRM.BypassCustomPluginExecution", "true"));

        Assert.Equal(HttpStatusCode.NoContent, sync.Status);
        Assert.Equal("Create account 40 async", afterSync);
        Assert.Equal(HttpStatusCode.NoContent, steps.Status);
        Assert.Equal(HttpStatusCode.NoContent, plugins.Status);
        Assert.Equal("Create account 40 async|Create account 20 sync|Create account 40 async", Ran(host));
        Assert.Equal(3, host.Service.RetrieveMultiple(new QueryExpression("account")).Entities.Count);
    }

    [Fact]
    public async Task TheIntegrationRole_HasNoBypassPrivilege_403AndNothingWritten()
    {
        await using var host = await WebApiProbeHost.StartAsync("creditOS Integration");
        host.Dataverse.RegisterPlugin(typeof(BypassWitnessPlugin));

        var logic = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "A" }, ("MSCRM.BypassBusinessLogicExecution", "CustomSync,CustomAsync"));
        var plugins = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "B" }, ("MSCRM.BypassCustomPluginExecution", "true"));

        Assert.Equal(HttpStatusCode.Forbidden, logic.Status);
        Assert.Equal("0x80040220", logic.ErrorCode);
        Assert.Contains("is missing prvBypassCustomBusinessLogic privilege", logic.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, plugins.Status);
        Assert.Contains("is missing prvBypassCustomPlugins privilege", plugins.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
        Assert.Equal(string.Empty, Ran(host));
    }

    [Fact]
    public async Task AValueTheHeaderDoesNotTake_Is400_AndFalseAsksNothing()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Dataverse.RegisterPlugin(typeof(BypassWitnessPlugin));

        var unknown = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "A" }, ("MSCRM.BypassBusinessLogicExecution", "Everything"));
        var notBoolean = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "B" }, ("MSCRM.BypassCustomPluginExecution", "1"));
        var no = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "C" }, ("MSCRM.BypassCustomPluginExecution", "false"));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("0x80040203", unknown.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, notBoolean.Status);
        Assert.Equal(HttpStatusCode.NoContent, no.Status);
        Assert.Equal("Create account 10 sync|Create account 20 sync|Create account 40 async", Ran(host));
    }

    [Fact]
    public async Task APartsOwnHeader_IsApplied_TheBatchRequestsHeaderIsNotImplemented()
    {
        await using var host = await WebApiProbeHost.StartAsync("creditOS Integration");
        host.Dataverse.RegisterPlugin(typeof(BypassWitnessPlugin));
        var part = new StringBuilder()
            .Append("--batch_probe\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
            .Append("POST ").Append(host.Server.ServiceRoot.AbsoluteUri).Append("accounts HTTP/1.1\r\n")
            .Append("Content-Type: application/json; type=entry\r\nMSCRM.BypassBusinessLogicExecution: CustomSync\r\n\r\n")
            .Append("""{"name":"In a batch"}""").Append("\r\n--batch_probe--\r\n").ToString();

        // The integration user holds no bypass privilege: the part is refused (it ran with its plug-ins before).
        var refused = await host.PostBatchAsync(part, "multipart/mixed; boundary=batch_probe");
        Assert.Contains("HTTP/1.1 403", refused.Text, StringComparison.Ordinal);
        Assert.Contains("is missing prvBypassCustomBusinessLogic privilege", refused.Text, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);

        await using var admin = await WebApiProbeHost.StartAsync();
        admin.Dataverse.RegisterPlugin(typeof(BypassWitnessPlugin));
        var adminPart = part.Replace(host.Server.ServiceRoot.AbsoluteUri, admin.Server.ServiceRoot.AbsoluteUri, StringComparison.Ordinal);
        var applied = await admin.PostBatchAsync(adminPart, "multipart/mixed; boundary=batch_probe");
        Assert.Contains("HTTP/1.1 204", applied.Text, StringComparison.Ordinal);
        Assert.Equal("Create account 40 async", Ran(admin));

        var onTheBatch = await admin.SendTextAsync(HttpMethod.Post, "$batch", adminPart, "multipart/mixed; boundary=batch_probe", ("MSCRM.BypassBusinessLogicExecution", "CustomAsync"));
        Assert.Equal(HttpStatusCode.NotImplemented, onTheBatch.Status);
        Assert.Single(admin.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    private static string Ran(WebApiProbeHost host) =>
        string.Join("|", host.Dataverse.PluginExecutions.Where(run => run.PluginType == typeof(BypassWitnessPlugin)).Select(run => run.Trace.Trim()));
}
