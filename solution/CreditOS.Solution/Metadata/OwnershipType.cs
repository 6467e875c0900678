namespace CreditOS.Solution.Metadata;

public enum OwnershipType
{
    UserOwned,
    OrganizationOwned,
    None,
}
