namespace CreditOS.CreditEngine.History;

public enum OrderStatus
{
    /// <summary>Entered and not yet invoiced: counts toward exposure.</summary>
    Open,

    /// <summary>Invoiced: the receivable carries the exposure from now on.</summary>
    Invoiced,

    /// <summary>Delivered and invoiced, closed.</summary>
    Fulfilled,

    Cancelled,
}
