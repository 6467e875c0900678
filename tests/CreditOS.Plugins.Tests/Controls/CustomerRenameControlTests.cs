extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Applications;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Guard = plugins::CreditOS.Dataverse.Credit.Accounts.CustomerNameGuard;
using RequestFields = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 15 (session 22), front line: the duplicate check finds a customer onboarded without numbers by its name,
/// so Sam the sales rep (Write on his unit's accounts) renamed the existing customer first, NORTHWIND TRADERS (limit
/// 50,000.00, exposure 42,000.00, 30,000.00 overdue) to "NWT Holding Account", then applied for his second account of the
/// same company. Before: the rename was accepted and the application reached Finance unflagged as a new company. Now a
/// change of the name as the comparison sees it is Finance's for a customer with credit standing; a correction of case or
/// legal form stays Sam's, and Fiona renames.
/// </summary>
public sealed class CustomerRenameControlTests : IDisposable
{
    private readonly CreditApplicationWorld env = new();

    public CustomerRenameControlTests() => env.AnOverdueCustomerOnboardedWithoutNumbers("BS1 4QA");

    public void Dispose() => env.Dispose();

    [Fact]
    public void Sam_CannotRenameTheCustomerToHideItFromTheDuplicateCheck_ButCorrectsItsLegalForm_AndFionaRenamesIt()
    {
        env.World.ForgetExecutions();

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Sam.Update(Renamed("NWT Holding Account")));

        Assert.Equal(
            "The name of customer 'NORTHWIND TRADERS' cannot be changed by you (to 'NWT Holding Account'): the customer has credit (credit limit 50,000.00, exposure 42,000.00), "
            + "and its name is what a credit application for the same company is matched by when no registration, VAT or bureau number is on file, "
            + "so a second account for it would reach Finance as a new company. Corrections of case, punctuation or legal form are yours; "
            + "ask a holder of the 'creditOS Finance Approver' role to rename it.",
            refusal.Detail.Message);
        Assert.Equal("NORTHWIND TRADERS", Name());

        // So his second account's application still reaches Finance flagged.
        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);
        env.BureauReports(application);
        Assert.Equal("PossibleDuplicateCustomer", env.RequestOf(application).GetAttributeValue<string>(RequestFields.ReasonCode));

        // A correction is his; a rename is Finance's.
        env.Sam.Update(Renamed("Northwind Traders Ltd."));
        Assert.Equal("Northwind Traders Ltd.", Name());
        env.Fiona.Update(Renamed("Northwind Trading Group"));
        Assert.Equal("Northwind Trading Group", Name());
        var runs = env.World.ExecutionsOf(typeof(plugins::CreditOS.Plugins.CustomerNameGuardPlugin));
        Assert.All(runs, run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));
        Assert.Contains(runs, run => run.ServiceCalls == 0);
    }

    [Fact]
    public void Sam_RenamesACustomerWithoutCredit_AsBefore()
    {
        env.SamEntersTheApplication();

        env.Sam.Update(new Entity(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer) { [Account.Fields.Name] = "Blue Harbour Supplies" });

        Assert.Equal("Blue Harbour Supplies", env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<string>(Account.Fields.Name));
    }

    private static Entity Renamed(string name) => new(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.Name] = name };

    private string Name() => env.World.Account(CreditTestIds.Customer).GetAttributeValue<string>(Account.Fields.Name);
}
