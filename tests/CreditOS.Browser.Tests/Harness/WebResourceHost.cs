using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CreditOS.LocalDataverse.WebApi.Hosting;
using CreditOS.Solution.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Browser.Tests.Harness;

/// <summary>
/// The part of a Dataverse organization a browser sees, on one loopback origin as in the real product:
/// /WebResources/&lt;name&gt; serves the solution's registered web resources (solution/src/WebResources, only those with
/// a .data.xml), /api/data/v9.2/ forwards to the local Dataverse Web API (strict, roles enforced; the browser context
/// carries the person's bearer token, as a signed-in browser carries its session) and records each call, and
/// /main.aspx?etn=&lt;table&gt;&amp;id=&lt;id&gt; renders a minimal model-driven form: the Xrm stand-in, the form's libraries and
/// OnLoad handlers, its command bar buttons from RibbonDiff.xml and its web resource controls.
/// </summary>
public sealed class WebResourceHost : IAsyncDisposable
{
    public const string StandInPath = "/creditos-test/xrm-standin.js";
    private const string FormDataPath = "/creditos-test/formdata";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly WebApplication _app;
    private readonly LocalDataverseWebApiServer _server;
    private readonly string _solutionRoot;
    private readonly IReadOnlyDictionary<string, BrowserUser> _usersByToken;
    private readonly HttpClient _forward;
    private readonly ConcurrentQueue<WebApiCall> _calls = new();

    private WebResourceHost(WebApplication app, LocalDataverseWebApiServer server, string solutionRoot, IReadOnlyDictionary<string, BrowserUser> usersByToken)
    {
        _app = app;
        _server = server;
        _solutionRoot = solutionRoot;
        _usersByToken = usersByToken;
        _forward = new HttpClient { BaseAddress = server.BaseUri };
    }

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every Web API call the browser made through this host, in order.</summary>
    public IReadOnlyList<WebApiCall> Calls => _calls.ToArray();

    public void ForgetCalls() => _calls.Clear();

    public static async Task<WebResourceHost> StartAsync(LocalDataverseWebApiServer server, string solutionRoot, IReadOnlyDictionary<string, BrowserUser> usersByToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var host = new WebResourceHost(app, server, solutionRoot, usersByToken);
        app.Run(host.HandleAsync);
        await app.StartAsync();
        var address = app.Urls.First();
        host.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return host;
    }

    public Uri FormUri(string table, Guid id) =>
        new(BaseUri, string.Create(CultureInfo.InvariantCulture, $"main.aspx?pagetype=entityrecord&etn={table}&id={id:D}"));

    /// <summary>A solution dashboard as the app's site map opens it (pagetype=dashboard).</summary>
    public Uri DashboardUri(Guid dashboardId) =>
        new(BaseUri, string.Create(CultureInfo.InvariantCulture, $"main.aspx?pagetype=dashboard&id={dashboardId:D}"));

    /// <summary>A web resource page as the app's site map opens it: framed by the app shell (pagetype=webresource).</summary>
    public Uri PageUri(string webResourceName) =>
        new(BaseUri, "main.aspx?pagetype=webresource&webresourceName=" + Uri.EscapeDataString(webResourceName));

