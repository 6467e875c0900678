using CreditOS.LocalDataverse.Faults;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// Resources Dataverse's Web API serves that the local host does not: the table definitions ("Query table definitions using the
/// Web API": EntityDefinitions, RelationshipDefinitions, GlobalOptionSetDefinitions, ManagedPropertyDefinitions) and Dataverse's own
/// functions and actions (Web API Function Reference and Action Reference; "Each function has a corresponding message in the
/// organization service", Use Web API functions). The local host answered them as segments that do not exist, 404 0x8006088a
/// "Resource not found for the segment 'RetrieveVersion'.", which tells a client the real service lacks them; they answer 501 saying
/// what is not implemented (Web API round 12, session 20). The lists hold the names of those references (unbound, bound to a row or
/// to an entity set: the local host answers 501 wherever it is addressed); a name in neither keeps its 404. As for WhoAmI, a
/// function called with another method than GET, or an action with another method than POST, finds no route (404, code "").
/// WhoAmI and the solution's Custom APIs are served before this is asked, and since session 23 one table's definition and its
/// attributes (<see cref="TableDefinitions"/>); what that does not serve of EntityDefinitions still answers 501 there.
/// </summary>
internal static class DataverseOperations
{
    private static readonly HashSet<string> TableDefinitions = new(StringComparer.Ordinal)
    {
        "EntityDefinitions", "RelationshipDefinitions", "GlobalOptionSetDefinitions", "ManagedPropertyDefinitions",
    };

    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "CalculateRollupField", "CalculateTotalTimeIncident", "CheckIncomingEmail", "CheckPromoteEmail", "DownloadReportDefinition",
        "ExpandCalendar", "ExportFieldTranslation", "FetchXmlToQueryExpression", "FindParentResourceGroup", "FormatAddress",
        "GetAllTimeZonesWithDisplayName", "GetDefaultPriceLevel", "GetDistinctValuesImportFile", "GetHeaderColumnsImportFile",
        "GetQuantityDecimal", "GetReportHistoryLimit", "GetTimeZoneCodeByLocalizedName", "GetTrackingTokenEmail", "GetValidManyToMany",
        "GetValidReferencedEntities", "GetValidReferencingEntities", "IncrementKnowledgeArticleViewCount", "InitializeFrom",
        "IsComponentCustomizable", "IsDataEncryptionActive", "IsValidStateTransition", "QueryMultipleSchedules",
        "RetrieveAbsoluteAndSiteCollectionUrl", "RetrieveActivePath", "RetrieveAllChildUsersSystemUser", "RetrieveAppComponents",
        "RetrieveApplicationRibbon", "RetrieveAttributeChangeHistory", "RetrieveAuditDetails", "RetrieveAuditPartitionList",
        "RetrieveAvailableLanguages", "RetrieveBusinessHierarchyBusinessUnit", "RetrieveCurrentOrganization",
        "RetrieveDependenciesForDelete", "RetrieveDependenciesForUninstall", "RetrieveDependentComponents",
        "RetrieveDeploymentLicenseType", "RetrieveDeprovisionedLanguages", "RetrieveDuplicates", "RetrieveEntityRibbon",
        "RetrieveExchangeRate", "RetrieveFilteredForms", "RetrieveFormattedImportJobResults", "RetrieveInstalledLanguagePacks",
        "RetrieveInstalledLanguagePackVersion", "RetrieveLicenseInfo", "RetrieveLocLabels", "RetrieveMailboxTrackingFolders",
        "RetrieveMembersBulkOperation", "RetrieveMissingComponents", "RetrieveMissingDependencies", "RetrieveOrganizationResources",
        "RetrieveParentGroupsResourceGroup", "RetrieveParsedDataImportFile", "RetrievePersonalWall",
        "RetrievePrincipalAttributePrivileges", "RetrievePrincipalSyncAttributeMappings", "RetrievePrivilegeSet",
        "RetrieveProvisionedLanguagePackVersion", "RetrieveProvisionedLanguages", "RetrieveRecordChangeHistory", "RetrieveRecordWall",
        "RetrieveRequiredComponents", "RetrieveRolePrivilegesRole", "RetrieveSharedPrincipalsAndAccess", "RetrieveSubGroupsResourceGroup",
        "RetrieveSubsidiaryTeamsBusinessUnit", "RetrieveSubsidiaryUsersBusinessUnit", "RetrieveTeamPrivileges", "RetrieveTimeStampRecords",
        "RetrieveTotalRecordCount", "RetrieveUnpublished", "RetrieveUnpublishedMultiple", "RetrieveUserPrivilegeByPrivilegeId",
        "RetrieveUserPrivilegeByPrivilegeName", "RetrieveUserPrivileges", "RetrieveUserQueues", "RetrieveUserSettingsSystemUser",
        "RetrieveVersion", "SearchByBodyKbArticle", "SearchByKeywordsKbArticle", "SearchByTitleKbArticle", "ValidateRecurrenceRule",
    };

    private static readonly HashSet<string> Actions = new(StringComparer.Ordinal)
    {
        "AddItemCampaign", "AddMembersTeam", "AddPrincipalToQueue", "AddPrivilegesRole", "AddRecurrence", "AddToQueue",
        "AddUserToRecordTeam", "AssociateEntities", "AutoMapEntity", "BackgroundSendEmail", "Book", "BulkDelete", "BulkDetectDuplicates",
        "CalculateActualValueOpportunity", "CalculatePrice", "CancelContract", "CancelSalesOrder", "CloneAsPatch", "CloneAsSolution",
        "CloneContract", "CloseIncident", "CloseQuote", "ConvertQuoteToSalesOrder", "ConvertSalesOrderToInvoice", "CopySystemForm",
        "CreateMultiple", "DeleteMultiple", "DeliverIncomingEmail", "DeliverPromoteEmail", "DisassociateEntities", "ExecuteWorkflow",
        "ExportSolution", "ExportSolutionAsync", "ExportTranslation", "FulfillSalesOrder", "GenerateInvoiceFromOpportunity",
        "GenerateQuoteFromOpportunity", "GenerateSalesOrderFromOpportunity", "GrantAccess", "ImportSolution", "ImportSolutionAsync",
        "ImportTranslation", "InitializeAnnotationBlocksDownload", "InitializeAnnotationBlocksUpload", "InitializeAttachmentBlocksDownload",
        "InitializeAttachmentBlocksUpload", "InitializeFileBlocksDownload", "InitializeFileBlocksUpload", "InstantiateTemplate",
        "LockInvoicePricing", "LockSalesOrderPricing", "LoseOpportunity", "Merge", "ModifyAccess", "PickFromQueue", "PublishAllXml",
        "PublishDuplicateRule", "PublishXml", "QualifyLead", "QueryExpressionToFetchXml", "ReassignObjectsOwner", "ReassignObjectsSystemUser",
        "ReleaseToQueue", "RemoveFromQueue", "RemoveMembersTeam", "RemovePrivilegeRole", "RemoveUserFromRecordTeam", "RenewContract",
        "ReplacePrivilegesRole", "Reschedule", "ReviseQuote", "RevokeAccess", "RouteTo", "SendBulkMail", "SendEmail",
        "SendEmailFromTemplate", "SendTemplate", "SetLocLabels", "StageSolution", "UnlockInvoicePricing", "UnlockSalesOrderPricing",
        "UnpublishDuplicateRule", "UpdateMultiple", "UpsertMultiple", "WinOpportunity", "WinQuote",
    };

    /// <summary>
    /// The answer for an unbound name (<c>RetrieveVersion()</c>, <c>EntityDefinitions(LogicalName='account')</c>, <c>Merge</c>) or a
    /// set-bound one (<c>accounts/Microsoft.Dynamics.CRM.CreateMultiple</c>), or null when the path names none of them.
    /// </summary>
    public static WebApiResult? Answer(string path, string method, Uri serviceRoot, string requestPath)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var first = segments.Length > 0 ? Name(segments[0]) : string.Empty;
        if (TableDefinitions.Contains(first))
        {
            return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                $"The local Web API does not implement Dataverse's table definitions ('{first}', Query table definitions using the Web API); the tables, columns, choices and relationships are in the solution's metadata (CreditOS.Solution).");
        }

        if (segments.Length == 1)
        {
            return Operation(first, method, serviceRoot, requestPath);
        }

        // An operation bound to an entity set: {set}/Microsoft.Dynamics.CRM.{name} (a row-bound one is BoundActionPath's).
        return segments.Length == 2 && !segments[0].Contains('(', StringComparison.Ordinal) && segments[1].StartsWith(BoundActionPath.ActionNamespace, StringComparison.Ordinal)
            ? Operation(Name(segments[1][BoundActionPath.ActionNamespace.Length..]), method, serviceRoot, requestPath)
            : null;
    }

    /// <summary>The answer for a Dataverse function or action by its name (bound or not), or null when it is neither.</summary>
    public static WebApiResult? Operation(string name, string method, Uri serviceRoot, string requestPath)
    {
        var kind = Functions.Contains(name) ? "function" : Actions.Contains(name) ? "action" : null;
        if (kind is null)
        {
            return null;
        }

        if (method != (kind == "function" ? "GET" : "POST"))
        {
            return WebApiResult.NoResource(new Uri(serviceRoot, requestPath));
        }

        return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
            $"The local Web API does not implement Dataverse's {kind} '{name}' (Web API {(kind == "function" ? "Function" : "Action")} Reference); it serves WhoAmI, the solution's Custom APIs and the table operations. Call the message through the organization service where the local Dataverse implements it.");
    }

    /// <summary>The name before a parameter list: "RetrieveVersion()" → "RetrieveVersion".</summary>
    private static string Name(string segment)
    {
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        return open >= 0 ? segment[..open] : segment;
    }
}
