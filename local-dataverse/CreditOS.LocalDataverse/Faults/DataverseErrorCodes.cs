namespace CreditOS.LocalDataverse.Faults;

/// <summary>
/// Error codes the local Dataverse returns in <see cref="Microsoft.Xrm.Sdk.OrganizationServiceFault.ErrorCode"/>,
/// with the names Dataverse's "Web service error codes" reference gives them.
/// </summary>
public static class DataverseErrorCodes
{
    /// <summary>
    /// 0x80040225 (unManagedidsusernotenabled): "The specified user is either disabled or is not a member of any business
    /// unit." A call made as, or on behalf of, a disabled user (Web service error codes; the wording Dataverse answers is
    /// quoted in "Troubleshoot Dataverse plug-ins", "Error when executing in the context of a disabled user").
    /// </summary>
    public const int UserNotEnabled = unchecked((int)0x80040225);

    /// <summary>
    /// 0x8004F50E (AttributePermissionIsInvalid): "Permission '{0}' for field '{1}' with id={2} is invalid because '{3}' is
    /// false.", a field permission granting what the column cannot be secured for (a yes/no column's read).
    /// </summary>
    public const int AttributePermissionIsInvalid = unchecked((int)0x8004F50E);

    /// <summary>0x8004022b (unManagedidsownernotenabled): "The specified owner has been disabled." (a row given to a disabled user).</summary>
    public const int OwnerNotEnabled = unchecked((int)0x8004022b);

    /// <summary>0x8004F50C (AdminProfileCannotBeEditedOrDeleted): "The System Administrator field security profile cannot be modified or deleted."</summary>
    public const int AdminProfileCannotBeEditedOrDeleted = unchecked((int)0x8004F50C);

    /// <summary>0x80041d60 (BusinessUnitIsNotDisabledAndCannotBeDeleted): "Not disabled business unit cannot be deleted."</summary>
    public const int BusinessUnitIsNotDisabledAndCannotBeDeleted = unchecked((int)0x80041d60);

    /// <summary>0x80041d61 (BusinessUnitHasChildAndCannotBeDeleted): "Business unit has a child business unit and cannot be deleted."</summary>
    public const int BusinessUnitHasChildAndCannotBeDeleted = unchecked((int)0x80041d61);

    /// <summary>0x80040217: "{table} With Id = {id} Does Not Exist".</summary>
    public const int ObjectDoesNotExist = unchecked((int)0x80040217);

    /// <summary>
    /// 0x80060891 (RecordNotFoundByEntityKey): "A record with the specified key values does not exist in {0} entity", a row
    /// addressed by alternate key that no row holds (Web service error codes, reference/web-service-error-codes). It was
    /// answered with ObjectDoesNotExist's code before Web API round 9 (session 17).
    /// </summary>
    public const int RecordNotFoundByEntityKey = unchecked((int)0x80060891);

    /// <summary>0x80040507 AccountLoopBeingCreated: "Creating this parental association would create a loop in Accounts hierarchy."</summary>
    public const int AccountLoopBeingCreated = unchecked((int)0x80040507);

    /// <summary>0x80040506 AccountLoopExists: "Loop exists in the accounts hierarchy."</summary>
    public const int AccountLoopExists = unchecked((int)0x80040506);

    /// <summary>0x80040227 (CannotDeleteDueToAssociation): "The object you tried to delete is associated with another object and cannot be deleted." (a Restrict relationship).</summary>
    public const int CannotDeleteDueToAssociation = unchecked((int)0x80040227);

    /// <summary>0x80060882 (ConcurrencyVersionMismatch): "The version of the existing record doesn't match the RowVersion property provided."</summary>
    public const int ConcurrencyVersionMismatch = unchecked((int)0x80060882);

    /// <summary>0x80060883 (ConcurrencyVersionNotProvided): IfRowVersionMatches without a RowVersion.</summary>
    public const int ConcurrencyVersionNotProvided = unchecked((int)0x80060883);

    /// <summary>0x80040237: a row with that primary key already exists.</summary>
    public const int DuplicateRecord = unchecked((int)0x80040237);

    /// <summary>0x80060892: an alternate key's values are already used by another row.</summary>
    public const int DuplicateRecordEntityKey = unchecked((int)0x80060892);

    /// <summary>0x80041102: the table is not in the metadata.</summary>
    public const int QueryBuilderNoEntity = unchecked((int)0x80041102);

    /// <summary>0x80041103: the column is not in the table's metadata.</summary>
    public const int QueryBuilderNoAttribute = unchecked((int)0x80041103);

