namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>environmentvariabledefinition</c>.</summary>
public static class EnvironmentVariableDefinition
{
    public const string EntityLogicalName = "environmentvariabledefinition";
    public const string EntitySetName = "environmentvariabledefinitions";
    public const string PrimaryIdAttribute = "environmentvariabledefinitionid";
    public const string PrimaryNameAttribute = "schemaname";

    public static class Fields
    {
        public const string EnvironmentVariableDefinitionId = "environmentvariabledefinitionid";
        public const string SchemaName = "schemaname";
        public const string DisplayName = "displayname";
        public const string DefaultValue = "defaultvalue";
    }
}
