namespace CreditOS.LocalDataverse.Query;

/// <summary>What a query returned, and how many stored rows the engine looked at to answer it (for plugin budgets).</summary>
public sealed record QueryResult(Microsoft.Xrm.Sdk.EntityCollection Entities, int RowsExamined);
