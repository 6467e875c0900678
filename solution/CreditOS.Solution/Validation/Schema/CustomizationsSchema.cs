using System.Xml.Linq;

namespace CreditOS.Solution.Validation.Schema;

/// <summary>
/// The shapes of the customizations.xml sections the packer writes, written down from Microsoft's published solution
/// schema (CustomizationsSolution.xsd, 9.0.0.2090; the XSD itself is not in the repository, see solution/README.md).
/// Dataverse validates customizations.xml against that schema at import: one element out of order, unknown or missing
/// and the import stops with "The import file is invalid. XSD validation failed".
/// Only what the packer writes is covered; an element with no shape here is not checked.
/// </summary>
public static class CustomizationsSchema
{
    /// <summary>The children of ImportExportXml, in the one order the schema allows.</summary>
    public static readonly IReadOnlyList<string> TopLevelOrder =
    [
        "Entities", "Roles", "Workflows", "FieldSecurityProfiles", "Templates", "RibbonDiffXml", "IsvConfig", "RelationshipRoles",
        "ConnectionRoles", "SiteMap", "EntityMaps", "EntityRelationships", "OrganizationSettings", "optionsets", "Reports",
        "RoutingRules", "ChannelPropertyGroups", "ConvertRules", "MobileOfflineProfiles", "Slas", "ChannelAccessProfiles",
        "ChannelAccessProfileRules", "Dashboards", "InteractionCentricDashboards", "Dialogs", "WebResources", "CustomControls",
        "SolutionPluginAssemblies", "SdkMessageProcessingSteps", "ServiceEndpoints", "AppModuleSiteMaps", "AppModules",
        "EntityDataProviders", "EntityDataSources", "Languages", "GlobalSearchConfigurations", "StoredProcedures",
    ];

    private static readonly Dictionary<string, ElementShape> Shapes = Build();

    /// <summary>The shape of <paramref name="element"/> in its place (a Role under Roles is not a Role under AppModuleRoleMaps).</summary>
    public static ElementShape? Find(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var name = element.Name.LocalName;
        var parent = element.Parent?.Name.LocalName;
        return (parent is not null && Shapes.TryGetValue(parent + "/" + name, out var shape)) || Shapes.TryGetValue(name, out shape) ? shape : null;
    }

    /// <summary>The shape a source file's root element has once packed under its section (a Role file's root sits under Roles).</summary>
    public static ElementShape? Find(string parent, string name) =>
        Shapes.TryGetValue(parent + "/" + name, out var shape) || Shapes.TryGetValue(name, out shape) ? shape : null;

