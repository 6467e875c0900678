namespace CreditOS.LocalDataverse.Query;

/// <summary>Which slice of the ordered result to return: a top count, or a page (by number, or after a paging cookie).</summary>
internal sealed record PageRequest(int? Top, int PageSize, int PageNumber, string? PagingCookie, bool ReturnTotalRecordCount)
{
    public const int MaximumPageSize = 5000;

    public static PageRequest From(QuerySpec spec)
    {
        var paging = spec.PageSize != 0 || spec.PageNumber > 1 || !string.IsNullOrEmpty(spec.PagingCookie);
        if (spec.Top is { } top)
        {
            if (paging)
            {
                throw QueryFaults.InvalidArgument("The top count cannot be used together with paging (page size, page number or paging cookie). Use one or the other.");
            }

            // "You can't apply the fetch element top attribute together with returntotalrecordcount" (fetchxml/count-rows); "You
            // can't use the QueryExpression.TopCount property together with ReturnTotalRecordCount" (queryexpression/count-rows).
            // It returned the count as if the top were not there; Dataverse's wording is not published, so this one is ours.
            if (spec.ReturnTotalRecordCount)
            {
                throw QueryFaults.InvalidArgument($"The top count ({top}) cannot be used together with ReturnTotalRecordCount (returntotalrecordcount). Use one or the other.");
            }

            if (top <= 0)
            {
                // QueryBuilderValue_GreaterThanZero, "A value greater than zero must be specified." (Web service error codes); the code
                // was 0x80041127, which Microsoft's list does not have. The figure is added after the published sentence.
                throw QueryFaults.Create(QueryErrorCodes.QueryBuilderValueGreaterThanZero, $"A value greater than zero must be specified. (top count {top})");
            }

            if (top > MaximumPageSize)
            {
                throw QueryFaults.InvalidArgument($"The top count {top} exceeds the maximum of {MaximumPageSize}.");
            }
        }

        if (spec.PageSize < 0 || spec.PageSize > MaximumPageSize)
        {
            throw QueryFaults.InvalidArgument($"The page size (count) {spec.PageSize} is invalid: it must be between 1 and {MaximumPageSize}.");
        }

        return new PageRequest(
            spec.Top,
            spec.PageSize == 0 ? MaximumPageSize : spec.PageSize,
            Math.Max(spec.PageNumber, 1),
            string.IsNullOrEmpty(spec.PagingCookie) ? null : spec.PagingCookie,
            spec.ReturnTotalRecordCount);
    }
}