    public async ValueTask DisposeAsync()
    {
        _forward.Dispose();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/" + LocalDataverseWebApiServer.ApiPath, StringComparison.Ordinal))
        {
            await ForwardAsync(context);
        }
        else if (path.StartsWith("/WebResources/", StringComparison.Ordinal))
        {
            await ServeWebResourceAsync(context, Uri.UnescapeDataString(path["/WebResources/".Length..]));
        }
        else if (path == StandInPath)
        {
            await WriteAsync(context, 200, "text/javascript; charset=utf-8", EmbeddedStandIn());
        }
        else if (path == "/main.aspx")
        {
            await ServeFormAsync(context);
        }
        else if (path == FormDataPath)
        {
            await ServeFormDataAsync(context);
        }
        else
        {
            await WriteAsync(context, 404, "text/plain; charset=utf-8", $"The browser host serves no {path}.");
        }
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value + context.Request.QueryString.Value;
        _calls.Enqueue(new WebApiCall(context.Request.Method, Uri.UnescapeDataString(rawTarget[("/" + LocalDataverseWebApiServer.ApiPath).Length..])));
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), rawTarget.TrimStart('/'));
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (body.Length > 0)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, value) in context.Request.Headers)
        {
            if (name is "Host" or "Connection" or "Content-Length" || name.StartsWith(':'))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, value.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value.ToArray());
            }
        }

        using var response = await _forward.SendAsync(request);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (name is "Transfer-Encoding" or "Content-Length")
            {
                continue;
            }

            // The Web API names its own host in OData-EntityId and nextLinks; the browser knows only this origin.
            context.Response.Headers[name] = values.Select(value => value.Replace(_server.BaseUri.AbsoluteUri, BaseUri.AbsoluteUri, StringComparison.Ordinal)).ToArray();
        }

        var content = await response.Content.ReadAsStringAsync();
        await context.Response.WriteAsync(content.Replace(_server.BaseUri.AbsoluteUri, BaseUri.AbsoluteUri, StringComparison.Ordinal));
    }

    private async Task ServeWebResourceAsync(HttpContext context, string name)
    {
        var root = Path.GetFullPath(Path.Combine(_solutionRoot, "src", "WebResources"));
        var file = Path.GetFullPath(Path.Combine(root, name));
        var registration = file + ".data.xml";
        if (!file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file) || !File.Exists(registration))
        {
            await WriteAsync(context, 404, "text/plain; charset=utf-8", $"No web resource named {name} is registered in the solution.");
            return;
        }

        var type = (int)XDocument.Load(registration).Root!.Element("WebResourceType")!;
        context.Response.StatusCode = 200;
        context.Response.ContentType = type switch
        {
            1 => "text/html; charset=utf-8",
            2 => "text/css; charset=utf-8",
            3 => "text/javascript; charset=utf-8",
            4 => "text/xml; charset=utf-8",
            5 => "image/png",
            6 => "image/jpeg",
            7 => "image/gif",
            10 => "image/x-icon",
            11 => "image/svg+xml",
            _ => throw new InvalidOperationException($"Web resource {name} has type {type}, which the browser host does not serve."),
        };
        await context.Response.SendFileAsync(file);
    }

    private BrowserUser? Caller(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.Ordinal) && _usersByToken.TryGetValue(authorization["Bearer ".Length..], out var user) ? user : null;
    }

    private async Task ServeFormAsync(HttpContext context)
    {
        var user = Caller(context);
        if (user is null)
        {
            await WriteAsync(context, 401, "text/plain; charset=utf-8", "Sign in first: the browser context carries no known bearer token.");
            return;
        }

        if (context.Request.Query["pagetype"].ToString() == "webresource")
        {
            await ServePageAsync(context, user, context.Request.Query["webresourceName"].ToString());
            return;
        }

        if (context.Request.Query["pagetype"].ToString() == "dashboard")
        {
            // The app's dashboard: its system charts drawn from the person's own aggregate queries (DashboardPage).
            var shell = $"<script src=\"{StandInPath}\"></script>\n<script>XrmStandIn.openPage({PageConfiguration(user, new JsonArray()).ToJsonString(Json)});</script>";
            var dashboard = DashboardPage.Render(_solutionRoot, _server.Dataverse.Metadata, _server.Dataverse.GetOrganizationService(user.Id), Guid.Parse(context.Request.Query["id"].ToString()), shell);
            await WriteAsync(context, 200, "text/html; charset=utf-8", dashboard);
            return;
        }

        var table = context.Request.Query["etn"].ToString();
        var id = Guid.Parse(context.Request.Query["id"].ToString());
        var form = FormDefinition.Load(_solutionRoot, table);
        var commands = RibbonCommands.FormCommands(_solutionRoot, table, recordExists: true);
        var tables = new JsonObject();
        foreach (var definition in _server.Dataverse.Metadata.Tables)
        {
            tables[definition.LogicalName] = new JsonObject { ["entitySet"] = definition.EntitySetName, ["primaryId"] = definition.PrimaryIdAttribute };
        }

        var configuration = new JsonObject
        {
            ["clientUrl"] = BaseUri.AbsoluteUri.TrimEnd('/'),
            ["serviceRoot"] = new Uri(BaseUri, LocalDataverseWebApiServer.ApiPath).AbsolutePath,
            ["formDataPath"] = FormDataPath,
            ["organization"] = "creditos",
            ["baseCurrency"] = BaseCurrency(),
            ["user"] = new JsonObject { ["id"] = user.Id.ToString("D"), ["name"] = user.Name },
            ["entityName"] = table,
            ["id"] = id.ToString("D"),
            ["tables"] = tables,
            ["commands"] = new JsonArray(commands.Select(command => (JsonNode)new JsonObject
            {
                ["id"] = command.Id,
                ["label"] = command.Label,
                ["functionName"] = command.FunctionName,
                ["parameters"] = new JsonArray(command.Parameters.Select(parameter => (JsonNode)JsonValue.Create(parameter)).ToArray()),
                ["enable"] = command.Enable.DeepClone(),
            }).ToArray()),
            ["fields"] = new JsonArray(form.Fields.Select(control => (JsonNode)new JsonObject
            {
                ["id"] = control.Id,
                ["column"] = control.Column,
                ["disabled"] = control.Disabled,
                ["label"] = control.Label,
            }).ToArray()),
            ["webResources"] = new JsonArray(form.WebResources.Select(control => (JsonNode)new JsonObject
            {
                ["id"] = control.Id,
                ["name"] = control.WebResourceName,
                ["passParameters"] = control.PassParameters,
                ["tab"] = control.Tab,
            }).ToArray()),
            ["onLoad"] = new JsonArray(form.OnLoad.Select(handler => (JsonNode)new JsonObject
            {
                ["functionName"] = handler.FunctionName,
                ["passExecutionContext"] = handler.PassExecutionContext,
            }).ToArray()),
        };
        var libraries = form.Libraries.Concat(form.OnLoad.Select(handler => handler.Library)).Concat(commands.SelectMany(command => command.RuleLibraries.Prepend(command.Library)))
            .Distinct(StringComparer.Ordinal)
            .Select(library => $"<script src=\"/WebResources/{WebUtility.HtmlEncode(library)}\"></script>");
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{WebUtility.HtmlEncode(table)}} form (creditOS browser host)</title>
            <style>body{font-family:sans-serif;margin:0}#commandbar{padding:6px;border-bottom:1px solid #ccc}#commandbar button{margin-right:6px}.tab{padding:8px}.tab h2{font-size:14px;margin:4px 0}.tab iframe{width:100%;height:1400px;border:0}#fields{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:4px 24px;font-size:13px;border-bottom:1px solid #e1e1e1}#fields label{display:grid;grid-template-columns:11em 1fr;align-items:center}#fields span{color:#444}#fields input{font:inherit;padding:2px 4px;border:1px solid #c8c8c8}#fields input:disabled{background:#f3f3f3;color:#333}</style>
            <script src="{{StandInPath}}"></script>
            {{string.Join("\n", libraries)}}
            </head>
            <body>
            <div id="commandbar"></div>
            <div id="tabs"></div>
            <script>XrmStandIn.openForm({{configuration.ToJsonString(Json)}});</script>
            </body>
            </html>
            """;
        await WriteAsync(context, 200, "text/html; charset=utf-8", html);
    }

    /// <summary>The app shell around a site-map web resource page: the Xrm stand-in and the page in its frame.</summary>
    private async Task ServePageAsync(HttpContext context, BrowserUser user, string webResourceName)
    {
        var configuration = PageConfiguration(user, new JsonArray(new JsonObject
        {
            ["id"] = "WebResource_page",
            ["name"] = webResourceName,
            ["passParameters"] = false,
            ["tab"] = webResourceName,
        }));
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{WebUtility.HtmlEncode(webResourceName)}} (creditOS browser host)</title>
            <style>body{font-family:sans-serif;margin:0}.tab{padding:8px}.tab h2{font-size:14px;margin:4px 0}.tab iframe{width:100%;height:1400px;border:0}</style>
            <script src="{{StandInPath}}"></script>
            </head>
            <body>
            <div id="tabs"></div>
            <script>XrmStandIn.openPage({{configuration.ToJsonString(Json)}});</script>
            </body>
            </html>
            """;
        await WriteAsync(context, 200, "text/html; charset=utf-8", html);
    }

    /// <summary>The organization's base currency as organizationSettings.baseCurrency gives it: its id (lower case, no braces) and name.</summary>
    private JsonObject BaseCurrency()
    {
        var id = _server.Dataverse.BaseCurrencyId;
        var name = _server.Dataverse.GetOrganizationService().Retrieve("transactioncurrency", id, new Microsoft.Xrm.Sdk.Query.ColumnSet("currencyname")).GetAttributeValue<string>("currencyname");
        return new JsonObject { ["id"] = id.ToString("D"), ["name"] = name };
    }

    /// <summary>The app shell's Xrm stand-in configuration for pages without a record (a site-map page, a dashboard): the person and the tables.</summary>
    private JsonObject PageConfiguration(BrowserUser user, JsonArray webResources) =>
        new()
        {
            ["clientUrl"] = BaseUri.AbsoluteUri.TrimEnd('/'),
            ["serviceRoot"] = new Uri(BaseUri, LocalDataverseWebApiServer.ApiPath).AbsolutePath,
            ["organization"] = "creditos",
            ["baseCurrency"] = BaseCurrency(),
            ["user"] = new JsonObject { ["id"] = user.Id.ToString("D"), ["name"] = user.Name },
            ["entityName"] = string.Empty,
            ["id"] = string.Empty,
            ["tables"] = new JsonObject(_server.Dataverse.Metadata.Tables.Select(definition => KeyValuePair.Create(
                definition.LogicalName,
                (JsonNode?)new JsonObject { ["entitySet"] = definition.EntitySetName, ["primaryId"] = definition.PrimaryIdAttribute }))),
            ["webResources"] = webResources,
        };

    /// <summary>The form's column values as the signed-in person may read them (field security applies), shaped as the Client API returns attribute values.</summary>
    private async Task ServeFormDataAsync(HttpContext context)
    {
        var user = Caller(context);
        if (user is null)
        {
            await WriteAsync(context, 401, "text/plain; charset=utf-8", "Sign in first.");
            return;
        }

        var table = context.Request.Query["etn"].ToString();
        var id = Guid.Parse(context.Request.Query["id"].ToString());
        var form = FormDefinition.Load(_solutionRoot, table);
        var row = _server.Dataverse.GetOrganizationService(user.Id).Retrieve(table, id, new ColumnSet(form.Columns.ToArray()));
        var values = new JsonObject();
        foreach (var column in form.Columns)
        {
            values[column] = row.Attributes.TryGetValue(column, out var value) ? AttributeValue(value) : null;
        }

        var definition = _server.Dataverse.Metadata.FindTable(table)
            ?? throw new InvalidOperationException($"The browser host has no table {table} for its form.");
        values["__name"] = definition.PrimaryNameAttribute is { } primaryName && row.GetAttributeValue<string>(primaryName) is { } name ? name : null;
        values["__types"] = new JsonObject(form.Columns.Select(column => KeyValuePair.Create(column, (JsonNode?)ClientAttributeType(definition, column))));
        (values["__formatted"], values["__unformatted"]) = await FormattedValuesAsync(context, definition, id, form.Columns);
        await WriteAsync(context, 200, "application/json; charset=utf-8", values.ToJsonString(Json));
    }

    /// <summary>
    /// What a form shows for each column, as the form's own read gets it: the record read through the local Web API as the
    /// signed-in person with Prefer: odata.include-annotations="OData.Community.Display.V1.FormattedValue" (choice and
    /// yes/no labels, dates and numbers in the user's format, a lookup's name). Columns without the annotation (text) are
    /// shown as their value. Where the local Web API leaves a formatted value open (501: a negative amount, whose format is the
    /// user's negative-number setting), the columns are read one by one and each refused one is listed in __unformatted with the
    /// Web API's reason, so the stand-in shows the stored value marked as such instead of a format it would invent. Not recorded
    /// in <see cref="Calls"/>: the calls a test counts are the page's own.
    /// </summary>
    private async Task<(JsonObject Formatted, JsonObject Unformatted)> FormattedValuesAsync(HttpContext context, TableDefinition table, Guid id, IReadOnlyList<string> columns)
    {
        const string Annotation = "@OData.Community.Display.V1.FormattedValue";
        var properties = columns.ToDictionary(column => column, column => WebApiProperty(table, column), StringComparer.Ordinal);
        var formatted = new JsonObject();
        var unformatted = new JsonObject();
        var (status, record) = await ReadWithAnnotationsAsync(context, table, id, properties.Values.Distinct(StringComparer.Ordinal));
        foreach (var (column, property) in properties)
        {
            if (status == HttpStatusCode.NotImplemented)
            {
                (var columnStatus, record) = await ReadWithAnnotationsAsync(context, table, id, [property]);
                if (columnStatus == HttpStatusCode.NotImplemented)
                {
                    unformatted[column] = record["error"]?["message"]?.GetValue<string>();
                    formatted[column] = null;
                    continue;
                }
            }

            formatted[column] = record.TryGetPropertyValue(property + Annotation, out var shown) && shown is not null ? JsonValue.Create(shown.GetValue<string>()) : null;
        }

        return (formatted, unformatted);
    }

    /// <summary>The row's <paramref name="properties"/> with their FormattedValue annotations, as the signed-in person; 200 or 501 (any other answer throws).</summary>
    private async Task<(HttpStatusCode Status, JsonObject Body)> ReadWithAnnotationsAsync(HttpContext context, TableDefinition table, Guid id, IEnumerable<string> properties)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            string.Create(CultureInfo.InvariantCulture, $"{LocalDataverseWebApiServer.ApiPath}{table.EntitySetName}({id:D})?$select={string.Join(',', properties)}"));
        request.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToString());
        request.Headers.TryAddWithoutValidation("Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"");
        using var response = await _forward.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotImplemented))
        {
            throw new InvalidOperationException($"The form's formatted values could not be read through the Web API: {(int)response.StatusCode} {text}");
        }

        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>The Web API property of a column: a lookup's value is read as _column_value.</summary>
    private static string WebApiProperty(TableDefinition table, string column) =>
        table.FindColumn(column)?.Type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner ? $"_{column}_value" : column;

    /// <summary>The Client API's getAttributeType() name of a column (Xrm.Attributes.AttributeType).</summary>
    private static string ClientAttributeType(TableDefinition table, string column) => table.FindColumn(column)?.Type switch
    {
        ColumnType.String => "string",
        ColumnType.Memo => "memo",
        ColumnType.Integer => "integer",
        ColumnType.BigInt => "bigint",
        ColumnType.Decimal => "decimal",
        ColumnType.Double => "double",
        ColumnType.Money => "money",
        ColumnType.Boolean => "boolean",
        ColumnType.DateTime => "datetime",
        ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner => "lookup",
        ColumnType.Picklist or ColumnType.State or ColumnType.Status => "optionset",
        var type => throw new InvalidOperationException($"The browser host's form cannot show {table.LogicalName}.{column} ({type?.ToString() ?? "no such column"})."),
    };

    private static JsonNode? AttributeValue(object? value) => value switch
    {
        null => null,
        Money money => JsonValue.Create(money.Value),
        OptionSetValue option => JsonValue.Create(option.Value),
        EntityReference reference => new JsonArray(new JsonObject
        {
            ["id"] = "{" + reference.Id.ToString("D").ToUpperInvariant() + "}",
            ["name"] = reference.Name,
            ["entityType"] = reference.LogicalName,
        }),
        DateTime moment => JsonValue.Create(DateTime.SpecifyKind(moment, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture)),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int whole => JsonValue.Create(whole),
        decimal number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        Guid guid => JsonValue.Create(guid.ToString("D")),
        _ => throw new InvalidOperationException($"The browser host cannot shape a form value of type {value.GetType().Name}."),
    };

    private static string EmbeddedStandIn()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("StandIn/xrm-standin.js")
            ?? throw new InvalidOperationException("The Xrm stand-in script is not embedded in the test assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static async Task WriteAsync(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    }
}

/// <summary>One Web API request the browser made: method and the path after /api/data/v9.2/ (decoded).</summary>
public sealed record WebApiCall(string Method, string Target)
{
    public override string ToString() => Method + " " + Target;
}

public sealed record BrowserUser(Guid Id, string Name, string Token);
