using System.Globalization;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Faults;

/// <summary>Builds the faults the organization service raises, shaped and worded as Dataverse's.</summary>
public static class DataverseFault
{
    public static FaultException<OrganizationServiceFault> Create(int errorCode, string message, string? traceText = null)
    {
        var fault = new OrganizationServiceFault
        {
            ErrorCode = errorCode,
            Message = message,
            Timestamp = DateTime.UtcNow,
            TraceText = traceText,
        };
        return Wrap(fault);
    }

    public static FaultException<OrganizationServiceFault> Wrap(OrganizationServiceFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return new FaultException<OrganizationServiceFault>(fault, fault.Message);
    }

    public static FaultException<OrganizationServiceFault> RecordNotFound(string table, Guid id) =>
        Create(DataverseErrorCodes.ObjectDoesNotExist, Invariant($"{table} With Id = {id:D} Does Not Exist"));

    /// <summary>
    /// The bulk form of <see cref="RecordNotFound"/>: UpdateMultiple naming a row that does not exist, "Contact With Ids = &lt;guid&gt;
    /// Do Not Exist" ("Use bulk operation messages", Troubleshooting common errors, client errors). The code is not given there;
    /// it is taken to be the single message's ObjectDoesNotExist.
    /// </summary>
    public static FaultException<OrganizationServiceFault> RecordsNotFound(string table, Guid id) =>
        Create(DataverseErrorCodes.ObjectDoesNotExist, Invariant($"{table} With Ids = {id:D} Do Not Exist"));

    /// <summary>
    /// An Entity whose Id and primary-key column hold two different ids. Dataverse's sentence, "Entity Id must be the same as the
    /// value set in property bag.", is not in Microsoft's published error list; it and its code (0x80040216, the generic
    /// unexpected error) are as DLaB.Xrm.LocalCrm (daryllabar/XrmUnitTest, CrmExceptions) reproduces the platform's answer.
    /// </summary>
    public static FaultException<OrganizationServiceFault> EntityIdMismatch() =>
        Create(DataverseErrorCodes.UnexpectedError, "Entity Id must be the same as the value set in property bag.");

    public static FaultException<OrganizationServiceFault> RecordNotFoundByKey(string table) =>
        Create(
            DataverseErrorCodes.RecordNotFoundByEntityKey,
            Invariant($"A record with the specified key values does not exist in {table} entity"));

    public static FaultException<OrganizationServiceFault> UnknownTable(string table) =>
        Users.UnmodelledSettingsTables.Contains(table)
            ? NotImplemented(Users.UnmodelledSettingsTables.Explanation(table))
            : Create(
            DataverseErrorCodes.QueryBuilderNoEntity,
            Invariant($"The entity with a name = '{table}' with namemapping = 'Logical' was not found in the MetadataCache."));

    public static FaultException<OrganizationServiceFault> UnknownColumn(string table, string column) =>
        Create(
            DataverseErrorCodes.QueryBuilderNoAttribute,
            Invariant($"'{table}' entity doesn't contain attribute with Name = '{column}' and NameMapping = 'Logical'."));

    public static FaultException<OrganizationServiceFault> UnknownColumn(CreditOS.Solution.Metadata.TableDefinition table, string column) =>
        Values.CompositeAddresses.UnmodelledComposite(table, column) is { } composite
            ? NotImplemented(Values.CompositeAddresses.Explanation(table.LogicalName, composite))
            : UnknownColumn(table.LogicalName, column);

    public static FaultException<OrganizationServiceFault> InvalidArgument(string message) =>
        Create(DataverseErrorCodes.InvalidArgument, message);

    public static FaultException<OrganizationServiceFault> NotImplemented(string what) =>
        Create(DataverseErrorCodes.UnexpectedError, Invariant($"The local Dataverse does not implement {what}"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
