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

    /// <summary>
    /// Whether <paramref name="column"/> is createdonbehalfby or modifiedonbehalfby of a table with an owner: Dataverse has both
    /// ("If you need to see the ID of the user who actually performed an operation for another user, you can query the record's
    /// createdonbehalfby value", Impersonate another user using the Web API, and its <c>$expand=createdby(…),createdonbehalfby(…)</c>
    /// example), the local metadata does not (impersonated writes are not stamped). Naming one is therefore refused as not implemented,
    /// never as a column the table lacks (Web API round 14; it answered 0x80041103 / 400 "Could not find a property named").
    /// </summary>
    public static bool IsUnmodelledOnBehalfOf(CreditOS.Solution.Metadata.TableDefinition table, string column) =>
        table.Ownership != CreditOS.Solution.Metadata.OwnershipType.None && column is CreatedOnBehalfBy or ModifiedOnBehalfBy && table.FindColumn(column) is null;

    /// <summary>The fault for <see cref="IsUnmodelledOnBehalfOf"/>.</summary>
    public static System.ServiceModel.FaultException<Microsoft.Xrm.Sdk.OrganizationServiceFault> OnBehalfOfNotImplemented(string table, string column) =>
        Faults.DataverseFault.NotImplemented(
            $"the column '{column}' of '{table}' (Dataverse stamps createdonbehalfby and modifiedonbehalfby with the user who acted for the impersonated one; the local metadata does not hold them and impersonated writes are not stamped). Read createdby/modifiedby, or test this in a Dataverse environment");

    /// <summary>Columns whose values a caller cannot set: Dataverse ignores what is sent and writes its own.</summary>
    public static IReadOnlySet<string> MaintainedByPlatform { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CreatedOn, ModifiedOn, CreatedBy, ModifiedBy, VersionNumber, OwningBusinessUnit, OwningUser, OwningTeam,
        CreatedOnBehalfBy, ModifiedOnBehalfBy,
    };
}
