extern alias workflows;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Testing.ServiceFaults;
using Guard = workflows::CreditOS.Dataverse.Approvals.ApprovalAuthorityGuard;
using RouteGuardPlugin = workflows::CreditOS.Workflows.Plugins.ApprovalRoutingGuardPlugin;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 5 (session 13): the approval routes set the terms Finance decides under (the approval amount above
/// which an approver must comment, the longest temporary limit granted on a release, the queues and due time). Cleo is a
/// Credit Administrator (Write on the routes) and a Finance approver: she lengthened the temporary limit's term to a
/// year and removed the comment threshold on the route she decides under. The matrix was already kept from approvers
/// (session 11); the routes now are too, while Carl, who decides nothing, keeps them. Through the local Dataverse with
/// every plugin of both assemblies.
/// </summary>
public sealed class ApprovalRouteControlTests : IDisposable
{
    // Segregation of duties, not four-eyes: Carl changes the configuration in place (controls round 14,
    // ConfigurationChangeFourEyesControlTests, hold that to a second person when the setting is on).
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovals().WithoutConfigurationFourEyes();

    public void Dispose() => world.Dispose();

    [Fact]
    public void AnApproverWhoAlsoAdministersCredit_CannotChangeTheRoutesSheDecidesUnder_WhileCarlMay()
    {
        var cleo = world.Context.AUser("Cleo Credit")
            .WithRole(SolutionRoles.CreditAdministrator).WithRole(SolutionRoles.FinanceApprover)
            .WithProfile(SolutionFieldSecurityProfiles.CreditDeciders).Create();
        var asCleo = world.Context.As(cleo);
        var route = DefaultRoute();
        var before = world.Service.Retrieve("cos_approvalrouting", route, new ColumnSet("cos_temporarylimitmaxdays", "cos_commentrequiredabove"));

        var longer = Refused(() => asCleo.Update(new Entity("cos_approvalrouting", route) { ["cos_temporarylimitmaxdays"] = 365 }));
        var noComment = Refused(() => asCleo.Update(new Entity("cos_approvalrouting", route) { ["cos_commentrequiredabove"] = null }));
        var own = Refused(() => asCleo.Create(new Entity("cos_approvalrouting") { ["cos_name"] = "Cleo's route", ["cos_temporarylimitmaxdays"] = 365 }));
        var gone = Refused(() => asCleo.Delete("cos_approvalrouting", route));

        foreach (var refusal in new[] { longer, noComment, own, gone })
        {
            Assert.Contains("You decide credit approvals, so you cannot create, change or delete approval route", refusal, StringComparison.Ordinal);
        }

        var after = world.Service.Retrieve("cos_approvalrouting", route, new ColumnSet("cos_temporarylimitmaxdays", "cos_commentrequiredabove"));
        Assert.Equal(before.GetAttributeValue<int?>("cos_temporarylimitmaxdays"), after.GetAttributeValue<int?>("cos_temporarylimitmaxdays"));
        Assert.Equal(before.GetAttributeValue<Money>("cos_commentrequiredabove")?.Value, after.GetAttributeValue<Money>("cos_commentrequiredabove")?.Value);

        // Carl, who decides nothing, keeps the routes, within the guard's budget.
        world.ForgetExecutions();
        world.CreditAdministrator.Update(new Entity("cos_approvalrouting", route) { ["cos_temporarylimitmaxdays"] = 30 });
        Assert.Equal(30, world.Service.Retrieve("cos_approvalrouting", route, new ColumnSet("cos_temporarylimitmaxdays")).GetAttributeValue<int>("cos_temporarylimitmaxdays"));
        Assert.All(world.ExecutionsOf(typeof(RouteGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));
        Assert.NotEmpty(world.ExecutionsOf(typeof(RouteGuardPlugin)));
    }

    private Guid DefaultRoute()
    {
        var query = new QueryExpression("cos_approvalrouting") { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition("cos_customergroup", ConditionOperator.Null);
        return Assert.Single(world.Service.RetrieveMultiple(query).Entities).Id;
    }
}
