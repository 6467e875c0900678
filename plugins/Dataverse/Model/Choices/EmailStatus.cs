namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>email.statuscode</c>; creditOS drafts dunning letters (Draft) and never sends them itself.</summary>
[ChoiceColumn("email", "statuscode")]
public enum EmailStatus
{
    Draft = 1,
    Completed = 2,
    Sent = 3,
    Received = 4,
    Canceled = 5,
    PendingSend = 6,
    Sending = 7,
    Failed = 8,
}
