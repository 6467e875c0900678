using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// The number of values a condition operator takes, refused in Dataverse's words (round 12). Microsoft publishes none; a live
/// measurement through RetrieveMultiple(QueryExpression) (a Dataverse environment on 18 September 2026, quoted in a public calibration
/// note) answered InvalidArgument 0x80040203 "The ConditonOperator.MasksSelect requires 1 value/s, not 2. Parameter Name:
/// WebResourceType" (Microsoft's misspelling; the column's schema name) and, for an operator that takes no value, "Condition operator
/// 'ChildOf' requires that no values are set. Values.Length: 1"; FakeXrmEasy and DLaB.Xrm.LocalCrm reproduce both sentences.
/// Standard columns here carry their logical name as schema name (the standard-table files spell it so).
/// </summary>
internal static class ConditionArity
{
    public static object?[] Expect(ColumnReader column, ConditionOperator op, object?[] values, int count) =>
        values.Length == count
            ? values
            : throw QueryFaults.InvalidArgument($"The ConditonOperator.{op} requires {count} value/s, not {values.Length}. Parameter Name: {column.Column.SchemaName}");

    /// <summary>Null, NotNull, the fixed date periods and the operators relative to the caller take no value; one given is refused.</summary>
    public static void ExpectNone(ConditionOperator op, object?[] values)
    {
        if (values.Length != 0)
        {
            throw QueryFaults.InvalidArgument($"Condition operator '{op}' requires that no values are set. Values.Length: {values.Length}");
        }
    }
}
