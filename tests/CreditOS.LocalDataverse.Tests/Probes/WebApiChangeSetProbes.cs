using System.Net;
using System.Text;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// A $batch change set is one transaction ("Execute batch operations using the Web API", Change sets,
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api#change-sets): when
/// any operation fails none is applied; an operation may reference a row an earlier one created by its Content-ID ($1).
/// </summary>
public sealed class WebApiChangeSetProbes
{
    [Fact]
    public async Task AFailingOperation_RollsBackTheWholeChangeSet()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await PostBatch(host, ChangeSet(host,
            ("1", "POST", "accounts", """{"name":"First"}"""),
            ("2", "POST", "accounts", $$"""{"name":"{{new string('x', 161)}}"}""")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("HTTP/1.1 400", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("HTTP/1.1 204", answer.Text, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
    }

    [Fact]
    public async Task ContentIdReferences_BindAndAddressTheRowAnEarlierOperationCreated()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await PostBatch(host, ChangeSet(host,
            ("1", "POST", "accounts", """{"name":"Parent"}"""),
            ("2", "POST", "accounts", """{"name":"Child","parentaccountid@odata.bind":"$1"}"""),
            ("3", "PATCH", "$1", """{"accountnumber":"P-1"}""")));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(3, answer.Text.Split("HTTP/1.1 204", StringSplitOptions.None).Length - 1);
        var rows = host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name", "accountnumber", "parentaccountid") }).Entities;
        var parent = rows.Single(row => row.GetAttributeValue<string>("name") == "Parent");
        var child = rows.Single(row => row.GetAttributeValue<string>("name") == "Child");
        Assert.Equal("P-1", parent.GetAttributeValue<string>("accountnumber"));
        Assert.Equal(parent.Id, child.GetAttributeValue<EntityReference>("parentaccountid").Id);
    }

    /// <summary>
    /// "PUT $1/primarycontactid/$ref … {"@odata.id":"$2"}" and each create answering "Location: …" with its "OData-EntityId: …" (Execute
    /// batch operations using the Web API, "Reference URIs in URL and request body using @odata.id"). Session 16: /$ref answered 501, "$2"
    /// in @odata.id was not resolved, and no part carried Location.
    /// </summary>
    [Fact]
    public async Task ContentIdReferences_InARefUrlAndItsOdataId_LinkTheRows_AndCreatesAnswerLocation()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await PostBatch(host, ChangeSet(host,
            ("1", "POST", "accounts", """{"name":"Account Name"}"""),
            ("2", "POST", "contacts", """{"lastname":"Contact"}"""),
            ("3", "PUT", "$1/primarycontactid/$ref", """{"@odata.id":"$2"}""")));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(3, answer.Text.Split("HTTP/1.1 204", StringSplitOptions.None).Length - 1);
        var account = host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("primarycontactid") }).Entities.Single();
        var contact = host.Service.RetrieveMultiple(new QueryExpression("contact") { ColumnSet = new ColumnSet("contactid") }).Entities.Single();
        Assert.Equal(contact.Id, account.GetAttributeValue<EntityReference>("primarycontactid")?.Id);
        var accountUrl = $"{host.Server.ServiceRoot.AbsoluteUri}accounts({account.Id})";
        Assert.Contains($"Location: {accountUrl}\r\nOData-EntityId: {accountUrl}\r\n", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeepInsertInAChangeSet_JoinsItsTransaction_AndIsRolledBackWithIt()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await PostBatch(host, ChangeSet(host,
            ("1", "POST", "accounts", """{"name":"Deep","primarycontactid":{"lastname":"Smith"},"contact_customer_accounts":[{"lastname":"Adams"}]}"""),
            ("2", "POST", "accounts", $$"""{"name":"{{new string('x', 161)}}"}""")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") }).Entities);
    }

    private static string ChangeSet(WebApiProbeHost host, params (string ContentId, string Method, string Url, string Body)[] operations)
    {
        var body = new StringBuilder();
        body.Append("--batch_probe\r\nContent-Type: multipart/mixed; boundary=changeset_probe\r\n\r\n");
        foreach (var (contentId, method, url, json) in operations)
        {
            var target = url.StartsWith('$') ? url : host.Server.ServiceRoot.AbsoluteUri + url;
            body.Append("--changeset_probe\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n")
                .Append("Content-ID: ").Append(contentId).Append("\r\n\r\n")
                .Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n")
                .Append("Content-Type: application/json; type=entry\r\n\r\n")
                .Append(json).Append("\r\n");
        }

        body.Append("--changeset_probe--\r\n--batch_probe--\r\n");
        return body.ToString();
    }

    private static async Task<WebApiProbeHost.Answer> PostBatch(WebApiProbeHost host, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batch_probe");
        using var response = await host.Http.PostAsync(new Uri("$batch", UriKind.Relative), content);
        return new WebApiProbeHost.Answer(response.StatusCode, new Dictionary<string, string>(), await response.Content.ReadAsStringAsync());
    }
}
