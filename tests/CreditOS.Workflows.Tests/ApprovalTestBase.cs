extern alias plugins;
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
    protected const int OnHold = (int)plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus.OnHold;
    protected const int Released = (int)plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus.Released;
    protected const int Rejected = (int)plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus.Rejected;
    protected const int OrderApproved = (int)plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus.Approved;
    protected const int Pending = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Pending;
    protected const int Approved = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Approved;
    protected const int RejectedDecision = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Rejected;
    protected const int Cancelled = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Cancelled;
    protected const int Escalated = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Escalated;
    protected const int MoreInformation = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.MoreInformationRequested;
    protected const int InformationProvided = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.InformationProvided;
    protected const int KeyAccount = (int)plugins::CreditOS.Dataverse.Model.CustomerGroup.KeyAccount;
    protected const int InitialLimit = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType.InitialLimit;
    protected const int OrderRequest = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType.Order;
    protected const int LimitIncrease = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType.LimitIncrease;
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
