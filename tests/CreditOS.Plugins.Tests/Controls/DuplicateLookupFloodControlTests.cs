extern alias plugins;

using CreditOS.Plugins.Tests.Applications;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using Assessment = plugins::CreditOS.Dataverse.Applications.ApplicationAssessment;
using Lookup = plugins::CreditOS.Dataverse.Applications.ExistingCustomerLookup;
using RequestFields = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;
using Status = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 16 (session 23), front line: the duplicate check reads at most 20 candidate accounts (round 15's cap),
/// those with credit standing whose names hold the applicant's distinctive words, and number matches in the same query.
/// Sam enters 25 near-duplicates ("Bristol Northwind Traders Depot 1" … "25": every word of "Northwind Traders", a name of their
/// own) that gained credit standing, with ids he chose (Dataverse takes a primary key on Create) that sort before the
/// customer's, so the real customer lies beyond the first 20 rows the query returns (Dataverse, and the local one, return
/// rows in primary-key order when the query sets none). Before: the
/// real match was never compared, and the application reached Finance unflagged (by name) or assessed at all (by the
/// bureau company id). Now one more row is read to know the cap was passed: a number match is then looked for alone
/// (every row that query returns is one), and a name match that may lie beyond the cap flags the request.
/// </summary>
public sealed class DuplicateLookupFloodControlTests : IDisposable
{
    private const int Flood = 25;

    private readonly CreditApplicationWorld env = new();

    public void Dispose() => env.Dispose();

    [Fact]
    public void NearDuplicatesPushingTheCustomerBeyondTheCap_StillFlagTheApplication()
    {
        NearDuplicates();
        env.AnOverdueCustomerOnboardedWithoutNumbers("BS1 4QA");
        Assert.DoesNotContain(CreditTestIds.Customer, FirstCandidates());

        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);
        env.World.ForgetExecutions();
        env.BureauReports(application);

        var assess = Assert.Single(env.World.ExecutionsOf(typeof(plugins::CreditOS.Plugins.AssessCreditApplicationPlugin)));
        Assert.True(assess.ServiceCalls <= Assessment.ReportCalls, "assess made " + assess.ServiceCalls);
        var request = env.RequestOf(application);
        Assert.Equal("PossibleDuplicateCustomer", request.GetAttributeValue<string>(RequestFields.ReasonCode));
        Assert.StartsWith(
            "Possible duplicate: more than 20 customers with credit (a limit, an exposure or a suspension) have names holding the words of this company's name ('northwind traders'), "
            + "more than the duplicate check compares, so one of them may be this company.",
            request.GetAttributeValue<string>(RequestFields.DecisionReason),
            StringComparison.Ordinal);
    }

    [Fact]
    public void NearDuplicatesPushingTheSameBureauCompanyBeyondTheCap_StillRefuseTheApplication()
    {
        NearDuplicates();
        AccountBuilder.AnAccount().Named("NORTHWIND TRADERS").WithLimit(50_000).WithOpenReceivables(42_000).Create(env.World.Service);
        env.World.Service.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.BureauConnectId] = "GB-CS-0471" });
        Assert.DoesNotContain(CreditTestIds.Customer, FirstCandidates());

        // The number typed another way passes the submission; the bureau matches the company by it all the same.
        var application = env.SamEntersTheApplication();
        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application) { [AppTable.Fields.RegistrationNumber] = "GB 0471 2345" });
        env.Submit(env.Sam, application);
        env.World.ForgetExecutions();
        var assessed = env.BureauReports(application);

        var assess = Assert.Single(env.World.ExecutionsOf(typeof(plugins::CreditOS.Plugins.AssessCreditApplicationPlugin)));
        Assert.True(assess.ServiceCalls <= Assessment.ReportCalls, "assess made " + assess.ServiceCalls);
        Assert.Equal("MoreInformationNeeded", assessed["Status"]);
        var seen = env.Application(application);
        Assert.Equal((int)Status.MoreInformationNeeded, CreditApplicationWorld.Status(seen));
        Assert.Contains("(bureau company GB-CS-0471) is already the customer NORTHWIND TRADERS", seen.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.Null(seen.GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId));
    }

    /// <summary>Sam's near-duplicates, each with credit standing (a small limit) as the lookup asks of a candidate.</summary>
    private void NearDuplicates()
    {
        for (var i = 1; i <= Flood; i++)
        {
            // Sam chooses the ids (Dataverse takes a primary key on Create): ones that sort before the customer's.
            var id = env.Sam.Create(new Entity(Account.EntityLogicalName, new Guid("d" + i.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture) + "-0000-4000-8000-000000000000"))
            {
                [Account.Fields.Name] = "Bristol Northwind Traders Depot " + i,
                ["transactioncurrencyid"] = new EntityReference("transactioncurrency", CreditTestIds.Usd),
            });
            env.World.Service.Update(new Entity(Account.EntityLogicalName, id) { [Account.Fields.CreditLimit] = new Money(1_000m) });
        }
    }

    /// <summary>The accounts the lookup's first 20 rows would be, in the order the query returns them (round 15's cap).</summary>
    private List<Guid> FirstCandidates()
    {
        var query = new QueryExpression(Account.EntityLogicalName) { ColumnSet = new ColumnSet(false), TopCount = Lookup.Candidates };
        query.Criteria.AddCondition(Account.Fields.Name, ConditionOperator.Like, "%northwind%");
        query.Criteria.AddCondition(Account.Fields.Name, ConditionOperator.Like, "%traders%");
        return [.. env.World.Service.RetrieveMultiple(query).Entities.Select(row => row.Id)];
    }
}
