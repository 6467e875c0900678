using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Approvals;

/// <summary>What routing did: the open request (new or existing, none when nothing needs approval) and how many stale requests it cancelled.</summary>
public sealed class RoutingOutcome
{
    public RoutingOutcome(EntityReference? request, bool created, int cancelled)
    {
        Request = request;
        Created = created;
        Cancelled = cancelled;
    }

    public EntityReference? Request { get; }

    public bool Created { get; }

    public int Cancelled { get; }
}
