using System.Globalization;
using System.Xml.Linq;
using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// Writes a $filter read into a QueryExpression filter (and the links of its lookup paths) as FetchXML, for $apply: Dataverse's
/// aggregates are FetchXML's ("Further information around using aggregate functionality with Dataverse can be found here: Aggregate
/// data using FetchXml", Aggregate data using OData), and the local query engine aggregates FetchXML only. Operator names are
/// FetchXML's (fetchxml/reference/operators); an operator without one here is refused as not implemented.
/// </summary>
internal static class FetchXmlWriter
{
    private static readonly Dictionary<ConditionOperator, string> Names = new()
    {
        [ConditionOperator.Equal] = "eq", [ConditionOperator.NotEqual] = "ne", [ConditionOperator.GreaterThan] = "gt",
        [ConditionOperator.GreaterEqual] = "ge", [ConditionOperator.LessThan] = "lt", [ConditionOperator.LessEqual] = "le",
        [ConditionOperator.Like] = "like", [ConditionOperator.NotLike] = "not-like", [ConditionOperator.In] = "in",
        [ConditionOperator.NotIn] = "not-in", [ConditionOperator.Between] = "between", [ConditionOperator.NotBetween] = "not-between",
        [ConditionOperator.Null] = "null", [ConditionOperator.NotNull] = "not-null",
        [ConditionOperator.Yesterday] = "yesterday", [ConditionOperator.Today] = "today", [ConditionOperator.Tomorrow] = "tomorrow",
        [ConditionOperator.Last7Days] = "last-seven-days", [ConditionOperator.Next7Days] = "next-seven-days",
        [ConditionOperator.LastWeek] = "last-week", [ConditionOperator.ThisWeek] = "this-week", [ConditionOperator.NextWeek] = "next-week",
        [ConditionOperator.LastMonth] = "last-month", [ConditionOperator.ThisMonth] = "this-month", [ConditionOperator.NextMonth] = "next-month",
        [ConditionOperator.LastYear] = "last-year", [ConditionOperator.ThisYear] = "this-year", [ConditionOperator.NextYear] = "next-year",
        [ConditionOperator.On] = "on", [ConditionOperator.OnOrBefore] = "on-or-before", [ConditionOperator.OnOrAfter] = "on-or-after",
        [ConditionOperator.NotOn] = "not-on",
        [ConditionOperator.LastXHours] = "last-x-hours", [ConditionOperator.NextXHours] = "next-x-hours",
        [ConditionOperator.LastXDays] = "last-x-days", [ConditionOperator.NextXDays] = "next-x-days",
        [ConditionOperator.LastXWeeks] = "last-x-weeks", [ConditionOperator.NextXWeeks] = "next-x-weeks",
        [ConditionOperator.LastXMonths] = "last-x-months", [ConditionOperator.NextXMonths] = "next-x-months",
        [ConditionOperator.LastXYears] = "last-x-years", [ConditionOperator.NextXYears] = "next-x-years",
        [ConditionOperator.OlderThanXMinutes] = "olderthan-x-minutes", [ConditionOperator.OlderThanXHours] = "olderthan-x-hours",
        [ConditionOperator.OlderThanXDays] = "olderthan-x-days", [ConditionOperator.OlderThanXWeeks] = "olderthan-x-weeks",
        [ConditionOperator.OlderThanXMonths] = "olderthan-x-months", [ConditionOperator.OlderThanXYears] = "olderthan-x-years",
        [ConditionOperator.BeginsWith] = "begins-with", [ConditionOperator.DoesNotBeginWith] = "not-begin-with",
        [ConditionOperator.EndsWith] = "ends-with", [ConditionOperator.DoesNotEndWith] = "not-end-with",
        [ConditionOperator.EqualUserId] = "eq-userid", [ConditionOperator.NotEqualUserId] = "ne-userid",
        [ConditionOperator.EqualUserTeams] = "eq-userteams", [ConditionOperator.EqualUserOrUserTeams] = "eq-useroruserteams",
        [ConditionOperator.EqualBusinessId] = "eq-businessid", [ConditionOperator.NotEqualBusinessId] = "ne-businessid",
        [ConditionOperator.Under] = "under", [ConditionOperator.UnderOrEqual] = "eq-or-under", [ConditionOperator.NotUnder] = "not-under",
        [ConditionOperator.Above] = "above", [ConditionOperator.AboveOrEqual] = "eq-or-above",
    };

    public static XElement Filter(FilterExpression filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var element = new XElement("filter", new XAttribute("type", filter.FilterOperator == LogicalOperator.Or ? "or" : "and"));
        foreach (var condition in filter.Conditions)
        {
            element.Add(Condition(condition));
        }

        foreach (var child in filter.Filters)
        {
            element.Add(Filter(child));
        }

        return element;
    }

    public static XElement Link(LinkEntity link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var element = new XElement("link-entity",
            new XAttribute("name", link.LinkToEntityName),
            new XAttribute("from", link.LinkToAttributeName),
            new XAttribute("to", link.LinkFromAttributeName),
            new XAttribute("link-type", link.JoinOperator == JoinOperator.LeftOuter ? "outer" : "inner"));
        if (!string.IsNullOrEmpty(link.EntityAlias))
        {
            element.Add(new XAttribute("alias", link.EntityAlias));
        }

        if (link.LinkCriteria is { } criteria && (criteria.Conditions.Count > 0 || criteria.Filters.Count > 0))
        {
            element.Add(Filter(criteria));
        }

        foreach (var child in link.LinkEntities)
        {
            element.Add(Link(child));
        }

        return element;
    }

    private static XElement Condition(ConditionExpression condition)
    {
        var name = Names.TryGetValue(condition.Operator, out var known)
            ? known
            : throw DataverseFault.NotImplemented($"the condition {condition.Operator} in the $filter of an $apply");
        var element = new XElement("condition", new XAttribute("attribute", condition.AttributeName), new XAttribute("operator", name));
        if (!string.IsNullOrEmpty(condition.EntityName))
        {
            element.Add(new XAttribute("entityname", condition.EntityName));
        }

        if (condition.CompareColumns)
        {
            element.Add(new XAttribute("valueof", Text(condition.Values[0])));
            return element;
        }

        if (condition.Values.Count == 1 && condition.Operator is not (ConditionOperator.In or ConditionOperator.NotIn))
        {
            element.Add(new XAttribute("value", Text(condition.Values[0])));
        }
        else
        {
            foreach (var value in condition.Values)
            {
                element.Add(new XElement("value", Text(value)));
            }
        }

        return element;
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        DateTime moment => EdmDate.AsUtc(moment).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        Guid id => id.ToString("D"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
