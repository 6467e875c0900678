extern alias workflows;

using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using WorkflowAssembly = workflows::CreditOS.Workflows.Plugins.DecideCreditApprovalPlugin;

namespace CreditOS.Workflows.Tests;

/// <summary>Approvals set up with the workflow assembly registered (decision guard) and the solution's processes activated.</summary>
public abstract class ApprovalTestBase : IDisposable
{
    protected const int OnHold = 412500003;
    protected const int Released = 412500004;
    protected const int Rejected = 412500005;
    protected const int Pending = 412500000;
    protected const int Approved = 412500001;
    protected const int RejectedDecision = 412500002;
    protected const int Cancelled = 412500003;
    protected const int Escalated = 412500004;
    protected const int MoreInformation = 412500005;
    protected const int InformationProvided = 412500006;
    protected const int KeyAccount = 412500000;
    protected const int InitialLimit = 412500001;
    protected const int LimitIncrease = 412500002;
    protected const string Request = "cos_creditapprovalrequest";

    protected ApprovalTestBase()
        : this(queueAsyncWork: false)
    {
    }

    /// <param name="queueAsyncWork">Processes and async steps wait for RunPendingAsyncOperations() instead of running right after commit.</param>
    protected ApprovalTestBase(bool queueAsyncWork)
    {
        var assembly = typeof(WorkflowAssembly).Assembly;
        var builder = DataverseTestBuilder.ALocalDataverse().WithPluginAssembly(assembly);
        Scenario = ApprovalsScenario.Start(queueAsyncWork ? builder.WithQueuedAsyncSteps() : builder);
        Scenario.Dataverse.ActivateProcesses([assembly]);
    }

    protected ApprovalsScenario Scenario { get; }

    protected IOrganizationService Service => Scenario.Service;

    public void Dispose()
    {
        Scenario.Dispose();
        GC.SuppressFinalize(this);
    }

    protected IReadOnlyList<Entity> RequestsFor(string column, Guid id)
    {
        var query = new QueryExpression(Request) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition(column, ConditionOperator.Equal, id);
        query.AddOrder("cos_requestedon", OrderType.Ascending);
        return Service.RetrieveMultiple(query).Entities.ToList();
    }

    protected IReadOnlyList<Entity> Rows(string table, string column, Guid id)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition(column, ConditionOperator.Equal, id);
        return Service.RetrieveMultiple(query).Entities.ToList();
    }

    protected Entity Row(string table, Guid id) => Service.Retrieve(table, id, new ColumnSet(true));

    protected Entity OnlyRequestFor(Guid orderId) => Assert.Single(RequestsFor("cos_salesorderid", orderId), r => r.GetAttributeValue<OptionSetValue>("statecode").Value == 0);

    /// <summary>
    /// Decides through the one decision path, the Custom API cos_DecideCreditApproval, as the given user: decision
    /// Approved, RejectedDecision or MoreInformation; <paramref name="more"/> sets the decision's other columns
    /// (temporary limit, its expiry, review date), passed as the API's parameters of the same meaning.
    /// </summary>
    protected OrganizationResponse Decide(Guid userId, Guid requestId, int decision, string? comment, Action<Entity>? more = null)
    {
        var terms = new Entity(Request, requestId);
        more?.Invoke(terms);
        var request = new OrganizationRequest("cos_DecideCreditApproval")
        {
            ["Target"] = new EntityReference(Request, requestId),
            ["Decision"] = decision switch
            {
                Approved => "Approve",
                RejectedDecision => "Reject",
                MoreInformation => "AskForInformation",
                _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Not a decision."),
            },
        };
        if (comment is not null)
        {
            request["Comment"] = comment;
        }

        foreach (var (column, parameter) in new[] { ("cos_temporarylimit", "TemporaryLimit"), ("cos_temporarylimitexpireson", "TemporaryLimitExpiresOn"), ("cos_limitreviewon", "LimitReviewOn") })
        {
            if (terms.Contains(column))
            {
                request[parameter] = terms[column];
            }
        }

        return Scenario.As(userId).Execute(request);
    }

    protected static int Status(Entity row, string column) => row.GetAttributeValue<OptionSetValue>(column).Value;

    protected void AssertProcessesSucceeded() =>
        Assert.All(Scenario.Dataverse.AsyncOperations, operation => Assert.True(operation.Succeeded, operation.Error));
}
