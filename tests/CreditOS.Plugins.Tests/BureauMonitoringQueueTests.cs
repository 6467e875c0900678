extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using MonitorStatus = plugins::CreditOS.Dataverse.Model.BureauMonitorStatus;

namespace CreditOS.Plugins.Tests;

/// <summary>The "Monitor with bureau" command's Custom API (cos_QueueBureauMonitoring), called as Sam the sales rep.</summary>
public sealed class BureauMonitoringQueueTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public BureauMonitoringQueueTests()
    {
        AnAccount().WithLimit(10_000).Create(world.Service);
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Second customer").WithLimit(10_000).Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_QueuesTwoAccounts_TheyArePendingForTheNightlyRun_AndQueuingAgainQueuesNothing()
    {
        Searchable(CreditTestIds.Customer, registrationNumber: "HRB100003");
        Searchable(CreditTestIds.SecondCustomer, vatNumber: "DE100000002");

        var first = Queue(CreditTestIds.Customer, CreditTestIds.SecondCustomer);
        var again = Queue(CreditTestIds.Customer);

        Assert.Equal(2, (int)first["Queued"]);
        Assert.Equal(0, (int)again["Queued"]);
        Assert.All([CreditTestIds.Customer, CreditTestIds.SecondCustomer], id =>
        {
            var row = world.Account(id);
            Assert.True(row.GetAttributeValue<bool>(Account.Fields.BureauMonitored));
            Assert.Equal((int)MonitorStatus.Pending, row.GetAttributeValue<OptionSetValue>(Account.Fields.BureauMonitorStatus).Value);
        });
    }

    [Fact]
    public void AnAccountTheBureauCannotBeSearchedFor_RefusesTheWholeSelection_NamingIt()
    {
        Searchable(CreditTestIds.Customer, registrationNumber: "HRB100003");

        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Queue(CreditTestIds.Customer, CreditTestIds.SecondCustomer));

        Assert.Contains("Nothing was queued", refused.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("Second customer", refused.Detail.Message, StringComparison.Ordinal);
        Assert.False(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.BureauMonitored));
    }

    private void Searchable(Guid id, string? registrationNumber = null, string? vatNumber = null) =>
        world.Service.Update(new Entity(Account.EntityLogicalName, id)
        {
            [Account.Fields.CountryCode] = "DE",
            [Account.Fields.RegistrationNumber] = registrationNumber,
            [Account.Fields.VatNumber] = vatNumber,
        });

    private OrganizationResponse Queue(params Guid[] ids) =>
        world.Context.As(FixedIds.SalesRep).Execute(new OrganizationRequest("cos_QueueBureauMonitoring")
        {
            ["AccountIds"] = ids.Select(id => id.ToString()).ToArray(),
        });
}
