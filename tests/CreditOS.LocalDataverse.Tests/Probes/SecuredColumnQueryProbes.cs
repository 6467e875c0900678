using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Security;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// A secured column the caller may not read is null to the query, not only left out of its results. Microsoft's "Use field
/// security to control access to field values" (Developer Guide for Dynamics 365 Customer Engagement, "How do secured fields
/// behave for Retrieve and RetrieveMultiple?"): in a filter condition "the field value is substituted with null during the
/// evaluation of the filter" (`CanbeContacted == True` does not return the hidden True; `IsNULL` does); "When aggregating on
/// secured attributes: Secured values are substituted with a null value"; grouping "the value is treated as null and the
/// results are grouped together with all null values"; ordering "the values will be treated as if they are null". The local
/// Dataverse evaluated the stored value, so a user without the profile could read a credit limit by filtering on it.
/// </summary>
public sealed class SecuredColumnQueryProbes
{
    [Fact]
    public void AConditionOnAnUnreadableSecuredColumn_SeesNull_SoTheRowIsNotFoundByItsValue()
    {
        using var env = SecurityTestSetup.Solution();
        var noProfile = NoProfileUser(env);
        env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(50_000m) });
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("creditlimit", ConditionOperator.GreaterThan, 10_000m);

        Assert.Empty(env.As(noProfile).RetrieveMultiple(query).Entities);
        Assert.Single(env.As(FixedIds.SalesRep).RetrieveMultiple(query).Entities);
    }

    [Fact]
    public void ANullConditionOnAnUnreadableSecuredColumn_MatchesEveryRow_AsTheHiddenValueIsNull()
    {
        using var env = SecurityTestSetup.Solution();
        var noProfile = NoProfileUser(env);
        env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(50_000m) });
        env.Service.Create(new Entity("account") { ["name"] = "Fabrikam" });
        const string fetch = """
            <fetch><entity name="account"><attribute name="name" /><order attribute="name" />
              <filter><condition attribute="creditlimit" operator="null" /></filter></entity></fetch>
            """;

        var hidden = env.As(noProfile).RetrieveMultiple(new FetchExpression(fetch)).Entities.Select(e => e.GetAttributeValue<string>("name"));
        var seen = env.As(FixedIds.SalesRep).RetrieveMultiple(new FetchExpression(fetch)).Entities.Select(e => e.GetAttributeValue<string>("name"));

        Assert.Equal(["Contoso", "Fabrikam"], hidden);
        Assert.Equal(["Fabrikam"], seen);
    }

    [Fact]
    public void AnOrderOnAnUnreadableSecuredColumn_TreatsEveryValueAsNull_SoTheNextOrderDecides()
    {
        using var env = SecurityTestSetup.Solution();
        var noProfile = NoProfileUser(env);
        Accounts(env, ("A", 1_000m), ("B", 9_000m), ("C", 5_000m));
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.AddOrder("creditlimit", OrderType.Descending);
        query.AddOrder("name", OrderType.Ascending);

        Assert.Equal(["A", "B", "C"], env.As(noProfile).RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("name")));
        Assert.Equal(["B", "C", "A"], env.As(FixedIds.SalesRep).RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("name")));
    }

    [Fact]
    public void AggregatesAndGroupsOverAnUnreadableSecuredColumn_SeeOnlyNulls()
    {
        using var env = SecurityTestSetup.Solution();
        var noProfile = NoProfileUser(env);
        Accounts(env, ("A", 1_000m), ("B", 9_000m), ("C", null));
        const string counted = """
            <fetch aggregate="true"><entity name="account">
              <attribute name="creditlimit" alias="limits" aggregate="countcolumn" /></entity></fetch>
            """;
        const string grouped = """
            <fetch aggregate="true"><entity name="account">
              <attribute name="creditlimit" alias="limit" groupby="true" />
              <attribute name="accountid" alias="accounts" aggregate="count" /></entity></fetch>
            """;

        Assert.Equal(0, Aggregate(env.As(noProfile), counted, "limits"));
        Assert.Equal(2, Aggregate(env.As(FixedIds.SalesRep), counted, "limits"));
        var groups = env.As(noProfile).RetrieveMultiple(new FetchExpression(grouped)).Entities;
        Assert.Equal(3, Aggregate(groups.Single(), "accounts"));
        Assert.Equal(3, env.As(FixedIds.SalesRep).RetrieveMultiple(new FetchExpression(grouped)).Entities.Count);
    }

    [Fact]
    public void ALinkedTablesUnreadableSecuredColumn_IsNullInTheLinksCondition()
    {
        using var env = SecurityTestSetup.Solution();
        var noProfile = NoProfileUser(env);
        var parent = env.Service.Create(new Entity("account") { ["name"] = "Parent", ["creditlimit"] = new Money(50_000m) });
        env.Service.Create(new Entity("account") { ["name"] = "Child", ["parentaccountid"] = new EntityReference("account", parent) });
        var fetch = """
            <fetch><entity name="account"><attribute name="name" />
              <link-entity name="account" from="accountid" to="parentaccountid" alias="parent">
                <filter><condition attribute="creditlimit" operator="gt" value="10000" /></filter></link-entity></entity></fetch>
            """;

        Assert.Empty(env.As(noProfile).RetrieveMultiple(new FetchExpression(fetch)).Entities);
        Assert.Equal("Child", env.As(FixedIds.SalesRep).RetrieveMultiple(new FetchExpression(fetch)).Entities.Single().GetAttributeValue<string>("name"));
    }

    [Fact]
    public async Task AWebApiFilterOnAnUnreadableSecuredColumn_FindsNothing()
    {
        await using var host = await WebApiProbeHost.StartAsync("creditOS Sales Rep");
        host.Service.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(50_000m) });

        var filtered = await host.GetAsync("accounts?$select=name&$filter=creditlimit gt 10000");
        var unfiltered = await host.GetAsync("accounts?$select=name");

        Assert.Equal(HttpStatusCode.OK, filtered.Status);
        Assert.Empty(filtered.Json["value"]!.AsArray());
        Assert.Single(unfiltered.Json["value"]!.AsArray());
    }

    private static Guid NoProfileUser(DataverseTestContext env) => env.AUser("Fred Finance").WithRole(SolutionRoles.FinanceApprover).Create();

    private static void Accounts(DataverseTestContext env, params (string Name, decimal? Limit)[] accounts)
    {
        foreach (var (name, limit) in accounts)
        {
            env.Service.Create(new Entity("account") { ["name"] = name, ["creditlimit"] = limit is { } value ? new Money(value) : null });
        }
    }

    private static int Aggregate(IOrganizationService service, string fetch, string alias) =>
        Aggregate(service.RetrieveMultiple(new FetchExpression(fetch)).Entities.Single(), alias);

    private static int Aggregate(Entity row, string alias) => (int)row.GetAttributeValue<AliasedValue>(alias).Value;
}
