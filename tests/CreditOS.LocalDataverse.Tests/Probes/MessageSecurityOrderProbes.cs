using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The privilege checks of Retrieve, SetState, Assign and Associate sit where Create's, Update's and Delete's do
/// (PipelineSecurityOrderProbes): Microsoft's "Event execution pipeline" (learn.microsoft.com/power-apps/developer/
/// data-platform/event-framework) runs PreValidation "before any security checks are performed to verify that the calling or
/// logged-on user has the correct permission to perform the intended operation", PreOperation after them. So a caller
/// without the privilege meets the message's own pre-validation steps and is refused before any of its pre-operation steps
/// runs. (Before, these messages were checked only in their core operation or in the Update they are carried out as, after
/// their pre-operation steps had run.)
/// </summary>
public sealed class MessageSecurityOrderProbes
{
    [Theory]
    [InlineData("Retrieve")]
    [InlineData("SetState")]
    [InlineData("Assign")]
    [InlineData("Associate")]
    public void WithoutThePrivilege_TheMessageReachesPreValidationOnly(string message)
    {
        using var env = DataverseTestBuilder.ALocalDataverse().WithPlugin<MessageStageWitnessPlugin>().Build();
        var account = SolutionRows.Account(env.Service);
        var receivable = SolutionRows.Receivable(env.Service, SolutionRows.Account(env.Service, "Fabrikam"));
        var nobody = env.As(env.Dataverse.CreateUser("Nobody Without Roles"));

        FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => Send(nobody, message, account, receivable, env.Dataverse.SystemUserId));

        Assert.Equal([10], StagesReached(env, message));
    }

    [Theory]
    [InlineData("Retrieve")]
    [InlineData("SetState")]
    [InlineData("Assign")]
    [InlineData("Associate")]
    public void ForSystem_TheMessageReachesBothStages(string message)
    {
        using var env = DataverseTestBuilder.ALocalDataverse().WithPlugin<MessageStageWitnessPlugin>().Build();
        var account = SolutionRows.Account(env.Service);
        var receivable = SolutionRows.Receivable(env.Service, SolutionRows.Account(env.Service, "Fabrikam"));

        Send(env.Service, message, account, receivable, FixedIds.CreditOfficer);

        Assert.Equal([10, 20], StagesReached(env, message));
    }

    private static void Send(IOrganizationService service, string message, Guid account, Guid receivable, Guid assignee)
    {
        switch (message)
        {
            case "Retrieve":
                service.Retrieve("account", account, new ColumnSet("name"));
                break;
            case "SetState":
                service.Execute(new SetStateRequest
                {
                    EntityMoniker = new EntityReference("account", account),
                    State = new OptionSetValue(1),
                    Status = new OptionSetValue(-1),
                });
                break;
            case "Assign":
                service.Execute(new AssignRequest { Target = new EntityReference("account", account), Assignee = new EntityReference("systemuser", assignee) });
                break;
            default:
                service.Associate(
                    "account",
                    account,
                    new Relationship("cos_account_cos_receivable_accountid"),
                    new EntityReferenceCollection { new EntityReference("cos_receivable", receivable) });
                break;
        }
    }

    private static int[] StagesReached(DataverseTestContext env, string message) =>
        env.Dataverse.PluginExecutions
            .Where(run => run.PluginType == typeof(MessageStageWitnessPlugin) && run.MessageName == message)
            .Select(run => run.Stage)
            .ToArray();
}
