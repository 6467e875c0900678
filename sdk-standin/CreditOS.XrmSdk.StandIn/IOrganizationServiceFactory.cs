namespace Microsoft.Xrm.Sdk;

/// <summary>Creates organization services that run as a given user (null: the system user).</summary>
public interface IOrganizationServiceFactory
{
    IOrganizationService CreateOrganizationService(Guid? userId);
}
