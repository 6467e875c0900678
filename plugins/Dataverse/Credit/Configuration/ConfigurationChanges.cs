using System.Globalization;
using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Configuration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Authority = CreditOS.Dataverse.Model.ApprovalAuthority;
using Cell = CreditOS.Dataverse.Model.TierMatrixCell;
using Policy = CreditOS.Dataverse.Model.CreditPolicy;
using Route = CreditOS.Dataverse.Model.ApprovalRouting;
using Tier = CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// The configuration rows that are not versioned and are changed only through a proposed change that a second person
/// applies (controls round 14): credit policies, tiers, tier matrix cells, approval routes and approval authority rows.
/// For each, the columns a change may set and of what type, so the text of a change (<see cref="ConfigurationChangeText"/>)
/// becomes the values Dataverse takes (the local Dataverse cannot be asked for metadata, and a plug-in should not pay a
/// metadata call for a type the solution fixes). Also how a value is shown in a refusal or an activation record.
/// </summary>
public static class ConfigurationChanges
{
    private enum Kind { Text, Integer, Decimal, Money, Boolean, Choice, Lookup }

    private sealed record Column(Kind Kind, string? Target = null);

    private sealed record Table(string Label, string PrimaryId, Dictionary<string, Column> Columns);

    /// <summary>Columns whose change decides nothing: the owner and the platform's stamps.</summary>
    private static readonly HashSet<string> NotContent = new(StringComparer.Ordinal)
    {
        "ownerid", "owningbusinessunit", "owninguser", "owningteam", "modifiedon", "modifiedby", "modifiedonbehalfby",
    };

    private static readonly Dictionary<string, Table> Tables = new(StringComparer.Ordinal)
    {
        [Policy.EntityLogicalName] = new("credit policy", Policy.PrimaryIdAttribute, With(
            C(Policy.Fields.Name, Kind.Text), C(Policy.Fields.Code, Kind.Text), C(Policy.Fields.Description, Kind.Text),
            C(Policy.Fields.BaseLimit, Kind.Money), C(Policy.Fields.HardCap, Kind.Money), C(Policy.Fields.LimitIncreaseReviewAbove, Kind.Money),
            C(Policy.Fields.TrustedMaxOrderAmount, Kind.Money), C(Policy.Fields.TrustedMaxExcessOverLimit, Kind.Money),
            C(Policy.Fields.TrustedOverdueTolerance, Kind.Money), C(Policy.Fields.TrustedOverdueToleranceDays, Kind.Integer), C(Policy.Fields.OverdueAlertAmount, Kind.Money),
            C(Policy.Fields.OverdueToleranceAmount, Kind.Money), C(Policy.Fields.OverdueTolerancePercent, Kind.Decimal), C(Policy.Fields.OverdueToleranceDays, Kind.Integer),
            C(Policy.Fields.LimitHeadroom, Kind.Decimal), C(Policy.Fields.EarlyPaymentDiscount, Kind.Decimal),
            C(Policy.Fields.BlockAboveUtilization, Kind.Decimal), C(Policy.Fields.LimitCutReviewShare, Kind.Decimal),
            C(Policy.Fields.AlertThresholdWarning, Kind.Decimal), C(Policy.Fields.AlertThresholdCritical, Kind.Decimal),
            C(Policy.Fields.OrderToInvoiceDays, Kind.Integer), C(Policy.Fields.PaymentTermsDays, Kind.Integer),
            C(Policy.Fields.EarlyPaymentDays, Kind.Integer), C(Policy.Fields.GraceDays, Kind.Integer),
            C(Policy.Fields.RequiresApproval, Kind.Boolean), C(Policy.Fields.IsPrepay, Kind.Boolean), C(Policy.Fields.LimitStepDown, Kind.Boolean),
            C(Policy.Fields.TrustedChannel, Kind.Choice), C(Policy.Fields.StateCode, Kind.Choice), C(Policy.Fields.StatusCode, Kind.Choice))),
        [Tier.EntityLogicalName] = new("credit tier", Tier.PrimaryIdAttribute, With(
            C(Tier.Fields.Name, Kind.Text), C(Tier.Fields.Code, Kind.Text), C(Tier.Fields.Description, Kind.Text),
            C(Tier.Fields.Rank, Kind.Integer), C(Tier.Fields.CreditPolicyId, Kind.Lookup, Policy.EntityLogicalName),
            C(Tier.Fields.IsStarter, Kind.Boolean), C(Tier.Fields.StarterMinimumOrders, Kind.Integer),
            C(Tier.Fields.StarterMinimumMonths, Kind.Integer), C(Tier.Fields.StarterRequireBoth, Kind.Boolean),
            C(Tier.Fields.StateCode, Kind.Choice), C(Tier.Fields.StatusCode, Kind.Choice))),
        [Cell.EntityLogicalName] = new("tier matrix cell", Cell.PrimaryIdAttribute, With(
            C(Cell.Fields.Name, Kind.Text), C(Cell.Fields.ScoringRuleSetId, Kind.Lookup, "cos_scoringruleset"),
            C(Cell.Fields.ValueFrom, Kind.Decimal), C(Cell.Fields.ValueTo, Kind.Decimal),
            C(Cell.Fields.RiskFrom, Kind.Decimal), C(Cell.Fields.RiskTo, Kind.Decimal),
            C(Cell.Fields.CreditTierId, Kind.Lookup, Tier.EntityLogicalName),
            C(Cell.Fields.StateCode, Kind.Choice), C(Cell.Fields.StatusCode, Kind.Choice))),
        [Route.EntityLogicalName] = new("approval route", Route.PrimaryIdAttribute, With(
            C(Route.Fields.Name, Kind.Text), C(Route.Fields.CustomerGroup, Kind.Choice),
            C(Route.Fields.QueueId, Kind.Lookup, "queue"), C(Route.Fields.EscalationQueueId, Kind.Lookup, "queue"),
            C(Route.Fields.CommentRequiredAbove, Kind.Money), C(Route.Fields.DueInHours, Kind.Integer),
            C(Route.Fields.TemporaryLimitMaxDays, Kind.Integer),
            C(Route.Fields.StateCode, Kind.Choice), C(Route.Fields.StatusCode, Kind.Choice))),
        [Authority.EntityLogicalName] = new("approval authority", Authority.PrimaryIdAttribute, With(
            C(Authority.Fields.Name, Kind.Text), C(Authority.Fields.TeamId, Kind.Lookup, "team"),
            C(Authority.Fields.UserId, Kind.Lookup, "systemuser"), C(Authority.Fields.MaximumAmount, Kind.Decimal),
            C(Authority.Fields.StateCode, Kind.Choice), C(Authority.Fields.StatusCode, Kind.Choice))),
    };

