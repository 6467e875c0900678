using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>
/// A stand-in for an order credit check: refuses a second contact under one account. With unsecure
/// configuration "lock-account-first" it first updates the account row, which serializes concurrent checks
/// for that account; without it, two concurrent checks both read the exposure before either commits.
/// A gate named by the contact's last name pauses it after the check.
/// </summary>
public sealed class OneContactPerAccountPlugin(string? unsecureConfiguration, string? secureConfiguration) : IPlugin
{
    public const string LockAccountFirst = "lock-account-first";
    public const string Refusal = "The account already has a contact.";
    private readonly bool _lockAccountFirst = unsecureConfiguration == LockAccountFirst;

    /// <summary>Unused here; a plug-in's constructor takes both strings, as Dataverse passes them.</summary>
    public string? SecureConfiguration { get; } = secureConfiguration;

    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(context.UserId);
        var target = (Entity)context.InputParameters["Target"];
        var account = target.GetAttributeValue<EntityReference>("parentcustomerid");
        if (_lockAccountFirst)
        {
            service.Update(new Entity("account", account.Id) { ["cos_creditcheckcount"] = 1 });
        }

        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") };
        query.Criteria.AddCondition("parentcustomerid", ConditionOperator.Equal, account.Id);
        if (service.RetrieveMultiple(query).Entities.Count > 0)
        {
            throw new InvalidPluginExecutionException(Refusal);
        }

        if (TestGates.TryGet(target.GetAttributeValue<string>("lastname"), out var gate))
        {
            gate.Reached.Set();
            gate.Release.Wait(TestGates.SafetyTimeout);
        }
    }
}
