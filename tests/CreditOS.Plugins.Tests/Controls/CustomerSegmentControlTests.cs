extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CustomerGroup = plugins::CreditOS.Dataverse.Model.CustomerGroup;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// The customer group picks the scoring rules and the approval route, so Sam the sales rep classifies a new customer
/// but only Fiona the Finance approver reclassifies one; through the local Dataverse with every plugin of the assembly.
/// </summary>
public sealed class CustomerSegmentControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public CustomerSegmentControlTests() => AnAccount().WithLimit(20_000).Create(world.Service);

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_ClassifiesAnUnclassifiedCustomer_ButCannotReclassifyIt_WhileFionaMay()
    {
        var sam = world.Context.As(FixedIds.SalesRep);

        sam.Update(Group(CustomerGroup.SmallBusiness));
        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => sam.Update(Group(CustomerGroup.KeyAccount))).Detail.Message;
        var kept = world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup).Value;
        world.Context.As(FixedIds.FinanceApprover).Update(Group(CustomerGroup.MidMarket));

        Assert.Contains("scoring rules and the approval route", refusal, StringComparison.Ordinal);
        Assert.Equal((int)CustomerGroup.SmallBusiness, kept);
        Assert.Equal((int)CustomerGroup.MidMarket, world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup).Value);
    }

    private static Entity Group(CustomerGroup group) => new(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CustomerGroup] = new OptionSetValue((int)group) };
}
