using System.ComponentModel.DataAnnotations;

namespace CreditOS.Integration.Worker.Configuration;

/// <summary>Entity names of the queues (or topic subscriptions) the worker consumes.</summary>
public sealed class QueueOptions
{
    [Required]
    public string Payments { get; set; } = string.Empty;

    [Required]
    public string Receivables { get; set; } = string.Empty;

    [Required]
    public string BureauReports { get; set; } = string.Empty;

    [Required]
    public string OrderIntake { get; set; } = string.Empty;

    public string NameOf(Handlers.QueueKind kind) => kind switch
    {
        Handlers.QueueKind.Payments => Payments,
        Handlers.QueueKind.Receivables => Receivables,
        Handlers.QueueKind.BureauReports => BureauReports,
        Handlers.QueueKind.OrderIntake => OrderIntake,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown queue kind."),
    };
}