    /// <summary>The table a change names, as its logical name; refused by name when it is not one of the five.</summary>
    public static string TableOf(string? table) =>
        table is not null && Tables.ContainsKey(table.Trim().ToLowerInvariant())
            ? table.Trim().ToLowerInvariant()
            : throw new InvalidPluginExecutionException(
                $"A configuration change names the table it changes: one of {string.Join(", ", Tables.Keys)}; '{table}' is not one of them.");

    /// <summary>A row of the table as a sentence names it: "a credit policy", "an approval authority".</summary>
    public static string ARowOf(string table) => ("aeiou".IndexOf(Tables[table].Label[0]) >= 0 ? "an " : "a ") + Tables[table].Label;

    /// <summary>The table's primary id column.</summary>
    public static string PrimaryIdOf(string table) => Tables[table].PrimaryId;

    /// <summary>Whether a table's rows are changed only through a proposed change.</summary>
    public static bool Holds(string table) => Tables.ContainsKey(table);

    /// <summary>The row as a refusal or record names it, for example "credit policy 'STANDARD'".</summary>
    public static string What(string table, string? name) =>
        (Tables.TryGetValue(table, out var known) ? known.Label : table) + " '" + (string.IsNullOrWhiteSpace(name) ? "new row" : name) + "'";

    /// <summary>The columns a change of the table may set (what an image of its row in force carries).</summary>
    public static IEnumerable<string> ColumnsOf(string table) => Tables[table].Columns.Keys;

    /// <summary>Whether a save changes what the row decides: anything but its id, owner and stamps.</summary>
    public static bool ChangesContent(Entity target) =>
        target.Attributes.Keys.Any(column => !NotContent.Contains(column) && !(Tables.TryGetValue(target.LogicalName, out var table) && column == table.PrimaryId));

    /// <summary>
    /// The row a change's text sets, with typed values: refused by name when the table is not one of the five, a column
    /// is not one a change may set, or a value is not of its column's type.
    /// </summary>
    public static Entity Read(string? table, string? text)
    {
        var logicalName = TableOf(table);
        var known = Tables[logicalName];
        IReadOnlyList<KeyValuePair<string, string?>> columns;
        try
        {
            columns = ConfigurationChangeText.Parse(text);
        }
        catch (CreditInputException invalid)
        {
            throw new InvalidPluginExecutionException(invalid.Message, invalid);
        }

        var row = new Entity(logicalName);
        foreach (var column in columns)
        {
            if (!known.Columns.TryGetValue(column.Key, out var type))
            {
                throw new InvalidPluginExecutionException(
                    $"A change of a {known.Label} cannot set {column.Key}: it sets {string.Join(", ", known.Columns.Keys)}.");
            }

            row[column.Key] = column.Value is null ? null : Typed(known.Label, column.Key, type, column.Value);
        }

        return row;
    }

