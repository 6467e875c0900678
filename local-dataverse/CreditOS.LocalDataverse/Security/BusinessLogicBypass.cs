using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Service;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Security;

/// <summary>
/// Dataverse's optional parameters that skip custom business logic ("Bypass custom Dataverse logic",
/// learn.microsoft.com/power-apps/developer/data-platform/bypass-custom-business-logic):
/// <c>BypassCustomPluginExecution</c> (true: the synchronous logic; needs prvBypassCustomPlugins),
/// <c>BypassBusinessLogicExecution</c> (<c>CustomSync</c>, <c>CustomAsync</c> or both) and
/// <c>BypassBusinessLogicExecutionStepIds</c> (at most three step ids by default; a step that does not run is ignored), both
/// needing prvBypassCustomBusinessLogic. By default only the System Administrator role holds them, as here (the local Dataverse
/// grants no other role a privilege that is not a table privilege). A caller without them is refused (0x80040220).
/// <para>
/// For a holder the named logic is skipped for the operation the request asks for and the messages the platform carries it out
/// with (Upsert's Create/Update, Assign's and SetState's Update); calls a plug-in makes are not bypassed: "Only those plugins or
/// workflows that apply to the specific operation are bypassed" (the page's FAQ). What the page does not say is refused as not
/// implemented (501) rather than guessed: the parameters on ExecuteMultiple / ExecuteTransaction themselves (whether they reach
/// the inner requests; put them on each inner request) and on a Custom API (whether its main operation is custom logic).
/// </para>
/// </summary>
internal static class BusinessLogicBypass
{
    public const string CustomPlugins = "BypassCustomPluginExecution";
    public const string BusinessLogic = "BypassBusinessLogicExecution";
    public const string StepIds = "BypassBusinessLogicExecutionStepIds";

    /// <summary>"The default limit on the number of steps you can pass is three" (OrgDbOrgSettings BypassBusinessLogicExecutionStepIdsLimit).</summary>
    public const int StepIdsLimit = 3;

    // "These ID values are the same for all Dataverse environments." (Adding the required privileges to another role)
    private static readonly Guid BypassCustomPluginsId = new("148a9eaf-d0c4-4196-9852-c3a38e35f6a1");
    private static readonly Guid BypassCustomBusinessLogicId = new("0ea552b0-a491-4470-9a1b-82068deccf66");

    /// <summary>
    /// The logic the request asks to skip, after the privilege check; null when it asks none. Throws Dataverse's refusal for a
    /// caller without the privilege, and a fault for a value the parameter does not take.
    /// </summary>
    public static BypassedLogic? Read(DataverseRuntime runtime, OrganizationRequest request, CallOrigin origin)
    {
        var pluginsAsked = Asks(request, CustomPlugins);
        var logicAsked = Asks(request, BusinessLogic);
        var stepsAsked = Asks(request, StepIds);
        if (!pluginsAsked && !logicAsked && !stepsAsked)
        {
            return null;
        }

        var holds = origin.UserId == Users.UserDirectory.SystemUserId
            || new PrincipalReader(runtime, origin.Transaction).Read(origin.UserId).IsSystemAdministrator;
        if (!holds)
        {
            var (privilege, privilegeId, parameter) = pluginsAsked
                ? ("prvBypassCustomPlugins", BypassCustomPluginsId, CustomPlugins)
                : ("prvBypassCustomBusinessLogic", BypassCustomBusinessLogicId, logicAsked ? BusinessLogic : StepIds);
            throw DataverseFault.Create(
                DataverseErrorCodes.PrivilegeDenied,
                string.Create(CultureInfo.InvariantCulture, $"Principal user (Id={origin.UserId:D}, type=8), is missing {privilege} privilege (Id={privilegeId:D}): the {parameter} optional parameter ({request.RequestName}) needs it."));
        }

        if (pluginsAsked && request.Parameters[CustomPlugins] is not bool)
        {
            throw DataverseFault.InvalidArgument($"The {CustomPlugins} optional parameter is a Boolean (MSCRM.{CustomPlugins}: true or false); '{request.Parameters[CustomPlugins]}' is not.");
        }

        var sync = pluginsAsked;
        var async = false;
        if (logicAsked)
        {
            ReadLogic(request.Parameters[BusinessLogic], ref sync, ref async);
        }

        var steps = stepsAsked ? ReadStepIds(request.Parameters[StepIds]) : new HashSet<Guid>();
        if (request.RequestName is MessageNames.ExecuteMultiple or MessageNames.ExecuteTransaction)
        {
            throw DataverseFault.NotImplemented($"the bypass optional parameters on {request.RequestName} itself (whether Dataverse applies them to the inner requests is not documented); set them on each inner request.");
        }

        if (runtime.Steps.FindCustomApi(request.RequestName) is not null)
        {
            throw DataverseFault.NotImplemented($"the bypass optional parameters on the Custom API {request.RequestName} (whether its main operation counts as custom logic is not documented); the request was not carried out.");
        }

        return new BypassedLogic(sync, async, steps);
    }

    private static bool Asks(OrganizationRequest request, string name) =>
        request.Parameters.TryGetValue(name, out var value) && value switch
        {
            null => false,
            bool flag => flag,
            string text => text.Trim().Length > 0,
            _ => true,
        };

    /// <summary>CustomSync, CustomAsync or both, comma separated (the only values the page lists).</summary>
    private static void ReadLogic(object? value, ref bool sync, ref bool async)
    {
        foreach (var part in (value as string ?? string.Empty).Split(','))
        {
            switch (part.Trim())
            {
                case "CustomSync":
                    sync = true;
                    break;
                case "CustomAsync":
                    async = true;
                    break;
                default:
                    throw DataverseFault.InvalidArgument(
                        $"The {BusinessLogic} optional parameter takes CustomSync, CustomAsync or CustomSync,CustomAsync; '{value}' is not one of them.");
            }
        }
    }

    /// <summary>A comma-separated list of step ids (the Web API example quotes it and puts spaces after the commas).</summary>
    private static HashSet<Guid> ReadStepIds(object? value)
    {
        var text = (value as string ?? string.Empty).Trim().Trim('"');
        var ids = new HashSet<Guid>();
        foreach (var part in text.Split(','))
        {
            if (!Guid.TryParse(part.Trim(), out var id))
            {
                throw DataverseFault.InvalidArgument($"The {StepIds} optional parameter is a comma-separated list of plug-in step ids; '{part.Trim()}' is not a GUID.");
            }

            ids.Add(id);
        }

        if (ids.Count > StepIdsLimit)
        {
            throw DataverseFault.InvalidArgument(string.Create(
                CultureInfo.InvariantCulture,
                $"The {StepIds} optional parameter names {ids.Count} steps; the limit (BypassBusinessLogicExecutionStepIdsLimit) is {StepIdsLimit}."));
        }

        return ids;
    }
}

/// <summary>The custom logic one operation skips: its synchronous steps and real-time processes, its asynchronous ones, named steps.</summary>
internal sealed record BypassedLogic(bool Sync, bool Async, IReadOnlySet<Guid> StepIds)
{
    public bool Skips(Pipeline.PluginStepRegistration step) =>
        StepIds.Contains(step.StepId) || (step.IsAsynchronous ? Async : Sync);
}