    /// <summary>0x80040203: invalid argument (wrong value type, bad request shape).</summary>
    public const int InvalidArgument = unchecked((int)0x80040203);

    /// <summary>0x8004431A: a number or choice value outside the column's valid range.</summary>
    public const int ValueOutOfRange = unchecked((int)0x8004431A);

    /// <summary>0x80044331: a string longer than the column's maximum length.</summary>
    public const int StringLengthTooLong = unchecked((int)0x80044331);

    /// <summary>0x80040265 (IsvAborted): a plug-in threw InvalidPluginExecutionException.</summary>
    public const int IsvAborted = unchecked((int)0x80040265);

    /// <summary>0x80040224 (IsvUnExpected): a plug-in threw any other exception.</summary>
    public const int IsvUnExpected = unchecked((int)0x80040224);

    /// <summary>0x80044182: the depth guard stopped a chain of plug-in calls as an infinite loop.</summary>
    public const int InfiniteLoopDetected = unchecked((int)0x80044182);

    /// <summary>0x8004800D: more requests in an ExecuteMultiple than the batch size allows (ErrorDetails["MaxBatchSize"]).</summary>
    public const int ExecuteMultipleBatchSizeExceeded = unchecked((int)0x8004800D);

    /// <summary>0x80044150: generic SQL error, used for the deadlock victim as SQL Server reports it.</summary>
    public const int GenericSqlError = unchecked((int)0x80044150);

    /// <summary>
    /// 0x80044151 (-2147204783): SQL timeout, used when a row lock could not be acquired in time. Dataverse's: "Error Code:
    /// -2147204783 Error Message: Sql error: 'Execution Timeout Expired. …'", blocking being "the most common cause" (Troubleshoot
    /// Dataverse plug-ins).
    /// </summary>
    public const int SqlTimeout = unchecked((int)0x80044151);

    /// <summary>0x80040251: there is no active transaction (a nested call failed and the caller carried on).</summary>
    public const int NoActiveTransaction = unchecked((int)0x80040251);

    /// <summary>
    /// 0x8009000C (-2146893812): a synchronous plug-in caught the fault of one of its service calls and returned normally.
    /// "ISV code reduced the open transaction count. Custom plug-ins should not catch exceptions from OrganizationService calls
    /// and continue processing." … "It should occur immediately and in the context of the plug-in that contains the problem"
    /// (Troubleshoot Dataverse plug-ins, "Transaction errors", learn.microsoft.com/power-apps/developer/data-platform/troubleshoot-plug-in).
    /// </summary>
    public const int IsvReducedOpenTransactionCount = unchecked((int)0x8009000C);

    /// <summary>
    /// 0x80048408 (-2147187704): the status value does not belong to the state value. "InvalidStateCodeStatusCode … State code is
    /// invalid or state code is valid but status code is invalid for a specified state code." (Web service error codes,
    /// learn.microsoft.com/power-apps/developer/data-platform/reference/web-service-error-codes). It was 0x80040278 before session 16.
    /// </summary>
    public const int InvalidStateCodeStatusCode = unchecked((int)0x80048408);

    /// <summary>0x80040216: unexpected error; also used for the messages the local Dataverse does not implement.</summary>
    public const int UnexpectedError = unchecked((int)0x80040216);

    /// <summary>0x80040220 (PrivilegeDenied): the caller holds no role granting the table privilege ("Principal user … is missing prv… privilege").</summary>
    public const int PrivilegeDenied = unchecked((int)0x80040220);

    /// <summary>0x80048306: the privilege is held but does not reach the row (owner or business unit out of its depth).</summary>
    public const int AccessDenied = unchecked((int)0x80048306);

    /// <summary>0x8004F502 (AttributePrivilegeCreateIsMissing): a value for a secured column on create without a profile granting create.</summary>
    public const int AttributePrivilegeCreateIsMissing = unchecked((int)0x8004F502);

    /// <summary>0x8004F507 (AttributePermissionUpdateIsMissingDuringUpdate): a secured column in an update without a profile granting update.</summary>
    public const int AttributePermissionUpdateIsMissingDuringUpdate = unchecked((int)0x8004F507);

    /// <summary>0x8004A110 (CannotActOnBehalfOfAnotherUser): CallerId impersonation by a caller without prvActOnBehalfOfAnotherUser.</summary>
    public const int CannotActOnBehalfOfAnotherUser = unchecked((int)0x8004A110);

    /// <summary>0x80040800 (SdkEntityDoesNotSupportMessage): "The 'Create' method does not support entities of type '…'" (intersect tables are written by Associate).</summary>
    public const int SdkEntityDoesNotSupportMessage = unchecked((int)0x80040800);
}
