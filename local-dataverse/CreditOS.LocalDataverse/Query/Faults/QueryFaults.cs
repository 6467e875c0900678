using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>The faults an invalid query gets, shaped and worded as Dataverse words them.</summary>
internal static class QueryFaults
{
    public static FaultException<OrganizationServiceFault> Create(int errorCode, string message)
    {
        var fault = new OrganizationServiceFault { ErrorCode = errorCode, Message = message };
        return new FaultException<OrganizationServiceFault>(fault, message);
    }

    public static FaultException<OrganizationServiceFault> UnknownTable(string table) =>
        Users.UnmodelledSettingsTables.Contains(table)
            ? CreditOS.LocalDataverse.Faults.DataverseFault.NotImplemented(Users.UnmodelledSettingsTables.Explanation(table))
            : Create(QueryErrorCodes.QueryBuilderNoEntity,
            $"The entity with a name = '{table}' with namemapping = 'Logical' was not found in the MetadataCache.");

    public static FaultException<OrganizationServiceFault> UnknownColumn(string table, string column) =>
        Create(QueryErrorCodes.QueryBuilderNoAttribute,
            $"'{table}' entity doesn't contain attribute with Name = '{column}' and NameMapping = 'Logical'.");

    public static FaultException<OrganizationServiceFault> UnknownColumn(CreditOS.Solution.Metadata.TableDefinition table, string column) =>
        Values.CompositeAddresses.UnmodelledComposite(table, column) is { } composite
            ? CreditOS.LocalDataverse.Faults.DataverseFault.NotImplemented(Values.CompositeAddresses.Explanation(table.LogicalName, composite))
            : UnknownColumn(table.LogicalName, column);

    public static FaultException<OrganizationServiceFault> UnknownAlias(string alias) =>
        Create(QueryErrorCodes.QueryBuilderAliasDoesNotExist,
            $"The specified alias for the given entity in the condition does not exist. (no link-entity is named or aliased '{alias}')");

    /// <summary>Something Dataverse does but the local Dataverse deliberately does not: it fails loudly rather than answer wrongly.</summary>
    public static FaultException<OrganizationServiceFault> NotSupported(string feature) =>
        Create(QueryErrorCodes.NotSupported, $"The local Dataverse does not support {feature}.");

    public static FaultException<OrganizationServiceFault> InvalidValue(string message) =>
        Create(QueryErrorCodes.QueryBuilderInvalidValue, message);

    public static FaultException<OrganizationServiceFault> InvalidArgument(string message) =>
        Create(QueryErrorCodes.InvalidArgument, message);

    public static FaultException<OrganizationServiceFault> InvalidFetchXml(string message) =>
        Create(QueryErrorCodes.QueryBuilderDeserializeInvalidNode, message);

    public static FaultException<OrganizationServiceFault> AggregateRecordLimitExceeded() =>
        Create(QueryErrorCodes.AggregateQueryRecordLimit, "AggregateQueryRecordLimit exceeded. Cannot perform this operation.");
}
