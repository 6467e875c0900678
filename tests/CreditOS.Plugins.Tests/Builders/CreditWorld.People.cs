using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins.Tests.Builders;

/// <summary>
/// The people the pipeline tests act as, each through the local Dataverse with their own roles and profiles, and the
/// clock they act on: one fixture for every test class instead of the same properties repeated per class.
/// </summary>
internal sealed partial class CreditWorld
{
    /// <summary>Sam, a sales rep (creditOS Sales Representative).</summary>
    public IOrganizationService SalesRep => Context.As(FixedIds.SalesRep);

    /// <summary>Fiona, the credit manager (creditOS Finance Approver).</summary>
    public IOrganizationService CreditManager => Context.As(FixedIds.FinanceApprover);

    /// <summary>Carl, the credit administrator (creditOS Credit Administrator, Credit Configurers profile).</summary>
    public IOrganizationService CreditAdministrator => Context.As(FixedIds.CreditOfficer);

    /// <summary>Another credit manager (Finance Approver, Credit Deciders profile), in <paramref name="team"/> when given.</summary>
    public Guid AnotherFinanceApprover(string fullName, Guid? team = null)
    {
        var user = Context.AUser(fullName).WithRole(SolutionRoles.FinanceApprover).WithProfile(SolutionFieldSecurityProfiles.CreditDeciders);
        return (team is { } owner ? user.InTeam(owner) : user).Create();
    }

    /// <summary>The Credit Administrator's matrix gives Fiona a row of her own (the shipped default row covers the others).</summary>
    public void GiveFionaAnAuthorityOf(decimal amount) => Service.Create(new Entity("cos_approvalauthority")
    {
        ["cos_name"] = "Fiona",
        ["cos_userid"] = new EntityReference("systemuser", FixedIds.FinanceApprover),
        ["cos_maximumamount"] = amount,
    });

    /// <summary>
    /// The authority tests' two deciders: Fiona with a row of her own in the Credit Administrator's matrix of
    /// <paramref name="fionasAuthority"/>, and Frank (another Finance approver) under the shipped default row; Frank's id.
    /// </summary>
    public Guid FionaWithAnAuthorityOfAndFrank(decimal fionasAuthority)
    {
        var frank = AnotherFinanceApprover("Frank Finance");
        GiveFionaAnAuthorityOf(fionasAuthority);
        return frank;
    }

    /// <summary>The local Dataverse's time, in UTC.</summary>
    public DateTime Now => Context.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Moves the local Dataverse's clock on.</summary>
    public void Advance(TimeSpan time) => Context.Clock.Advance(time);
}
