extern alias plugins;

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CreditOS.Integration.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Integration.Tests.WebApi;

/// <summary>
/// The local Web API refuses what real Dataverse refuses (issue 17). Each test here passed against the old, lenient
/// host: it accepted any casing or the logical name in @odata.bind, decoded key values twice and took any character,
/// passed undeclared Custom API parameters through (see BatchRescoreTests), parsed any date DateTime.Parse knew,
/// ignored batch part headers and HTTP versions, ran absolute URLs on other hosts, always answered $batch with 200
/// and wrote failed change sets bare, and needed no Authorization header.
/// </summary>
public sealed class LocalWebApiStrictnessTests : IAsyncLifetime
{
    /// <summary>"Error identified in Payload provided by the user for Entity" (Troubleshoot Dataverse Web API client errors).</summary>
    private const string UndeclaredNavigationCode = "0x80048d19";

    /// <summary>The local host's code for a bind to a row of another table (Microsoft publishes none for it).</summary>
    private const string BindTargetCode = "0x80060888";
    private LocalDataverseOverHttp _local = null!;
    private HttpClient _http = null!;
    private Guid _account;

    public async Task InitializeAsync()
    {
        _local = await LocalDataverseOverHttp.StartAsync();
        _account = _local.AddAccount("C-1001");
        _http = _local.AuthenticatedHttp();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _local.DisposeAsync();
    }

    // 1. Navigation property names -------------------------------------------------------------------------------

    [Theory]
    [InlineData("cos_accountid")]
    [InlineData("cos_accountId")]
    [InlineData("COS_ACCOUNTID")]
    public async Task Bind_ByAnyNameButTheDeclaredNavigationProperty_IsRefusedWithDataversesCodeAndMessage(string name)
    {
        var body = PaymentBody();
        body.Remove("cos_AccountId@odata.bind");
        body[name + "@odata.bind"] = $"/accounts({_account:D})";

        var (status, code, message) = await PatchAsync("cos_payments(cos_sourcesystem='SAP',cos_erpid='1')", body);

        Assert.Equal((HttpStatusCode.BadRequest, UndeclaredNavigationCode), (status, code));
        Assert.Equal(
            $"Error identified in Payload provided by the user for Entity :'cos_payments'  ---->  InnerException : Microsoft.OData.ODataException: An undeclared property '{name}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.",
            message);
        Assert.Equal(0, _local.Dataverse.Count(LocalDataverseOverHttp.PaymentTable));
    }

