extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Applications;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using Assessment = plugins::CreditOS.Dataverse.Applications.ApplicationAssessment;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using RequestFields = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;
using Status = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 14 (session 21), front line: round 13's duplicate-customer check compares numbers (bureau company id,
/// registration, VAT), so a customer onboarded from the ERP without any of them was not found. Northwind Traders buys on a
/// 50,000.00 limit and owes 42,000.00, 30,000.00 of it 75 days overdue, and has only its name and address on file. Sam
/// enters "Northwind Traders Ltd" at the same postal code and applies under the company's genuine registration number.
/// Before: Finance got an initial-limit request showing only the new, empty account, approved 25,000.00 without a word, and
/// Sam's 18,000.00 order on the new account was approved at once. A name is weak evidence, so this is not refused: the
/// request reaches Finance flagged with the customer's figures (engine <c>LikelyDuplicate</c>), and its approval needs a
/// comment saying why it is another company.
/// </summary>
public sealed class NamedDuplicateCustomerControlTests : IDisposable
{
    // The customer as the ERP named it (upper case): the names are compared normalized, the flag names it as it is.
    private const string Flag =
        "Possible duplicate: by the name 'northwind traders' at postal code BS1 4QA in GB this company may already be the customer NORTHWIND TRADERS "
        + "(credit limit 50,000.00, exposure 42,000.00, overdue 30,000.00), which has no registration, VAT or bureau number on file to compare.";

    private readonly CreditApplicationWorld env = new();

    // Onboarded from the ERP: a name and an address, no registration, VAT or bureau number (the postal code typed its own way).
    public NamedDuplicateCustomerControlTests() => env.AnOverdueCustomerOnboardedWithoutNumbers("bs14qa");

    public void Dispose() => env.Dispose();

    [Fact]
    public void Sam_CannotGetAFreshLimitForHisOverdueCustomerOnboardedWithoutNumbers_FinanceSeesThePossibleDuplicate_AndMustSayWhyItIsAnotherCompany()
    {
        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);
        env.World.ForgetExecutions();

        var assessed = env.BureauReports(application);

        // Finance reviews it (not refused), flagged with the customer it may be and that customer's figures.
        Assert.Equal("InAssessment", assessed["Status"]);
        var assess = Assert.Single(env.World.ExecutionsOf(typeof(plugins::CreditOS.Plugins.AssessCreditApplicationPlugin)));
        Assert.True(assess.ServiceCalls <= Assessment.ReportCalls, "assess made " + assess.ServiceCalls);
        var request = env.RequestOf(application);
        Assert.Equal("PossibleDuplicateCustomer", request.GetAttributeValue<string>(RequestFields.ReasonCode));
        Assert.StartsWith(Flag, request.GetAttributeValue<string>(RequestFields.DecisionReason), StringComparison.Ordinal);
        Assert.StartsWith(Flag, request.GetAttributeValue<string>(RequestFields.Verification), StringComparison.Ordinal);
        Assert.StartsWith(Flag, env.Application(application).GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);

        // Fiona cannot wave it through, nor take the flag off the request.
        var approved = Record.Exception(() => env.Decide(env.Fiona, request.Id, "Approve"));
        var cleared = Record.Exception(() => env.Fiona.Update(new Entity("cos_creditapprovalrequest", request.Id) { [RequestFields.ReasonCode] = null }));
        var order = env.World.Order(AnOrder().For(CreditApplicationWorld.NewCustomer).Of(18_000m).Create(env.Sam));

        var refusal = Assert.IsType<FaultException<OrganizationServiceFault>>(approved).Detail.Message;
        Assert.Contains("needs a comment: its company may already be a customer. " + Flag, refusal, StringComparison.Ordinal);
        Assert.EndsWith("Say in the comment why it is another company.", refusal, StringComparison.Ordinal);
        Assert.IsType<FaultException<OrganizationServiceFault>>(cleared);
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(0m, env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value ?? 0m);
        Assert.Equal("PossibleDuplicateCustomer", env.RequestOf(application).GetAttributeValue<string>(RequestFields.ReasonCode));

        // Finance's call once it says why (the flag is evidence, not a verdict): rejected here, as the same company.
        env.Decide(env.Fiona, request.Id, "Reject", "Same company as Northwind Traders: order on that account.");
        Assert.Equal((int)Status.Declined, CreditApplicationWorld.Status(env.Application(application)));
    }

    [Fact]
    public void FinanceApprovesAFlaggedApplication_WithACommentSayingWhyItIsAnotherCompany()
    {
        var (application, request) = env.AnApplicationWithFinance();

        env.Decide(env.Fiona, request, "Approve", "Checked: Northwind Traders Ltd of Bristol is a different company from our ERP customer (other directors).");

        Assert.Equal((int)Status.Approved, CreditApplicationWorld.Status(env.Application(application)));
        Assert.Equal(25_000m, env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<Money>(Account.Fields.CreditLimit).Value);
    }

    [Fact]
    public void TheSameNameAtAnotherPostalCode_IsNotFlagged_AndIsApprovedAsBefore()
    {
        var application = env.SamEntersTheApplication();
        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application) { [AppTable.Fields.PostalCode] = "EC1A 1BB" });
        env.Submit(env.Sam, application);
        // Another company at the bureau too (since round 15, the bureau's registered name matches at any postal code).
        env.BureauReports(application, registeredName: "Northwind Traders (London) Ltd");

        var request = env.RequestOf(application);
        env.Decide(env.Fiona, request.Id, "Approve");

        Assert.Null(request.GetAttributeValue<string>(RequestFields.ReasonCode));
        Assert.DoesNotContain("Possible duplicate", request.GetAttributeValue<string>(RequestFields.DecisionReason), StringComparison.Ordinal);
        Assert.Equal((int)Status.Approved, CreditApplicationWorld.Status(env.Application(application)));
    }
}
