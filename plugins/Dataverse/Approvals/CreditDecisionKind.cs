using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Approvals;

/// <summary>What Finance decides on a credit approval request.</summary>
public enum CreditDecisionKind
{
    Approve = 0,
    Reject = 1,

    /// <summary>Ask the sales rep for more information before deciding; the request waits for the answer.</summary>
    AskForInformation = 2,
}

/// <summary>Reads the Custom API's Decision parameter.</summary>
public static class CreditDecisionKinds
{
    public static CreditDecisionKind Parse(string? decision)
    {
        var text = decision?.Trim();
        foreach (CreditDecisionKind kind in Enum.GetValues(typeof(CreditDecisionKind)))
        {
            if (string.Equals(text, kind.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        throw new InvalidPluginExecutionException(
            $"Decision '{decision}' is not a credit decision; use {CreditDecisionKind.Approve}, {CreditDecisionKind.Reject} or {CreditDecisionKind.AskForInformation}.");
    }
}
