using CreditOS.LocalDataverse;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Testing.Builders;

/// <summary>
/// A local Dataverse set up for Finance approvals: the solution's approval configuration imported, Fiona
/// (FixedIds.FinanceApprover) in the Finance approver role, a second approver in the Finance team, and
/// fluent helpers for accounts and held orders (entered by the given user, with that user's security).
/// </summary>
public sealed class ApprovalsScenario : IDisposable
{
    private const string CreditOnHold = "cos_creditstatus";
    private const int OnHold = 412500003;

    private ApprovalsScenario(DataverseTestContext context)
    {
        Context = context;
        ApprovalsSolutionData.Import(context.Dataverse, context.Service);
        Dataverse.CreateUser("Frank Finance", ApprovalsIds.SecondFinanceApprover);
        // Fiona holds the solution's Finance approver role from the test context; Frank decides through the Finance team,
        // which holds that role (teamroles) so its members get its privileges, as an administrator sets it up.
        Dataverse.AssignTeamRole(ApprovalsIds.FinanceTeam, ApprovalsIds.FinanceApproverRole);
        Service.Associate("team", ApprovalsIds.FinanceTeam, new Relationship("teammembership_association"), [new EntityReference("systemuser", ApprovalsIds.SecondFinanceApprover)]);
    }

    private Guid? creditTerms;

    public DataverseTestContext Context { get; }

    public LocalDataverse.LocalDataverse Dataverse => Context.Dataverse;

    public IOrganizationService Service => Context.Service;

    public static ApprovalsScenario Start(DataverseTestBuilder builder) => new(builder.Build());

    public IOrganizationService As(Guid userId) => Context.As(userId);

    public Guid AnAccount(Guid id, decimal limit, decimal exposure, decimal overdue = 0m, int? customerGroup = null)
    {
        var account = new Entity("account", id)
        {
            ["name"] = "Customer " + id.ToString()[..8],
            ["creditlimit"] = new Money(limit),
            ["cos_exposure"] = new Money(exposure),
            ["cos_availablecredit"] = new Money(limit - exposure),
            ["cos_overdueamount"] = new Money(overdue),
        };
        if (customerGroup is { } group)
        {
            account["cos_customergroup"] = new OptionSetValue(group);
        }

        return Service.Create(account);
    }

    /// <summary>
    /// An account that buys on credit: as <see cref="AnAccount"/>, scored onto a credit policy that asks for no prepayment
    /// (one "Standard terms" policy row shared by the scenario's accounts). A limit increase a rep asks for is applied
    /// without Finance only for such a customer; an unscored account is on prepayment, like a new customer.
    /// </summary>
    public Guid AnAccountOnCredit(Guid id, decimal limit, decimal exposure)
    {
        var account = AnAccount(id, limit, exposure);
        creditTerms ??= Service.Create(new Entity("cos_creditpolicy") { ["cos_name"] = "Standard terms", ["cos_code"] = "SCENARIO-STANDARD" });
        Service.Update(new Entity("account", account) { ["cos_creditpolicyid"] = new EntityReference("cos_creditpolicy", creditTerms.Value) });
        return account;
    }

    /// <summary>
    /// An order on credit hold as the order-entry plug-in leaves it, entered by the given user with that user's security;
    /// the hold itself is written by SYSTEM, as the credit flow writes it (people cannot write credit status).
    /// </summary>
    public Guid AHeldOrder(Guid id, Guid accountId, decimal amount, Guid enteredBy)
    {
        As(enteredBy).Create(new Entity("salesorder", id)
        {
            ["name"] = "SO-" + id.ToString()[..8],
            ["customerid"] = new EntityReference("account", accountId),
            ["totalamount"] = new Money(amount),
        });
        Dataverse.GetOrganizationService().Update(new Entity("salesorder", id)
        {
            [CreditOnHold] = new OptionSetValue(OnHold),
            ["cos_holdreason"] = "Order exceeds available credit.",
            ["cos_holdreasoncode"] = "OVER_LIMIT",
        });
        return id;
    }

    public void Dispose() => Context.Dispose();
}
