namespace Microsoft.Xrm.Sdk.Query;

/// <summary>Base of the query kinds RetrieveMultiple accepts.</summary>
public abstract class QueryBase
{
    protected QueryBase()
    {
    }
}