    /// <summary>
    /// Each column from its value to the new one ("cos_hardcap 250,000.00 → 900,000.00; cos_gracedays 5 → 30"), or,
    /// with no row before (a new row, or a change not yet applied), each column's value ("cos_gracedays = 30").
    /// </summary>
    public static string Figures(Entity? before, Entity after) =>
        string.Join("; ", after.Attributes.Where(column => !NotContent.Contains(column.Key) && column.Key != after.LogicalName + "id")
            .Select(column => before is null
                ? $"{column.Key} = {Show(column.Value)}"
                : $"{column.Key} {Show(before.Contains(column.Key) ? before[column.Key] : null)} → {Show(column.Value)}"));

    /// <summary>A value as people read it: amounts with two decimals, no value as "(none)".</summary>
    public static string Show(object? value) => value switch
    {
        null => "(none)",
        Money money => money.Value.ToString("N2", CultureInfo.InvariantCulture),
        decimal number => number.ToString("#,0.00##", CultureInfo.InvariantCulture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "yes" : "no",
        OptionSetValue choice => choice.Value.ToString(CultureInfo.InvariantCulture),
        EntityReference reference => string.IsNullOrEmpty(reference.Name) ? reference.LogicalName + " " + reference.Id : reference.Name!,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>
    /// A value as the basis of a change records it and as it is compared (session 22): the text a change would set it
    /// with, one form per value (numbers invariant with at least two decimals whatever their scale, yes/no, a choice's
    /// number, a row id; a line break written as \\n so a text stays one line), or null for no value.
    /// </summary>
    public static string? Canonical(object? value)
    {
        var text = value switch
        {
            null => null,
            Money money => money.Value.ToString("0.00##########", CultureInfo.InvariantCulture),
            decimal number => number.ToString("0.00##########", CultureInfo.InvariantCulture),
            int number => number.ToString(CultureInfo.InvariantCulture),
            bool flag => flag ? "yes" : "no",
            OptionSetValue choice => choice.Value.ToString(CultureInfo.InvariantCulture),
            EntityReference reference => reference.Id.ToString(),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
        text = text?.Replace("\r\n", "\n").Replace("\n", "\\n").Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>
    /// The row with those columns, or null when no such row exists (one call). A query, not a Retrieve: a Retrieve of a
    /// missing row is a fault, which inside the save's transaction would end it whatever the plug-in does with it.
    /// </summary>
    public static Entity? Find(IOrganizationService service, string table, Guid id, IEnumerable<string> columns)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(columns.Distinct().ToArray()), TopCount = 1 };
        query.Criteria.AddCondition(PrimaryIdOf(table), ConditionOperator.Equal, id);
        return service.RetrieveMultiple(query).Entities.FirstOrDefault();
    }

    /// <summary>The row's values of the columns as the basis text: one <c>column = value</c> line each, in that order.</summary>
    public static string BasisText(Entity row, IEnumerable<string> columns) =>
        string.Join("\n", columns.Select(column => column + " = " + Canonical(row.Contains(column) ? row[column] : null)));

    /// <summary>The row's values of the columns, canonical, for comparing with a basis.</summary>
    public static IReadOnlyDictionary<string, string?> CanonicalValues(Entity row, IEnumerable<string> columns) =>
        columns.Distinct().ToDictionary(column => column, column => Canonical(row.Contains(column) ? row[column] : null), StringComparer.Ordinal);

    private static object Typed(string label, string column, Column type, string text)
    {
        object? value = type.Kind switch
        {
            Kind.Text => text,
            Kind.Integer => int.TryParse(text, NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var whole) ? whole : null,
            Kind.Decimal => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null,
            Kind.Money => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? new Money(amount) : null,
            Kind.Boolean => text.ToLowerInvariant() switch { "yes" or "true" or "1" => true, "no" or "false" or "0" => false, _ => null },
            Kind.Choice => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var choice) ? new OptionSetValue(choice) : null,
            Kind.Lookup => Guid.TryParse(text, out var id) ? new EntityReference(type.Target!, id) : null,
            _ => null,
        };
        return value ?? throw new InvalidPluginExecutionException(
            $"The change of a {label} sets {column} to '{text}', which is not {Expected(type.Kind)}.");
    }

    private static string Expected(Kind kind) => kind switch
    {
        Kind.Integer => "a whole number",
        Kind.Decimal or Kind.Money => "a number (invariant: 900000.00)",
        Kind.Boolean => "yes or no",
        Kind.Choice => "a choice's number",
        Kind.Lookup => "a row id (GUID)",
        _ => "text",
    };

    // No tuples: the plug-in assemblies target .NET Framework 4.6.2, which has no ValueTuple.
    private static KeyValuePair<string, Column> C(string name, Kind kind, string? target = null) => new(name, new Column(kind, target));

    private static Dictionary<string, Column> With(params KeyValuePair<string, Column>[] columns) =>
        columns.ToDictionary(column => column.Key, column => column.Value, StringComparer.Ordinal);
}
