namespace Microsoft.Xrm.Sdk.Query;

/// <summary>Which page of results to return and how large it is.</summary>
public sealed class PagingInfo
{
    public int Count { get; set; }

    public int PageNumber { get; set; }

    public string PagingCookie { get; set; }

    public bool ReturnTotalRecordCount { get; set; }
}
