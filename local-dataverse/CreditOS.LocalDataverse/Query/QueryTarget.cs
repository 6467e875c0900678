using System.Xml;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>The table a query reads, as the pipeline reports it in PrimaryEntityName for RetrieveMultiple.</summary>
public static class QueryTarget
{
    /// <summary>The query's root table; for FetchXML the entity element's name. Null when it cannot be read (the query itself will fault).</summary>
    public static string? EntityName(QueryBase query) => query switch
    {
        QueryExpression expression => expression.EntityName,
        QueryByAttribute byAttribute => byAttribute.EntityName,
        FetchExpression fetch => FetchEntityName(fetch.Query),
        _ => null,
    };

    private static string? FetchEntityName(string? fetchXml)
    {
        if (string.IsNullOrWhiteSpace(fetchXml))
        {
            return null;
        }

        try
        {
            return XDocument.Parse(fetchXml).Root?.Element(FetchXmlSchema.EntityElement)?.Attribute(FetchXmlSchema.Name)?.Value;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
