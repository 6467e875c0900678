namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>environmentvariablevalue</c>: the current environment's value overriding a definition's default.</summary>
public static class EnvironmentVariableValue
{
    public const string EntityLogicalName = "environmentvariablevalue";
    public const string EntitySetName = "environmentvariablevalues";
    public const string PrimaryIdAttribute = "environmentvariablevalueid";
    public const string PrimaryNameAttribute = "schemaname";

    public static class Fields
    {
        public const string EnvironmentVariableValueId = "environmentvariablevalueid";
        public const string SchemaName = "schemaname";
        public const string Value = "value";
        public const string EnvironmentVariableDefinitionId = "environmentvariabledefinitionid";
    }
}
