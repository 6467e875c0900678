using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CreditOS.LocalDataverse.Faults;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The RetrievePrincipalAccess function (round 17, session 25; 501 before), as "Use Web API functions" passes a row to it:
/// <c>GET systemusers(&lt;id&gt;)/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid={'@odata.id':'contacts(&lt;id&gt;)'}</c>
/// ("The @odata.id annotation can be the full Uri, but a relative Uri works too"). It is bound to systemuser and team (RetrievePrincipalAccess
/// Function: bound entities) and answers the RetrievePrincipalAccessResponse complex type, whose AccessRights is the AccessRights enum type
/// (flags), written as OData writes a flags value: member names joined by ", " ("ReadAccess, WriteAccess, …"), "None" for none. The
/// organization service's RetrievePrincipalAccess decides the mask, the caller's right to ask and every refusal (a team principal: 501).
/// </summary>
public sealed partial class WebApiOperations
{
    private const string PrincipalAccessFunction = "RetrievePrincipalAccess";

    private static readonly Regex ODataIdObject = new(@"^\{\s*(['""])@odata\.id\1\s*:\s*(['""])(?<url>.*)\2\s*\}$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    private WebApiResult RetrievePrincipalAccess(BoundActionPath function, WebApiRequest request)
    {
        if (request.Method != "GET")
        {
            // A function called with another method finds no route (404, code ""), as WhoAmI.
            return WebApiResult.NoResource(new Uri(_serviceRoot, request.Path));
        }

        var principalTable = _json.TableForEntitySet(function.Row.EntitySet);
        if (principalTable.LogicalName is not ("systemuser" or "team"))
        {
            return WebApiResult.Error(404, WebApiErrorCodes.ResourceNotFound,
                $"Resource not found for the segment '{BoundActionPath.ActionNamespace}{PrincipalAccessFunction}'. (It is bound to systemuser and team, not {principalTable.LogicalName}.)");
        }

        var target = TargetArgument(function.FunctionArguments, request);
        var principal = new EntityReference(principalTable.LogicalName, IdOf(principalTable, function.Row));
        var response = (RetrievePrincipalAccessResponse)_service.Execute(new RetrievePrincipalAccessRequest { Principal = principal, Target = target });
        return WebApiResult.Json(200, new JsonObject
        {
            ["@odata.context"] = $"{_serviceRoot.AbsoluteUri}$metadata#Microsoft.Dynamics.CRM.RetrievePrincipalAccessResponse",
            // A [Flags] enum's text is its member names in ascending value, ", "-separated, "None" for 0: the OData flags form.
            ["AccessRights"] = response.AccessRights.ToString(),
        });
    }

    /// <summary>The row named by the function's one parameter, Target, given inline or through a parameter alias.</summary>
    private EntityReference TargetArgument(string? arguments, WebApiRequest request)
    {
        var parameter = (arguments ?? string.Empty).Split('=', 2);
        if (parameter.Length != 2 || parameter[0].Trim() != "Target")
        {
            throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError,
                $"{PrincipalAccessFunction} takes one parameter, Target: '{BoundActionPath.ActionNamespace}{PrincipalAccessFunction}(Target=@tid)?@tid={{'@odata.id':'accounts(<id>)'}}' (was '({arguments})').");
        }

        var value = parameter[1].Trim();
        if (value.StartsWith('@'))
        {
            value = request.Query.TryGetValue(value, out var aliased) ? aliased : string.Empty;
        }

        var url = ODataIdObject.Match(value) is { Success: true } match ? match.Groups["url"].Value : null;
        return url is not null
            ? ResolveBinding(url)
            : throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError,
                $"The Target of {PrincipalAccessFunction} must be a reference to a row, {{'@odata.id':'<entity set>(<key>)'}}; was '{value}'.");
    }
}
