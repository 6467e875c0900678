using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk;

/// <summary>Queries for related rows to retrieve together with a row.</summary>
public sealed class RelationshipQueryCollection : DataCollection<Relationship, QueryBase>
{
}