    private static Dictionary<string, ElementShape> Build()
    {
        ElementShape[] shapes =
        [
            ElementShape.Sequence("ImportExportXml", [.. TopLevelOrder], [],
                // OrganizationVersion, OrganizationSchemaType: written by every current export, newer than the schema.
                attributes: ["OrganizationVersion", "OrganizationSchemaType", "CRMServerServiceabilityVersion"]),

            // Tables: Entity and entity are xs:all (any order), but only the declared children.
            ElementShape.All("Entities/Entity",
                ["Name", "ObjectTypeCode", "EntityInfo", "FormXml", "SavedQueries", "Visualizations", "RibbonDiffXml", "Icons", "Strings",
                 "HierarchyRules", "CustomControlDefaultConfigs", "indexes"],
                ["Name"]),
            ElementShape.All("EntityInfo/entity",
                ["EntitySetName", "ExternalName", "ExternalCollectionName", "HasRelatedNotes", "HasRelatedFeedback", "HasRelatedActivities",
                 "IsConnectionsEnabled", "IsDocumentManagementEnabled", "IsCollaboration", "AutoRouteToOwnerQueue", "AutoCreateAccessTeams",
                 "OwnershipTypeMask", "IsAuditEnabled", "IsActivity", "ActivityTypeMask", "DaysSinceRecordLastModified", "IsActivityParty",
                 "IsReplicated", "IsReplicationUserFiltered", "IsRequiredOffline", "IsDuplicateCheckSupported", "IsBusinessProcessEnabled",
                 "IsInteractionCentricEnabled", "IsMailMergeEnabled", "IsVisibleInMobile", "MobileClientType", "IsVisibleInMobileClient",
                 "IsReadOnlyInMobileClient", "IsOfflineInMobileClient", "IsReadingPaneEnabled", "IsMapiGridEnabled", "IsCustomizable",
                 "IsRenameable", "IsMappable", "CanModifyConnectionSettings", "CanModifyAuditSettings", "CanModifyMobileVisibility",
                 "CanModifyMobileClientVisibility", "CanModifyMobileClientReadOnly", "CanModifyMobileClientOffline",
                 "CanModifyDuplicateDetectionSettings", "CanModifyMailMergeSettings", "CanModifyQueueSettings", "CanCreateAttributes",
                 "CanBeRelatedEntityInRelationship", "CanBePrimaryEntityInRelationship", "CanBeInManyToMany", "CanCreateForms",
                 "CanCreateCharts", "CanCreateViews", "CanModifyAdditionalSettings", "LocalizedNames", "LocalizedCollectionNames",
                 "Descriptions", "EntityMask", "EntityHelpUrlEnabled", "EntityHelpUrl", "IconLargeName", "IconMediumName", "IconSmallName",
                 "IconVectorName", "IsQuickCreateEnabled", "IntroducedVersion", "EnforceStateTransitions", "CanChangeHierarchicalRelationship",
                 "IsKnowledgeManagementEnabled", "EntityColor", "ChangeTrackingEnabled", "CanChangeTrackingBeEnabled",
                 "IsOneNoteIntegrationEnabled", "IsDocumentRecommendationsEnabled", "IsBPFEntity", "DataProviderId", "DataSourceId",
                 "SyncToExternalSearchIndex", "CanEnableSyncToExternalSearchIndex", "IsEnabledForExternalChannels", "IsSLAEnabled",
                 "MobileOfflineFilters", "EntityKeys", "attributes"],
                ["attributes"],
                attributes: ["Name", "unmodified"],
                newer: ["IsRetrieveAuditEnabled", "IsRetrieveMultipleAuditEnabled", "IsMSTeamsIntegrationEnabled", "IsSolutionAware"]),
            ElementShape.All("attributes/attribute",
                ["Type", "Name", "LogicalName", "ExternalName", "IsCustomField", "ValidForCreateApi", "ValidForReadApi", "ValidForUpdateApi",
                 "DisplayMask", "Length", "IsLogical", "AttributeOf", "YomiOf", "CalculationOf", "AggregateOf", "IsAuditEnabled",
                 "XmlAbbreviation", "ImeMode", "RequiredLevel", "LinkedAttribute", "Format", "MaxLength", "MinValue", "MaxValue", "Accuracy",
                 "Descriptions", "displaynames", "OptionSetName", "optionset", "AppDefaultValue", "AccuracySource",
                 "ReferencedEntityObjectTypeCode", "LookupBrowse", "LookupStyle", "LookupTypes", "IsSecured", "IsCustomizable", "IsRenameable",
                 "CanModifySearchSettings", "CanModifyRequirementLevelSettings", "CanModifyFieldLevelSecuritySettings",
                 "CanModifyAdditionalSettings", "IntroducedVersion", "SourceType", "FormulaDefinitionFileName", "Behavior",
                 "CanChangeDateTimeBehavior", "IsGlobalFilterEnabled", "IsSortableEnabled", "CanModifyGlobalFilterSettings",
                 "CanModifyIsSortableSettings", "IsActive", "IsDataSourceSecret"],
                [],
                attributes: ["PhysicalName", "unmodified"],
                newer: ["AutoNumberFormat", "IsSearchable", "IsFilterable", "IsRetrievable", "IsLocalizable", "IsMaskingEnabled"]),
            OptionSet("optionsets/optionset"),
            OptionSet("attribute/optionset"),

            ElementShape.Sequence("Roles/Role", ["IsCustomizable", "IntroducedVersion", "RolePrivileges"], [],
                attributes: ["name", "id", "unmodified"]),

            ElementShape.Sequence("Workflows/Workflow",
                ["XamlFileName", "ImageFileName", "Type", "Subprocess", "Category", "Mode", "LanguageCode", "Scope", "OnDemand",
                 "TriggerOnUpdateAttributeList", "TriggerOnCreate", "TriggerOnDelete", "AsyncAutodelete", "SyncWorkflowLogOnFailure",
                 "StateCode", "StatusCode", "CreateStage", "UpdateStage", "DeleteStage", "Rank", "processorder", "processroleassignment",
                 "RunAs", "SdkMessageId", "UniqueName", "IsTransacted", "IntroducedVersion", "IsCustomizable", "RendererObjectTypeCode",
                 "BusinessProcessType", "FormId", "PrimaryEntity", "LocalizedNames", "Descriptions", "labels", "ProcessTriggers"],
                [],
                attributes: ["Name", "Description", "WorkflowId", "unmodified"],
                newer: ["IsCustomProcessingStepAllowedForOtherPublishers", "ModernFlowType", "BillingContext"]),

            ElementShape.Sequence("FieldSecurityProfiles/FieldSecurityProfile", ["FieldPermissions"], [],
                attributes: ["name", "description", "fieldsecurityprofileid", "unmodified"]),
            ElementShape.Sequence("FieldPermissions/FieldPermission",
                ["EntityName", "AttributeName", "CanRead", "CanUpdate", "CanCreate"],
                ["EntityName", "AttributeName", "CanRead", "CanUpdate", "CanCreate"],
                attributes: [],
                newer: ["CanReadUnmasked"]),

            ElementShape.All("EntityRelationships/EntityRelationship",
                ["EntityRelationshipType", "IntroducedVersion", "IsHierarchical", "IsCustomizable", "ReferencingAttributeName",
                 "ReferencingAttributeRequiredLevel", "RelationshipDescription", "ReferencingEntityName", "ReferencedEntityName",
                 "FirstEntityName", "SecondEntityName", "IntersectEntityName", "CascadeAssign", "CascadeDelete", "CascadeReparent",
                 "CascadeShare", "CascadeUnshare", "CascadeRollupView", "IsValidForAdvancedFind", "field", "EntityRelationshipRoles"],
                ["EntityRelationshipType"],
                attributes: ["Name", "unmodified"]),

            ElementShape.Sequence("WebResources/WebResource",
                ["WebResourceId", "Name", "DisplayName", "Description", "SilverlightVersion", "LanguageCode", "WebResourceType",
                 "IntroducedVersion", "IsEnabledForMobileClient", "IsAvailableForMobileOffline", "DependencyXml", "IsCustomizable",
                 "CanBeDeleted", "IsHidden", "FileName"],
                ["WebResourceId", "Name"],
                attributes: ["unmodified"]),

            ElementShape.Sequence("SolutionPluginAssemblies/PluginAssembly",
                ["Description", "IsolationMode", "SourceType", "Path", "Url", "UserName", "IntroducedVersion", "IsCustomizable", "AuthType",
                 "FileName", "PluginTypes", "IsHidden"],
                [],
                attributes: ["FullName", "PluginAssemblyId", "CustomizationLevel", "unmodified"]),
            ElementShape.Sequence("PluginTypes/PluginType", ["Description", "FriendlyName", "WorkflowActivityGroupName"], ["FriendlyName"],
                attributes: ["Name", "AssemblyQualifiedName", "PluginTypeId"]),
            ElementShape.Sequence("SdkMessageProcessingSteps/SdkMessageProcessingStep",
                ["PluginTypeName", "PluginTypeId", "PrimaryEntity", "SecondaryEntity", "AsyncAutoDelete", "Configuration", "Description",
                 "FilteringAttributes", "ImpersonatingUserIdName", "InvocationSource", "Mode", "Rank", "SdkMessageId", "EventHandler",
                 "EventHandlerTypeCode", "Stage", "IsCustomizable", "IsHidden", "SupportedDeployment", "IntroducedVersion",
                 "SdkMessageProcessingStepImages"],
                [],
                attributes: ["SdkMessageProcessingStepId", "Name", "unmodified"],
                // Current exports write SdkMessageId first; the 2090 schema places it after Rank.
                newer: ["SdkMessageId"]),
            ElementShape.Sequence("SdkMessageProcessingStepImages/SdkMessageProcessingStepImage",
                ["Description", "SdkMessageProcessingStepImageId", "Attributes", "EntityAlias", "ImageType", "MessagePropertyName",
                 "RelatedAttributeName", "IsCustomizable", "IntroducedVersion"],
                [],
                attributes: ["Name"]),

            ElementShape.Sequence("AppModuleSiteMaps/AppModuleSiteMap", ["SiteMapUniqueName", "SiteMapName", "SiteMap", "LocalizedNames"],
                ["SiteMapUniqueName", "SiteMap"],
                newer: ["EnableCollapsibleGroups", "ShowHome", "ShowPinned", "ShowRecents"]),
            ElementShape.Sequence("AppModules/AppModule",
                ["UniqueName", "IntroducedVersion", "WebResourceId", "WelcomePageId", "FormFactor", "ClientType", "URL", "AppModuleComponents",
                 "AppModuleRoleMaps", "AppConfig", "LocalizedNames", "Descriptions"],
                ["UniqueName", "IntroducedVersion", "WebResourceId", "FormFactor", "AppModuleComponents", "LocalizedNames"],
                newer: ["OptimizedFor", "statecode", "statuscode", "NavigationType", "appsettings"]),
        ];
        return shapes.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    private static ElementShape OptionSet(string name) =>
        ElementShape.Sequence(name,
            ["OptionSetType", "IsGlobal", "IntroducedVersion", "IsCustomizable", "ExternalTypeName", "displaynames", "Descriptions", "options",
             "statuses", "states"],
            [],
            attributes: ["Name", "localizedName", "description", "unmodified"]);
}
