namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// Parameters of a RetrieveMultipleRequest only the local Web API host sets, for what Dataverse does between OData and its query
/// engine. Not part of the SDK: no client of Dataverse sends them.
/// </summary>
public static class LocalQueryParameters
{
    /// <summary>
    /// Order choice columns by their value, not their label. "When you order using choice columns, the results are ordered using
    /// the integer value of the choice. This is different from how choice values are sorted using FetchXml or QueryExpression. In
    /// these cases, the results are sorted by the localized label" (Order rows using OData): the Web API's $orderby, which the local
    /// host runs as a QueryExpression, sets it (true), as FetchXML's useraworderby does.
    /// </summary>
    public const string OrderChoicesByValue = "CreditOS.LocalDataverse.OrderChoicesByValue";
}
