using System.Runtime.CompilerServices;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Faults;

/// <summary>
/// The HTTP status a plug-in gave its InvalidPluginExecutionException (<c>(string, PluginHttpStatusCode)</c> or
/// <c>(OperationStatus, int, string, PluginHttpStatusCode)</c>), kept beside the fault it became so the local Web API answers
/// with it. Kept outside the fault: an SDK caller sees the same <c>FaultException&lt;OrganizationServiceFault&gt;</c> as for any
/// other plug-in refusal, with nothing Dataverse's fault would not carry.
/// </summary>
public static class PluginHttpStatuses
{
    private static readonly ConditionalWeakTable<OrganizationServiceFault, StrongBox<PluginHttpStatusCode>> Statuses = [];

    /// <summary>The status the plug-in asked for; <see cref="PluginHttpStatusCode.NotSet"/> when it gave none or the fault is not a plug-in's.</summary>
    public static PluginHttpStatusCode Of(OrganizationServiceFault fault) =>
        fault is not null && Statuses.TryGetValue(fault, out var status) ? status.Value : PluginHttpStatusCode.NotSet;

    internal static void Set(OrganizationServiceFault fault, PluginHttpStatusCode status)
    {
        if (status != PluginHttpStatusCode.NotSet)
        {
            Statuses.AddOrUpdate(fault, new StrongBox<PluginHttpStatusCode>(status));
        }
    }
}
