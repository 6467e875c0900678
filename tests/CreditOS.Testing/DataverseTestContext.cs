using CreditOS.Testing.Security;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Testing;

/// <summary>
/// A local Dataverse ready for a test: a fake clock, the usual users with the solution's own security, and services
/// acting as them. The local Dataverse enforces security for every user but SYSTEM, so each user holds what the
/// person would hold in production:
/// Ada (AdminUser) the System Administrator role and the System Administrator field security profile;
/// Carl (CreditOfficer) creditOS Credit Administrator with the Credit Configurers profile;
/// Fiona (FinanceApprover) creditOS Finance Approver with the Credit Deciders profile;
/// Sam (SalesRep) creditOS Sales Rep with the Credit Readers profile.
/// </summary>
public sealed class DataverseTestContext : IDisposable
{
    private const string SecurityRoleIntersect = "systemuserroles";

    internal DataverseTestContext(LocalDataverse.LocalDataverse dataverse, FakeTimeProvider clock)
    {
        Dataverse = dataverse;
        Clock = clock;
        if (Dataverse.Metadata.FindTable(SecurityRoleIntersect) is null)
        {
            // A catalog without the security tables (generic tests of the engine): plain users, as before.
            Dataverse.CreateUser("Ada Admin", FixedIds.AdminUser);
            Dataverse.CreateUser("Carl Credit", FixedIds.CreditOfficer);
            Dataverse.CreateUser("Fiona Finance", FixedIds.FinanceApprover);
            Dataverse.CreateUser("Sam Sales", FixedIds.SalesRep);
        }
        else
        {
            AUser("Ada Admin").WithId(FixedIds.AdminUser).AsSystemAdministrator().WithSystemAdministratorProfile().Create();
            AUser("Carl Credit").WithId(FixedIds.CreditOfficer).WithRole(SolutionRoles.CreditAdministrator).WithProfile(SolutionFieldSecurityProfiles.CreditConfigurers).Create();
            AUser("Fiona Finance").WithId(FixedIds.FinanceApprover).WithRole(SolutionRoles.FinanceApprover).WithProfile(SolutionFieldSecurityProfiles.CreditDeciders).Create();
            AUser("Sam Sales").WithId(FixedIds.SalesRep).WithRole(SolutionRoles.SalesRep).WithProfile(SolutionFieldSecurityProfiles.CreditReaders).Create();
        }

        Service = Dataverse.GetOrganizationService(FixedIds.AdminUser);
    }

    public LocalDataverse.LocalDataverse Dataverse { get; }

    /// <summary>Starts at <see cref="FixedIds.Now"/>; advance it to move time.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>An organization service acting as the admin user.</summary>
    public IOrganizationService Service { get; }

    /// <summary>An organization service acting as the user, with their roles and profiles enforced.</summary>
    public IOrganizationService As(Guid userId) => Dataverse.GetOrganizationService(userId);

    /// <summary>An organization service as SYSTEM (no security checks): for arranging rows no person could write, as a plug-in running as SYSTEM would.</summary>
    public IOrganizationService System => Dataverse.GetOrganizationService();

    /// <summary>A user to set up: <c>env.AUser("Sam").WithRole(SolutionRoles.SalesRep).InBusinessUnit(bu).Create()</c>.</summary>
    public UserBuilder AUser(string fullName) => new(Dataverse, fullName);

    /// <summary>A business unit under the root one (or under <paramref name="parentBusinessUnitId"/>).</summary>
    public Guid ABusinessUnit(string name, Guid? parentBusinessUnitId = null) => Dataverse.CreateBusinessUnit(name, parentBusinessUnitId: parentBusinessUnitId);

    /// <summary>An owner team in the business unit (the root one when null) holding the given solution roles.</summary>
    public Guid ATeam(string name, Guid? businessUnitId = null, params string[] solutionRoleNames)
    {
        var team = Dataverse.CreateTeam(name, businessUnitId);
        foreach (var role in solutionRoleNames)
        {
            Dataverse.AssignTeamRole(team, Dataverse.SolutionRoleId(role));
        }

        return team;
    }

    public void Dispose() => Dataverse.Dispose();
}
