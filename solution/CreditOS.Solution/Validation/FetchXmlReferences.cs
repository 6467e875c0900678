using System.Xml.Linq;
using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Validation;

/// <summary>Checks that a FetchXML entity or link-entity names real tables and columns.</summary>
public static class FetchXmlReferences
{
    /// <param name="aliases">Filled with link-entity alias → table, for layout cells named alias.column.</param>
    public static IEnumerable<string> Check(MetadataCatalog catalog, XElement entity, IDictionary<string, string> aliases)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(aliases);
        var tableName = (string?)entity.Attribute("name") ?? string.Empty;
        var table = catalog.FindTable(tableName);
        if (table is null)
        {
            yield return $"fetch names unknown table '{tableName}'.";
            yield break;
        }

        foreach (var child in entity.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "attribute" or "order":
                    foreach (var message in Column(table, (string?)child.Attribute(child.Name.LocalName == "order" ? "attribute" : "name"), child.Name.LocalName))
                    {
                        yield return message;
                    }

                    break;
                case "filter":
                    foreach (var condition in child.Descendants("condition").Where(c => c.Attribute("entityname") is null))
                    {
                        foreach (var message in Column(table, (string?)condition.Attribute("attribute"), "condition"))
                        {
                            yield return message;
                        }
                    }

                    break;
                case "link-entity":
                    var linked = (string?)child.Attribute("name") ?? string.Empty;
                    foreach (var message in Column(table, (string?)child.Attribute("to"), "link-entity 'to'"))
                    {
                        yield return message;
                    }

                    if (catalog.FindTable(linked) is { } linkedTable)
                    {
                        foreach (var message in Column(linkedTable, (string?)child.Attribute("from"), "link-entity 'from'"))
                        {
                            yield return message;
                        }
                    }

                    if ((string?)child.Attribute("alias") is { } alias)
                    {
                        aliases[alias] = linked;
                    }

                    foreach (var message in Check(catalog, child, aliases))
                    {
                        yield return message;
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static IEnumerable<string> Column(TableDefinition table, string? column, string usage)
    {
        if (column is null || table.FindColumn(column) is null)
        {
            yield return $"{usage} names column '{column}', which table '{table.LogicalName}' does not have.";
        }
    }
}
