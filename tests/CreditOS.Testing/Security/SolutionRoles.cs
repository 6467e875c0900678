namespace CreditOS.Testing.Security;

/// <summary>The names of the security roles the solution ships (solution/src/Roles), and the built-in System Administrator.</summary>
public static class SolutionRoles
{
    public const string SalesRep = "creditOS Sales Rep";
    public const string FinanceApprover = "creditOS Finance Approver";
    public const string CreditAdministrator = "creditOS Credit Administrator";
    public const string Integration = "creditOS Integration";
    public const string Collector = "creditOS Collector";
}

/// <summary>The names of the field security profiles the solution ships (solution/src/Other/FieldSecurityProfiles.xml).</summary>
public static class SolutionFieldSecurityProfiles
{
    /// <summary>Sales reps: read the credit columns, never change them.</summary>
    public const string CreditReaders = "creditOS Credit Readers";

    /// <summary>Finance: change limits, holds and suspensions.</summary>
    public const string CreditDeciders = "creditOS Credit Deciders";

    /// <summary>Credit administrators: read the credit columns.</summary>
    public const string CreditConfigurers = "creditOS Credit Configurers";

    /// <summary>Collectors: read the account's credit columns, never change them.</summary>
    public const string CollectionReaders = "creditOS Collection Readers";
}
