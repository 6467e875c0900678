namespace CreditOS.Integration.Worker.Handlers;

/// <summary>The queues the worker consumes; each has one batch handler.</summary>
public enum QueueKind
{
    Payments,
    Receivables,
    BureauReports,
    OrderIntake,
}
