extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Applications;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using RequestFields = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 16 (session 23), front line: round 15 made renaming a customer with credit standing Finance's, but the
/// name it had was kept nowhere. NORTHWIND TRADERS (limit 50,000.00, exposure 42,000.00, 30,000.00 overdue; no registration,
/// VAT or bureau number on file) is renamed by Fiona, a legal rename, to "Harbour Group"; Sam then enters "Northwind Traders
/// Ltd" at the same postal code and applies. Before: the duplicate check compared the current name only, so the request
/// reached Finance unflagged as a new company. Now the rename keeps the old name among the customer's former names
/// (<c>cos_formernames</c>, credit-owned: nobody clears it by hand) and the check matches it.
/// </summary>
public sealed class FormerNameDuplicateControlTests : IDisposable
{
    private readonly CreditApplicationWorld env = new();

    public FormerNameDuplicateControlTests() => env.AnOverdueCustomerOnboardedWithoutNumbers("BS1 4QA");

    public void Dispose() => env.Dispose();

    [Fact]
    public void AnApplicationUnderTheNameFinanceRenamedTheCustomerFrom_IsStillFlagged_AndNobodyClearsTheFormerName()
    {
        env.World.ForgetExecutions();
        env.Fiona.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.Name] = "Harbour Group" });

        Assert.Equal("NORTHWIND TRADERS", FormerNames());
        Assert.All(env.World.ExecutionsOf(typeof(plugins::CreditOS.Plugins.CustomerFormerNamePlugin)), run => Assert.Equal(0, run.ServiceCalls));

        // Nobody takes the old name off: not Sam, not Fiona (the credit flow keeps it).
        Assert.IsType<FaultException<OrganizationServiceFault>>(Record.Exception(() => env.Sam.Update(Cleared())));
        Assert.IsType<FaultException<OrganizationServiceFault>>(Record.Exception(() => env.Fiona.Update(Cleared())));
        Assert.Equal("NORTHWIND TRADERS", FormerNames());

        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);
        env.BureauReports(application);

        var request = env.RequestOf(application);
        Assert.Equal("PossibleDuplicateCustomer", request.GetAttributeValue<string>(RequestFields.ReasonCode));
        Assert.StartsWith(
            "Possible duplicate: by the name 'northwind traders' (a former name of the customer) at postal code BS1 4QA in GB this company may already be the customer Harbour Group "
            + "(credit limit 50,000.00, exposure 42,000.00, overdue 30,000.00)",
            request.GetAttributeValue<string>(RequestFields.DecisionReason),
            StringComparison.Ordinal);

        // A second rename keeps both; a correction of legal form keeps nothing new.
        env.Fiona.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.Name] = "Harbour Group Ltd." });
        env.Fiona.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.Name] = "Bristol Harbour Holdings" });
        Assert.Equal("NORTHWIND TRADERS\nHarbour Group Ltd.", FormerNames());
    }

    private static Entity Cleared() => new(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.FormerNames] = null };

    private string? FormerNames() => env.World.Account(CreditTestIds.Customer).GetAttributeValue<string>(Account.Fields.FormerNames);
}
