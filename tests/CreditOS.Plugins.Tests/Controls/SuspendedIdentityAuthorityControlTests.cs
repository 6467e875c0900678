extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Guard = plugins::CreditOS.Dataverse.Credit.Accounts.BureauIdentityGuard;
using GuardPlugin = plugins::CreditOS.Plugins.BureauIdentityGuardPlugin;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 11 (session 18): a customer's bureau identity (registration number, VAT number, country) is what the
/// monitoring job finds the company by, and the report it files decides suspension (rounds 9 and 10 made the identity of
/// a customer with credit Finance's; <c>BureauMonitoringIdentityControlTests</c> shows the clean report lifting Sam's
/// customer's suspension). Lifting a suspension is bound by the approver's authority (round 4), but changing the identity
/// of a suspended customer was not: Fiona, whose authority is 100,000, retyped the number of a customer suspended on a
/// judgment with a 500,000 limit, so the next report filed would be another company's. Now she needs the authority the
/// lift needs; Frank (the shipped default row) may. As Fiona and Frank (Finance Approver, Credit Deciders) through the
/// local Dataverse with every plug-in.
/// </summary>
public sealed class SuspendedIdentityAuthorityControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid frank;

    public SuspendedIdentityAuthorityControlTests()
    {
        AnAccount().Named("Litware Inc").WithLimit(500_000).SuspendedBecause("Judgment recorded by the bureau").Create(world.Service);
        frank = world.FionaWithAnAuthorityOfAndFrank(100_000m);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Fiona_CannotRetypeTheBureauIdentityOfASuspendedCustomerBeyondHerAuthority_WhileFrankMay()
    {
        world.ForgetExecutions();
        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.CreditManager.Update(Identity("GB-09990001"))).Detail.Message;

        Assert.Contains("The bureau identity of suspended account 'Litware Inc' cannot be changed by you", refusal, StringComparison.Ordinal);
        Assert.Contains("lifting the suspension puts back in force a credit limit of 500,000.00 USD needs an approval authority of at least 500,000.00; yours is 100,000.00", refusal, StringComparison.Ordinal);
        Assert.Null(world.Account(CreditTestIds.Customer).GetAttributeValue<string>(Account.Fields.RegistrationNumber));
        Assert.All(world.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));

        world.Context.As(frank).Update(Identity("GB-04712345"));

        Assert.Equal("GB-04712345", world.Account(CreditTestIds.Customer).GetAttributeValue<string>(Account.Fields.RegistrationNumber));
    }

    private static Entity Identity(string number) => new(Account.EntityLogicalName, CreditTestIds.Customer)
    {
        [Account.Fields.RegistrationNumber] = number,
        [Account.Fields.CountryCode] = "GB",
    };
}
