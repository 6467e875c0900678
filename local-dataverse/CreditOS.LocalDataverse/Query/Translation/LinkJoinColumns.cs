namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// The two join columns of a link-entity (FetchXML from/to, QueryExpression LinkToAttributeName/LinkFromAttributeName). Dataverse
/// refuses one without the other with QueryBuilderAttributePairMismatch 0x80041111 "AttributeFrom and AttributeTo must be either both
/// specified or both omitted." (Web service error codes). With both omitted it looks for a system many-to-many relationship between
/// the two tables (a live answer quoted by markcarrington.dev, "Inside FetchXML pt 10": "No system many-to-many relationship exists
/// between account and contact. If attempting to link through a custom many-to-many relationship ensure that you provide the from
/// and to attributes."); the local Dataverse infers no join and says so. Before round 12 both cases were refused in our words.
/// </summary>
internal static class LinkJoinColumns
{
    public static (string From, string To) Both(string? from, string? to, string linkedTable)
    {
        var hasFrom = !string.IsNullOrEmpty(from);
        var hasTo = !string.IsNullOrEmpty(to);
        if (hasFrom && hasTo)
        {
            return (from!, to!);
        }

        if (hasFrom || hasTo)
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderAttributePairMismatch,
                $"AttributeFrom and AttributeTo must be either both specified or both omitted. (the link to '{linkedTable}' names only '{(hasFrom ? from : to)}')");
        }

        throw QueryFaults.NotSupported(
            $"a link to '{linkedTable}' without from and to columns (Dataverse then joins through a system many-to-many relationship between the two tables, which the local Dataverse does not infer); name both join columns");
    }
}
