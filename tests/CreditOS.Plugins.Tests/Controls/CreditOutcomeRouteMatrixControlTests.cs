extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 19 (session 26): every route an ordinary user has in Dataverse to write a credit outcome, tried by each of
/// the five people the packed roles and profiles make (Sam: Sales Rep + Credit Readers; Colin: Collector + Collection
/// Readers; Fiona: Finance Approver + Credit Deciders; Carl: Credit Administrator + Credit Configurers; Ivy: the worker's
/// Integration role + Integration Readers), through the local Dataverse with every plug-in. Routes: Update, Upsert,
/// ExecuteMultiple, ExecuteTransaction and UpdateMultiple of an account's limit, temporary limit, approved limit, Risk score
/// and suspension, and of a held order's credit status; Create, Upsert and ExecuteMultiple of an order already approved;
/// SetState of a held order to fulfilled. Each is refused (by a privilege or a guard) and nothing changes.
/// </summary>
public sealed class CreditOutcomeRouteMatrixControlTests : IDisposable
{
    private static readonly (string Column, object Value)[] AccountOutcomes =
    [
        (Account.Fields.CreditLimit, new Money(1_000_000m)),
        (Account.Fields.TemporaryLimit, new Money(500_000m)),
        (Account.Fields.ApprovedLimit, new Money(1_000_000m)),
        (Account.Fields.RiskScore, 1m),
        (Account.Fields.IsSuspended, false),
    ];

    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid heldOrder;

    public CreditOutcomeRouteMatrixControlTests()
    {
        AnAccount().Named("Contoso Industrial").WithLimit(10_000).SuspendedBecause("A judgment at the bureau").Create(world.Service);
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Fabrikam").WithLimit(10_000).Create(world.Service);
        heldOrder = AnOrder().For(CreditTestIds.SecondCustomer).Of(50_000).Create(world.SalesRep);
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(heldOrder));
    }

    public static TheoryData<string> People => new() { "Sam", "Colin", "Fiona", "Carl", "Ivy" };

    public void Dispose() => world.Dispose();

    [Theory]
    [MemberData(nameof(People))]
    public void NoOne_WritesAnAccountsCreditOutcome_ByAnyWriteRoute(string person)
    {
        var caller = Person(person);
        var before = world.Account(CreditTestIds.Customer);

        foreach (var (column, value) in AccountOutcomes)
        {
            foreach (var (route, write) in WriteRoutes(() => new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [column] = value }))
            {
                AssertRefused(person, route + " of account." + column, () => write(caller));
            }
        }

        var after = world.Account(CreditTestIds.Customer);
        foreach (var (column, _) in AccountOutcomes)
        {
            Assert.Equal(Show(before.Contains(column) ? before[column] : null), Show(after.Contains(column) ? after[column] : null));
        }

        Assert.True(after.GetAttributeValue<bool>(Account.Fields.IsSuspended));
    }

    [Theory]
    [MemberData(nameof(People))]
    public void NoOne_ReleasesAHeldOrder_NorEntersOneApproved_NorFulfilsOneOnHold(string person)
    {
        var caller = Person(person);
        var orders = world.CountOrders();

        foreach (var (route, write) in WriteRoutes(() => new Entity(SalesOrder.EntityLogicalName, heldOrder) { [SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)CreditStatus.Released) }))
        {
            AssertRefused(person, route + " of the held order's credit status", () => write(caller));
        }

        Entity Approved() => new(SalesOrder.EntityLogicalName, Guid.NewGuid())
        {
            [SalesOrder.Fields.Name] = "Entered approved",
            [SalesOrder.Fields.CustomerId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.SecondCustomer),
            [SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)CreditStatus.Approved),
        };
        AssertRefused(person, "Create of an approved order", () => caller.Create(Approved()));
        AssertRefused(person, "Upsert of an approved order", () => caller.Execute(new UpsertRequest { Target = Approved() }));
        AssertRefused(person, "ExecuteMultiple of an approved order", () => ThrowFirstFault(caller.Execute(Multiple(new CreateRequest { Target = Approved() }))));
        AssertRefused(person, "SetState of the held order to fulfilled", () => caller.Execute(new SetStateRequest
        {
            EntityMoniker = new EntityReference(SalesOrder.EntityLogicalName, heldOrder),
            State = new OptionSetValue(3),
            Status = new OptionSetValue(-1),
        }));

        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(heldOrder));
        Assert.Equal(0, world.Order(heldOrder).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.StateCode).Value);
        Assert.Equal(orders, world.CountOrders());
    }

    private static IEnumerable<(string Route, Action<IOrganizationService> Write)> WriteRoutes(Func<Entity> target)
    {
        yield return ("Update", caller => caller.Update(target()));
        yield return ("Upsert", caller => caller.Execute(new UpsertRequest { Target = target() }));
        yield return ("ExecuteMultiple", caller => ThrowFirstFault(caller.Execute(Multiple(new UpdateRequest { Target = target() }))));
        yield return ("ExecuteTransaction", caller => caller.Execute(new ExecuteTransactionRequest { Requests = [new UpdateRequest { Target = target() }] }));
        yield return ("UpdateMultiple", caller =>
        {
            var row = target();
            caller.Execute(new OrganizationRequest("UpdateMultiple") { ["Targets"] = new EntityCollection([row]) { EntityName = row.LogicalName } });
        });
    }

    private static ExecuteMultipleRequest Multiple(OrganizationRequest request) => new()
    {
        Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
        Requests = [request],
    };

    /// <summary>ExecuteMultiple answers a refused request as a fault in its responses rather than throwing.</summary>
    private static void ThrowFirstFault(OrganizationResponse response)
    {
        if (((ExecuteMultipleResponse)response).Responses.FirstOrDefault(r => r.Fault is not null)?.Fault is { } fault)
        {
            throw new FaultException<OrganizationServiceFault>(fault, fault.Message);
        }
    }

    private static void AssertRefused(string person, string what, Action attempt)
    {
        try
        {
            attempt();
        }
        catch (FaultException<OrganizationServiceFault>)
        {
            return;
        }

        Assert.Fail(person + ": " + what + " was accepted");
    }

    private static string Show(object? value) => value switch
    {
        Money money => money.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        null => "null",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private IOrganizationService Person(string name) => name switch
    {
        "Sam" => world.SalesRep,
        "Fiona" => world.CreditManager,
        "Carl" => world.CreditAdministrator,
        "Colin" => world.Context.As(world.Context.AUser("Colin Collector").WithRole(SolutionRoles.Collector).WithProfile(SolutionFieldSecurityProfiles.CollectionReaders).Create()),
        "Ivy" => world.Context.As(world.Context.AUser("Ivy Integration").WithRole(SolutionRoles.Integration).WithProfile("creditOS Integration Readers").Create()),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown person"),
    };
}
