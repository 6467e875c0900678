using System.Globalization;
using System.Xml.Linq;

namespace CreditOS.Dataverse.Framework;

/// <summary>Small builders for FetchXML elements, so values are always escaped and formatted invariantly.</summary>
internal static class FetchXml
{
    public static XElement AggregateFetch(string table, params object[] content) =>
        new("fetch", new XAttribute("aggregate", "true"), new XElement("entity", new XAttribute("name", table), content));

    public static XElement GroupBy(string column, string alias) =>
        new("attribute", new XAttribute("name", column), new XAttribute("groupby", "true"), new XAttribute("alias", alias));

    public static XElement GroupByDate(string column, string grouping, string alias) =>
        new("attribute", new XAttribute("name", column), new XAttribute("groupby", "true"), new XAttribute("dategrouping", grouping), new XAttribute("alias", alias));

    public static XElement Aggregate(string column, string function, string alias) =>
        new("attribute", new XAttribute("name", column), new XAttribute("aggregate", function), new XAttribute("alias", alias));

    public static XElement Filter(params object[] conditions) => new("filter", new XAttribute("type", "and"), conditions);

    public static XElement AnyOf(params object[] conditions) => new("filter", new XAttribute("type", "or"), conditions);

    public static XElement Condition(string column, string op, object value) =>
        new("condition", new XAttribute("attribute", column), new XAttribute("operator", op), new XAttribute("value", Format(value)));

    public static XElement Condition(string column, string op) =>
        new("condition", new XAttribute("attribute", column), new XAttribute("operator", op));

    private static string Format(object value) => value switch
    {
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Guid id => id.ToString("D"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
