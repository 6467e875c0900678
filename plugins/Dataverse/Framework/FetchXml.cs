using System.Globalization;
using System.Text;
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

    /// <summary>
    /// The query's text, exactly as <c>fetch.ToString(SaveOptions.DisableFormatting)</c> writes it, without an XmlWriter:
    /// creating one allocates its buffers (about 30 KB) for every query, and the payment posting sends one on every
    /// payment (the orders aggregate). Anything beyond plain elements, attributes and text (namespaces, comments, CDATA,
    /// control characters) is written by the XmlWriter as before.
    /// </summary>
    public static string Text(XElement fetch)
    {
        var text = new StringBuilder(512);
        return TryWrite(fetch, text) ? text.ToString() : fetch.ToString(SaveOptions.DisableFormatting);
    }

    private static bool TryWrite(XElement element, StringBuilder text)
    {
        if (element.Name.NamespaceName.Length != 0)
        {
            return false;
        }

        text.Append('<').Append(element.Name.LocalName);
        for (var attribute = element.FirstAttribute; attribute is not null; attribute = attribute.NextAttribute)
        {
            if (attribute.IsNamespaceDeclaration || attribute.Name.NamespaceName.Length != 0)
            {
                return false;
            }

            text.Append(' ').Append(attribute.Name.LocalName).Append("=\"");
            if (!TryEscape(attribute.Value, text, inAttribute: true))
            {
                return false;
            }

            text.Append('"');
        }

        if (element.IsEmpty)
        {
            text.Append(" />");
            return true;
        }

        text.Append('>');
        foreach (var node in element.Nodes())
        {
            var written = node switch
            {
                XElement child => TryWrite(child, text),
                XCData => false,
                XText content => TryEscape(content.Value, text, inAttribute: false),
                _ => false,
            };
            if (!written)
            {
                return false;
            }
        }

        text.Append("</").Append(element.Name.LocalName).Append('>');
        return true;
    }

    /// <summary>The XmlWriter's escapes for what FetchXML values hold; false for characters it treats specially (left to it).</summary>
    private static bool TryEscape(string value, StringBuilder text, bool inAttribute)
    {
        foreach (var character in value)
        {
            switch (character)
            {
                case '&':
                    text.Append("&amp;");
                    break;
                case '<':
                    text.Append("&lt;");
                    break;
                case '>':
                    text.Append("&gt;");
                    break;
                case '"' when inAttribute:
                    text.Append("&quot;");
                    break;
                default:
                    if (character < ' ' || character >= '\uD800')
                    {
                        return false;
                    }

                    text.Append(character);
                    break;
            }
        }

        return true;
    }

    private static string Format(object value) => value switch
    {
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Guid id => id.ToString("D"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
