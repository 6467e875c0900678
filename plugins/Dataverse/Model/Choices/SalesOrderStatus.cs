namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>salesorder.statuscode</c>.</summary>
[ChoiceColumn("salesorder", "statuscode")]
public enum SalesOrderStatus
{
    New = 1,
    Pending = 2,
    InProgress = 3,
    NoMoney = 4,
    Complete = 100001,
    Partial = 100002,
    Invoiced = 100003,
}