    [Fact]
    public async Task Bind_CurrencyOfASolutionTable_TakesTheLookupsSchemaName_NotTheStandardTablesLowercaseName()
    {
        var body = PaymentBody();
        body.Remove("TransactionCurrencyId@odata.bind");
        body["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({_local.Euro:D})";

        var (status, code, _) = await PatchAsync("cos_payments(cos_sourcesystem='SAP',cos_erpid='1')", body);

        Assert.Equal((HttpStatusCode.BadRequest, UndeclaredNavigationCode), (status, code));
    }

    [Fact]
    public async Task Bind_ByTheDeclaredNames_WritesTheLookups_AsTheApplicationUser()
    {
        var (status, _, _) = await PatchAsync("cos_payments(cos_sourcesystem='SAP',cos_erpid='1')", PaymentBody());

        Assert.Equal(HttpStatusCode.NoContent, status);
        var row = Assert.Single(_local.Rows(LocalDataverseOverHttp.PaymentTable, "cos_accountid", "transactioncurrencyid", "createdby"));
        Assert.Equal(_account, row.GetAttributeValue<EntityReference>("cos_accountid").Id);
        Assert.Equal(_local.Euro, row.GetAttributeValue<EntityReference>("transactioncurrencyid").Id);
        Assert.Equal(_local.WorkerUserId, row.GetAttributeValue<EntityReference>("createdby").Id);
    }

    [Fact]
    public async Task Bind_ToARowOfAnotherTable_IsRefused()
    {
        var body = PaymentBody();
        body["cos_AccountId@odata.bind"] = $"/transactioncurrencies({_local.Euro:D})";

        var (status, code, message) = await PatchAsync("cos_payments(cos_sourcesystem='SAP',cos_erpid='1')", body);

        Assert.Equal((HttpStatusCode.BadRequest, BindTargetCode), (status, code));
        Assert.Contains("Microsoft.Dynamics.CRM.account", message, StringComparison.Ordinal);
    }

    // 2. Alternate-key values --------------------------------------------------------------------------------------

    [Theory]
    [InlineData("A%2F1", '/')]
    [InlineData("A%231", '#')]
    [InlineData("A%3C1", '<')]
    [InlineData("A%3E1", '>')]
    [InlineData("A%2A1", '*')]
    [InlineData("A%251", '%')]
    [InlineData("A%261", '&')]
    [InlineData("A%3A1", ':')]
    [InlineData("A%5C1", '\\')]
    [InlineData("A%3F1", '?')]
    [InlineData("A%2B1", '+')]
    public async Task KeyValue_WithACharacterDataverseCannotResolve_IsRefused(string encodedErpId, char reserved)
    {
        var (status, code, message) = await PatchAsync($"cos_payments(cos_sourcesystem='SAP',cos_erpid='{encodedErpId}')", PaymentBody());

        Assert.Equal((HttpStatusCode.BadRequest, "0x80040203"), (status, code));
        Assert.Contains($"contains '{reserved}'", message, StringComparison.Ordinal);
        Assert.Equal(0, _local.Dataverse.Count(LocalDataverseOverHttp.PaymentTable));
    }

    // 3. Custom API functions and actions ---------------------------------------------------------------------------

    [Fact]
    public async Task BoundFunction_CalledWithGetAndItsArgumentList_RunsItsPlugin_AsTheCaller()
    {
        RegisterCustomApis();

        // The worker's application user may not read score history, which the report reads as the caller: the refusal
        // proves the GET reached the function's plug-in under the caller's identity (the browser's
        // PaymentHistoryPageTests read the report as Finance).
        using var response = await _http.GetAsync(new Uri($"accounts({_account:D})/Microsoft.Dynamics.CRM.cos_PaymentHistoryReport()", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("PaymentHistoryReportPlugin", text, StringComparison.Ordinal);
        Assert.Contains("missing prvReadcos_CreditScoreHistory privilege", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "cos_PaymentHistoryReport()", HttpStatusCode.NotFound, "No HTTP resource was found that matches the request URI")] // as "POST …/WhoAmI" (web-api-client-errors)
    [InlineData("GET", "cos_PaymentHistoryReport", HttpStatusCode.BadRequest, "is called with its argument list")]
    [InlineData("GET", "cos_PaymentHistoryReport(Months=@m)?@m=12", HttpStatusCode.NotImplemented, "does not implement function parameters")]
    [InlineData("POST", "cos_RescoreAccount()", HttpStatusCode.BadRequest, "is an action, not a function")]
    [InlineData("GET", "cos_RescoreAccount", HttpStatusCode.NotFound, "No HTTP resource was found that matches the request URI")]
    public async Task CustomApi_CalledTheOtherKindsWay_IsRefusedWithTheRightWay(string method, string operation, HttpStatusCode expected, string says)
    {
        RegisterCustomApis();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri($"accounts({_account:D})/Microsoft.Dynamics.CRM.{operation}", UriKind.Relative));
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["error"]?["message"]?.GetValue<string>() ?? string.Empty;

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(says, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyValue_IsDecodedOnce_SoATwiceEncodedValueNeverReachesAnotherRow()
    {
        await PatchAsync("cos_payments(cos_sourcesystem='SAP',cos_erpid='XA')", PaymentBody());

        // %2541 decodes once to %41 (refused: '%'); decoded a second time it would be 'A' and find the row XA.
        using var response = await _http.GetAsync(new Uri("cos_payments(cos_sourcesystem='SAP',cos_erpid='X%2541')?$select=cos_amount", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CompositeKey_WithAChoiceColumn_AddressesTheOrder()
    {
        var order = new JsonObject
        {
            ["name"] = "order",
            ["totalamount"] = 10m,
            ["customerid_account@odata.bind"] = $"/accounts({_account:D})",
            ["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({_local.Euro:D})",
        };

        var (created, _, _) = await PatchAsync("salesorders(cos_channel=412500001,cos_channelorderref='W-1')", order, createOnly: true);
        var (again, _, _) = await PatchAsync("salesorders(cos_channel=412500001,cos_channelorderref='W-1')", order, createOnly: true);
        var (otherChannel, _, _) = await PatchAsync("salesorders(cos_channel=412500002,cos_channelorderref='W-1')", order, createOnly: true);

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.PreconditionFailed, HttpStatusCode.NoContent], new[] { created, again, otherChannel });
        var rows = _local.Rows(LocalDataverseOverHttp.SalesOrderTable, "cos_channel", "cos_channelorderref");
        Assert.Equal([412_500_001, 412_500_002], rows.Select(row => row.GetAttributeValue<OptionSetValue>("cos_channel").Value).Order());
    }

    // 4. Edm dates -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("11/20/2026")]
    [InlineData("20 Nov 2026")]
    [InlineData("2026-11-20T10:00:00")]
    [InlineData("2026-11-20 10:00:00Z")]
    [InlineData("20261120")]
    public async Task Date_NotInAnEdmFormat_IsRefused(string text)
    {
        var body = PaymentBody();
        body["cos_paymentdate"] = text;

        var (status, _, message) = await PatchAsync("cos_payments(cos_sourcesystem='SAP',cos_erpid='1')", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Cannot convert the literal", message, StringComparison.Ordinal);
        Assert.Contains("Edm.Date", message, StringComparison.Ordinal); // cos_paymentdate is DateOnly: an Edm.Date
    }

    /// <summary>
    /// An ISO 8601 date-time without offset is taken as UTC ("4/4/2021T12:00:00 … no offset or UTC indicator provided … the value is
    /// stored as 4/4/2021T12:00:00Z", Behavior and format of the date and time column, session 16): only other forms are refused.
    /// </summary>
    [Theory]
    [InlineData("11/20/2026 10:00")]
    [InlineData("2026-11-20 10:00:00")]
    public async Task DateTime_NotInIsoForm_IsRefused_ForAUserLocalColumn(string text)
    {
        var body = PaymentBody();
        body["cos_appliedon"] = text;

        var (status, _, message) = await PatchAsync("cos_payments(cos_sourcesystem='SAP',cos_erpid='1')", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Edm.DateTimeOffset", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cos_paymentdate", "2026-11-20", "2026-11-20T00:00:00")]              // DateOnly: Edm.Date
    [InlineData("cos_appliedon", "2026-11-20T10:00:00Z", "2026-11-20T10:00:00")]       // UserLocal: Edm.DateTimeOffset
    [InlineData("cos_appliedon", "2026-11-20T10:00:00.5+01:00", "2026-11-20T09:00:00.5")]
    [InlineData("cos_appliedon", "2026-11-20T10:00:00", "2026-11-20T10:00:00")]        // no offset: stored as UTC (session 16)
    public async Task Date_InAnEdmFormat_IsStoredInUtc(string column, string text, string expectedUtc)
    {
        var body = PaymentBody();
        body[column] = text;

        var (status, _, _) = await PatchAsync("cos_payments(cos_sourcesystem='SAP',cos_erpid='1')", body);

        Assert.Equal(HttpStatusCode.NoContent, status);
        var stored = Assert.Single(_local.Rows(LocalDataverseOverHttp.PaymentTable, column)).GetAttributeValue<DateTime>(column);
        Assert.Equal(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), stored);
    }

    // 5. Batch parts -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task BatchPart_WithoutBinaryTransferEncoding_IsRefused()
    {
        var part = Part("PATCH", Url("cos_payments(cos_sourcesystem='SAP',cos_erpid='1')"), PaymentBody()).Replace("Content-Transfer-Encoding: binary\r\n", string.Empty, StringComparison.Ordinal);

        var (status, body) = await BatchAsync([part], continueOnError: true);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("HTTP/1.1 400", body, StringComparison.Ordinal);
        Assert.Contains("Content-Transfer-Encoding: binary", body, StringComparison.Ordinal);
        Assert.Equal(0, _local.Dataverse.Count(LocalDataverseOverHttp.PaymentTable));
    }

    [Fact]
    public async Task BatchPart_WithAnotherHttpVersion_IsRefused()
    {
        var part = Part("PATCH", Url("cos_payments(cos_sourcesystem='SAP',cos_erpid='1')"), PaymentBody()).Replace(" HTTP/1.1\r\n", " HTTP/1.0\r\n", StringComparison.Ordinal);

        var (_, body) = await BatchAsync([part], continueOnError: true);

        Assert.Contains("HTTP/1.1 400", body, StringComparison.Ordinal);
        Assert.Equal(0, _local.Dataverse.Count(LocalDataverseOverHttp.PaymentTable));
    }

    [Fact]
    public async Task BatchPart_AddressingAnotherHost_IsRefused_NotRunHere()
    {
        var part = Part("PATCH", "https://contoso.crm4.dynamics.com/api/data/v9.2/cos_payments(cos_sourcesystem='SAP',cos_erpid='1')", PaymentBody());

        var (_, body) = await BatchAsync([part], continueOnError: true);

        Assert.Contains("HTTP/1.1 400", body, StringComparison.Ordinal);
        Assert.Contains("is not under this service root", body, StringComparison.Ordinal);
        Assert.Equal(0, _local.Dataverse.Count(LocalDataverseOverHttp.PaymentTable));
    }

    // 6. $batch status and change-set answers ------------------------------------------------------------------------

    [Fact]
    public async Task Batch_WithoutContinueOnError_StopsAtTheFirstFailure_AndAnswers400()
    {
        var bad = PaymentBody();
        bad["cos_nosuchcolumn"] = 1;

        var (status, _) = await BatchAsync(
            [ChangeSet(Part("PATCH", Url("cos_payments(cos_sourcesystem='SAP',cos_erpid='1')"), PaymentBody())),
             ChangeSet(Part("PATCH", Url("cos_payments(cos_sourcesystem='SAP',cos_erpid='2')"), bad)),
             ChangeSet(Part("PATCH", Url("cos_payments(cos_sourcesystem='SAP',cos_erpid='3')"), PaymentBody()))],
            continueOnError: false);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["1"], _local.Rows(LocalDataverseOverHttp.PaymentTable, "cos_erpid").Select(row => (string)row["cos_erpid"]));
    }

    [Fact]
    public async Task Batch_WithContinueOnError_Answers200_AndNestsTheFailedChangeSetsAnswer()
    {
        var bad = PaymentBody();
        bad["cos_nosuchcolumn"] = 1;

        var (status, body) = await BatchAsync(
            [ChangeSet(Part("PATCH", Url("cos_payments(cos_sourcesystem='SAP',cos_erpid='2')"), bad)),
             ChangeSet(Part("PATCH", Url("cos_payments(cos_sourcesystem='SAP',cos_erpid='3')"), PaymentBody()))],
            continueOnError: true);

        Assert.Equal(HttpStatusCode.OK, status);
        var firstPart = body[..body.IndexOf("HTTP/1.1 400", StringComparison.Ordinal)];
        Assert.Contains("Content-Type: multipart/mixed; boundary=changesetresponse_", firstPart, StringComparison.Ordinal);
        Assert.Equal(1, _local.Dataverse.Count(LocalDataverseOverHttp.PaymentTable));
    }

    // 7. Authorization ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Request_WithoutABearerToken_Is401_WithTheAuthenticationChallenge()
    {
        using var anonymous = new HttpClient { BaseAddress = _local.Server.ServiceRoot };

        using var response = await anonymous.GetAsync(new Uri("WhoAmI", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer authorization_uri=", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("0x8005f101", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_WithATokenThisEnvironmentDidNotIssue_Is401()
    {
        using var stranger = new HttpClient { BaseAddress = _local.Server.ServiceRoot };
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-issued-here");

        using var response = await stranger.GetAsync(new Uri("WhoAmI", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("not-issued-here", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_ForAnApplicationWithoutAnApplicationUser_Is403()
    {
        var orphan = Guid.NewGuid();
        await using var local = await LocalDataverseOverHttp.StartAsync(options => options.AccessTokens["orphan-token"] = orphan);
        using var http = new HttpClient { BaseAddress = local.Server.ServiceRoot };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "orphan-token");

        using var response = await http.GetAsync(new Uri("WhoAmI", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(orphan.ToString("D"), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WithTheWorkersToken_RunsAsItsApplicationUser()
    {
        using var response = await _http.GetAsync(new Uri("WhoAmI", UriKind.Relative));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_local.WorkerUserId, answer["UserId"]!.GetValue<Guid>());
        Assert.NotEqual(_local.Dataverse.SystemUserId, _local.WorkerUserId);
    }

    private JsonObject PaymentBody() => new()
    {
        ["cos_amount"] = 10m,
        ["cos_paymentdate"] = "2026-11-20",
        ["cos_AccountId@odata.bind"] = $"/accounts({_account:D})",
        ["TransactionCurrencyId@odata.bind"] = $"/transactioncurrencies({_local.Euro:D})",
    };

    // A bound function (the payment history report) and a bound action (rescoring), as the solution declares them.
    private void RegisterCustomApis()
    {
        _local.Dataverse.RegisterPlugin(typeof(plugins::CreditOS.Plugins.PaymentHistoryReportPlugin));
        _local.Dataverse.RegisterPlugin(typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin));
    }

    private async Task<(HttpStatusCode Status, string? Code, string Message)> PatchAsync(string relative, JsonObject body, bool createOnly = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(relative, UriKind.Relative))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (createOnly)
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var error = text.Length == 0 ? null : JsonNode.Parse(text)?["error"];
        return (response.StatusCode, error?["code"]?.GetValue<string>(), error?["message"]?.GetValue<string>() ?? string.Empty);
    }

    private string Url(string relative) => _local.Server.ServiceRoot.AbsoluteUri + relative.Replace("'", "%27", StringComparison.Ordinal);

    private static string Part(string method, string url, JsonObject body) =>
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        $"{method} {url} HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n\r\n{body.ToJsonString()}\r\n";

    private static string ChangeSet(string part)
    {
        var boundary = "changeset_" + Guid.NewGuid().ToString("N");
        return $"Content-Type: multipart/mixed; boundary={boundary}\r\n\r\n--{boundary}\r\n{part}--{boundary}--\r\n";
    }

    private async Task<(HttpStatusCode Status, string Body)> BatchAsync(IReadOnlyList<string> parts, bool continueOnError)
    {
        const string boundary = "batch_strict";
        var body = new StringBuilder();
        foreach (var part in parts)
        {
            body.Append("--").Append(boundary).Append("\r\n").Append(part);
        }

        body.Append("--").Append(boundary).Append("--\r\n");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("$batch", UriKind.Relative)) { Content = new StringContent(body.ToString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={boundary}");
        if (continueOnError)
        {
            request.Headers.Add("Prefer", "odata.continue-on-error");
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
