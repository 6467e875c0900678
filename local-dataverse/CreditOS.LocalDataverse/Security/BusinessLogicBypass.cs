using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Service;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Security;

/// <summary>
/// Dataverse's optional parameters that skip custom business logic ("Bypass custom Dataverse logic"):
/// <c>BypassCustomPluginExecution</c> needs prvBypassCustomPlugins, <c>BypassBusinessLogicExecution</c> and
/// <c>BypassBusinessLogicExecutionStepIds</c> need prvBypassCustomBusinessLogic; by default only the System Administrator
/// role holds them. A caller without them is refused as Dataverse refuses them (0x80040220). Skipping plug-ins is not
/// modelled, so a caller who holds them (SYSTEM, a System Administrator) is refused loudly instead of having the
/// plug-ins run anyway: a test never believes a bypassed call kept its guards.
/// </summary>
internal static class BusinessLogicBypass
{
    private const string CustomPlugins = "BypassCustomPluginExecution";
    private const string BusinessLogic = "BypassBusinessLogicExecution";
    private const string StepIds = "BypassBusinessLogicExecutionStepIds";

    public static void Check(DataverseRuntime runtime, OrganizationRequest request, CallOrigin origin)
    {
        var asked = new[] { CustomPlugins, BusinessLogic, StepIds }.FirstOrDefault(name => request.Parameters.TryGetValue(name, out var value) && Asks(value));
        if (asked is null)
        {
            return;
        }

        var privilege = asked == CustomPlugins ? "prvBypassCustomPlugins" : "prvBypassCustomBusinessLogic";
        var holds = origin.UserId == Users.UserDirectory.SystemUserId || new PrincipalReader(runtime, origin.Transaction).Read(origin.UserId).IsSystemAdministrator;
        if (!holds)
        {
            throw DataverseFault.Create(
                DataverseErrorCodes.PrivilegeDenied,
                string.Create(CultureInfo.InvariantCulture, $"Principal user (Id={origin.UserId:D}, type=8), is missing {privilege} privilege: the {asked} optional parameter ({request.RequestName}) needs it."));
        }

        throw DataverseFault.NotImplemented($"the {asked} optional parameter ({request.RequestName} skipping custom plug-ins for a holder of {privilege}); the request was not carried out.");
    }

    private static bool Asks(object? value) => value switch
    {
        null => false,
        bool flag => flag,
        string text => text.Trim().Length > 0,
        _ => true,
    };
}
