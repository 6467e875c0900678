using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Security;

/// <summary>Who a call runs as: impersonation through CallerId, and the services plug-ins make for the caller or for SYSTEM.</summary>
public sealed class CallerIdentityTests
{
    [Fact]
    public void CallerId_RunsTheCallAsTheImpersonatedUser_WithTheirSecurity()
    {
        using var env = SecurityTestSetup.Solution();
        var service = env.Dataverse.GetOrganizationService(FixedIds.AdminUser);
        service.CallerId = FixedIds.SalesRep;

        var account = service.Create(new Entity("account") { ["name"] = "Contoso" });
        var fault = FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => service.Create(new Entity("cos_creditpolicy") { ["cos_name"] = "Generous" }));

        Assert.Equal(FixedIds.SalesRep, env.Service.Retrieve("account", account, new ColumnSet("createdby")).GetAttributeValue<EntityReference>("createdby").Id);
        Assert.Contains($"Principal user (Id={FixedIds.SalesRep:D}", fault.Message, StringComparison.Ordinal);
        Assert.Equal(FixedIds.SalesRep, ((Microsoft.Crm.Sdk.Messages.WhoAmIResponse)service.Execute(new Microsoft.Crm.Sdk.Messages.WhoAmIRequest())).UserId);
    }

    [Fact]
    public void CallerId_SetByAUserWhoMayNotActOnBehalfOfOthers_IsRefused()
    {
        using var env = SecurityTestSetup.Solution();
        var service = env.Dataverse.GetOrganizationService(FixedIds.SalesRep);
        service.CallerId = FixedIds.AdminUser;

        var fault = FaultAssert.Throws(DataverseErrorCodes.CannotActOnBehalfOfAnotherUser, () => service.Create(new Entity("cos_creditpolicy") { ["cos_name"] = "Mine" }));

        Assert.StartsWith("User does not have the privilege to act on behalf another user.", fault.Message, StringComparison.Ordinal);
        Assert.Equal(0, env.Dataverse.Count("cos_creditpolicy"));
    }

    [Fact]
    public void PluginServiceForTheCallingUser_CarriesTheirSecurity()
    {
        using var env = SecurityTestSetup.SolutionBuilder().WithPlugin<ServiceIdentityProbePlugin>().Build();
        var account = env.Service.Create(new Entity("account") { ["name"] = "Contoso" });

        var fault = FaultAssert.Throws(
            DataverseErrorCodes.PrivilegeDenied,
            () => env.As(FixedIds.SalesRep).Create(new Entity("contact") { ["lastname"] = "Doe", ["jobtitle"] = "as-user", ["parentcustomerid"] = new EntityReference("account", account) }));

        Assert.Contains("is missing prvCreatecos_CreditPolicy privilege", fault.Message, StringComparison.Ordinal);
        Assert.Equal(0, env.Dataverse.Count("contact"));
    }

    [Fact]
    public void PluginServiceForNull_RunsAsSystem_AndIsNotChecked()
    {
        using var env = SecurityTestSetup.SolutionBuilder().WithPlugin<ServiceIdentityProbePlugin>().Build();

        env.As(FixedIds.SalesRep).Create(new Entity("contact") { ["lastname"] = "Doe", ["jobtitle"] = "as-system" });

        var policy = env.Service.RetrieveMultiple(new QueryExpression("cos_creditpolicy") { ColumnSet = new ColumnSet("createdby") }).Entities.Single();
        Assert.Equal(env.Dataverse.SystemUserId, policy.GetAttributeValue<EntityReference>("createdby").Id);
    }

    [Fact]
    public void ExecuteMultiple_RunsEveryRequestAsTheCaller()
    {
        using var env = SecurityTestSetup.Solution();
        var requests = new OrganizationRequestCollection
        {
            new CreateRequest { Target = new Entity("account") { ["name"] = "Contoso" } },
            new CreateRequest { Target = new Entity("cos_creditpolicy") { ["cos_name"] = "Generous" } },
        };

        var response = (ExecuteMultipleResponse)env.As(FixedIds.SalesRep).Execute(new ExecuteMultipleRequest
        {
            Requests = requests,
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
        });

        Assert.Null(response.Responses.Single(r => r.RequestIndex == 0).Fault);
        Assert.Equal(DataverseErrorCodes.PrivilegeDenied, response.Responses.Single(r => r.RequestIndex == 1).Fault.ErrorCode);
    }
}
