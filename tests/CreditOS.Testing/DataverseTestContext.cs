using Microsoft.Extensions.Time.Testing;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Testing;

/// <summary>A local Dataverse ready for a test: a fake clock, the usual users, and services acting as them.</summary>
public sealed class DataverseTestContext : IDisposable
{
    internal DataverseTestContext(LocalDataverse.LocalDataverse dataverse, FakeTimeProvider clock)
    {
        Dataverse = dataverse;
        Clock = clock;
        Dataverse.CreateUser("Ada Admin", FixedIds.AdminUser);
        Dataverse.CreateUser("Carl Credit", FixedIds.CreditOfficer);
        Dataverse.CreateUser("Fiona Finance", FixedIds.FinanceApprover);
        Dataverse.CreateUser("Sam Sales", FixedIds.SalesRep);
        Service = Dataverse.GetOrganizationService(FixedIds.AdminUser);
    }

    public LocalDataverse.LocalDataverse Dataverse { get; }

    /// <summary>Starts at <see cref="FixedIds.Now"/>; advance it to move time.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>An organization service acting as the admin user.</summary>
    public IOrganizationService Service { get; }

    public IOrganizationService As(Guid userId) => Dataverse.GetOrganizationService(userId);

    public void Dispose() => Dataverse.Dispose();
}
