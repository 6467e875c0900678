using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Security;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Disabled users cannot access the system. "Troubleshoot Dataverse plug-ins", "Error when executing in the context of a
/// disabled user": "The user with SystemUserId=&lt;User-ID&gt; in OrganizationContext=&lt;Context&gt; is disabled. Disabled users
/// cannot access the system. Consider enabling this user. Also, users are disabled if they don't have a license assigned to
/// them."; the error list names the code unManagedidsusernotenabled 0x80040225. Before session 20 a disabled user was served.
/// </summary>
public sealed class DisabledUserProbes
{
    [Fact]
    public void ADisabledUsersOwnCall_IsRefused_AndWritesNothing()
    {
        using var env = SecurityTestSetup.Solution();
        Disable(env, FixedIds.SalesRep);

        var fault = FaultAssert.Throws(DataverseErrorCodes.UserNotEnabled, () => env.As(FixedIds.SalesRep).Create(new Entity("account") { ["name"] = "Contoso" }));

        Assert.Equal(
            $"The user with SystemUserId={FixedIds.SalesRep:D} in OrganizationContext={env.Dataverse.OrganizationId:D} is disabled. Disabled users cannot access the system. Consider enabling this user. Also, users are disabled if they don't have a license assigned to them.",
            fault.Message);
        Assert.Equal(0, env.Dataverse.Count("account"));
    }

    [Fact]
    public void ADisabledUser_CannotEvenRead()
    {
        using var env = SecurityTestSetup.Solution();
        var account = env.Service.Create(new Entity("account") { ["name"] = "Contoso" });
        Disable(env, FixedIds.SalesRep);

        FaultAssert.Throws(DataverseErrorCodes.UserNotEnabled, () => env.As(FixedIds.SalesRep).Retrieve("account", account, new ColumnSet("name")));
        FaultAssert.Throws(DataverseErrorCodes.UserNotEnabled, () => env.As(FixedIds.SalesRep).RetrieveMultiple(new QueryExpression("account")));
    }

    [Fact]
    public void ImpersonatingADisabledUser_IsRefused()
    {
        using var env = SecurityTestSetup.Solution();
        Disable(env, FixedIds.SalesRep);
        var service = env.Dataverse.GetOrganizationService(FixedIds.AdminUser);
        service.CallerId = FixedIds.SalesRep;

        var fault = FaultAssert.Throws(DataverseErrorCodes.UserNotEnabled, () => service.Create(new Entity("account") { ["name"] = "Contoso" }));

        Assert.Contains($"SystemUserId={FixedIds.SalesRep:D}", fault.Message, StringComparison.Ordinal);
        Assert.Equal(0, env.Dataverse.Count("account"));
    }

    [Fact]
    public void ADisabledAdministrator_CannotActOnBehalfOfAnEnabledUser()
    {
        using var env = SecurityTestSetup.Solution();
        Disable(env, FixedIds.AdminUser);
        var service = env.Dataverse.GetOrganizationService(FixedIds.AdminUser);
        service.CallerId = FixedIds.SalesRep;

        var fault = FaultAssert.Throws(DataverseErrorCodes.UserNotEnabled, () => service.Create(new Entity("account") { ["name"] = "Contoso" }));

        Assert.Contains($"SystemUserId={FixedIds.AdminUser:D}", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AUserEnabledAgain_IsServed()
    {
        using var env = SecurityTestSetup.Solution();
        Disable(env, FixedIds.SalesRep);
        SetDisabled(env, FixedIds.SalesRep, false);

        env.As(FixedIds.SalesRep).Create(new Entity("account") { ["name"] = "Contoso" });

        Assert.Equal(1, env.Dataverse.Count("account"));
    }

    private static void Disable(DataverseTestContext env, Guid user) => SetDisabled(env, user, true);

    private static void SetDisabled(DataverseTestContext env, Guid user, bool disabled) =>
        env.Service.Update(new Entity("systemuser", user) { ["isdisabled"] = disabled });
}
