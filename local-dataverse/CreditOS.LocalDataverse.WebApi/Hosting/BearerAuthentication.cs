using System.Collections.Concurrent;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.WebApi.OData;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.Hosting;

/// <summary>
/// Dataverse accepts only requests carrying "Authorization: Bearer &lt;token&gt;" and runs each as the application
/// user (a systemuser whose applicationid is the token's client id), with that user's security roles. Locally a
/// token is an opaque string registered in <see cref="LocalDataverseWebApiOptions.AccessTokens"/> for a client id.
/// </summary>
internal sealed class BearerAuthentication(LocalDataverse dataverse, IReadOnlyDictionary<string, Guid> tokens, Uri baseUri)
{
    private const string Scheme = "Bearer ";
    private const string SystemUserTable = "systemuser";
    private const string ApplicationIdColumn = "applicationid";
    private const string IsDisabledColumn = "isdisabled";

    /// <summary>0x8005F101 AccessTokenExpired, "The requested resource requires authentication."</summary>
    private const int AccessTokenExpired = unchecked((int)0x8005F101);

    /// <summary>0x80048405 AccessDenied, "Access is denied."</summary>
    private const int AccessDenied = unchecked((int)0x80048405);

    private readonly ConcurrentDictionary<Guid, Guid> _userByApplication = new();

    /// <summary>The user the request runs as, or the 401/403 Dataverse answers.</summary>
    public (Guid? UserId, WebApiResult? Refusal) Authenticate(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return (null, Unauthorized("The requested resource requires authentication."));
        }

        if (!tokens.TryGetValue(authorization[Scheme.Length..].Trim(), out var applicationId))
        {
            // The token itself is never echoed.
            return (null, Unauthorized("The requested resource requires authentication. The bearer token was not issued for this environment."));
        }

        if (_userByApplication.TryGetValue(applicationId, out var cached))
        {
            return (cached, null);
        }

        var query = new QueryExpression(SystemUserTable) { ColumnSet = new ColumnSet(IsDisabledColumn), TopCount = 1 };
        query.Criteria.AddCondition(ApplicationIdColumn, ConditionOperator.Equal, applicationId);
        var user = dataverse.GetOrganizationService().RetrieveMultiple(query).Entities.FirstOrDefault();
        if (user is null)
        {
            return (null, WebApiResult.Error(403, AccessDenied,
                $"The user is not a member of the organization: no application user (systemuser with applicationid {applicationId:D}) exists in this environment."));
        }

        if (user.GetAttributeValue<bool>(IsDisabledColumn))
        {
            // Dataverse's answer to a disabled caller, as a live response shows it (microsoft/coe-starter-kit#8177: "statusCode":"403",
            // {"error":{"code":"0x80040225","message":"The specified user is disabled."}}); it was 403 AccessDenied before round 13.
            return (null, WebApiResult.Error(403, DataverseErrorCodes.UserNotEnabled, "The specified user is disabled."));
        }

        _userByApplication[applicationId] = user.Id;
        return (user.Id, null);
    }

    private WebApiResult Unauthorized(string message) =>
        WebApiResult.Error(401, AccessTokenExpired, message, new Dictionary<string, string>
        {
            ["WWW-Authenticate"] = $"Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, resource_id={baseUri.AbsoluteUri}",
        });
}

/// <summary>Sets up application users the way an administrator does in the Power Platform admin center.</summary>
public static class ApplicationUsers
{
    private const string SystemUserTable = "systemuser";
    private const string RoleTable = "role";
    private const string UserRolesRelationship = "systemuserroles_association";

    /// <summary>Creates an application user for the Entra application (client) id; returns the systemuser id.</summary>
    public static Guid Create(LocalDataverse dataverse, string name, Guid applicationId)
    {
        ArgumentNullException.ThrowIfNull(dataverse);
        var userId = dataverse.CreateUser(name);
        // An application user signs in as its application; domainname (system-required) is filled for it, here with the client id.
        dataverse.GetOrganizationService().Update(new Entity(SystemUserTable, userId)
        {
            ["applicationid"] = applicationId,
            ["domainname"] = applicationId.ToString("D"),
        });
        return userId;
    }

    /// <summary>Gives the user the security role of that name (created in the root business unit when missing).</summary>
    public static void AssignRole(LocalDataverse dataverse, Guid userId, string roleName)
    {
        ArgumentNullException.ThrowIfNull(dataverse);
        var service = dataverse.GetOrganizationService();
        var query = new QueryExpression(RoleTable) { ColumnSet = new ColumnSet("roleid"), TopCount = 1 };
        query.Criteria.AddCondition("name", ConditionOperator.Equal, roleName);
        var roleId = service.RetrieveMultiple(query).Entities.FirstOrDefault()?.Id
            ?? service.Create(new Entity(RoleTable) { ["name"] = roleName, ["businessunitid"] = new EntityReference("businessunit", dataverse.RootBusinessUnitId) });
        service.Associate(SystemUserTable, userId, new Relationship(UserRolesRelationship), [new EntityReference(RoleTable, roleId)]);
    }
}
