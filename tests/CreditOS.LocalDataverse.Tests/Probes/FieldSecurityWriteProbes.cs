using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Security;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Secured columns through the messages that carry a write inside them. Upsert is a Create or an Update ("Understand the upsert
/// process": the row is created when none matches, updated otherwise), so field security asks create permission
/// (AttributePrivilegeCreateIsMissing 0x8004F502) or update permission (0x8004F507) as those messages do; an ExecuteMultiple item
/// faults on its own ("ContinueOnError … the remaining requests are processed"); an ExecuteTransaction rolls back every request
/// and names the failing one (ExecuteTransactionFault.FaultedRequestIndex). Reading under impersonation: "Dynamics 365 evaluates if
/// the caller and the impersonated user have access to each retrieved record … and each secured field" (Use field security to
/// control access to field values, "How do secured fields behave for Retrieve and RetrieveMultiple?").
/// </summary>
public sealed class FieldSecurityWriteProbes
{
    [Fact]
    public void AnUpsertThatCreates_WithASecuredColumn_AsksCreatePermission_AndCreatesNothing()
    {
        using var env = SecurityTestSetup.Solution();
        var target = new Entity("account", Guid.NewGuid()) { ["name"] = "Contoso", ["creditlimit"] = new Money(1_000m) };

        FaultAssert.Throws(DataverseErrorCodes.AttributePrivilegeCreateIsMissing, () => env.As(FixedIds.SalesRep).Execute(new UpsertRequest { Target = target }));

        Assert.Equal(0, env.Dataverse.Count("account"));
    }

    [Fact]
    public void AnUpsertThatUpdates_WithASecuredColumn_AsksUpdatePermission_AndChangesNothing()
    {
        using var env = SecurityTestSetup.Solution();
        var id = env.As(FixedIds.SalesRep).Create(new Entity("account") { ["name"] = "Contoso" });

        FaultAssert.Throws(
            DataverseErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate,
            () => env.As(FixedIds.SalesRep).Execute(new UpsertRequest { Target = new Entity("account", id) { ["name"] = "Contoso Ltd", ["creditlimit"] = new Money(1_000m) } }));

        var row = env.Service.Retrieve("account", id, new ColumnSet("name", "creditlimit"));
        Assert.Equal("Contoso", row.GetAttributeValue<string>("name"));
        Assert.False(row.Contains("creditlimit"));
    }

    [Fact]
    public void InAnExecuteMultiple_TheSecuredWriteFaultsItsItemAlone()
    {
        using var env = SecurityTestSetup.Solution();
        var id = env.As(FixedIds.SalesRep).Create(new Entity("account") { ["name"] = "Contoso" });
        var batch = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            Requests = new OrganizationRequestCollection
            {
                new UpdateRequest { Target = new Entity("account", id) { ["creditlimit"] = new Money(1_000m) } },
                new CreateRequest { Target = new Entity("account") { ["name"] = "Fabrikam" } },
            },
        };

        var responses = ((ExecuteMultipleResponse)env.As(FixedIds.SalesRep).Execute(batch)).Responses;

        Assert.Equal(DataverseErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate, responses.Single(r => r.RequestIndex == 0).Fault.ErrorCode);
        Assert.Null(responses.Single(r => r.RequestIndex == 1).Fault);
        Assert.Equal(2, env.Dataverse.Count("account"));
    }

    [Fact]
    public void InAnExecuteTransaction_TheSecuredWriteRollsBackTheEarlierCreate_AndIsNamed()
    {
        using var env = SecurityTestSetup.Solution();
        var id = env.As(FixedIds.SalesRep).Create(new Entity("account") { ["name"] = "Contoso" });
        var transaction = new ExecuteTransactionRequest
        {
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = new Entity("account") { ["name"] = "Fabrikam" } },
                new UpdateRequest { Target = new Entity("account", id) { ["creditlimit"] = new Money(1_000m) } },
            },
        };

        var fault = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => { env.As(FixedIds.SalesRep).Execute(transaction); });

        var detail = Assert.IsType<ExecuteTransactionFault>(fault.Detail);
        Assert.Equal(1, detail.FaultedRequestIndex);
        Assert.Equal(DataverseErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate, detail.ErrorCode);
        Assert.Equal(1, env.Dataverse.Count("account"));
    }

    [Fact]
    public void UnderImpersonation_ASecuredColumnTheImpersonatedUserMayNotRead_IsLeftOut()
    {
        using var env = SecurityTestSetup.Solution();
        var noProfile = env.AUser("Fred Finance").WithRole(SolutionRoles.FinanceApprover).Create();
        var id = env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(50_000m) });
        var service = env.Dataverse.GetOrganizationService(FixedIds.AdminUser);
        service.CallerId = noProfile;

        var row = service.Retrieve("account", id, new ColumnSet("name", "creditlimit"));

        Assert.Equal("Contoso", row.GetAttributeValue<string>("name"));
        Assert.False(row.Contains("creditlimit"));
    }
}
