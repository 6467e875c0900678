using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Framework;

/// <summary>
/// Counts the calls a piece of plug-in code makes through a service, as reads (Retrieve, RetrieveMultiple) and the rest
/// (writes and other messages), so a plug-in can trace where its budget went (the nightly page: scoring against
/// collections, reads against writes), and which tables the reads went to (<see cref="ReadsByTable"/>). Adds nothing to
/// the calls themselves.
/// </summary>
public sealed class CountingService(IOrganizationService inner) : IOrganizationService
{
    private readonly SortedDictionary<string, int> _readsByTable = new(StringComparer.Ordinal);

    public int Reads { get; private set; }

    /// <summary>The reads per table, as "table n" joined by commas, most first (for the trace).</summary>
    public string ReadsByTable => string.Join(", ", _readsByTable.OrderByDescending(pair => pair.Value).Select(pair => pair.Key + " " + pair.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public int Others { get; private set; }

    public int Total => Reads + Others;

    public Guid Create(Entity entity)
    {
        Others++;
        return inner.Create(entity);
    }

    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet)
    {
        CountRead(entityName);
        return inner.Retrieve(entityName, id, columnSet);
    }

    public void Update(Entity entity)
    {
        Others++;
        inner.Update(entity);
    }

    public void Delete(string entityName, Guid id)
    {
        Others++;
        inner.Delete(entityName, id);
    }

    public OrganizationResponse Execute(OrganizationRequest request)
    {
        if (request?.RequestName is "RetrieveMultiple" or "Retrieve")
        {
            CountRead(request.RequestName == "Retrieve" && request.Parameters.TryGetValue("Target", out var target) && target is EntityReference reference
                ? reference.LogicalName
                : request.Parameters.TryGetValue("Query", out var query) && query is QueryBase asked ? TableOf(asked) : "?");
        }
        else
        {
            Others++;
        }

        return inner.Execute(request!);
    }

    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities)
    {
        Others++;
        inner.Associate(entityName, entityId, relationship, relatedEntities);
    }

    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities)
    {
        Others++;
        inner.Disassociate(entityName, entityId, relationship, relatedEntities);
    }

    public EntityCollection RetrieveMultiple(QueryBase query)
    {
        CountRead(TableOf(query));
        return inner.RetrieveMultiple(query);
    }

    private void CountRead(string table)
    {
        Reads++;
        _readsByTable[table] = _readsByTable.TryGetValue(table, out var reads) ? reads + 1 : 1;
    }

    private static string TableOf(QueryBase query) => query switch
    {
        QueryExpression expression => expression.EntityName,
        QueryByAttribute byAttribute => byAttribute.EntityName,
        FetchExpression fetch => FetchTable(fetch.Query),
        _ => "?",
    };

    /// <summary>The table a FetchXML query reads: the name of its first entity element.</summary>
    private static string FetchTable(string fetchXml)
    {
        var at = fetchXml.IndexOf("<entity", StringComparison.Ordinal);
        var name = at < 0 ? -1 : fetchXml.IndexOf("name=", at, StringComparison.Ordinal);
        if (name < 0)
        {
            return "?";
        }

        var quote = fetchXml[name + 5];
        var end = fetchXml.IndexOf(quote, name + 6);
        return end < 0 ? "?" : fetchXml.Substring(name + 6, end - name - 6);
    }
}
