using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// A test on one joined row: <paramref name="row"/> holds one stored entity per query scope
/// (index 0 the root table, then each link-entity in document order), null where an outer join found nothing.
/// </summary>
internal delegate bool RowPredicate(Entity?[] row);
