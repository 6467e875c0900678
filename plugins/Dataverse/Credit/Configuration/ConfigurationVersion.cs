using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// The credit configuration's version stamp: the environment variable <see cref="Variable"/>, given a new value by
/// every change of a configuration row (policy, tier, tier matrix cell, scoring rule, rule set; since session 29 also
/// the collections configuration the nightly page caches: monitor condition, dunning step, collector assignment rule) in
/// the change's own transaction (<c>ConfigurationVersionPlugin</c>). A cached configuration is used only under the stamp it was read
/// with (<see cref="CreditConfigurationCache"/>), so a change is seen by the next reader the moment it commits, and a
/// change that rolls back takes its stamp with it. The stamp is a new unique value rather than a count: two changes
/// saved at once each write their own, where two increments could both write the same number and leave one change
/// unseen. Until the first change has stamped the configuration the variable has no value and nothing is cached.
/// Calls: <see cref="BumpCalls"/> (the definition with its value rows, then their update or the value's creation).
/// </summary>
public static class ConfigurationVersion
{
    public const string Variable = "cos_CreditConfigurationVersion";

    public const int BumpCalls = 2;

    /// <summary>Calls of <see cref="ReadStamp"/>.</summary>
    public const int ReadCalls = 1;

    private const string ValueAlias = "current";

    /// <summary>The stamp in force (one query), or null when the configuration was never stamped.</summary>
    public static string? ReadStamp(IOrganizationService service) => StampOf(EnvironmentVariableReader.Read(service, Variable));

    /// <summary>The stamp among environment variables read with it in one query (<see cref="EnvironmentVariableReader.Read"/>), or null.</summary>
    public static string? StampOf(IReadOnlyDictionary<string, string> values) =>
        values.TryGetValue(Variable, out var stamp) && !string.IsNullOrWhiteSpace(stamp) ? stamp : null;

    /// <summary>Gives the stamp a new value; returns it (null when the environment lacks the variable's definition, so nothing can be cached either).</summary>
    public static string? Bump(IOrganizationService service, ITracingService tracing)
    {
        var query = new QueryExpression(EnvironmentVariableDefinition.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(EnvironmentVariableDefinition.Fields.SchemaName),
        };
        query.Criteria.AddCondition(EnvironmentVariableDefinition.Fields.SchemaName, ConditionOperator.Equal, Variable);
        var value = query.AddLink(
            EnvironmentVariableValue.EntityLogicalName,
            EnvironmentVariableDefinition.Fields.EnvironmentVariableDefinitionId,
            EnvironmentVariableValue.Fields.EnvironmentVariableDefinitionId,
            JoinOperator.LeftOuter);
        value.EntityAlias = ValueAlias;
        value.Columns = new ColumnSet(EnvironmentVariableValue.Fields.EnvironmentVariableValueId);
        var rows = service.RetrieveMultiple(query).Entities;
        if (rows.Count == 0)
        {
            tracing.Trace("The environment variable {0} is not defined: the credit configuration is not cached in this environment.", Variable);
            return null;
        }

        var stamp = Guid.NewGuid().ToString("N");
        var valueIds = rows
            .Select(row => row.GetAttributeValue<AliasedValue>(ValueAlias + "." + EnvironmentVariableValue.Fields.EnvironmentVariableValueId)?.Value as Guid?)
            .Where(id => id is not null)
            .Select(id => id!.Value)
            .Distinct()
            .ToList();
        if (valueIds.Count == 0)
        {
            service.Create(new Entity(EnvironmentVariableValue.EntityLogicalName)
            {
                [EnvironmentVariableValue.Fields.SchemaName] = Variable,
                [EnvironmentVariableValue.Fields.Value] = stamp,
                [EnvironmentVariableValue.Fields.EnvironmentVariableDefinitionId] = rows[0].ToEntityReference(),
            });
        }

        foreach (var id in valueIds)
        {
            service.Update(new Entity(EnvironmentVariableValue.EntityLogicalName, id) { [EnvironmentVariableValue.Fields.Value] = stamp });
        }

        tracing.Trace("Credit configuration changed: version stamp {0}.", stamp);
        return stamp;
    }
}
