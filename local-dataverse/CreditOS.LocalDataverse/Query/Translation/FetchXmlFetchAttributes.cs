using System.Xml.Linq;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// The fetch element's attributes that the local Dataverse reads only to refuse what Dataverse's deserializer refuses (round 12),
/// each with the code and sentence of Microsoft's "Web service error codes" list (reference/web-service-error-codes). Before
/// round 12 any mapping and any no-lock text were taken, and utc-offset was an unrecognized attribute (0x8004111C, our words).
/// </summary>
internal static class FetchXmlFetchAttributes
{
    public const string NoLock = "no-lock";
    private const string Mapping = "mapping";
    private const string UtcOffset = "utc-offset";

    public static void Check(XElement fetch)
    {
        if (fetch.Attribute(UtcOffset) is not null)
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeInvalidUtcOffset, "The utc-offset attribute is not supported for deserialization.");
        }

        // "The only valid values for mapping are 'logical' or 'internal' which is deprecated." Both read alike here: only logical
        // names exist locally. The comparison ignores case, so that no casing Dataverse might take is refused (its casing rule is not published).
        if (fetch.Attribute(Mapping)?.Value is { } mapping
            && !mapping.Equals("logical", StringComparison.OrdinalIgnoreCase)
            && !mapping.Equals("internal", StringComparison.OrdinalIgnoreCase))
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeInvalidMapping,
                $"The only valid values for mapping are 'logical' or 'internal' which is deprecated. ('{mapping}')");
        }

        // A legacy hint ("No longer necessary", fetchxml/optimize-performance) with no effect locally, but its value must be a flag.
        _ = FetchXmlParser.OptionalBool(fetch, NoLock);
    }
}
