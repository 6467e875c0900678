namespace CreditOS.LocalDataverse.Query;

internal enum AggregateFunction
{
    Count,
    CountColumn,
    Sum,
    Avg,
    Min,
    Max,
}

internal enum DateGrouping
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
}
