using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// "You can include no more than 500 total condition and link-entity elements in a FetchXml query. Otherwise, you see this error:
/// Name: TooManyConditionsInQuery, Code: 0x8004430C, Number: -2147204340, Message: Number of conditions in query exceeded maximum
/// limit." (Filter rows using FetchXml, "Condition limits"; the QueryExpression page says the same of ConditionExpression and
/// LinkEntity instances, the Web API page of the conditions of a $filter, which arrives here as a QueryExpression). An In condition
/// is one condition whatever its number of values, which is why Microsoft suggests it to stay under the limit.
/// </summary>
internal static class ConditionLimit
{
    public const int Maximum = 500;

    public static void Check(QuerySpec spec)
    {
        // A filter link stands in its filter as one condition (its link-entity element); its own filter counts too.
        var count = Count(spec.Criteria) + spec.Links.Sum(Count) + spec.FilterLinks.Sum(filterLink => Count(filterLink.Link.Criteria));
        if (count > Maximum)
        {
            throw QueryFaults.Create(QueryErrorCodes.TooManyConditionsInQuery, "Number of conditions in query exceeded maximum limit.");
        }
    }

    private static int Count(LinkSpec link) => 1 + Count(link.Criteria) + link.Links.Sum(Count);

    private static int Count(FilterExpression? filter) =>
        filter is null ? 0 : filter.Conditions.Count + filter.Filters.Sum(Count);
}
