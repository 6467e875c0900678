namespace CreditOS.Testing.Builders;

/// <summary>Entry points of the builders: <c>using static CreditOS.Testing.Builders.A;</c> then <c>AnAccount().WithLimit(50_000).CreateIn(service)</c>.</summary>
public static class A
{
    public static AccountBuilder AnAccount() => new();

    public static SalesOrderBuilder ASalesOrder() => new();

    public static QueueBuilder AQueue() => new();
}
