namespace CreditOS.LocalDataverse.Values;

/// <summary>Logical names of the columns Dataverse maintains itself.</summary>
public static class SystemColumns
{
    public const string CreatedOn = "createdon";
    public const string ModifiedOn = "modifiedon";
    public const string CreatedBy = "createdby";
    public const string ModifiedBy = "modifiedby";
    public const string OwnerId = "ownerid";
    public const string OwningBusinessUnit = "owningbusinessunit";
    public const string OwningUser = "owninguser";
    public const string OwningTeam = "owningteam";
    public const string VersionNumber = "versionnumber";
    public const string StateCode = "statecode";
    public const string StatusCode = "statuscode";
    public const string CreatedOnBehalfBy = "createdonbehalfby";
    public const string ModifiedOnBehalfBy = "modifiedonbehalfby";

    /// <summary>Columns whose values a caller cannot set: Dataverse ignores what is sent and writes its own.</summary>
    public static IReadOnlySet<string> MaintainedByPlatform { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CreatedOn, ModifiedOn, CreatedBy, ModifiedBy, VersionNumber, OwningBusinessUnit, OwningUser, OwningTeam,
        CreatedOnBehalfBy, ModifiedOnBehalfBy,
    };
}
