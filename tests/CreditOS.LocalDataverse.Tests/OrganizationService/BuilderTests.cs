using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using static CreditOS.Testing.Builders.A;

namespace CreditOS.LocalDataverse.Tests.OrganizationService;

/// <summary>The shared builders make rows the solution's metadata accepts.</summary>
public sealed class BuilderTests
{
    [Fact]
    public void Builders_CreateAnAccountAndAnOrderForIt_AgainstTheSolutionMetadata()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();

        var account = AnAccount().WithId(FixedIds.CustomerAccount).Named("Fabrikam").WithLimit(50_000m).CreateIn(env.Service);
        var order = ASalesOrder().ForAccount(account).WithTotal(1_250m).CreateIn(env.Service);

        var row = env.Service.Retrieve("salesorder", order, new Microsoft.Xrm.Sdk.Query.ColumnSet("customerid", "totalamount"));
        Assert.Equal(new EntityReference("account", FixedIds.CustomerAccount), row.GetAttributeValue<EntityReference>("customerid"));
        Assert.Equal(1_250m, row.GetAttributeValue<Money>("totalamount").Value);
    }

    [Fact]
    public void Builder_BuildsAFreshEntityEachTime()
    {
        var builder = AnAccount().WithLimit(1m);

        Assert.NotSame(builder.Build(), builder.Build());
    }
}
