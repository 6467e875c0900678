using System.Globalization;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// Reads environment variables as Dataverse stores them: the definition's default value, overridden by the
/// environment's value row when one exists. One query for all the names asked for.
/// </summary>
public static class EnvironmentVariableReader
{
    private const string ValueAlias = "current";

    public static IReadOnlyDictionary<string, string> Read(IOrganizationService service, params string[] schemaNames)
    {
        var query = new QueryExpression(EnvironmentVariableDefinition.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(EnvironmentVariableDefinition.Fields.SchemaName, EnvironmentVariableDefinition.Fields.DefaultValue),
        };
        query.Criteria.AddCondition(EnvironmentVariableDefinition.Fields.SchemaName, ConditionOperator.In, schemaNames.Cast<object>().ToArray());
        var value = query.AddLink(
            EnvironmentVariableValue.EntityLogicalName,
            EnvironmentVariableDefinition.Fields.EnvironmentVariableDefinitionId,
            EnvironmentVariableValue.Fields.EnvironmentVariableDefinitionId,
            JoinOperator.LeftOuter);
        value.EntityAlias = ValueAlias;
        value.Columns = new ColumnSet(EnvironmentVariableValue.Fields.Value);

        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in service.RetrieveMultiple(query).Entities)
        {
            var name = row.GetAttributeValue<string>(EnvironmentVariableDefinition.Fields.SchemaName);
            var current = row.GetAttributeValue<AliasedValue>(ValueAlias + "." + EnvironmentVariableValue.Fields.Value)?.Value as string;
            var text = string.IsNullOrWhiteSpace(current) ? row.GetAttributeValue<string>(EnvironmentVariableDefinition.Fields.DefaultValue) : current;
            if (name is not null && text is not null)
            {
                found[name] = text;
            }
        }

        return found;
    }

    /// <summary>The number the variable holds; a missing definition or a value that is not a number is a configuration error.</summary>
    public static decimal RequireNumber(IReadOnlyDictionary<string, string> values, string schemaName)
    {
        if (!values.TryGetValue(schemaName, out var text))
        {
            throw new InvalidPluginExecutionException($"The environment variable {schemaName} is not defined in this environment; import the creditOS solution.");
        }

        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new InvalidPluginExecutionException($"The environment variable {schemaName} must be a number, but is '{text}'.");
    }

    public static string RequireText(IReadOnlyDictionary<string, string> values, string schemaName) =>
        values.TryGetValue(schemaName, out var text) && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw new InvalidPluginExecutionException($"The environment variable {schemaName} is not defined in this environment; import the creditOS solution.");
}
