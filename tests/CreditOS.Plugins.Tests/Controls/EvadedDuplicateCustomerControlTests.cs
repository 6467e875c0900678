extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Applications;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using Assessment = plugins::CreditOS.Dataverse.Applications.ApplicationAssessment;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using RequestFields = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 15 (session 22), front line: the ways round 14's name-and-postal-code flag was evaded, as Sam the sales
/// rep (Create on accounts, Create/Write on his credit applications). NORTHWIND TRADERS buys on a 50,000.00 limit and owes
/// 42,000.00, 30,000.00 of it 75 days overdue, with no registration, VAT or bureau number on file. Sam applies for "his new
/// customer" under the company's genuine registration number (the bureau finds the company by it, registered as Northwind
/// Traders Ltd) after (1) typing another name and another postal code on the new account and the application, or (2)
/// leaving the postal code off the application; or (3) the customer has no postal code on file. Before, each reached
/// Finance unflagged as a new company (round 14 compared a name only at the same postal code, both given), and Fiona's
/// bare approval gave the company a second limit. Now each is flagged with the customer's figures and needs a comment.
/// </summary>
public sealed class EvadedDuplicateCustomerControlTests : IDisposable
{
    private const string Customer = "this company may already be the customer NORTHWIND TRADERS (credit limit 50,000.00, exposure 42,000.00, overdue 30,000.00)";

    private readonly CreditApplicationWorld env = new();

    public void Dispose() => env.Dispose();

    [Fact]
    public void Sam_TypingAnotherNameAndPostalCode_OnTheAccountAndTheApplication_IsFlaggedByTheBureausRegisteredName()
    {
        env.AnOverdueCustomerOnboardedWithoutNumbers("BS1 4QA");
        var application = env.SamEntersTheApplication();
        env.Sam.Update(new Entity(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer) { [Account.Fields.Name] = "Blue Harbour Supplies", [Account.Fields.PostalCode] = "EC1A 1BB" });
        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application) { [AppTable.Fields.Name] = "Blue Harbour Supplies", [AppTable.Fields.PostalCode] = "EC1A 1BB" });

        var request = Assessed(application);

        AssertFlagged(
            request,
            application,
            "Possible duplicate: by the bureau's registered name 'northwind traders' in GB (the application gives postal code EC1A 1BB, the customer has BS1 4QA) " + Customer,
            // Controls round 16 (session 23): the bureau's registered name is not the applicant's either (engine BureauIdentity).
            "PossibleDuplicateCustomer,BureauNameMismatch");
    }

    [Fact]
    public void Sam_LeavingThePostalCodeOffTheApplication_IsFlaggedByTheNameAlone()
    {
        env.AnOverdueCustomerOnboardedWithoutNumbers("BS1 4QA");
        var application = env.SamEntersTheApplication();
        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application) { [AppTable.Fields.PostalCode] = null });

        var request = Assessed(application, registeredName: "Northwind Traders (Holdings) Ltd");

        AssertFlagged(
            request,
            application,
            "Possible duplicate: by the name 'northwind traders' in GB alone (the application gives no postal code, the customer has BS1 4QA) " + Customer);
    }

    [Fact]
    public void ACustomerWithNoPostalCodeOnFile_IsFlaggedByTheNameAlone()
    {
        env.AnOverdueCustomerOnboardedWithoutNumbers(postalCode: null);
        var application = env.SamEntersTheApplication();

        var request = Assessed(application, registeredName: "Northwind Traders (Holdings) Ltd");

        AssertFlagged(
            request,
            application,
            "Possible duplicate: by the name 'northwind traders' in GB alone (the application gives postal code BS1 4QA, the customer has none on file) " + Customer);
    }

    private Entity Assessed(Guid application, string registeredName = "Northwind Traders Ltd")
    {
        env.Submit(env.Sam, application);
        env.World.ForgetExecutions();
        env.BureauReports(application, registeredName: registeredName);
        var assess = Assert.Single(env.World.ExecutionsOf(typeof(plugins::CreditOS.Plugins.AssessCreditApplicationPlugin)));
        Assert.True(assess.ServiceCalls <= Assessment.ReportCalls, "assess made " + assess.ServiceCalls);
        return env.RequestOf(application);
    }

    /// <summary>The request carries the flag and its figures; Fiona's approval without a comment is refused; the new account gets no limit.</summary>
    private void AssertFlagged(Entity request, Guid application, string flag, string reasonCodes = "PossibleDuplicateCustomer")
    {
        Assert.Equal(reasonCodes, request.GetAttributeValue<string>(RequestFields.ReasonCode));
        Assert.StartsWith(flag, request.GetAttributeValue<string>(RequestFields.DecisionReason), StringComparison.Ordinal);
        Assert.StartsWith(flag, env.Application(application).GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);

        var approved = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Decide(env.Fiona, request.Id, "Approve"));
        var order = env.World.Order(AnOrder().For(CreditApplicationWorld.NewCustomer).Of(18_000m).Create(env.Sam));

        Assert.Contains("needs a comment: its company may already be a customer. " + flag, approved.Detail.Message, StringComparison.Ordinal);
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(0m, env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value ?? 0m);
    }
}
